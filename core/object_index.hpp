// Tenant::objects: the ids of a tenant's users and groups (one id space, R1.3) to their objects. An
// open-addressing table of 16-byte slots whose ids stay in the tenant's arena; the node-based
// std::unordered_map it replaced cost a heap node of about 48 bytes per object plus its bucket.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/string_arena.hpp"

namespace tenantreach::core {

enum class MemberKind : std::uint8_t { User, Group };

struct ObjectRef {
  MemberKind kind;
  std::uint32_t index;  // into Tenant::users or Tenant::groups
};

class ObjectIndex {
 public:
  struct Entry {
    Text id;
    ObjectRef ref;
  };

  void clear();
  void reserve(std::size_t objects);
  // Adds `id` (a Text that outlives the index); when the id is there already, adds nothing and returns the
  // entry that holds it (the first object with an id keeps it).
  const Entry* insert(Text id, ObjectRef ref);
  const Entry* find(std::string_view id) const;
  // The Text of the object with `id`, else a copy of `id` in `strings`: a group's members share the ids of the
  // objects read before them instead of holding copies (member ids are most of a directory's strings).
  Text shared_id(std::string_view id, StringArena& strings) const;
  std::size_t size() const { return size_; }

 private:
  struct Probe {
    std::size_t slot;
    std::uint8_t tag;
  };
  // The slot holding `id`, or the free slot where it would go, with the tag of `id`.
  Probe probe(std::string_view id) const;
  void rehash(std::size_t capacity);

  std::vector<Entry> slots_;  // a power of two, at most three quarters full
  // Per slot: 0 when free, else 0x80 | the top 7 bits of its id's hash. A probe compares ids only where the tag
  // matches: an id is in the arena, a cache miss away, and a probe passes several slots on a full table.
  std::vector<std::uint8_t> tags_;
  std::size_t size_ = 0;
};

}  // namespace tenantreach::core

// Tenant::objects: the ids of a tenant's users and groups (one id space, R1.3) to their objects. An
// open-addressing table of 16-byte slots whose ids stay in the tenant's arena; the node-based
// std::unordered_map it replaced cost a heap node of about 48 bytes per object plus its bucket.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/string_arena.hpp"

namespace tenantreach::core {

enum class MemberKind : std::uint8_t { User, Group };

struct ObjectRef {
  MemberKind kind;
  std::uint32_t index;  // into Tenant::users or Tenant::groups
};

// A member of a group: its id as the export gives it, and the object it names, resolved once (ingest, the
// snapshot decoder, core::build_indexes) so that the compiler and the rules read indexes instead of looking
// ids up again. 16 bytes: the index sits in what would be padding.
struct MemberRef {
  static constexpr std::uint32_t kUnresolved = UINT32_MAX;
  MemberKind kind;
  std::uint32_t index = kUnresolved;  // into Tenant::users or groups (by kind); kUnresolved when no such object
  Text id;
};
static_assert(sizeof(MemberRef) == 16);

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
  // The member `id` of kind `kind`: the Text of the object with that id, else a copy of `id` in `strings` (a
  // group's members share the ids of the objects read before them instead of holding copies: member ids are
  // most of a directory's strings), and that object's index when it is of that kind.
  MemberRef member(MemberKind kind, std::string_view id, StringArena& strings) const;
  // Sets the index of each of `members` left unresolved whose object is in the index now.
  void resolve(std::span<MemberRef> members) const;
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

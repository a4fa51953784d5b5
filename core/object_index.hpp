// Tenant::objects: the ids of a tenant's users and groups (one id space, R1.3) to their objects. An
// open-addressing table of 4-byte slots (an object's kind and index) with a 1-byte tag each. The ids are not
// stored again: a probe reads the id of a slot whose tag matches from the object itself, through `id_of`
// (Tenant::object_ids()). The node-based std::unordered_map of the first versions cost about 48 bytes per object
// plus its bucket; a table of 16-byte slots holding the ids, 34 bytes per user object on preset M; this one 10.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "core/string_arena.hpp"

namespace tenantreach::core {

enum class MemberKind : std::uint8_t { User, Group };

struct ObjectRef {
  MemberKind kind;
  std::uint32_t index;  // into Tenant::users or Tenant::groups
  friend bool operator==(ObjectRef, ObjectRef) = default;
};

// A member of a group (R1.3 groups): a user or group of the tenant by its index, or, when no object of its kind has
// its id (a dangling member, or one read before its object), the slot of that id in Group::unresolved_ids.
// Resolved once (ingest, the snapshot decoder, core::build_indexes), so that the compiler and the rules read
// indexes instead of looking ids up again. 4 bytes, where a member holding its id took 16: members are a tenth
// of a directory's memory (docs/DECISIONS.md, "Group members as 4-byte references").
class MemberRef {
 public:
  static constexpr std::uint32_t kMaxIndex = (std::uint32_t{1} << 30) - 1;  // the kind and the state take 2 bits

  // Throw std::length_error for an index or slot over kMaxIndex.
  static MemberRef object(MemberKind kind, std::uint32_t index) { return MemberRef(kind, index, 0); }
  static MemberRef unresolved(MemberKind kind, std::uint32_t slot) { return MemberRef(kind, slot, kUnresolvedBit); }

  MemberKind kind() const { return (bits_ & kGroupBit) != 0 ? MemberKind::Group : MemberKind::User; }
  bool resolved() const { return (bits_ & kUnresolvedBit) == 0; }
  std::uint32_t index() const { return bits_ & kMaxIndex; }  // into Tenant::users or groups, when resolved()
  std::uint32_t slot() const { return bits_ & kMaxIndex; }   // into Group::unresolved_ids, when not

  friend bool operator==(MemberRef, MemberRef) = default;

 private:
  static constexpr std::uint32_t kGroupBit = std::uint32_t{1} << 31;
  static constexpr std::uint32_t kUnresolvedBit = std::uint32_t{1} << 30;
  MemberRef(MemberKind kind, std::uint32_t value, std::uint32_t state) {
    if (value > kMaxIndex) throw std::length_error("more than 2^30 users, groups or members in one tenant");
    bits_ = value | state | (kind == MemberKind::Group ? kGroupBit : 0);
  }
  std::uint32_t bits_;
};
static_assert(sizeof(MemberRef) == 4);

// Every operation that probes takes `id_of`, a callable giving the id (a Text) of an object the index holds; it
// is called only for objects inserted before, so an object may be inserted before it is in its vector.
class ObjectIndex {
 public:
  // The kind takes the top bit; an index stays within what a MemberRef holds.
  static constexpr std::uint32_t kMaxIndex = MemberRef::kMaxIndex;

  void clear() {
    slots_.clear();
    tags_.clear();
    size_ = 0;
  }
  template <class IdOf> void reserve(std::size_t objects, const IdOf& id_of) {
    const std::size_t capacity = std::bit_ceil(objects + objects / 3 + 1);
    if (capacity > slots_.size()) rehash(capacity, id_of);
  }
  // Adds the object `ref` whose id is `id`; when an object has that id already, adds nothing and returns that
  // object (the first object with an id keeps it). Throws std::length_error for an index over kMaxIndex.
  template <class IdOf> std::optional<ObjectRef> insert(std::string_view id, ObjectRef ref, const IdOf& id_of) {
    if (ref.index > kMaxIndex) throw std::length_error("more than 2^30 users or groups in one tenant");
    if ((size_ + 1) * 4 > slots_.size() * 3) rehash(std::max<std::size_t>(16, slots_.size() * 2), id_of);
    const Probe at = probe(id, id_of);
    if (tags_[at.slot] != 0) return unpack(slots_[at.slot]);
    slots_[at.slot] = pack(ref);
    tags_[at.slot] = at.tag;
    ++size_;
    return std::nullopt;
  }
  template <class IdOf> std::optional<ObjectRef> find(std::string_view id, const IdOf& id_of) const {
    if (slots_.empty()) return std::nullopt;
    const Probe at = probe(id, id_of);
    if (tags_[at.slot] == 0) return std::nullopt;
    return unpack(slots_[at.slot]);
  }
  std::size_t size() const { return size_; }

 private:
  struct Probe {
    std::size_t slot;
    std::uint8_t tag;
  };
  static std::uint32_t pack(ObjectRef ref) {
    return ref.index | (ref.kind == MemberKind::Group ? std::uint32_t{1} << 31 : 0);
  }
  static ObjectRef unpack(std::uint32_t slot) {
    return ObjectRef{(slot >> 31) != 0 ? MemberKind::Group : MemberKind::User, slot & kMaxIndex};
  }
  // The slot holding `id`, or the free slot where it would go, with the tag of `id`.
  template <class IdOf> Probe probe(std::string_view id, const IdOf& id_of) const {
    const std::size_t hash = std::hash<std::string_view>{}(id);
    const auto tag = static_cast<std::uint8_t>(0x80 | (hash >> (8 * sizeof hash - 7)));
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
      if (tags_[slot] == 0 || (tags_[slot] == tag && id_of(unpack(slots_[slot])) == id)) return {slot, tag};
    }
  }
  template <class IdOf> void rehash(std::size_t capacity, const IdOf& id_of) {
    const std::vector<std::uint32_t> old = std::move(slots_);
    const std::vector<std::uint8_t> old_tags = std::move(tags_);
    slots_.assign(capacity, 0);
    tags_.assign(capacity, 0);
    for (std::size_t i = 0; i < old.size(); ++i) {
      if (old_tags[i] == 0) continue;
      const Probe free = probe(id_of(unpack(old[i])), id_of);
      slots_[free.slot] = old[i];
      tags_[free.slot] = free.tag;
    }
  }

  std::vector<std::uint32_t> slots_;  // a power of two, at most three quarters full
  // Per slot: 0 when free, else 0x80 | the top 7 bits of its id's hash. A probe reads an id only where the tag
  // matches: an id is in the arena, a cache miss or two away, and a probe passes several slots on a full table.
  std::vector<std::uint8_t> tags_;
  std::size_t size_ = 0;
};

}  // namespace tenantreach::core

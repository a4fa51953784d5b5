#include "core/object_index.hpp"

#include <algorithm>
#include <bit>
#include <functional>

namespace tenantreach::core {

void ObjectIndex::clear() {
  slots_.clear();
  tags_.clear();
  size_ = 0;
}

void ObjectIndex::reserve(std::size_t objects) {
  const std::size_t capacity = std::bit_ceil(objects + objects / 3 + 1);
  if (capacity > slots_.size()) rehash(capacity);
}

ObjectIndex::Probe ObjectIndex::probe(std::string_view id) const {
  const std::size_t hash = std::hash<std::string_view>{}(id);
  const auto tag = static_cast<std::uint8_t>(0x80 | (hash >> (8 * sizeof hash - 7)));
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    if (tags_[slot] == 0 || (tags_[slot] == tag && slots_[slot].id == id)) return {slot, tag};
  }
}

void ObjectIndex::rehash(std::size_t capacity) {
  std::vector<Entry> old = std::move(slots_);
  const std::vector<std::uint8_t> old_tags = std::move(tags_);
  slots_.assign(capacity, Entry{});
  tags_.assign(capacity, 0);
  for (std::size_t i = 0; i < old.size(); ++i) {
    if (old_tags[i] == 0) continue;
    const Probe free = probe(old[i].id);
    slots_[free.slot] = old[i];
    tags_[free.slot] = free.tag;
  }
}

const ObjectIndex::Entry* ObjectIndex::insert(Text id, ObjectRef ref) {
  if ((size_ + 1) * 4 > slots_.size() * 3) rehash(std::max<std::size_t>(16, slots_.size() * 2));
  const Probe at = probe(id);
  if (tags_[at.slot] != 0) return &slots_[at.slot];
  slots_[at.slot] = Entry{id, ref};
  tags_[at.slot] = at.tag;
  ++size_;
  return nullptr;
}

const ObjectIndex::Entry* ObjectIndex::find(std::string_view id) const {
  if (slots_.empty()) return nullptr;
  const Probe at = probe(id);
  return tags_[at.slot] == 0 ? nullptr : &slots_[at.slot];
}

MemberRef ObjectIndex::member(MemberKind kind, std::string_view id, StringArena& strings) const {
  const Entry* entry = find(id);
  if (entry == nullptr) return MemberRef{kind, MemberRef::kUnresolved, strings.add(id)};
  return MemberRef{kind, entry->ref.kind == kind ? entry->ref.index : MemberRef::kUnresolved, entry->id};
}

void ObjectIndex::resolve(std::span<MemberRef> members) const {
  for (MemberRef& member : members) {
    if (member.index != MemberRef::kUnresolved) continue;
    const Entry* entry = find(member.id);
    if (entry != nullptr && entry->ref.kind == member.kind) member.index = entry->ref.index;
  }
}

}  // namespace tenantreach::core

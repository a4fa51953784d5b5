#include "core/object_index.hpp"

#include <bit>
#include <functional>

namespace tenantreach::core {

void ObjectIndex::clear() {
  slots_.clear();
  size_ = 0;
}

void ObjectIndex::reserve(std::size_t objects) {
  const std::size_t capacity = std::bit_ceil(objects + objects / 3 + 1);
  if (capacity > slots_.size()) rehash(capacity);
}

std::size_t ObjectIndex::slot_of(std::string_view id) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t slot = std::hash<std::string_view>{}(id) & mask;; slot = (slot + 1) & mask) {
    const Entry& entry = slots_[slot];
    if (entry.ref.index == kEmpty || entry.id == id) return slot;
  }
}

void ObjectIndex::rehash(std::size_t capacity) {
  std::vector<Entry> old = std::move(slots_);
  slots_.assign(capacity, Entry{Text{}, ObjectRef{MemberKind::User, kEmpty}});
  for (const Entry& entry : old)
    if (entry.ref.index != kEmpty) slots_[slot_of(entry.id)] = entry;
}

const ObjectIndex::Entry* ObjectIndex::insert(Text id, ObjectRef ref) {
  if ((size_ + 1) * 4 > slots_.size() * 3) rehash(std::max<std::size_t>(16, slots_.size() * 2));
  Entry& entry = slots_[slot_of(id)];
  if (entry.ref.index != kEmpty) return &entry;
  entry = Entry{id, ref};
  ++size_;
  return nullptr;
}

const ObjectIndex::Entry* ObjectIndex::find(std::string_view id) const {
  if (slots_.empty()) return nullptr;
  const Entry& entry = slots_[slot_of(id)];
  return entry.ref.index == kEmpty ? nullptr : &entry;
}

Text ObjectIndex::shared_id(std::string_view id, StringArena& strings) const {
  const Entry* entry = find(id);
  return entry != nullptr ? entry->id : strings.add(id);
}

}  // namespace tenantreach::core

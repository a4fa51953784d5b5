#include "core/string_arena.hpp"

#include <algorithm>
#include <ostream>
#include <stdexcept>

#include "core/text.hpp"

namespace tenantreach::core {
namespace {
// Large enough that malloc's bookkeeping is negligible, small enough that a tenant of ten users wastes little.
constexpr std::size_t kBlockBytes = 64 * 1024;
}  // namespace

char* StringArena::reserve(std::size_t bytes) {
  // Blocks are owned in any order: `next_` points into the one strings are added to.
  if (bytes > kBlockBytes / 4) {  // a block of its own, so the current block keeps its free space
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(bytes));
    allocated_ += bytes;
    return blocks_.back().get();
  }
  if (bytes > left_) {
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(kBlockBytes));
    allocated_ += kBlockBytes;
    next_ = blocks_.back().get();
    left_ = kBlockBytes;
  }
  char* out = next_;
  next_ += bytes;
  left_ -= bytes;
  return out;
}

Text StringArena::make(char* data, std::size_t size) const {
  const auto address = reinterpret_cast<std::uint64_t>(data);
  if ((address & ~Text::kPointerMask) != 0)
    throw std::logic_error("StringArena: an address above 2^48 cannot be held in a Text");
  Text text;
  text.bits_ = address | (std::min<std::uint64_t>(size, Text::kLongSize) << Text::kSizeShift);
  return text;
}

Text StringArena::add(std::string_view text) {
  if (text.empty()) return Text{};
  if (text.size() < Text::kLongSize) {
    char* data = reserve(text.size());
    std::memcpy(data, text.data(), text.size());
    return make(data, text.size());
  }
  const std::uint64_t size = text.size();
  char* data = reserve(sizeof size + text.size());
  std::memcpy(data, &size, sizeof size);
  std::memcpy(data + sizeof size, text.data(), text.size());
  return make(data + sizeof size, text.size());
}

Text StringArena::refer(std::string_view text, const std::shared_ptr<const void>& owner) {
  if (text.empty()) return Text{};
  if (text.size() >= Text::kLongSize) return add(text);
  if (std::find(owners_.rbegin(), owners_.rend(), owner) == owners_.rend()) owners_.push_back(owner);
  return make(const_cast<char*>(text.data()), text.size());
}

Text StringArena::add_lower(std::string_view text) {
  const Text out = add(text);
  char* data = const_cast<char*>(out.data());
  std::transform(data, data + out.size(), data, lower_ascii);
  return out;
}

std::ostream& operator<<(std::ostream& out, Text text) { return out << text.view(); }

void StringArena::adopt(StringArena&& other) {
  // Our current block stays the one strings are added to; the adopted blocks are only kept alive.
  blocks_.insert(blocks_.end(), std::make_move_iterator(other.blocks_.begin()),
                 std::make_move_iterator(other.blocks_.end()));
  allocated_ += other.allocated_;
  for (auto& owner : other.owners_)
    if (std::find(owners_.begin(), owners_.end(), owner) == owners_.end()) owners_.push_back(std::move(owner));
  other.blocks_.clear();
  other.owners_.clear();
  other.next_ = nullptr;
  other.left_ = 0;
  other.allocated_ = 0;
}

}  // namespace tenantreach::core

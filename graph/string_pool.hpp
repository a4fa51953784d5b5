// Many short strings in one allocation: the bytes of every string back to back, and where each one starts.
// The access graph keeps its identities (tenant ids, user ids, display names) this way, so a snapshot writes and
// reads them as two contiguous blocks instead of one allocation per string.
//
// Copies share the storage (copy on write: add() and the mutable accessors give a pool shared with others a
// storage of its own first), and so may the strings of a model: keep_alive() is what a core::StringArena holds
// to point its Texts into a pool instead of holding copies (a snapshot's user ids and display names,
// serialization/model_codec.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "graph/bulk_memory.hpp"
#include "graph/offset.hpp"

namespace tenantreach::graph {

class StringPool {
 public:
  std::uint32_t size() const {
    const Storage& s = *storage_;
    return s.width != 0 ? s.count : static_cast<std::uint32_t>(s.offsets.size() - 1);
  }
  std::string_view operator[](std::uint32_t i) const {
    const Storage& s = *storage_;
    if (s.width != 0) return {s.bytes.data() + std::size_t{i} * s.width, s.width};
    return {s.bytes.data() + s.offsets[i], static_cast<std::size_t>(s.offsets[i + 1] - s.offsets[i])};
  }
  std::uint32_t add(std::string_view text);
  // string i is bytes()[offsets()[i], offsets()[i + 1]), offsets() with size() + 1 entries; or, when every
  // string has the same width (uniform_width() > 0), bytes()[i * width, (i + 1) * width) and offsets() is empty.
  const BulkVector<char>& bytes() const { return storage_->bytes; }
  const BulkVector<Offset>& offsets() const { return storage_->offsets; }
  BulkVector<char>& bytes() { return own().bytes; }
  BulkVector<Offset>& offsets() { return own().offsets; }
  std::uint32_t uniform_width() const { return storage_->width; }
  // The width shared by every string when there is one and it is not 0 (ids exported as GUIDs), else 0.
  std::uint32_t common_width() const;
  // Drops the offsets, for strings of `width` bytes each: false, and nothing changes, unless bytes() holds a whole
  // number of them, fewer than 2^32 (a snapshot's tables of ids: 4 bytes per string less).
  bool make_uniform(std::uint32_t width);
  // Keeps the bytes of the strings now in the pool where they are, whatever happens to the pool.
  std::shared_ptr<const void> keep_alive() const { return storage_; }
  // A pool is well formed when its offsets start at 0, never decrease and end at the byte count (or it is uniform).
  bool well_formed() const;

 private:
  struct Storage {
    BulkVector<char> bytes;
    BulkVector<Offset> offsets{0};
    std::uint32_t width = 0;  // of every string when not 0 (and offsets is empty)
    std::uint32_t count = 0;  // of strings when width is not 0
  };
  Storage& own() {
    if (storage_.use_count() > 1) storage_ = std::make_shared<Storage>(*storage_);
    return *storage_;
  }
  std::shared_ptr<Storage> storage_ = std::make_shared<Storage>();
};

}  // namespace tenantreach::graph

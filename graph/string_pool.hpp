// Many short strings in one allocation: the bytes of every string back to back, and where each one starts.
// The access graph keeps its identities (tenant ids, user ids, display names) this way, so a snapshot writes and
// reads them as two contiguous blocks instead of one allocation per string.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "graph/bulk_memory.hpp"

namespace tenantreach::graph {

struct StringPool {
  BulkVector<char> bytes;
  BulkVector<std::uint64_t> offsets{0};  // size() + 1: string i is bytes[offsets[i], offsets[i + 1])

  std::uint32_t size() const { return static_cast<std::uint32_t>(offsets.size() - 1); }
  std::string_view operator[](std::uint32_t i) const {
    return {bytes.data() + offsets[i], static_cast<std::size_t>(offsets[i + 1] - offsets[i])};
  }
  std::uint32_t add(std::string_view text) {
    bytes.insert(bytes.end(), text.begin(), text.end());
    offsets.push_back(bytes.size());
    return size() - 1;
  }
  // A pool is well formed when its offsets start at 0, never decrease and end at the byte count.
  bool well_formed() const {
    if (offsets.empty() || offsets.front() != 0 || offsets.back() != bytes.size()) return false;
    for (std::size_t i = 1; i < offsets.size(); ++i)
      if (offsets[i] < offsets[i - 1]) return false;
    return true;
  }
};

}  // namespace tenantreach::graph

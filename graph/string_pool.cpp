#include "graph/string_pool.hpp"

namespace tenantreach::graph {

std::uint32_t StringPool::add(std::string_view text) {
  Storage& s = own();
  if (s.width != 0) {  // strings of another width may follow: offsets again
    s.offsets.resize(std::size_t{s.count} + 1);
    for (std::uint32_t i = 0; i <= s.count; ++i) s.offsets[i] = static_cast<Offset>(std::size_t{i} * s.width);
    s.width = 0;
  }
  s.bytes.insert(s.bytes.end(), text.begin(), text.end());
  s.offsets.push_back(checked_offset(s.bytes.size(), "bytes in one string table"));
  return size() - 1;
}

std::uint32_t StringPool::common_width() const {
  const Storage& s = *storage_;
  if (s.width != 0) return s.width;
  if (s.offsets.size() < 2 || s.offsets[1] == 0) return 0;
  const Offset width = s.offsets[1];
  for (std::size_t i = 2; i < s.offsets.size(); ++i)
    if (s.offsets[i] - s.offsets[i - 1] != width) return 0;
  return width;
}

bool StringPool::make_uniform(std::uint32_t width) {
  if (width == 0 || bytes().size() % width != 0 || bytes().size() / width >= UINT32_MAX) return false;
  Storage& s = own();
  s.count = static_cast<std::uint32_t>(s.bytes.size() / width);
  s.width = width;
  s.offsets.clear();
  s.offsets.shrink_to_fit();
  return true;
}

bool StringPool::well_formed() const {
  if (storage_->width != 0) return true;  // make_uniform checked it
  const auto& offsets = storage_->offsets;
  if (offsets.empty() || offsets.front() != 0 || offsets.back() != storage_->bytes.size()) return false;
  for (std::size_t i = 1; i < offsets.size(); ++i)
    if (offsets[i] < offsets[i - 1]) return false;
  return true;
}

}  // namespace tenantreach::graph

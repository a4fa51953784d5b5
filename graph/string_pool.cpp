#include "graph/string_pool.hpp"

namespace tenantreach::graph {

bool StringPool::well_formed() const {
  const auto& offsets = storage_->offsets;
  if (offsets.empty() || offsets.front() != 0 || offsets.back() != storage_->bytes.size()) return false;
  for (std::size_t i = 1; i < offsets.size(); ++i)
    if (offsets[i] < offsets[i - 1]) return false;
  return true;
}

}  // namespace tenantreach::graph

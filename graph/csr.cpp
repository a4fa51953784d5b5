#include "graph/csr.hpp"

#include <algorithm>

namespace tenantreach::graph {

Csr Csr::from_edges(std::uint32_t vertex_count, std::vector<std::pair<std::uint32_t, std::uint32_t>> edges) {
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  Csr csr;
  csr.offsets.assign(static_cast<std::size_t>(vertex_count) + 1, 0);
  for (const auto& edge : edges) ++csr.offsets[edge.first + 1];
  for (std::size_t v = 0; v < vertex_count; ++v) csr.offsets[v + 1] += csr.offsets[v];
  csr.targets.reserve(edges.size());
  for (const auto& edge : edges) csr.targets.push_back(edge.second);
  return csr;
}

Csr Csr::reversed() const {
  const std::uint32_t n = vertex_count();
  Csr out;
  out.offsets.assign(static_cast<std::size_t>(n) + 1, 0);
  for (std::uint32_t target : targets) ++out.offsets[target + 1];
  for (std::size_t v = 0; v < n; ++v) out.offsets[v + 1] += out.offsets[v];
  out.targets.resize(targets.size());
  std::vector<std::uint64_t> cursor(out.offsets.begin(), out.offsets.end() - 1);
  for (std::uint32_t source = 0; source < n; ++source)
    for (std::uint32_t target : neighbours(source)) out.targets[cursor[target]++] = source;
  return out;
}

}  // namespace tenantreach::graph

// Compressed sparse row adjacency with 32-bit vertex ids and 32-bit offsets (graph/offset.hpp). The same layout as
// Boost.Graph's compressed_sparse_row_graph, kept as two plain arrays (BulkVector) so snapshots can write them as
// contiguous blocks and hot loops can walk them without iterator adaptors (see docs/ARCHITECTURE.md).
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "graph/bulk_memory.hpp"
#include "graph/offset.hpp"

namespace tenantreach::graph {

// Each vertex's neighbours are sorted ascending; in the access graph that puts user vertices before groups, and
// groups before resources.
struct Csr {
  BulkVector<Offset> offsets;  // size vertices + 1
  BulkVector<std::uint32_t> targets;

  std::uint32_t vertex_count() const { return offsets.empty() ? 0 : static_cast<std::uint32_t>(offsets.size() - 1); }
  std::span<const std::uint32_t> neighbours(std::uint32_t vertex) const {
    return {targets.data() + offsets[vertex], targets.data() + offsets[vertex + 1]};
  }

  // Builds from (source, target) pairs, in any order, by counting sort; duplicate edges are removed. Throws
  // std::length_error for more than 2^32 edges.
  static Csr from_edges(std::uint32_t vertex_count, std::vector<std::pair<std::uint32_t, std::uint32_t>> edges);
  Csr reversed() const;
};

}  // namespace tenantreach::graph

// The baseline audit engine: one reverse breadth-first search per resource with Boost.Graph over the same
// graph and the same gate tables as the batch engine. It is the obvious implementation, kept honest: the
// colour map is reset only where the previous search touched it (no O(V) start-up per search), so measured
// ratios against it come from sharing work across resources, not from a handicapped baseline.
#pragma once

#include <cstdint>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "graph/access_graph.hpp"
#include "graph/reach.hpp"

namespace tenantreach::parallel {

using BoostCsr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                    boost::no_property, std::uint32_t, std::uint64_t>;

// The reverse (container -> member) graph in Boost's CSR form, built once per audit.
BoostCsr to_boost_members(const graph::AccessGraph& graph);

class BfsReacher {
 public:
  BfsReacher(const graph::AccessGraph& graph, const BoostCsr& members);
  // The same answer as graph::Reacher::reach.
  const std::vector<graph::Reach>& reach(std::uint32_t resource);

 private:
  const graph::AccessGraph& graph_;
  const BoostCsr& members_;
  std::vector<boost::default_color_type> colour_;
  std::vector<std::uint32_t> discovered_;
  graph::PrincipalPaths paths_;
};

}  // namespace tenantreach::parallel

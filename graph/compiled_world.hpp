// A world compiled for queries: the model it came from (explain and the reports read it) and its access graph.
#pragma once

#include "core/model.hpp"
#include "graph/access_graph.hpp"

namespace tenantreach::graph {

struct CompiledWorld {
  core::World world;
  AccessGraph graph;
};

// Builds the access graph of a derived world (core::derive has run, as ingest and the generator do).
CompiledWorld compile(core::World world);

}  // namespace tenantreach::graph

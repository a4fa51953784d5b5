// A world compiled for queries: its access graph, and the model it came from (explain and sync-plan read it).
// who-can-reach, what-can-reach, audit and stats need only the graph, so a CompiledWorld loaded from a snapshot
// decodes the model on first use of world() (docs/DECISIONS.md, "Snapshots decode the model lazily").
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

#include "core/model.hpp"
#include "graph/access_graph.hpp"

namespace tenantreach::graph {

class CompiledWorld {
 public:
  // Produces the model on first use; may throw (core::InputError for a snapshot that changed since it was loaded).
  using WorldLoader = std::function<core::World()>;

  CompiledWorld() = default;
  CompiledWorld(core::World world, AccessGraph graph);   // the model is present
  CompiledWorld(WorldLoader loader, AccessGraph graph);  // the model is produced by `loader` on first use

  // The model. Thread-safe: the first caller runs the loader, concurrent callers wait for it. If the loader
  // throws, the exception reaches the caller and the next call tries again.
  const core::World& world() const;
  bool world_loaded() const;  // whether world() would return without decoding

  AccessGraph graph;

 private:
  struct WorldState {
    std::once_flag once;
    core::World world;
    WorldLoader loader;
    std::atomic<bool> loaded{false};
  };
  std::shared_ptr<WorldState> world_ = std::make_shared<WorldState>();
};

// Builds the access graph of a derived world (core::derive has run, as ingest and the generator do).
CompiledWorld compile(core::World world);

}  // namespace tenantreach::graph

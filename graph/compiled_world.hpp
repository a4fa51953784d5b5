// A world compiled for queries: its access graph, and the model it came from (explain, sync-plan, report and map
// read it). who-can-reach, what-can-reach, audit and stats need only the graph, so a CompiledWorld loaded from a
// snapshot decodes the model on demand: the policies of every tenant on first use of model() or world(), the
// directory of a tenant when World::directory asks for it (docs/DECISIONS.md, "Snapshots decode the model lazily").
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
  // Produces the model on first use: every tenant's policies, and a core::DirectorySource for the directories.
  // May throw (core::InputError for a damaged snapshot).
  using ModelLoader = std::function<core::World()>;

  CompiledWorld() = default;
  CompiledWorld(core::World world, AccessGraph graph);  // the model is present
  CompiledWorld(ModelLoader loader, AccessGraph graph);  // the model is produced by `loader` on first use

  // The model with every directory decoded (in parallel, the ones not decoded yet), for callers that read all of
  // it. Thread-safe: the first caller decodes, concurrent callers wait; if decoding throws, the exception
  // reaches the caller and the next call tries again.
  const core::World& world() const;
  // The same model object, with every tenant's policies; a tenant's directory is decoded on first use of
  // World::directory(t) (and by world()). Thread-safe, as world().
  const core::World& model() const;
  bool world_loaded() const;  // whether world() would return without decoding
  bool model_loaded() const;  // whether model() would return without decoding

  AccessGraph graph;

 private:
  struct WorldState {
    std::once_flag model_once, world_once;
    core::World world;
    ModelLoader loader;
    std::atomic<bool> model_loaded{false}, world_loaded{false};
  };
  std::shared_ptr<WorldState> world_ = std::make_shared<WorldState>();
};

// Builds the access graph of a derived world (core::derive has run, as ingest and the generator do).
CompiledWorld compile(core::World world);

}  // namespace tenantreach::graph

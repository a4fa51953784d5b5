#include "graph/compiled_world.hpp"

namespace tenantreach::graph {

CompiledWorld::CompiledWorld(core::World world, AccessGraph graph_in) : graph(std::move(graph_in)) {
  world_->world = std::move(world);
  world_->loaded = true;
}

CompiledWorld::CompiledWorld(WorldLoader loader, AccessGraph graph_in) : graph(std::move(graph_in)) {
  world_->loader = std::move(loader);
}

const core::World& CompiledWorld::world() const {
  WorldState& state = *world_;
  std::call_once(state.once, [&state] {
    if (state.loader) {
      state.world = state.loader();
      state.loader = nullptr;  // releases whatever the loader held (the snapshot's file)
    }
    state.loaded = true;
  });
  return state.world;
}

bool CompiledWorld::world_loaded() const { return world_->loaded; }

}  // namespace tenantreach::graph

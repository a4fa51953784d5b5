#include "graph/compiled_world.hpp"

#include <tbb/parallel_for.h>

namespace tenantreach::graph {

CompiledWorld::CompiledWorld(core::World world, AccessGraph graph_in) : graph(std::move(graph_in)) {
  world_->world = std::move(world);
  world_->model_loaded = true;
  world_->world_loaded = world_->world.directory_source == nullptr;
}

CompiledWorld::CompiledWorld(ModelLoader loader, AccessGraph graph_in) : graph(std::move(graph_in)) {
  world_->loader = std::move(loader);
}

const core::World& CompiledWorld::model() const {
  WorldState& state = *world_;
  std::call_once(state.model_once, [&state] {
    if (state.loader) {
      state.world = state.loader();
      state.loader = nullptr;
    }
    state.model_loaded = true;
  });
  return state.world;
}

const core::World& CompiledWorld::world() const {
  const core::World& model = this->model();
  WorldState& state = *world_;
  std::call_once(state.world_once, [&] {
    tbb::parallel_for(std::uint32_t{0}, static_cast<std::uint32_t>(model.tenants.size()),
                      [&](std::uint32_t t) { model.directory(t); });
    state.world_loaded = true;
  });
  return model;
}

bool CompiledWorld::world_loaded() const { return world_->world_loaded; }

bool CompiledWorld::model_loaded() const { return world_->model_loaded; }

}  // namespace tenantreach::graph

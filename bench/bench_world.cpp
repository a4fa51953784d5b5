#include "bench/bench_world.hpp"

#include <iostream>
#include <memory>
#include <random>

#include <unistd.h>

#include "worldgen/generator.hpp"
#include "worldgen/world_writer.hpp"
#include "graph/lookup.hpp"
#include "graph/queries.hpp"
#include "serialization/snapshot.hpp"

namespace tenantreach::bench {
namespace {

std::string& preset_name() {
  static std::string name = "S";
  return name;
}

// A directory for the written world and snapshots, removed when the process ends.
struct ScratchDirectory {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("tenantreach-bench-" + std::to_string(::getpid()));
  ScratchDirectory() { std::filesystem::create_directories(path); }
  ~ScratchDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

const std::filesystem::path& scratch_directory() {
  static const ScratchDirectory dir;
  return dir.path;
}

template <typename T> std::vector<T> sample(std::vector<T> all, std::size_t count) {
  std::mt19937_64 random(kSeed);
  for (std::size_t i = 0; i < all.size() && i < count; ++i) std::swap(all[i], all[i + random() % (all.size() - i)]);
  all.resize(std::min(count, all.size()));
  return all;
}

}  // namespace

void set_preset(std::string preset) { preset_name() = std::move(preset); }
const std::string& preset() { return preset_name(); }

const core::World& generated_world() {
  static const core::World world = [] {
    std::cerr << "bench: generating preset " << preset() << " seed " << kSeed << "\n";
    return worldgen::generate_world({preset(), kSeed});
  }();
  return world;
}

const graph::CompiledWorld& compiled_world() {
  static const graph::CompiledWorld compiled = graph::compile(generated_world());
  return compiled;
}

const std::filesystem::path& world_directory() {
  static const std::filesystem::path dir = [] {
    auto path = scratch_directory() / "world";
    worldgen::write_world(generated_world(), path);
    return path;
  }();
  return dir;
}

std::uint64_t world_directory_bytes() {
  static const std::uint64_t bytes = serialization::describe_world(world_directory()).bytes;
  return bytes;
}

const std::filesystem::path& snapshot_file() {
  static const std::filesystem::path file = [] {
    auto path = scratch_directory() / "world.snap";
    serialization::save_snapshot(compiled_world(), serialization::describe_world(world_directory()), path);
    return path;
  }();
  return file;
}

const std::vector<std::uint32_t>& sample_resources() {
  static const std::vector<std::uint32_t> resources = [] {
    std::vector<std::uint32_t> all(compiled_world().graph.resource_count());
    for (std::uint32_t r = 0; r < all.size(); ++r) all[r] = r;
    return sample(std::move(all), 1000);
  }();
  return resources;
}

const std::vector<std::string>& sample_users() {
  static const std::vector<std::string> users = [] {
    std::vector<std::string> all;
    const graph::AccessGraph& graph = compiled_world().graph;
    for (std::uint32_t p = 0; p < graph.principals.size(); ++p)
      all.push_back(std::string(graph.principal_tenant_id(p)) + "/" + std::string(graph.principal_user_id(p)));
    return sample(std::move(all), 200);
  }();
  return users;
}

const std::vector<std::pair<std::string, std::uint32_t>>& sample_reaching_pairs() {
  static const std::vector<std::pair<std::string, std::uint32_t>> pairs = [] {
    std::vector<std::pair<std::string, std::uint32_t>> out;
    std::mt19937_64 random(kSeed);
    for (std::uint32_t resource : sample_resources()) {
      if (out.size() == 100) break;
      const graph::WhoCanReachIds answer = graph::who_can_reach(compiled_world(), resource);
      if (answer.principals.empty()) continue;
      const graph::PrincipalRef who = graph::principal_ref(
          compiled_world().graph, answer.principals[random() % answer.principals.size()].principal);
      out.emplace_back(who.tenant_id + "/" + who.user_id, resource);
    }
    return out;
  }();
  return pairs;
}

}  // namespace tenantreach::bench

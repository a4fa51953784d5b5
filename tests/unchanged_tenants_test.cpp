// diff skips the tenants two worlds hold identically (parallel/unchanged_tenants.hpp): identical worlds are
// unchanged everywhere, and a group membership change marks exactly the tenant that holds the group. That the
// skipping never hides a change is what diff_test checks against the reference evaluator.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "worldgen/generator.hpp"
#include "worldgen/world_mutation.hpp"
#include "graph/compiled_world.hpp"
#include "parallel/unchanged_tenants.hpp"

namespace tenantreach {
namespace {

TEST(UnchangedTenants, TwoCompilationsOfTheSameWorldAreUnchangedEverywhere) {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    const graph::CompiledWorld a = graph::compile(worldgen::generate_world({"property", seed}));
    const graph::CompiledWorld b = graph::compile(worldgen::generate_world({"property", seed}));
    EXPECT_EQ(parallel::unchanged_tenants(a.graph, b.graph), std::vector<std::uint8_t>(b.graph.tenant_count(), 1))
        << "seed " << seed;
  }
}

TEST(UnchangedTenants, ANewMembershipChangesOnlyItsTenant) {
  std::size_t checked = 0;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    core::World world = worldgen::generate_world({"property", seed});
    core::World copy = world;
    const std::vector<worldgen::Mutation> mutations = worldgen::mutate_world(copy, seed, 1, {worldgen::MutationKind::MemberAdded});
    if (mutations.empty()) continue;
    const graph::CompiledWorld before = graph::compile(std::move(world));
    const graph::CompiledWorld after = graph::compile(std::move(copy));
    const std::vector<std::uint8_t> unchanged = parallel::unchanged_tenants(before.graph, after.graph);
    for (std::uint32_t t = 0; t < after.graph.tenant_count(); ++t)
      EXPECT_EQ(unchanged[t], after.graph.tenant_id(t) == mutations[0].tenant_id ? 0 : 1)
          << "seed " << seed << ", tenant " << after.graph.tenant_id(t) << ", " << worldgen::to_json(mutations[0]);
    ++checked;
  }
  EXPECT_GT(checked, 0u);
}

}  // namespace
}  // namespace tenantreach

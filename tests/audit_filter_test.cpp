// Audit filters (issue 10; docs/CLI.md): the batch engine and the BFS baseline, filtering inside the engine,
// must give exactly what filtering the unfiltered answers by hand gives — for counts-only and principal lists.
#include <gtest/gtest.h>

#include <set>

#include "worldgen/generator.hpp"
#include "graph/queries.hpp"
#include "graph/render.hpp"
#include "parallel/audit.hpp"

namespace tenantreach {
namespace {

std::vector<std::string> audit_lines(const graph::CompiledWorld& compiled, parallel::Engine engine, bool principals,
                                     const parallel::AuditFilter& filter) {
  std::vector<std::string> lines;
  parallel::AuditOptions options;
  options.engine = engine;
  options.principals = principals;
  options.filter = filter;
  options.block_size = 5;
  parallel::audit(compiled, options, [&](const std::string& line) { lines.push_back(line); });
  return lines;
}

// The filter applied by hand to who-can-reach answers, rendered as the audit would.
std::vector<std::string> expected_lines(const graph::CompiledWorld& compiled, bool principals,
                                        const parallel::AuditFilter& filter) {
  const std::set<std::string> resource_tenants(filter.resource_tenants.begin(), filter.resource_tenants.end());
  const std::set<std::string> principal_tenants(filter.principal_tenants.begin(), filter.principal_tenants.end());
  std::vector<std::string> lines;
  for (std::uint32_t r = 0; r < compiled.graph.resource_count(); ++r) {
    graph::WhoCanReach answer = graph::make_who_can_reach(compiled, graph::who_can_reach(compiled, r));
    if (!resource_tenants.empty() && !resource_tenants.count(answer.resource.tenant_id)) continue;
    std::vector<graph::PrincipalReach> kept;
    graph::Counts counts;
    for (graph::PrincipalReach reach : answer.principals) {
      reach.via &= filter.vias;
      if (reach.via == 0) continue;
      if (!principal_tenants.empty() && !principal_tenants.count(reach.principal.tenant_id)) continue;
      ++counts.total;
      ++counts.by_tenant[reach.principal.tenant_id];
      for (const std::string& via : graph::via_names(reach.via)) ++counts.by_via[via];
      kept.push_back(reach);
    }
    if (counts.total < filter.min_principals) continue;
    answer.principals = std::move(kept);
    answer.counts = counts;
    lines.push_back(graph::audit_json(answer, principals));
  }
  return lines;
}

std::vector<parallel::AuditFilter> filters_for(const graph::CompiledWorld& compiled) {
  const std::string first_tenant(compiled.graph.tenant_id(0));
  const std::string last_tenant(compiled.graph.tenant_id(compiled.graph.tenant_count() - 1));
  std::vector<parallel::AuditFilter> filters(7);
  filters[1].vias = graph::kViaB2BCollaboration | graph::kViaB2BDirectConnect;  // --external
  filters[2].vias = graph::kViaB2BDirectConnect;
  filters[3].resource_tenants = {first_tenant};
  filters[4].principal_tenants = {last_tenant, "00000000-0000-0000-0000-00000000dead"};
  filters[5].min_principals = 3;
  filters[6].vias = graph::kViaB2BCollaboration | graph::kViaInternal;  // composed
  filters[6].principal_tenants = {first_tenant};
  filters[6].resource_tenants = {last_tenant, first_tenant};
  filters[6].min_principals = 1;
  return filters;
}

TEST(AuditFilter, EnginesFilterExactlyAsByHandOnPropertyWorlds) {
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    const auto compiled = graph::compile(worldgen::generate_world({"property", seed}));
    const auto filters = filters_for(compiled);
    for (std::size_t f = 0; f < filters.size(); ++f) {
      for (bool principals : {false, true}) {
        const auto want = expected_lines(compiled, principals, filters[f]);
        for (auto engine : {parallel::Engine::Batch, parallel::Engine::Bfs}) {
          const auto got = audit_lines(compiled, engine, principals, filters[f]);
          ASSERT_EQ(got, want) << "seed " << seed << " filter " << f << " principals " << principals << " engine "
                               << (engine == parallel::Engine::Batch ? "batch" : "bfs");
        }
      }
    }
  }
}

TEST(AuditFilter, ExternalKeepsOnlyPrincipalsFromOutsideTheResourceTenantAndUnlinkedGuests) {
  const auto compiled = graph::compile(worldgen::generate_world({"tiny", 1}));
  parallel::AuditFilter external;
  external.vias = graph::kViaB2BCollaboration | graph::kViaB2BDirectConnect;
  std::size_t principals = 0;
  for (std::uint32_t r = 0; r < compiled.graph.resource_count(); ++r) {
    for (const auto& reach : graph::make_who_can_reach(compiled, graph::who_can_reach(compiled, r)).principals) {
      const bool outside = reach.principal.tenant_id != std::string(compiled.graph.tenant_id(compiled.graph.resources[r].tenant));
      // Internal users are exactly the principals of the resource's own tenant that are linked.
      EXPECT_EQ((reach.via & graph::kViaInternal) == 0, outside || !reach.principal.linked);
      principals += outside ? 1 : 0;
    }
  }
  EXPECT_GT(principals, 0u);  // the world has external access to filter for
}

}  // namespace
}  // namespace tenantreach

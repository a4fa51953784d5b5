// The trust map of the example world (examples/three-tenants/README.md, "Cross-tenant access settings") and the
// summary of R4.4 over all users and apps that colours its edges.
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "core/ingest.hpp"
#include "graph/compiled_world.hpp"
#include "graph/trust_map.hpp"
#include "support/world_builder.hpp"

namespace tenantreach {
namespace {

using graph::Openness;

const graph::CompiledWorld& example() {
  static const graph::CompiledWorld compiled =
      graph::compile(core::load_world(std::string(TENANTREACH_EXAMPLES_DIR) + "/three-tenants/world"));
  return compiled;
}

struct Edge {
  std::string from, to, kind, outbound, inbound, effective;
  bool mfa_trusted = false, device_trusted = false;
  bool operator==(const Edge&) const = default;
};

void PrintTo(const Edge& e, std::ostream* os) {
  *os << e.from << "->" << e.to << " " << e.kind << " out " << e.outbound << " in " << e.inbound << " = "
      << e.effective << (e.mfa_trusted ? " mfa" : "") << (e.device_trusted ? " device" : "");
}

std::vector<Edge> edges_of(const graph::TrustMap& map) {
  std::vector<Edge> out;
  for (const graph::TrustEdge& edge : map.edges)
    out.push_back({map.tenants[edge.from].name, map.tenants[edge.to].name, graph::via_name(edge.kind),
                   graph::openness_name(edge.outbound), graph::openness_name(edge.inbound),
                   graph::openness_name(edge.effective), edge.trust.mfa_accepted, edge.trust.compliant_device_accepted});
  return out;
}

TEST(TrustMap, TheExampleWorldHasTheSettingsOfItsReadme) {
  const graph::TrustMap map = graph::build_trust_map(example());
  ASSERT_EQ(map.tenants.size(), 3u);
  EXPECT_EQ(map.tenants[0].name, "Contoso");
  EXPECT_EQ(map.tenants[1].name, "Fabrikam");
  EXPECT_EQ(map.tenants[2].name, "Litware");
  for (const graph::TrustTenant& tenant : map.tenants) {  // Contoso's default.json says what the service default says
    EXPECT_EQ(tenant.collaboration_inbound, Openness::Allowed) << tenant.name;
    EXPECT_EQ(tenant.collaboration_outbound, Openness::Allowed) << tenant.name;
    EXPECT_EQ(tenant.direct_connect_inbound, Openness::Blocked) << tenant.name;
    EXPECT_EQ(tenant.direct_connect_outbound, Openness::Blocked) << tenant.name;
  }
  const std::vector<Edge> expected = {
      // Contoso's users into Fabrikam: Contoso's default lets them out; Fabrikam lets direct connect in, but
      // Contoso's direct connect outbound stays blocked (its partner entry is null there).
      {"Contoso", "Fabrikam", "b2bCollaboration", "allowed", "allowed", "allowed"},
      {"Contoso", "Fabrikam", "b2bDirectConnect", "blocked", "allowed", "blocked"},
      // Fabrikam's users into Contoso: Contoso blocks Joni inbound; Fabrikam lets only Contoso Collaborators out by
      // direct connect; Contoso trusts Fabrikam's MFA, and its compliant device flag is null (the default false).
      {"Fabrikam", "Contoso", "b2bCollaboration", "allowed", "partly", "partly", true, false},
      {"Fabrikam", "Contoso", "b2bDirectConnect", "partly", "allowed", "partly", true, false},
      // Contoso into Litware: Litware has no entry properties for these, so the service default.
      {"Contoso", "Litware", "b2bCollaboration", "allowed", "allowed", "allowed"},
      {"Contoso", "Litware", "b2bDirectConnect", "blocked", "blocked", "blocked"},
      // Litware into Contoso: Litware Contractors may not collaborate out; direct connect is open both ways; Contoso
      // does not trust Litware's MFA.
      {"Litware", "Contoso", "b2bCollaboration", "partly", "allowed", "partly"},
      {"Litware", "Contoso", "b2bDirectConnect", "allowed", "allowed", "allowed"},
  };
  EXPECT_EQ(edges_of(map), expected);
  EXPECT_TRUE(map.syncs.empty());
  EXPECT_EQ(map.omitted_pairs, 0u);
}

core::EffectiveAccess access(core::AccessType users, std::vector<std::string> user_targets, core::AccessType apps,
                             std::vector<std::string> app_targets) {
  core::EffectiveAccess out;
  out.users_and_groups.access_type = users;
  for (auto& target : user_targets) out.users_and_groups.targets.push_back({target, "user"});
  out.applications.access_type = apps;
  for (auto& target : app_targets) out.applications.targets.push_back({target, "application"});
  return out;
}

TEST(TrustMap, OpennessSummarisesTheFourVerdictsOverEveryUserAndApp) {
  using core::AccessType;
  const auto allowed = AccessType::Allowed, blocked = AccessType::Blocked;
  EXPECT_EQ(graph::openness_of(access(allowed, {"allusers"}, allowed, {"allapplications"})), Openness::Allowed);
  EXPECT_EQ(graph::openness_of(access(blocked, {"allusers"}, blocked, {"allapplications"})), Openness::Blocked);
  EXPECT_EQ(graph::openness_of(access(blocked, {"allusers"}, allowed, {"allapplications"})), Openness::Blocked);
  EXPECT_EQ(graph::openness_of(access(allowed, {"some-user"}, allowed, {"allapplications"})), Openness::Partly);
  EXPECT_EQ(graph::openness_of(access(blocked, {"some-user"}, allowed, {"allapplications"})), Openness::Partly);
  EXPECT_EQ(graph::openness_of(access(allowed, {"allusers"}, allowed, {"office365"})), Openness::Partly);
  EXPECT_EQ(graph::openness_of(access(allowed, {}, allowed, {"allapplications"})), Openness::Blocked);  // names nobody
  EXPECT_EQ(graph::openness_of(access(blocked, {}, allowed, {"allapplications"})), Openness::Allowed);  // blocks nobody
  core::EffectiveAccess missing = access(allowed, {}, allowed, {"allapplications"});
  missing.users_and_groups.targets_missing = true;  // undecidable targets: some users, perhaps
  EXPECT_EQ(graph::openness_of(missing), Openness::Partly);
  EXPECT_EQ(graph::both(Openness::Allowed, Openness::Partly), Openness::Partly);
  EXPECT_EQ(graph::both(Openness::Partly, Openness::Blocked), Openness::Blocked);
  EXPECT_EQ(graph::both(Openness::Allowed, Openness::Allowed), Openness::Allowed);
}

TEST(TrustMap, TopPairsKeepsTheHeaviestPairsAndCountsTheRest) {
  const graph::TrustMap map = graph::build_trust_map(example());
  // Contoso is tenant 0, Litware 2: weigh the Contoso-Litware pair above Contoso-Fabrikam.
  const graph::TrustMap top =
      graph::top_pairs(map, [](std::uint32_t a, std::uint32_t b) { return a == 0 && b == 2 ? 10u : 1u; }, 1);
  ASSERT_EQ(top.tenants.size(), 2u);
  EXPECT_EQ(top.tenants[0].name, "Contoso");
  EXPECT_EQ(top.tenants[1].name, "Litware");
  EXPECT_EQ(top.edges.size(), 4u);
  for (const graph::TrustEdge& edge : top.edges) EXPECT_LT(std::max(edge.from, edge.to), 2u);
  EXPECT_EQ(top.omitted_pairs, 1u);
  EXPECT_EQ(graph::top_pairs(map, graph::openness_weight(map), 2).edges.size(), map.edges.size());
  // By openness: Contoso-Fabrikam has 3 open edges, Contoso-Litware 3 as well; the first pair wins the tie.
  const graph::TrustMap open = graph::top_pairs(map, graph::openness_weight(map), 1);
  EXPECT_EQ(open.tenants[1].name, "Fabrikam");
}

TEST(TrustMap, SyncJobsAreDrawnActiveOrWithTheSwitchThatIsOff) {
  const std::string source = "11111111-1111-1111-1111-111111111111", target = "22222222-2222-2222-2222-222222222222";
  const std::string outside = "99999999-9999-9999-9999-999999999999";
  testing::WorldBuilder w;
  w.tenant(source, "source.example").tenant(target, "target.example");
  w.partner(target, source, {{"identitySynchronization", R"({"userSyncInbound":{"isSyncAllowed":true}})"},
                             {"automaticUserConsentSettings", R"({"inboundAllowed":true})"}});
  w.partner(source, target, {{"automaticUserConsentSettings", R"({"outboundAllowed":true})"}});
  w.add(source, "crossTenantSync.json", R"({"id":"j1","targetTenantId":")" + target + R"("})");
  w.add(source, "crossTenantSync.json", R"({"id":"j2","targetTenantId":")" + outside + R"("})");
  const graph::TrustMap map = graph::build_trust_map(w.compile());
  ASSERT_EQ(map.tenants.size(), 3u);
  EXPECT_FALSE(map.tenants[2].in_world);
  EXPECT_EQ(map.tenants[2].id, outside);
  ASSERT_EQ(map.syncs.size(), 2u);
  EXPECT_EQ(map.syncs[0].job_id, "j1");
  EXPECT_TRUE(map.syncs[0].active);
  EXPECT_EQ(map.syncs[0].to, 1u);
  EXPECT_EQ(map.syncs[1].job_id, "j2");
  EXPECT_FALSE(map.syncs[1].active);  // the source has no partner entry for it: consent outbound is off
  EXPECT_EQ(map.syncs[1].inactive_reason, "automaticUserConsentSettings.outboundAllowed");
  EXPECT_EQ(map.edges.size(), 4u);  // settings only between world tenants
}

}  // namespace
}  // namespace tenantreach

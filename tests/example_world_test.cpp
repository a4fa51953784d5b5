// The bundled example world (examples/three-tenants) says in its README what each query prints and why; the
// README's first command audits it. These tests hold the engine to that README: the ways in and every denial
// of its "Which case is shown where" table, worked out from the spec by hand.
#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/ingest.hpp"
#include "graph/compiled_world.hpp"
#include "graph/queries.hpp"
#include "graph/stats.hpp"

namespace tenantreach {
namespace {

const std::string kContoso = "11111111-1111-1111-1111-111111111111";
const std::string kFabrikam = "22222222-2222-2222-2222-222222222222";
const std::string kLitware = "33333333-3333-3333-3333-333333333333";
const std::string kDesign = kContoso + "/19:projectx-design@thread.tacv2";
const std::string kGeneral = kContoso + "/19:projectx-general@thread.tacv2";
const std::string kBudget = kContoso + "/19:projectx-budget@thread.tacv2";
const std::string kProjectX = kContoso + "/11111111-0000-0000-0003-000000000001";
const std::string kPortal = kContoso + "/11111111-0000-0000-0004-000000000001";
const std::string kExpenses = kContoso + "/11111111-0000-0000-0004-000000000002";

const graph::CompiledWorld& example() {
  static const graph::CompiledWorld compiled =
      graph::compile(core::load_world(std::string(TENANTREACH_EXAMPLES_DIR) + "/three-tenants/world"));
  return compiled;
}

graph::WhoCanReach named_who_can_reach(const std::string& resource) {
  return graph::make_who_can_reach(example(), graph::who_can_reach(example(), graph::find_resource(example(), resource)));
}

std::set<std::string> reached_by(const std::string& resource, graph::Via via) {
  std::set<std::string> who;
  const auto answer = named_who_can_reach(resource);
  for (const graph::PrincipalReach& reach : answer.principals)
    if (reach.via & via) who.insert(reach.principal.tenant_id + "/" + reach.principal.user_id);
  return who;
}

// The reason codes of the refused paths of `user` into `resource`.
std::set<std::string> refusals(const std::string& user, const std::string& resource) {
  std::set<std::string> codes;
  const auto explanation = graph::explain(example(), user, graph::find_resource(example(), resource));
  for (const graph::ExplainedPath& path : explanation.paths)
    if (!path.allowed)
      for (const graph::Reason& reason : path.reasons) codes.insert(reason.code);
  return codes;
}

bool reachable(const std::string& user, const std::string& resource) {
  return graph::explain(example(), user, graph::find_resource(example(), resource)).reachable;
}

TEST(ExampleWorld, TheThreeWaysIn) {
  EXPECT_EQ(reached_by(kProjectX, graph::kViaInternal),
            (std::set<std::string>{kContoso + "/11111111-0000-0000-0001-000000000001",
                                   kContoso + "/11111111-0000-0000-0001-000000000002"}));
  EXPECT_EQ(reached_by(kProjectX, graph::kViaB2BCollaboration),
            (std::set<std::string>{kFabrikam + "/22222222-0000-0000-0001-000000000001",
                                   kLitware + "/33333333-0000-0000-0001-000000000002"}));
  EXPECT_EQ(reached_by(kDesign, graph::kViaB2BDirectConnect),
            (std::set<std::string>{kFabrikam + "/22222222-0000-0000-0001-000000000001",
                                   kFabrikam + "/22222222-0000-0000-0001-000000000003"}));
  EXPECT_EQ(reached_by(kBudget, graph::kViaB2BCollaboration),
            (std::set<std::string>{kFabrikam + "/22222222-0000-0000-0001-000000000001"}));
}

TEST(ExampleWorld, AnUnlinkedGuestIsReportedAsItself) {
  const auto answer = named_who_can_reach(kPortal);
  const auto sam = std::find_if(answer.principals.begin(), answer.principals.end(), [](const auto& reach) {
    return reach.principal.user_id == "11111111-0000-0000-0002-000000000005";
  });
  ASSERT_NE(sam, answer.principals.end());
  EXPECT_EQ(sam->principal.tenant_id, kContoso);
  EXPECT_FALSE(sam->principal.linked);
  EXPECT_EQ(answer.counts.total, 4u);
}

TEST(ExampleWorld, EveryDenialOfTheReadme) {
  struct Case {
    std::string user, resource, reason;
  };
  const std::vector<Case> cases = {
      {kLitware + "/33333333-0000-0000-0001-000000000001", kProjectX, "outbound-blocked"},   // Isaiah
      {kFabrikam + "/22222222-0000-0000-0001-000000000004", kDesign, "outbound-blocked"},    // Lynne
      {kFabrikam + "/22222222-0000-0000-0001-000000000002", kGeneral, "inbound-blocked"},    // Joni
      {kLitware + "/33333333-0000-0000-0001-000000000003", kDesign, "ca-mfa-untrusted"},     // Grady
      {kFabrikam + "/22222222-0000-0000-0001-000000000001", kExpenses, "ca-device-untrusted"},  // Pradeep
      {kContoso + "/11111111-0000-0000-0001-000000000003", kProjectX, "account-disabled"},   // Megan
      {kContoso + "/11111111-0000-0000-0001-000000000004", kProjectX, "not-granted"},        // Lidia
  };
  for (const Case& c : cases) {
    EXPECT_FALSE(reachable(c.user, c.resource)) << c.user << " -> " << c.resource;
    EXPECT_TRUE(refusals(c.user, c.resource).count(c.reason)) << c.user << " -> " << c.resource << ": " << c.reason;
  }
  // Pradeep's guest object is refused from the shared channel, yet he gets in by direct connect.
  const std::string pradeep = kFabrikam + "/22222222-0000-0000-0001-000000000001";
  EXPECT_TRUE(reachable(pradeep, kDesign));
  EXPECT_TRUE(refusals(pradeep, kDesign).count("guest-in-shared-channel"));
  // A report-only policy does not block Nestor.
  EXPECT_TRUE(reachable(kLitware + "/33333333-0000-0000-0001-000000000002", kProjectX));
}

TEST(ExampleWorld, HasSevenResourcesAndNoWarnings) {
  const graph::Stats stats = graph::compute_stats(example());
  EXPECT_EQ(stats.counts.at("resources"), 7u);
  EXPECT_TRUE(stats.warning_list.empty());
}

}  // namespace
}  // namespace tenantreach

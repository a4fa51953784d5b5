// stats and the compile report (docs/DECISIONS.md, "Stats and the compile report"): where each tenant's
// settings came from (R1.1) and the v1.1 warnings (R1.3), from a compiled world and from its snapshot alike.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "graph/stats.hpp"
#include "serialization/snapshot.hpp"
#include "support/fixtures.hpp"
#include "support/world_builder.hpp"

namespace tenantreach {
namespace {

using testing::conversation_member;
using testing::WorldBuilder;

const std::string kT = "11111111-1111-1111-1111-111111111111";
const std::string kH = "22222222-2222-2222-2222-222222222222";

// T keeps its partners in partners.jsonl and names a user its tenant does not hold in a CA policy; a private
// channel lists a member of H that stands for nobody in T.
void build_example(WorldBuilder& w) {
  w.tenant(kT, "contoso.example").tenant(kH, "fabrikam.example").member(kT, "u1").member(kH, "h1");
  w.file(kT, "crossTenantAccessPolicy/partners.jsonl", R"({"tenantId":")" + kH + R"("})" + "\n");
  w.policy(kT, R"({"id":"p1","state":"enabled","conditions":{"users":{"includeUsers":["ghost"]},)"
               R"("applications":{"includeApplications":["All"]}},"grantControls":{"builtInControls":["block"]}})");
  w.channel(kT, R"({"id":"c1","membershipType":"private","members":[)" + conversation_member("h1", kH) + "]}");
}

void expect_report(const graph::Stats& stats) {
  ASSERT_TRUE(stats.sources.count(kT));
  EXPECT_EQ(stats.sources.at(kT), (std::vector<std::string>{"organization.json", "users.json",
                                                            "crossTenantAccessPolicy/partners.jsonl",
                                                            "conditionalAccessPolicies.json", "channels.json"}));
  EXPECT_EQ(stats.sources.at(kH), (std::vector<std::string>{"organization.json", "users.json"}));
  EXPECT_EQ(stats.warnings.at("dangling-policy-target"), 1u);
  EXPECT_EQ(stats.warnings.at("ignored-channel-member"), 1u);
  const std::string json = graph::to_json(stats);
  EXPECT_NE(json.find("\"sources\":{\"" + kT + "\":[\"organization.json\""), std::string::npos) << json;
  EXPECT_NE(json.find("crossTenantAccessPolicy/partners.jsonl"), std::string::npos) << json;
  const std::string text = graph::to_text(stats);
  EXPECT_NE(text.find("  " + kT + ": organization.json users.json crossTenantAccessPolicy/partners.jsonl"),
            std::string::npos)
      << text;
}

TEST(StatsR1_1, ShowWhereEachTenantsSettingsCameFrom) {
  WorldBuilder w;
  build_example(w);
  expect_report(graph::compute_stats(w.compile()));
}

TEST(StatsR1_1, ASnapshotReportsTheSameSources) {
  WorldBuilder w;
  build_example(w);
  testing::TempDir dir;
  const auto path = dir.path() / "w.snap";
  serialization::save_snapshot(w.compile(), serialization::SourceDescription{w.write().string()}, path);
  expect_report(graph::compute_stats(serialization::load_snapshot(path)));
}

}  // namespace
}  // namespace tenantreach

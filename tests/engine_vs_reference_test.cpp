// Property tests: the compiled engine (graph::compile + graph::who_can_reach) against the plain reference
// evaluator, resource by resource, on generated adversarial worlds and on hand-built deep and cyclic groups.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/derive.hpp"
#include "core/generator.hpp"
#include "core/model.hpp"
#include "graph/compiled_world.hpp"
#include "graph/queries.hpp"
#include "graph/results.hpp"
#include "tests/reference/reference_evaluator.hpp"

namespace tr = tenantreach;

namespace {

struct Comparison {
  std::size_t resources = 0;
  std::string report;  // empty when the engine and the reference agree on every resource
};

Comparison compare_engine_with_reference(const tr::core::World& world) {
  Comparison out;
  std::vector<tr::graph::WhoCanReach> expected = tr::reference::evaluate_world(world);
  tr::graph::CompiledWorld compiled = tr::graph::compile(world);
  const std::size_t count = compiled.graph.resource_count();
  out.resources = count;
  if (count != expected.size()) {
    out.report += "resource count: engine " + std::to_string(count) + " vs reference " +
                  std::to_string(expected.size()) + "\n";
  }
  for (std::size_t i = 0; i < count && i < expected.size(); ++i) {
    tr::graph::WhoCanReach engine = tr::graph::who_can_reach(compiled, static_cast<std::uint32_t>(i));
    out.report += tr::reference::describe_difference(engine, expected[i], "engine", "reference");
  }
  return out;
}

// Totals over many worlds, to show the generator actually exercises every path (a property test that only
// ever sees empty answers proves nothing).
struct Coverage {
  std::size_t principals = 0, internal = 0, collaboration = 0, direct_connect = 0, unlinked = 0;
  void add(const std::vector<tr::graph::WhoCanReach>& answers) {
    for (const auto& a : answers) {
      for (const auto& p : a.principals) {
        ++principals;
        if (p.via & tr::graph::kViaInternal) ++internal;
        if (p.via & tr::graph::kViaB2BCollaboration) ++collaboration;
        if (p.via & tr::graph::kViaB2BDirectConnect) ++direct_connect;
        if (!p.principal.linked) ++unlinked;
      }
    }
  }
};

tr::core::User make_user(const std::string& id, const std::string& upn) {
  tr::core::User u;
  u.id = id;
  u.user_principal_name = upn;
  u.mail = upn;
  u.display_name = id;
  return u;
}

// A 36-character GUID-shaped id from a number (ids sort like the numbers they come from).
std::string numbered_id(std::uint32_t n, char tag) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%08x-0000-4000-8000-%c%011u", n, tag, n);
  return buffer;
}

}  // namespace

// R2-R7 as a whole: engine and reference agree on seeds 1..250 of the adversarial `property` preset.
TEST(EngineVsReference, PropertyPresetSeeds1To250) {
  Coverage coverage;
  std::size_t resources = 0;
  std::size_t failures = 0;
  for (std::uint64_t seed = 1; seed <= 250; ++seed) {
    tr::core::World world = tr::core::generate_world({"property", seed});
    coverage.add(tr::reference::evaluate_world(world));
    Comparison c = compare_engine_with_reference(world);
    resources += c.resources;
    if (!c.report.empty()) {
      ++failures;
      if (failures <= 5) ADD_FAILURE() << "preset property, seed " << seed << ":\n" << c.report;
    }
  }
  EXPECT_EQ(failures, 0u) << "seeds with a mismatch (first 5 shown above)";
  EXPECT_GT(resources, 1000u);
  // The generator must exercise every path and unlinked principals.
  EXPECT_GT(coverage.internal, 1000u);
  EXPECT_GT(coverage.collaboration, 100u);
  EXPECT_GT(coverage.direct_connect, 20u);
  EXPECT_GT(coverage.unlinked, 20u);
}

TEST(EngineVsReference, TinyPresetSeeds1To3) {
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    tr::core::World world = tr::core::generate_world({"tiny", seed});
    Comparison c = compare_engine_with_reference(world);
    EXPECT_EQ(c.report, "") << "preset tiny, seed " << seed << ":\n" << c.report;
    EXPECT_GT(c.resources, 20u);
  }
}

// R1.3: group cycles are legal input; both evaluators terminate and agree, and everyone on the cycle is reached.
TEST(EngineVsReferenceR1_3, GroupCycleTerminatesAndAgrees) {
  tr::core::World world;
  tr::core::Tenant t;
  t.id = "aaaaaaaa-0000-4000-8000-000000000001";
  t.display_name = "Cyclic";
  t.verified_domains = {"cyclic.example"};
  const int n = 5;
  for (int i = 0; i < n; ++i) {
    t.users.push_back(make_user(numbered_id(static_cast<std::uint32_t>(i), 'a'), "u" + std::to_string(i) + "@cyclic.example"));
  }
  // g0 -> g1 -> ... -> g4 -> g0 (each also holds one user), g2 also contains itself; g0 is a Microsoft 365 group.
  for (int i = 0; i < n; ++i) {
    tr::core::Group g;
    g.id = numbered_id(static_cast<std::uint32_t>(i), 'b');
    g.display_name = "g" + std::to_string(i);
    g.unified = i == 0 || i == 3;
    g.members.push_back({tr::core::MemberKind::User, t.users[static_cast<std::size_t>(i)].id});
    g.members.push_back({tr::core::MemberKind::Group, numbered_id(static_cast<std::uint32_t>((i + 1) % n), 'b')});
    if (i == 2) g.members.push_back({tr::core::MemberKind::Group, g.id});
    t.groups.push_back(g);
  }
  tr::core::Resource site;
  site.id = numbered_id(1, 'c');
  site.kind = tr::core::ResourceKind::Site;
  site.app_id = "office365";
  site.grants.push_back({tr::core::GrantType::Group, t.groups[4].id});
  t.resources.push_back(site);
  world.tenants.push_back(std::move(t));
  tr::core::derive(world);

  std::vector<tr::graph::WhoCanReach> reference = tr::reference::evaluate_world(world);
  ASSERT_EQ(reference.size(), 3u);  // g0, g3 and the site
  for (const auto& answer : reference) EXPECT_EQ(answer.principals.size(), static_cast<std::size_t>(n));
  Comparison c = compare_engine_with_reference(world);
  EXPECT_EQ(c.report, "");
}

// R1.3: 1,000 levels of nesting (group i contains group i+1, the user at the bottom, a Microsoft 365 group at the
// top): both evaluators terminate and agree.
TEST(EngineVsReferenceR1_3, ThousandLevelNestingTerminatesAndAgrees) {
  tr::core::World world;
  tr::core::Tenant t;
  t.id = "bbbbbbbb-0000-4000-8000-000000000002";
  t.display_name = "Deep";
  t.verified_domains = {"deep.example"};
  t.users.push_back(make_user(numbered_id(0, 'a'), "bottom@deep.example"));
  const std::uint32_t depth = 1000;
  for (std::uint32_t i = 0; i < depth; ++i) {
    tr::core::Group g;
    g.id = numbered_id(i, 'b');
    g.display_name = "level " + std::to_string(i);
    g.unified = i == 0;
    if (i + 1 < depth) {
      g.members.push_back({tr::core::MemberKind::Group, numbered_id(i + 1, 'b')});
    } else {
      g.members.push_back({tr::core::MemberKind::User, t.users[0].id});
    }
    t.groups.push_back(g);
  }
  world.tenants.push_back(std::move(t));
  tr::core::derive(world);

  std::vector<tr::graph::WhoCanReach> reference = tr::reference::evaluate_world(world);
  ASSERT_EQ(reference.size(), 1u);
  ASSERT_EQ(reference[0].principals.size(), 1u);
  EXPECT_EQ(reference[0].principals[0].principal.user_id, numbered_id(0, 'a'));
  EXPECT_EQ(reference[0].principals[0].via, tr::graph::kViaInternal);
  Comparison c = compare_engine_with_reference(world);
  EXPECT_EQ(c.report, "");
}

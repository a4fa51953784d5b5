// Change review (issue 11; docs/CLI.md, diff): the diff of two worlds reports exactly the (principal, resource)
// pairs whose paths differ, checked against the reference evaluator run on both worlds, for every kind of
// mutation the generator makes; --why names the gate that flipped; a world compared with itself is empty.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "worldgen/generator.hpp"
#include "core/ingest.hpp"
#include "worldgen/world_mutation.hpp"
#include "worldgen/world_writer.hpp"
#include "graph/compiled_world.hpp"
#include "parallel/audit_diff.hpp"
#include "parallel/diff_render.hpp"
#include "reference/reference_evaluator.hpp"
#include "support/fixtures.hpp"
#include "support/json_value.hpp"

namespace tenantreach {
namespace {

using worldgen::MutationKind;

// One line per changed pair: "<resource tenant>/<id> <change> +|-<principal tenant>/<user> <vias>".
using PairLines = std::set<std::string>;

std::string pair_line(const std::string& resource, const char* change, char sign, const std::string& principal,
                      graph::ViaSet via) {
  return resource + " " + change + " " + sign + principal + " " + graph::via_joined(via, ",");
}

// What the reference evaluator says changed: both worlds evaluated on their own, merged by identity.
PairLines reference_changes(const core::World& before, const core::World& after) {
  using Reach = std::map<std::string, graph::ViaSet>;  // principal -> paths
  const auto index = [](const core::World& world) {
    std::map<std::string, Reach> out;
    for (const graph::WhoCanReach& who : reference::evaluate_world(world)) {
      Reach& reach = out[who.resource.tenant_id + "/" + who.resource.id];
      for (const graph::PrincipalReach& p : who.principals) reach[p.principal.tenant_id + "/" + p.principal.user_id] = p.via;
    }
    return out;
  };
  const auto old_index = index(before);
  const auto new_index = index(after);
  std::set<std::string> resources;
  for (const auto& [r, _] : old_index) resources.insert(r);
  for (const auto& [r, _] : new_index) resources.insert(r);
  PairLines lines;
  for (const std::string& r : resources) {
    const auto o = old_index.find(r);
    const auto n = new_index.find(r);
    const char* change = o == old_index.end() ? "added" : n == new_index.end() ? "removed" : "changed";
    if (o == old_index.end() || n == new_index.end()) lines.insert(r + " " + change);
    const Reach none;
    const Reach& old_reach = o != old_index.end() ? o->second : none;
    const Reach& new_reach = n != new_index.end() ? n->second : none;
    for (const auto& [p, via] : new_reach) {
      const auto it = old_reach.find(p);
      const graph::ViaSet gained = via & ~(it != old_reach.end() ? it->second : 0);
      if (gained) lines.insert(pair_line(r, change, '+', p, gained));
    }
    for (const auto& [p, via] : old_reach) {
      const auto it = new_reach.find(p);
      const graph::ViaSet lost = via & ~(it != new_reach.end() ? it->second : 0);
      if (lost) lines.insert(pair_line(r, change, '-', p, lost));
    }
  }
  return lines;
}

PairLines diff_lines(const std::vector<parallel::ResourceDiff>& changes) {
  PairLines lines;
  for (const parallel::ResourceDiff& change : changes) {
    const std::string r = change.resource.tenant_id + "/" + change.resource.id;
    const char* name = parallel::change_name(change.change);
    if (change.change != parallel::ResourceChange::Changed) lines.insert(r + " " + name);
    for (const auto& p : change.gained) lines.insert(pair_line(r, name, '+', p.principal.tenant_id + "/" + p.principal.user_id, p.via));
    for (const auto& p : change.lost) lines.insert(pair_line(r, name, '-', p.principal.tenant_id + "/" + p.principal.user_id, p.via));
  }
  return lines;
}

parallel::DiffOptions with_why() {
  parallel::DiffOptions options;
  options.why = true;
  return options;
}

parallel::DiffOptions small_blocks() {
  parallel::DiffOptions options;
  options.block_size = 3;
  options.principal_budget = 1;
  return options;
}

parallel::DiffOptions external_only() {
  parallel::DiffOptions options;
  options.vias = graph::kViaB2BCollaboration | graph::kViaB2BDirectConnect;
  return options;
}

std::vector<parallel::ResourceDiff> run_diff(const graph::CompiledWorld& before, const graph::CompiledWorld& after,
                                             parallel::DiffOptions options = {}) {
  std::vector<parallel::ResourceDiff> changes;
  std::string previous;
  parallel::diff(before, after, options, [&](const parallel::ResourceDiff& change) {
    const std::string key = change.resource.tenant_id + "/" + change.resource.id;
    EXPECT_LT(previous, key) << "diff lines come in audit order";
    previous = key;
    changes.push_back(change);
  });
  return changes;
}

// A generated world and a mutated copy, compiled (mutations keep the derived facts valid, so no reload is needed;
// GenerateMutate below checks that the written copy answers the same).
struct WorldPair {
  std::vector<worldgen::Mutation> mutations;
  graph::CompiledWorld before;
  graph::CompiledWorld after;
};

WorldPair mutated(const std::string& preset, std::uint64_t seed, std::size_t changes,
                  const std::vector<MutationKind>& kinds) {
  WorldPair pair;
  core::World world = worldgen::generate_world({preset, seed});
  core::World copy = world;
  pair.mutations = worldgen::mutate_world(copy, seed * 7919, changes, kinds);
  pair.before = graph::compile(std::move(world));
  pair.after = graph::compile(std::move(copy));
  return pair;
}

TEST(Diff, AWorldComparedWithItselfIsEmpty) {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    const graph::CompiledWorld a = graph::compile(worldgen::generate_world({"property", seed}));
    const graph::CompiledWorld b = graph::compile(worldgen::generate_world({"property", seed}));
    EXPECT_TRUE(run_diff(a, b).empty()) << "seed " << seed;
    EXPECT_TRUE(run_diff(a, a, with_why()).empty()) << "seed " << seed;
  }
}

TEST(Diff, ManyMutationsAtOnceAndSmallBlocksAgreeWithTheReference) {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    const WorldPair pair = mutated("property", seed, 6, {});
    const PairLines expected = reference_changes(pair.before.world(), pair.after.world());
    EXPECT_EQ(diff_lines(run_diff(pair.before, pair.after)), expected) << "seed " << seed;
    EXPECT_EQ(diff_lines(run_diff(pair.before, pair.after, small_blocks())), expected)
        << "seed " << seed << ", blocks of at most 3 resources";
  }
}

TEST(Diff, AddedAndRemovedResourcesAreReportedEvenWhenNobodyReachesThem) {
  const graph::CompiledWorld one = graph::compile(worldgen::generate_world({"property", 3}));
  const graph::CompiledWorld other = graph::compile(worldgen::generate_world({"property", 4}));
  const PairLines expected = reference_changes(one.world(), other.world());
  EXPECT_EQ(diff_lines(run_diff(one, other)), expected);
}


// The causes a single mutation of each kind may show on a gained or a lost pair. A membership can also open or
// close a gate (a policy or a partner setting that names the group), so those kinds are allowed for it too.
const std::map<MutationKind, std::pair<std::set<std::string>, std::set<std::string>>> kCauses = {
    {MutationKind::PartnerSetting,
     {{"inbound-allowed", "outbound-allowed"}, {"inbound-blocked", "outbound-blocked"}}},
    {MutationKind::InboundTrust, {{"ca-policy-lifted"}, {"ca-policy-applies"}}},
    {MutationKind::MemberAdded,
     {{"membership-added", "ca-policy-lifted", "inbound-allowed", "outbound-allowed"},
      {"ca-policy-applies", "inbound-blocked", "outbound-blocked"}}},
    {MutationKind::MemberRemoved,
     {{"ca-policy-lifted", "inbound-allowed", "outbound-allowed"},
      {"membership-removed", "ca-policy-applies", "inbound-blocked", "outbound-blocked"}}},
    {MutationKind::PolicyEnabled, {{}, {"ca-policy-applies"}}},
    {MutationKind::AccountDisabled, {{}, {"account-disabled", "home-account-disabled"}}},
};

// For each kind of mutation: exactly the pairs the reference evaluator sees change, each with a cause its mutation
// can have.
TEST(Diff, EachMutationKindReportsExactlyTheChangedPairsWithTheirCause) {
  for (MutationKind kind : worldgen::kAllMutationKinds) {
    const auto& [gained_causes, lost_causes] = kCauses.at(kind);
    std::size_t changed_pairs = 0;
    // Ten seeds each; a kind whose changes happened to touch no access yet gets more (trust claims matter only to
    // the few guests a policy asks for MFA or a device).
    for (std::uint64_t seed = 1; seed <= 10 || (changed_pairs == 0 && seed <= 200); ++seed) {
      const WorldPair pair = mutated("property", seed, 1, {kind});
      const std::string what = std::string(worldgen::mutation_name(kind)) + ", seed " + std::to_string(seed) + ": " +
                               (pair.mutations.empty() ? "" : worldgen::to_json(pair.mutations[0]));
      const std::vector<parallel::ResourceDiff> changes = run_diff(pair.before, pair.after, with_why());
      EXPECT_EQ(diff_lines(changes), reference_changes(pair.before.world(), pair.after.world())) << what;
      const auto check = [&](const parallel::ResourceDiff& change, const parallel::PrincipalChange& p,
                             const std::set<std::string>& allowed) {
        ++changed_pairs;
        EXPECT_FALSE(p.why.empty()) << what << ": no cause in " << parallel::diff_json(change);
        for (const parallel::Cause& cause : p.why)
          EXPECT_TRUE(allowed.count(cause.kind)) << what << ": cause " << cause.kind << " (" << cause.detail << ") in "
                                                 << parallel::diff_json(change);
      };
      for (const parallel::ResourceDiff& change : changes) {
        for (const auto& p : change.gained) check(change, p, gained_causes);
        for (const auto& p : change.lost) check(change, p, lost_causes);
      }
    }
    EXPECT_GT(changed_pairs, 0u) << worldgen::mutation_name(kind) << " never changed any access: the test proves nothing";
  }
}

TEST(DiffWhy, CausesNameTheObjectOrPolicy) {
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const WorldPair pair = mutated("property", seed, 1, {MutationKind::PolicyEnabled});
    if (pair.mutations.empty()) continue;
    for (const parallel::ResourceDiff& change : run_diff(pair.before, pair.after, with_why()))
      for (const auto& p : change.lost)
        for (const parallel::Cause& cause : p.why) EXPECT_EQ(cause.policy_id, pair.mutations[0].object_id);
  }
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    const WorldPair pair = mutated("property", seed, 1, {MutationKind::AccountDisabled});
    if (pair.mutations.empty()) continue;
    const std::string user = pair.mutations[0].tenant_id + "/" + pair.mutations[0].object_id;
    for (const parallel::ResourceDiff& change : run_diff(pair.before, pair.after, with_why()))
      for (const auto& p : change.lost)
        for (const parallel::Cause& cause : p.why) {
          if (cause.kind == "account-disabled") {
            EXPECT_EQ(cause.detail, "user object " + user);
          }
        }
  }
}

TEST(DiffFilters, ViaAndPrincipalTenantNarrowWhatIsCompared) {
  std::size_t kept = 0;
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const WorldPair pair = mutated("property", seed, 6, {});
    for (const parallel::ResourceDiff& change : run_diff(pair.before, pair.after, external_only())) {
      for (const auto& p : change.gained) EXPECT_EQ(p.via & graph::kViaInternal, 0);
      for (const auto& p : change.lost) EXPECT_EQ(p.via & graph::kViaInternal, 0);
    }
    parallel::DiffOptions one_tenant;
    const std::string tenant = pair.before.world().tenants[0].id;
    one_tenant.principal_tenants = {tenant};
    for (const parallel::ResourceDiff& change : run_diff(pair.before, pair.after, one_tenant)) {
      for (const auto& p : change.gained) EXPECT_EQ(p.principal.tenant_id, tenant);
      for (const auto& p : change.lost) EXPECT_EQ(p.principal.tenant_id, tenant);
      kept += change.gained.size() + change.lost.size();
    }
  }
  EXPECT_GT(kept, 0u);
}

TEST(DiffRender, JsonFollowsSpecConventionsAndTheSummaryCounts) {
  parallel::ResourceDiff change;
  change.resource = {"t1", "r1", "site", "Site One", "Tenant One"};
  change.change = parallel::ResourceChange::Changed;
  change.gained.push_back({{"t2", "u1", true, "User One", "Tenant Two"}, graph::kViaB2BCollaboration, {}});
  change.lost.push_back({{"t1", "u2", true, "", ""}, graph::kViaInternal, {{"account-disabled", "user object t1/u2", "", ""}}});
  EXPECT_EQ(parallel::diff_json(change),
            R"({"resource":{"tenantId":"t1","id":"r1","kind":"site"},"change":"changed",)"
            R"("gained":[{"tenantId":"t2","userId":"u1","linked":true,"via":["b2bCollaboration"]}],)"
            R"("lost":[{"tenantId":"t1","userId":"u2","linked":true,"via":["internal"],)"
            R"("why":[{"cause":"account-disabled","detail":"user object t1/u2"}]}]})");
  parallel::DiffSummary summary;
  summary.add(change);
  EXPECT_EQ(summary.json(),
            "{\"resourceTenantId\":\"t1\",\"principalTenantId\":\"t1\",\"via\":\"internal\",\"gained\":0,\"lost\":1}\n"
            "{\"resourceTenantId\":\"t1\",\"principalTenantId\":\"t2\",\"via\":\"b2bCollaboration\",\"gained\":1,\"lost\":0}\n"
            "{\"resources\":{\"changed\":1,\"added\":0,\"removed\":0}}");
}

// generate --mutate writes the world that the library's mutation makes, and prints its changes; diff of the two
// written worlds through the command line is the library's diff of the two in memory.
TEST(GenerateMutate, TheWrittenCopyDiffsAsTheMutationInMemory) {
  testing::TempDir dir;
  const std::string before = (dir.path() / "before").string();
  const std::string after = (dir.path() / "after").string();
  ASSERT_EQ(testing::run_cli({"generate", "--preset", "property", "--seed", "5", "-o", before}).exit_code, 0);
  const auto generated =
      testing::run_cli({"generate", "--preset", "property", "--seed", "5", "--mutate", "9", "--changes", "6", "-o", after});
  ASSERT_EQ(generated.exit_code, 0) << generated.err;
  core::World world = worldgen::generate_world({"property", 5});
  core::World copy = world;
  std::string expected_changes;
  for (const worldgen::Mutation& mutation : worldgen::mutate_world(copy, 9, 6)) expected_changes += worldgen::to_json(mutation) + "\n";
  EXPECT_EQ(generated.out, expected_changes);
  std::string expected;
  parallel::diff(graph::compile(std::move(world)), graph::compile(std::move(copy)), {},
                 [&](const parallel::ResourceDiff& change) { expected += parallel::diff_json(change) + "\n"; });
  const auto diff = testing::run_cli({"diff", before, after});
  EXPECT_EQ(diff.exit_code, 0) << diff.err;
  EXPECT_EQ(diff.out, expected);
  EXPECT_FALSE(expected.empty());
}

}  // namespace
}  // namespace tenantreach

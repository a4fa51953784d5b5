// The denial reasons compiled into the graph (graph/denial_sets.hpp): lists are interned once each, in the order
// given, and every closed gate and refused direct connect entry of a compiled fixture names exactly the reasons
// the rules (core::AccessRules) give for it.
#include <algorithm>
#include <span>
#include <vector>

#include <gtest/gtest.h>

#include "core/access_rules.hpp"
#include "core/ingest.hpp"
#include "graph/compiled_world.hpp"
#include "graph/denial_sets.hpp"
#include "support/fixtures.hpp"

namespace tenantreach {
namespace {

using core::Denial;
using core::DenialCode;

bool same(std::span<const Denial> a, const std::vector<Denial>& b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](const Denial& x, const Denial& y) {
           return x.code == y.code && x.policy == y.policy;
         });
}

TEST(DenialSets, AListIsInternedOnceAndKeepsItsOrder) {
  graph::DenialSets sets;
  const std::vector<Denial> mfa{{DenialCode::CaMfaUntrusted, 2}, {DenialCode::CaBlock, 0}};
  const std::vector<Denial> swapped{mfa[1], mfa[0]};
  EXPECT_EQ(sets.intern({}), 0u);
  EXPECT_EQ(sets.intern(mfa), 1u);
  EXPECT_EQ(sets.intern(swapped), 2u);  // another order is another list: explain reports reasons in rule order
  EXPECT_EQ(sets.intern(mfa), 1u);
  EXPECT_EQ(sets.size(), 3u);
  EXPECT_TRUE(same(sets.at(1), mfa));
  EXPECT_TRUE(sets.at(0).empty());
}

TEST(DenialSets, MergeMapsEveryListOfTheOtherToItsIndexHere) {
  graph::DenialSets here, other;
  const std::vector<Denial> outbound{{DenialCode::OutboundBlocked}}, disabled{{DenialCode::AccountDisabled}};
  here.intern(outbound);
  other.intern(disabled);
  other.intern(outbound);
  EXPECT_EQ(here.merge(other), (std::vector<std::uint32_t>{1, 0}));
  EXPECT_TRUE(same(here.at(1), disabled));
}

TEST(DenialSets, ReleaseNumbersTheListsInTheOrderOfTheirReasons) {
  graph::DenialSets sets;
  const std::vector<Denial> outbound{{DenialCode::OutboundBlocked}}, disabled{{DenialCode::AccountDisabled}};
  sets.intern(outbound);
  sets.intern({});
  sets.intern(disabled);
  std::vector<std::uint64_t> offsets;
  std::vector<Denial> reasons;
  // AccountDisabled's code is below OutboundBlocked's; the empty list sorts first.
  EXPECT_EQ(std::move(sets).release(offsets, reasons), (std::vector<std::uint32_t>{2, 0, 1}));
  EXPECT_EQ(offsets, (std::vector<std::uint64_t>{0, 0, 1, 2}));
  EXPECT_TRUE(same({reasons.data(), 1}, disabled));
  EXPECT_TRUE(same({reasons.data() + 1, 1}, outbound));
}

class CompiledDenials : public ::testing::TestWithParam<std::string> {};

TEST_P(CompiledDenials, AreTheReasonsTheRulesGive) {
  const auto compiled =
      graph::compile(core::load_world(testing::shared_dir() / "fixtures" / "random" / GetParam() / "world"));
  const graph::AccessGraph& g = compiled.graph;
  const core::AccessRules rules(compiled.world());
  std::vector<Denial> expected;
  std::size_t closed = 0;
  for (std::uint32_t t = 0; t < g.tenant_count(); ++t) {
    for (std::uint32_t user = g.tenant_user_offset[t]; user < g.tenant_user_offset[t + 1]; ++user) {
      for (std::size_t slot = 0; slot < g.tenant_apps[t].size(); ++slot) {
        expected.clear();
        rules.check_user_object(t, user - g.tenant_user_offset[t], g.tenant_apps[t][slot], expected);
        closed += !expected.empty();
        ASSERT_TRUE(same(g.closed_gate_reasons(g.gate_index(t, user) + slot), expected)) << "user vertex " << user;
      }
    }
  }
  EXPECT_EQ(closed, g.closed_gates.size());
  for (std::uint32_t r = 0; r < g.resource_count(); ++r) {
    const graph::GraphResource& resource = g.resources[r];
    for (const graph::DirectConnectEntry& entry : g.direct_connect_of(r)) {
      expected.clear();
      const std::string_view home_tenant_id = g.direct_connect_names[entry.home_tenant_id];
      const std::string_view user_id = g.direct_connect_names[entry.user_id];
      rules.check_direct_connect(resource.tenant, home_tenant_id, user_id,
                                 g.tenant_apps[resource.tenant][resource.app_slot], expected);
      ASSERT_TRUE(same(g.denial_set(entry.denials), expected)) << home_tenant_id << "/" << user_id;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Shared, CompiledDenials, ::testing::ValuesIn(testing::fixture_names("random")),
                         [](const auto& info) { return info.param.substr(info.param.find('-') + 1); });

}  // namespace
}  // namespace tenantreach

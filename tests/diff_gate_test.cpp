// diff --fail-on as a library function (parallel/diff_gate.hpp): which principal changes each kind counts.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.hpp"
#include "parallel/diff_gate.hpp"

namespace tenantreach {
namespace {

// One resource where one principal gained an internal path, one gained B2B collaboration (and internal), and
// two lost their paths.
parallel::ResourceDiff sample_change() {
  parallel::ResourceDiff change;
  change.gained.push_back({{}, graph::kViaInternal, {}});
  change.gained.push_back({{}, graph::kViaB2BCollaboration | graph::kViaInternal, {}});
  change.lost.push_back({{}, graph::kViaInternal, {}});
  change.lost.push_back({{}, graph::kViaB2BDirectConnect, {}});
  return change;
}

std::size_t failing(const std::vector<std::string>& fail_on) {
  parallel::DiffGate gate(fail_on);
  gate.add(sample_change());
  gate.add(sample_change());
  return gate.failing();
}

TEST(DiffGate, EachKindCountsItsPrincipalChangesOverEveryResource) {
  EXPECT_EQ(failing({}), 0u);
  EXPECT_EQ(failing({"gained-external"}), 2u);
  EXPECT_EQ(failing({"gained"}), 4u);
  EXPECT_EQ(failing({"lost"}), 4u);
  EXPECT_EQ(failing({"gained-external", "lost"}), 6u);
  EXPECT_EQ(failing({"gained", "gained-external"}), 4u) << "a gained principal is counted once";
}

TEST(DiffGate, AnUnknownKindIsAnInputError) {
  EXPECT_THROW(parallel::DiffGate({"removed"}), core::InputError);
}

}  // namespace
}  // namespace tenantreach

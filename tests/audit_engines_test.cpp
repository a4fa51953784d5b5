// The batch engine and the BFS baseline must print identical audits (issue: scale), with and without
// principal lists — the counts-only path of the batch engine never builds lists, so it is checked separately.
#include <gtest/gtest.h>

#include "worldgen/generator.hpp"
#include "parallel/audit.hpp"

namespace tenantreach {
namespace {

std::vector<std::string> audit_lines(const graph::CompiledWorld& compiled, parallel::Engine engine, bool principals,
                                     std::size_t block_size) {
  std::vector<std::string> lines;
  parallel::AuditOptions options;
  options.engine = engine;
  options.principals = principals;
  options.block_size = block_size;
  parallel::audit(compiled, options, [&](const std::string& line) { lines.push_back(line); });
  return lines;
}

void expect_engines_agree(const graph::CompiledWorld& compiled, const std::string& name) {
  for (bool principals : {false, true}) {
    const auto baseline = audit_lines(compiled, parallel::Engine::Bfs, principals, 4096);
    for (std::size_t block : {std::size_t{1}, std::size_t{7}, std::size_t{4096}}) {
      const auto batch = audit_lines(compiled, parallel::Engine::Batch, principals, block);
      ASSERT_EQ(batch.size(), baseline.size()) << name;
      for (std::size_t i = 0; i < batch.size(); ++i)
        ASSERT_EQ(batch[i], baseline[i]) << name << " principals=" << principals << " block=" << block;
    }
  }
}

TEST(AuditEngines, BatchEqualsBfsOnPropertyWorlds) {
  for (std::uint64_t seed = 1; seed <= 120; ++seed) {
    const auto compiled = graph::compile(worldgen::generate_world({"property", seed}));
    expect_engines_agree(compiled, "property seed " + std::to_string(seed));
    if (HasFatalFailure()) return;
  }
}

TEST(AuditEngines, BatchEqualsBfsOnTinyWorlds) {
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    const auto compiled = graph::compile(worldgen::generate_world({"tiny", seed}));
    expect_engines_agree(compiled, "tiny seed " + std::to_string(seed));
    if (HasFatalFailure()) return;
  }
}

// With principals, blocks end at the principal budget, so a huge audit streams in bounded memory; the lines
// and their order must not depend on where blocks end.
TEST(AuditEngines, PrincipalBudgetCutsBlocksWithoutChangingTheOutput) {
  const auto compiled = graph::compile(worldgen::generate_world({"tiny", 1}));
  const auto whole = audit_lines(compiled, parallel::Engine::Batch, true, 4096);
  for (std::uint64_t budget : {std::uint64_t{1}, std::uint64_t{50}, std::uint64_t{1000}}) {
    parallel::AuditOptions options;
    options.principals = true;
    options.principal_budget = budget;
    std::vector<std::string> lines;
    std::size_t hand_overs = 0;
    parallel::audit(
        compiled, options, [&](const std::string& line) { lines.push_back(line); },
        [&](std::size_t, std::size_t) { ++hand_overs; });
    EXPECT_EQ(lines, whole) << "budget " << budget;
    EXPECT_GT(hand_overs, 1u) << "budget " << budget;
  }
  // Without principals, the budget does not apply: one block.
  parallel::AuditOptions counts_only;
  counts_only.principal_budget = 1;
  std::size_t hand_overs = 0;
  parallel::audit(compiled, counts_only, [](const std::string&) {}, [&](std::size_t, std::size_t) { ++hand_overs; });
  EXPECT_EQ(hand_overs, 1u);
}

TEST(AuditEngines, KindFilterSelectsOnlyThoseKinds) {
  const auto compiled = graph::compile(worldgen::generate_world({"tiny", 1}));
  parallel::AuditOptions options;
  options.kinds = {"sharedChannel", "site"};
  std::size_t lines = 0;
  parallel::audit(compiled, options, [&](const std::string& line) {
    ++lines;
    EXPECT_TRUE(line.find("\"kind\":\"sharedChannel\"") != std::string::npos ||
                line.find("\"kind\":\"site\"") != std::string::npos)
        << line;
  });
  EXPECT_GT(lines, 0u);
}

}  // namespace
}  // namespace tenantreach

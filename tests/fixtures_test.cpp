// The data-driven contract tests: every world of shared/fixtures/random must produce its expected
// `audit --principals` output (R10, compared line by line as JSON values), through the library and through the
// command line; every world of shared/fixtures/bad-input must fail with its exit code and message (R1.3).
#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>

#include "core/ingest.hpp"
#include "parallel/audit.hpp"
#include "support/fixtures.hpp"
#include "support/json_value.hpp"

namespace tenantreach {
namespace {

using testing::JsonValue;

void expect_same_lines(const std::vector<std::string>& actual, const std::vector<std::string>& expected) {
  ASSERT_EQ(actual.size(), expected.size()) << "number of audit lines";
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const JsonValue want = testing::parse_json(expected[i]);
    const JsonValue got = testing::parse_json(actual[i]);
    EXPECT_EQ(got, want) << "line " << i + 1 << "\n  expected: " << expected[i] << "\n  actual:   " << actual[i];
  }
}

class RandomFixture : public ::testing::TestWithParam<std::string> {
 protected:
  std::filesystem::path dir() const { return testing::shared_dir() / "fixtures" / "random" / GetParam(); }
  std::vector<std::string> expected() const { return testing::read_lines((dir() / "expected-audit.jsonl").string()); }
};

TEST_P(RandomFixture, R10_AuditPrincipalsThroughLibraryWithEitherEngine) {
  const auto compiled = graph::compile(core::load_world(dir() / "world"));
  for (const auto engine : {parallel::Engine::Batch, parallel::Engine::Bfs}) {
    std::vector<std::string> lines;
    parallel::AuditOptions options;
    options.principals = true;
    options.engine = engine;
    options.block_size = 3;  // several blocks, to exercise the ordered hand-over
    parallel::audit(compiled, options, [&](const std::string& line) { lines.push_back(line); });
    SCOPED_TRACE(engine == parallel::Engine::Batch ? "batch engine" : "bfs engine");
    expect_same_lines(lines, expected());
  }
}

TEST_P(RandomFixture, R10_AuditPrincipalsThroughCommandLine) {
  testing::TempDir scratch;
  const auto output = scratch.path() / "audit.jsonl";
  const auto result = testing::run_cli({"audit", "--principals", (dir() / "world").string(), "-o", output.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  expect_same_lines(testing::read_lines(output.string()), expected());
}

INSTANTIATE_TEST_SUITE_P(Shared, RandomFixture, ::testing::ValuesIn(testing::fixture_names("random")),
                         [](const auto& info) { return info.param.substr(info.param.find('-') + 1); });

class BadInputFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(BadInputFixture, R1_3_FailsWithNamedFileAndNothingWritten) {
  const auto dir = testing::shared_dir() / "fixtures" / "bad-input" / GetParam();
  const JsonValue expect = testing::parse_json(testing::read_file(dir / "expect.json"));
  const auto& fields = std::get<JsonValue::Object>(expect.value);
  testing::TempDir scratch;
  const auto output = scratch.path() / "audit.jsonl";
  const auto result = testing::run_cli({"audit", (dir / "world").string(), "-o", output.string()});
  EXPECT_EQ(result.exit_code, static_cast<int>(std::get<double>(fields.at("exit").value)));
  std::string err = result.err;
  std::transform(err.begin(), err.end(), err.begin(), ::tolower);
  for (const JsonValue& needle : std::get<JsonValue::Array>(fields.at("stderrContains").value)) {
    std::string text = std::get<std::string>(needle.value);
    std::transform(text.begin(), text.end(), text.begin(), ::tolower);
    EXPECT_NE(err.find(text), std::string::npos) << "stderr lacks '" << text << "': " << result.err;
  }
  EXPECT_FALSE(std::filesystem::exists(output)) << "a failed run must not leave an output file";
  EXPECT_TRUE(std::filesystem::is_empty(scratch.path())) << "no temporary file may be left behind";
}

INSTANTIATE_TEST_SUITE_P(Shared, BadInputFixture, ::testing::ValuesIn(testing::fixture_names("bad-input")),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace tenantreach

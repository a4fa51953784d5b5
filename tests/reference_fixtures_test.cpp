// The reference evaluator against the shared fixtures: for every fixtures/random/seed-*/world it must reproduce
// expected-audit.jsonl (the output of `tenantreach audit --principals`), compared as JSON values.
#include <gtest/gtest.h>

#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/ingest.hpp"
#include "graph/results.hpp"
#include "tests/reference/reference_evaluator.hpp"

namespace tr = tenantreach;
namespace fs = std::filesystem;

namespace {

fs::path random_fixtures_dir() { return fs::path(TENANTREACH_SHARED_DIR) / "fixtures" / "random"; }

std::vector<fs::path> seed_dirs() {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(random_fixtures_dir(), ec)) {
    if (entry.is_directory() && entry.path().filename().string().rfind("seed-", 0) == 0) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

tr::graph::Via via_from_name(std::string_view name) {
  if (name == "b2bCollaboration") return tr::graph::kViaB2BCollaboration;
  if (name == "b2bDirectConnect") return tr::graph::kViaB2BDirectConnect;
  if (name == "internal") return tr::graph::kViaInternal;
  ADD_FAILURE() << "unknown via name in fixture: " << name;
  return tr::graph::kViaInternal;
}

std::string str(simdjson::dom::element e) { return std::string(std::string_view(e)); }

// One expected-audit.jsonl line as a WhoCanReach value (display names are not part of the audit output).
tr::graph::WhoCanReach parse_line(simdjson::dom::parser& parser, const std::string& line) {
  simdjson::dom::element doc = parser.parse(line);
  tr::graph::WhoCanReach out;
  out.resource.tenant_id = str(doc["resource"]["tenantId"]);
  out.resource.id = str(doc["resource"]["id"]);
  out.resource.kind = str(doc["resource"]["kind"]);
  simdjson::dom::array principals;
  if (doc["principals"].get(principals) == simdjson::SUCCESS) {
    for (simdjson::dom::element p : principals) {
      tr::graph::PrincipalReach reach;
      reach.principal.tenant_id = str(p["tenantId"]);
      reach.principal.user_id = str(p["userId"]);
      reach.principal.linked = bool(p["linked"]);
      std::vector<std::string> names;
      for (simdjson::dom::element v : simdjson::dom::array(p["via"])) names.push_back(str(v));
      EXPECT_TRUE(std::is_sorted(names.begin(), names.end())) << "via not sorted in fixture line";
      for (const auto& name : names) reach.via |= via_from_name(name);
      out.principals.push_back(reach);
    }
  }
  simdjson::dom::element counts = doc["counts"];
  out.counts.total = static_cast<std::size_t>(std::uint64_t(counts["total"]));
  for (auto field : simdjson::dom::object(counts["byVia"])) {
    out.counts.by_via[std::string(field.key)] = static_cast<std::size_t>(std::uint64_t(field.value));
  }
  for (auto field : simdjson::dom::object(counts["byTenant"])) {
    out.counts.by_tenant[std::string(field.key)] = static_cast<std::size_t>(std::uint64_t(field.value));
  }
  return out;
}

std::vector<tr::graph::WhoCanReach> read_expected(const fs::path& file) {
  std::vector<tr::graph::WhoCanReach> out;
  std::ifstream in(file);
  std::string line;
  simdjson::dom::parser parser;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    out.push_back(parse_line(parser, line));
  }
  return out;
}

}  // namespace

// R10 audit output, R2-R7 semantics: the reference reproduces every shared fixture.
TEST(ReferenceFixtures, ReproducesEveryExpectedAudit) {
  std::vector<fs::path> seeds = seed_dirs();
  ASSERT_FALSE(seeds.empty()) << "no fixtures under " << random_fixtures_dir();
  std::size_t resources = 0;
  for (const fs::path& seed : seeds) {
    SCOPED_TRACE(seed.filename().string());
    tr::core::World world = tr::core::load_world(seed / "world");
    std::vector<tr::graph::WhoCanReach> expected = read_expected(seed / "expected-audit.jsonl");
    std::vector<tr::graph::WhoCanReach> actual = tr::reference::evaluate_world(world);
    ASSERT_EQ(expected.size(), actual.size()) << "resource count differs";
    std::string report;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      report += tr::reference::describe_difference(expected[i], actual[i], "expected", "reference");
    }
    EXPECT_EQ(report, "") << seed.filename().string() << ":\n" << report;
    resources += expected.size();
  }
  EXPECT_GT(resources, 0u);
}

// R10: the counts of every fixture line follow from its principals (a check of the fixtures' reading of §10,
// which the reference's own counts are built from).
TEST(ReferenceFixtures, CountsFollowFromPrincipals) {
  for (const fs::path& seed : seed_dirs()) {
    for (const auto& line : read_expected(seed / "expected-audit.jsonl")) {
      tr::graph::Counts counts;
      counts.total = line.principals.size();
      for (const auto& p : line.principals) {
        for (tr::graph::Via v :
             {tr::graph::kViaB2BCollaboration, tr::graph::kViaB2BDirectConnect, tr::graph::kViaInternal}) {
          if (p.via & v) counts.by_via[tr::reference::reference_via_name(v)] += 1;
        }
        counts.by_tenant[p.principal.tenant_id] += 1;
      }
      EXPECT_EQ(counts.total, line.counts.total) << seed << " " << line.resource.id;
      EXPECT_EQ(counts.by_via, line.counts.by_via) << seed << " " << line.resource.id;
      EXPECT_EQ(counts.by_tenant, line.counts.by_tenant) << seed << " " << line.resource.id;
    }
  }
}

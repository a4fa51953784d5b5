// Provenance (issue 10): the snapshot header records when it was written, describe_source tells what a snapshot
// or a world directory is without compiling it, and the audit header and --version name this build.
#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/ingest.hpp"
#include "graph/compiled_world.hpp"
#include "graph/stats.hpp"
#include "serialization/snapshot.hpp"
#include "serialization/source_info.hpp"
#include "serialization/version.hpp"
#include "support/fixtures.hpp"
#include "support/json_value.hpp"

namespace tenantreach {
namespace {

namespace fs = std::filesystem;
using serialization::SourceInfo;

const fs::path kWorld = fs::path(TENANTREACH_EXAMPLES_DIR) / "three-tenants" / "world";
const std::string kContoso = "11111111-1111-1111-1111-111111111111";
const std::string kFabrikam = "22222222-2222-2222-2222-222222222222";
const std::string kLitware = "33333333-3333-3333-3333-333333333333";

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

fs::path compile_example(const testing::TempDir& dir) {
  const fs::path snapshot = dir.path() / "example.snap";
  serialization::save_snapshot(graph::compile(core::load_world(kWorld)), serialization::describe_world(kWorld),
                               snapshot);
  return snapshot;
}

const testing::JsonValue& at(const testing::JsonValue& object, const std::string& key) {
  return std::get<testing::JsonValue::Object>(object.value).at(key);
}
std::string text_at(const testing::JsonValue& object, const std::string& key) {
  return std::get<std::string>(at(object, key).value);
}
double number_at(const testing::JsonValue& object, const std::string& key) {
  return std::get<double>(at(object, key).value);
}

TEST(Version, NamesEngineSnapshotFormatAndBuildType) {
  EXPECT_TRUE(std::regex_match(std::string(serialization::engine_version()), std::regex(R"(\d+\.\d+\.\d+)")));
  EXPECT_EQ(serialization::snapshot_format_version(), serialization::kSnapshotFormatVersion);
  EXPECT_FALSE(serialization::build_type().empty());
  EXPECT_EQ(serialization::version_line(), "tenantreach " + std::string(serialization::engine_version()) +
                                               " (snapshot format 15, " + std::string(serialization::build_type()) +
                                               " build)");
}

TEST(SnapshotHeader, RecordsTheEngineAndWhenItWasWrittenInUtc) {
  testing::TempDir dir;
  const std::string before = utc_now();
  const fs::path snapshot = compile_example(dir);
  const std::string after = utc_now();
  serialization::SnapshotHeader header;
  serialization::load_snapshot(snapshot, &header);
  EXPECT_EQ(header.engine_version, serialization::engine_version());
  EXPECT_TRUE(std::regex_match(header.created_at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)"))) << header.created_at;
  EXPECT_LE(before, header.created_at);  // ISO 8601 in UTC sorts as text
  EXPECT_LE(header.created_at, after);
  EXPECT_EQ(header.source.path, kWorld.string());
}

TEST(DescribeSource, OfASnapshotGivesItsHeaderTenantsAndCountsWithoutTheModel) {
  testing::TempDir dir;
  const fs::path snapshot = compile_example(dir);
  const SourceInfo info = serialization::describe_source(snapshot);
  EXPECT_EQ(info.kind, SourceInfo::Kind::Snapshot);
  EXPECT_EQ(info.path, snapshot.string());
  EXPECT_EQ(info.engine_version, serialization::engine_version());
  EXPECT_EQ(info.snapshot_format, serialization::kSnapshotFormatVersion);
  EXPECT_FALSE(info.created_at.empty());
  const serialization::SourceDescription world = serialization::describe_world(kWorld);
  EXPECT_EQ(info.world.path, kWorld.string());
  EXPECT_EQ(info.world.content_hash, world.content_hash);
  EXPECT_EQ(info.world.files, world.files);
  EXPECT_EQ(info.world.bytes, world.bytes);
  ASSERT_EQ(info.tenants.size(), 3u);
  EXPECT_EQ(info.tenants[0].id, kContoso);
  EXPECT_EQ(info.tenants[0].display_name, "Contoso");
  EXPECT_EQ(info.tenants[1].display_name, "Fabrikam");
  EXPECT_EQ(info.tenants[2].display_name, "Litware");
  EXPECT_EQ(info.counts, graph::compute_stats(serialization::load_snapshot(snapshot)).counts);
  EXPECT_EQ(info.counts.at("tenants"), 3u);
}

TEST(DescribeSource, OfAWorldListsItsTenantsWithNamesAndEveryFile) {
  const SourceInfo info = serialization::describe_source(kWorld);
  EXPECT_EQ(info.kind, SourceInfo::Kind::World);
  EXPECT_EQ(info.path, kWorld.string());
  EXPECT_EQ(info.world.content_hash, serialization::describe_world(kWorld).content_hash);
  ASSERT_EQ(info.tenants.size(), 3u);
  EXPECT_EQ(info.tenants[1].id, kFabrikam);
  EXPECT_EQ(info.tenants[1].display_name, "Fabrikam");
  EXPECT_EQ(info.tenants[1].files, (std::vector<std::string>{"crossTenantAccessPolicy/partners.json", "groups.json",
                                                             "organization.json", "users.json"}));
  EXPECT_TRUE(info.counts.empty());
  EXPECT_TRUE(info.created_at.empty());
}

TEST(DescribeSource, ReadsTheOrganizationNameFromAPageABareArrayOrJsonLines) {
  testing::TempDir dir;
  const auto organization = [&](const std::string& tenant, const std::string& file, const std::string& text) {
    fs::create_directories(dir.path() / "tenants" / tenant);
    std::ofstream(dir.path() / "tenants" / tenant / file) << text;
  };
  organization(kContoso, "organization.json", R"({"value": [{"id": ")" + kContoso + R"(", "displayName": "Page"}]})");
  organization(kFabrikam, "organization.json", R"([{"id": ")" + kFabrikam + R"(", "displayName": "Array"}])");
  organization(kLitware, "organization.jsonl", "\n" R"({"id": ")" + kLitware + R"(", "displayName": "Lines"})" "\n");
  const SourceInfo info = serialization::describe_source(dir.path());
  ASSERT_EQ(info.tenants.size(), 3u);
  EXPECT_EQ(info.tenants[0].display_name, "Page");
  EXPECT_EQ(info.tenants[1].display_name, "Array");
  EXPECT_EQ(info.tenants[2].display_name, "Lines");
  EXPECT_EQ(info.tenants[2].files, std::vector<std::string>{"organization.jsonl"});
}

TEST(DescribeSource, RefusesWhatIsNeitherAWorldNorASnapshot) {
  testing::TempDir dir;
  EXPECT_THROW(serialization::describe_source(dir.path() / "missing"), core::InputError);
  EXPECT_THROW(serialization::describe_source(dir.path()), core::InputError);  // no tenants/
  EXPECT_THROW(serialization::describe_source(kWorld / "tenants" / kContoso / "users.json"), core::InputError);
  fs::create_directories(dir.path() / "tenants" / kContoso);
  EXPECT_THROW(serialization::describe_source(dir.path()), core::InputError);  // no organization file
}

TEST(SourceInfoRendering, JsonAndTextOfASnapshotCarryEveryFact) {
  testing::TempDir dir;
  const SourceInfo info = serialization::describe_source(compile_example(dir));
  const testing::JsonValue json = testing::parse_json(serialization::to_json(info));
  EXPECT_EQ(text_at(json, "kind"), "snapshot");
  EXPECT_EQ(text_at(json, "engineVersion"), info.engine_version);
  EXPECT_EQ(number_at(json, "snapshotFormat"), serialization::kSnapshotFormatVersion);
  EXPECT_EQ(text_at(json, "createdAt"), info.created_at);
  EXPECT_EQ(text_at(at(json, "world"), "path"), kWorld.string());
  EXPECT_TRUE(std::regex_match(text_at(at(json, "world"), "contentHash"), std::regex("[0-9a-f]{16}")));
  EXPECT_EQ(number_at(at(json, "counts"), "tenants"), 3);
  const auto& tenants = std::get<testing::JsonValue::Array>(at(json, "tenants").value);
  ASSERT_EQ(tenants.size(), 3u);
  EXPECT_EQ(text_at(tenants[0], "displayName"), "Contoso");

  const std::string text = serialization::to_text(info);
  for (const std::string& line : {"snapshot format: " + std::to_string(serialization::kSnapshotFormatVersion) + "\n", "created at: " + info.created_at + "\n",
                                  "world: " + kWorld.string() + "\n", std::string("tenants: 3\n"), std::string("  tenants: 3\n")})
    EXPECT_NE(text.find(line), std::string::npos) << line << " in\n" << text;
  EXPECT_NE(text.find("  " + kLitware + " Litware: "), std::string::npos) << text;
}

TEST(SourceInfoRendering, TextOfAWorldNamesTenantsAndTheirFiles) {
  const std::string text = serialization::to_text(serialization::describe_source(kWorld));
  EXPECT_EQ(text.rfind("world: " + kWorld.string() + "\n", 0), 0u) << text;
  EXPECT_NE(text.find("  " + kFabrikam + " Fabrikam: crossTenantAccessPolicy/partners.json groups.json "
                      "organization.json users.json\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("counts:"), std::string::npos) << text;
}

TEST(SourceInfoRendering, TheAuditHeaderIsOneJsonLineNamingThisBuildAndTheSource) {
  const SourceInfo info = serialization::describe_source(kWorld);
  const std::string line = serialization::audit_header_json(info);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const testing::JsonValue json = testing::parse_json(line);
  const testing::JsonValue& header = at(json, "header");
  EXPECT_EQ(text_at(header, "engineVersion"), serialization::engine_version());
  EXPECT_EQ(number_at(header, "snapshotFormat"), serialization::kSnapshotFormatVersion);
  EXPECT_EQ(text_at(header, "buildType"), serialization::build_type());
  EXPECT_EQ(at(header, "source"), testing::parse_json(serialization::to_json(info)));
}

}  // namespace
}  // namespace tenantreach

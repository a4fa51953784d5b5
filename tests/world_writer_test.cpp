// The world writer (worldgen/world_writer.hpp) is the inverse of ingest: a generated world written out and loaded
// back audits (with principals) and counts exactly like the generated one, is read from the files it was meant to
// be (.jsonl where the tenant asks for it), and writing the loaded world again gives the same bytes. Also: .jsonl
// above the threshold, nothing overwritten or half-written, string escaping, and `tenantreach generate`.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "worldgen/generator.hpp"
#include "core/ingest.hpp"
#include "worldgen/world_writer.hpp"
#include "graph/compiled_world.hpp"
#include "graph/stats.hpp"
#include "parallel/audit.hpp"
#include "support/fixtures.hpp"

namespace tenantreach {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> audit_lines(const core::World& world) {
  const auto compiled = graph::compile(world);  // compile takes its own copy
  std::vector<std::string> lines;
  parallel::AuditOptions options;
  options.principals = true;
  parallel::audit(compiled, options, [&](const std::string& line) { lines.push_back(line); });
  return lines;
}

std::map<std::string, std::size_t> stats_counts(const core::World& world) {
  return graph::compute_stats(graph::compile(world)).counts;
}

// Every file under `root`, by its path relative to `root`, with its content.
std::map<std::string, std::string> files_of(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) files[fs::relative(entry.path(), root).generic_string()] = testing::read_file(entry.path());
  }
  return files;
}

// Directory entries beside `dir` whose names start with its name plus ".tmp-": leftovers of a failed write.
std::vector<std::string> temporary_siblings(const fs::path& dir) {
  std::vector<std::string> out;
  const std::string prefix = dir.filename().string() + ".tmp-";
  for (const auto& entry : fs::directory_iterator(dir.parent_path())) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0) out.push_back(name);
  }
  return out;
}

// The list files a tenant is written as (bits of core::list_entity_bit): every list that holds something, and
// organization always; .jsonl when the tenant asks for it or the list is longer than the threshold.
struct ListFiles {
  std::uint16_t present = 0;
  std::uint16_t jsonl = 0;
};

ListFiles expected_files(const core::Tenant& tenant, const worldgen::WriteOptions& options) {
  const std::pair<core::ListEntity, std::size_t> sizes[] = {
      {core::ListEntity::Organization, 1},
      {core::ListEntity::Users, tenant.users.size()},
      {core::ListEntity::Groups, tenant.groups.size()},
      {core::ListEntity::Partners, tenant.partners.size()},
      {core::ListEntity::ConditionalAccessPolicies, tenant.conditional_access_policies.size()},
      {core::ListEntity::Channels, tenant.channels.size()},
      {core::ListEntity::Resources, tenant.resources.size()},
      {core::ListEntity::CrossTenantSync, tenant.sync_jobs.size()},
  };
  ListFiles files;
  for (const auto& [entity, size] : sizes) {
    if (size == 0) continue;
    const std::uint16_t bit = core::list_entity_bit(entity);
    files.present |= bit;
    if ((tenant.files_jsonl & bit) != 0 || size > options.jsonl_threshold) files.jsonl |= bit;
  }
  return files;
}

void expect_round_trip(const core::World& generated, const worldgen::WriteOptions& options = {}) {
  testing::TempDir scratch;
  const fs::path dir = scratch.path() / "world";
  worldgen::write_world(generated, dir, options);
  ASSERT_TRUE(temporary_siblings(dir).empty());
  const core::World loaded = core::load_world(dir);

  ASSERT_EQ(loaded.tenants.size(), generated.tenants.size());
  for (std::size_t t = 0; t < generated.tenants.size(); ++t) {
    const auto& a = generated.tenants[t];
    const auto& b = loaded.tenants[t];
    EXPECT_EQ(b.id, a.id);
    EXPECT_EQ(b.users.size(), a.users.size()) << a.id;
    EXPECT_EQ(b.groups.size(), a.groups.size()) << a.id;
    EXPECT_EQ(b.partners.size(), a.partners.size()) << a.id;
    EXPECT_EQ(b.has_default_settings, a.has_default_settings) << a.id;
    const ListFiles files = expected_files(a, options);
    EXPECT_EQ(b.files_present, files.present) << a.id;
    EXPECT_EQ(b.files_jsonl, files.jsonl) << a.id;
    ASSERT_EQ(b.conditional_access_policies.size(), a.conditional_access_policies.size()) << a.id;
    for (std::size_t p = 0; p < a.conditional_access_policies.size(); ++p) {
      const auto& pa = a.conditional_access_policies[p];
      const auto& pb = b.conditional_access_policies[p];
      EXPECT_EQ(pb.id, pa.id);
      EXPECT_EQ(pb.narrowing_condition.empty(), pa.narrowing_condition.empty()) << pa.id;
      EXPECT_EQ(pb.session_controls_enabled, pa.session_controls_enabled) << pa.id;
      EXPECT_EQ(pb.operator_and, pa.operator_and) << pa.id;
    }
    EXPECT_EQ(b.channels.size(), a.channels.size()) << a.id;
    EXPECT_EQ(b.resources.size(), a.resources.size()) << a.id;
    EXPECT_EQ(b.sync_jobs.size(), a.sync_jobs.size()) << a.id;
  }

  const auto want = audit_lines(generated);
  const auto got = audit_lines(loaded);
  ASSERT_EQ(got.size(), want.size()) << "number of audit lines";
  for (std::size_t i = 0; i < want.size(); ++i) {
    ASSERT_EQ(got[i], want[i]) << "audit line " << i + 1;
  }
  EXPECT_EQ(stats_counts(loaded), stats_counts(generated));

  // A fixed point: the loaded world writes out byte for byte as the generated one did.
  const fs::path again = scratch.path() / "again";
  worldgen::write_world(loaded, again, options);
  EXPECT_EQ(files_of(again), files_of(dir));
}

TEST(WorldWriter, RoundTripTinySeed1) { expect_round_trip(worldgen::generate_world({"tiny", 1})); }

class WorldWriterProperty : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(WorldWriterProperty, RoundTrip) { expect_round_trip(worldgen::generate_world({"property", GetParam()})); }

INSTANTIATE_TEST_SUITE_P(Seeds, WorldWriterProperty, ::testing::Range<std::uint64_t>(1, 41));

TEST(WorldWriter, JsonlThresholdOneWritesEveryListAsJsonLines) {
  const core::World world = worldgen::generate_world({"tiny", 1});
  expect_round_trip(world, worldgen::WriteOptions{.jsonl_threshold = 1});
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    expect_round_trip(worldgen::generate_world({"property", seed}), worldgen::WriteOptions{.jsonl_threshold = 1});
  }

  testing::TempDir scratch;
  worldgen::write_world(world, scratch.path() / "w", worldgen::WriteOptions{.jsonl_threshold = 1});
  for (const auto& tenant : world.tenants) {
    const fs::path dir = scratch.path() / "w" / "tenants" / tenant.id;
    EXPECT_TRUE(fs::is_regular_file(dir / "organization.json"));
    EXPECT_TRUE(fs::is_regular_file(dir / "users.jsonl"));
    EXPECT_FALSE(fs::exists(dir / "users.json"));
    EXPECT_TRUE(fs::is_regular_file(dir / "groups.jsonl"));
    if (tenant.conditional_access_policies.size() > 1) {
      EXPECT_TRUE(fs::is_regular_file(dir / "conditionalAccessPolicies.jsonl"));
    }
    if (tenant.partners.size() > 1) {
      EXPECT_TRUE(fs::is_regular_file(dir / "crossTenantAccessPolicy" / "partners.jsonl"));
      EXPECT_FALSE(fs::exists(dir / "crossTenantAccessPolicy" / "partners.json"));
    }
  }
}

// R1.1: every list file may be .jsonl; the writer follows Tenant::files_jsonl whatever the list's size,
// partners and organization included.
TEST(WorldWriter, FilesJsonlChoosesJsonLinesBelowTheThreshold) {
  core::World world = worldgen::generate_world({"tiny", 1});
  core::Tenant& tenant = world.tenants[0];
  ASSERT_FALSE(tenant.partners.empty());
  tenant.files_jsonl = core::list_entity_bit(core::ListEntity::Organization) |
                       core::list_entity_bit(core::ListEntity::Partners) |
                       core::list_entity_bit(core::ListEntity::CrossTenantSync);  // an empty list: no file
  tenant.sync_jobs.clear();
  expect_round_trip(world);

  testing::TempDir scratch;
  worldgen::write_world(world, scratch.path() / "w");
  const fs::path dir = scratch.path() / "w" / "tenants" / tenant.id;
  EXPECT_TRUE(fs::is_regular_file(dir / "organization.jsonl"));
  EXPECT_FALSE(fs::exists(dir / "organization.json"));
  EXPECT_TRUE(fs::is_regular_file(dir / "crossTenantAccessPolicy" / "partners.jsonl"));
  EXPECT_FALSE(fs::exists(dir / "crossTenantAccessPolicy" / "partners.json"));
  EXPECT_TRUE(fs::is_regular_file(dir / "users.json"));
  EXPECT_FALSE(fs::exists(dir / "crossTenantSync.jsonl"));
  const std::string organization = testing::read_file(dir / "organization.jsonl");
  EXPECT_EQ(std::count(organization.begin(), organization.end(), '\n'), 1) << organization;  // one object, one line
  const fs::path other = scratch.path() / "w" / "tenants" / world.tenants[1].id;
  EXPECT_TRUE(fs::is_regular_file(other / "organization.json"));
}

TEST(WorldWriter, DefaultThresholdWritesGraphPagesAndOnlyFilesWithContent) {
  core::World world = worldgen::generate_world({"tiny", 2});
  world.tenants[0].sync_jobs.clear();
  world.tenants[0].resources.clear();
  testing::TempDir scratch;
  worldgen::write_world(world, scratch.path() / "w");
  const fs::path dir = scratch.path() / "w" / "tenants" / world.tenants[0].id;
  const std::string users = testing::read_file(dir / "users.json");
  EXPECT_EQ(users.rfind("{\"value\":[", 0), 0u);
  EXPECT_FALSE(fs::exists(dir / "users.jsonl"));
  EXPECT_FALSE(fs::exists(dir / "crossTenantSync.json"));
  EXPECT_FALSE(fs::exists(dir / "resources.json"));
  EXPECT_NE(users.find("\"userType\":\"Member\""), std::string::npos);
}

TEST(WorldWriter, RefusesAnExistingNonEmptyDirectory) {
  testing::TempDir scratch;
  const fs::path dir = scratch.path() / "world";
  fs::create_directories(dir);
  { std::ofstream(dir / "keep.txt") << "mine"; }
  const core::World world = worldgen::generate_world({"tiny", 1});
  EXPECT_THROW(worldgen::write_world(world, dir), std::runtime_error);
  EXPECT_THROW(worldgen::check_output_dir(dir), std::runtime_error);
  try {
    worldgen::write_world(world, dir);
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("not empty"), std::string::npos) << error.what();
  }
  EXPECT_EQ(files_of(dir), (std::map<std::string, std::string>{{"keep.txt", "mine"}}));
  EXPECT_TRUE(temporary_siblings(dir).empty());

  // A file in the way is refused too; an existing empty directory is fine.
  EXPECT_THROW(worldgen::write_world(world, dir / "keep.txt"), std::runtime_error);
  const fs::path empty = scratch.path() / "empty";
  fs::create_directories(empty);
  worldgen::write_world(world, empty);
  EXPECT_EQ(core::load_world(empty).tenants.size(), world.tenants.size());
}

TEST(WorldWriter, AFailedWriteLeavesNothing) {
  core::World world = worldgen::generate_world({"tiny", 1});
  world.tenants.back().conditional_access_policies.front().narrowing_condition = "noSuchCondition";
  testing::TempDir scratch;
  const fs::path dir = scratch.path() / "world";
  EXPECT_THROW(worldgen::write_world(world, dir), std::runtime_error);
  EXPECT_FALSE(fs::exists(dir));
  EXPECT_TRUE(temporary_siblings(dir).empty());
}

TEST(WorldWriter, EscapesStrings) {
  core::World world = worldgen::generate_world({"tiny", 1});
  const std::string nasty = "Quote \" backslash \\ newline \n tab \t bell \x07 del \x7f caf\xc3\xa9 \xe2\x9c\x93 /";
  world.tenants[0].display_name = nasty;
  world.tenants[0].users[0].display_name = world.tenants[0].strings->add(nasty);
  world.tenants[0].groups[0].display_name = world.tenants[0].strings->add(nasty);
  testing::TempDir scratch;
  worldgen::write_world(world, scratch.path() / "w");
  const core::World loaded = core::load_world(scratch.path() / "w");
  EXPECT_EQ(loaded.tenants[0].display_name, nasty);
  EXPECT_EQ(loaded.tenants[0].users[0].display_name, nasty);
  EXPECT_EQ(loaded.tenants[0].groups[0].display_name, nasty);
}

TEST(WorldWriter, ProgressNamesTheFiles) {
  std::vector<std::string> lines;
  testing::TempDir scratch;
  worldgen::write_world(worldgen::generate_world({"tiny", 1}), scratch.path() / "w", {},
                    [&](const std::string& line) { lines.push_back(line); });
  ASSERT_FALSE(lines.empty());
  bool users = false;
  for (const auto& line : lines) users = users || line.find("users.json") != std::string::npos;
  EXPECT_TRUE(users);
}

TEST(GenerateCommand, WritesAWorldThatAudits) {
  testing::TempDir scratch;
  const std::string dir = (scratch.path() / "world").string();
  const auto generated = testing::run_cli({"generate", "--preset", "tiny", "--seed", "3", "-o", dir});
  ASSERT_EQ(generated.exit_code, 0) << generated.err;
  EXPECT_NE(generated.err.find("3 tenants"), std::string::npos) << generated.err;
  const auto audited = testing::run_cli({"audit", dir});
  EXPECT_EQ(audited.exit_code, 0) << audited.err;
  EXPECT_FALSE(audited.out.empty());

  // Deterministic: the same preset and seed give the same files.
  const std::string second = (scratch.path() / "second").string();
  ASSERT_EQ(testing::run_cli({"generate", "--preset", "tiny", "--seed", "3", "-o", second}).exit_code, 0);
  EXPECT_EQ(files_of(second), files_of(dir));

  const auto again = testing::run_cli({"generate", "--preset", "tiny", "--seed", "3", "-o", dir});
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("not empty"), std::string::npos) << again.err;

  const auto unknown = testing::run_cli({"generate", "--preset", "huge", "--seed", "1", "-o",
                                         (scratch.path() / "other").string()});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("huge"), std::string::npos) << unknown.err;
  EXPECT_FALSE(fs::exists(scratch.path() / "other"));
}

}  // namespace
}  // namespace tenantreach

// what-if (issue 11; docs/CLI.md, what-if): JSON Merge Patches per world file, applied in memory. The patched
// world answers as the same patch written to disk would; the world's files are never touched; bad patches exit 2
// naming the patch and the file; --fail-on gates a pipeline with exit code 3.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/ingest.hpp"
#include "core/world_patch.hpp"
#include "graph/compiled_world.hpp"
#include "graph/queries.hpp"
#include "parallel/audit_diff.hpp"
#include "parallel/diff_render.hpp"
#include "support/fixtures.hpp"
#include "support/world_builder.hpp"

namespace tenantreach {
namespace {

namespace fs = std::filesystem;
using testing::run_cli;

const std::string kWorld = std::string(TENANTREACH_EXAMPLES_DIR) + "/three-tenants/world";
const std::string kContoso = "11111111-1111-1111-1111-111111111111";
const std::string kLitware = "33333333-3333-3333-3333-333333333333";
const std::string kContosoPartners = "tenants/" + kContoso + "/crossTenantAccessPolicy/partners.json";
// The README's example: Contoso trusts the MFA of Litware's users.
const std::string kTrustLitwareMfa =
    R"({")" + kContosoPartners + R"(": {")" + kLitware + R"(": {"inboundTrust": {"isMfaAccepted": true}}}})";

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

// A copy of `world` with the overlay's texts written over its files: the same patch, on disk.
fs::path write_patched_copy(const fs::path& world, const core::FileOverlay& overlay, const fs::path& into) {
  fs::copy(world, into, fs::copy_options::recursive);
  for (const auto& [relative, text] : overlay) write(into / relative, text);
  return into;
}

parallel::DiffOptions with_why() {
  parallel::DiffOptions options;
  options.why = true;
  return options;
}

std::vector<std::string> diff_json_lines(const graph::CompiledWorld& before, const graph::CompiledWorld& after) {
  std::vector<std::string> lines;
  parallel::diff(before, after, with_why(),
                 [&](const parallel::ResourceDiff& change) { lines.push_back(parallel::diff_json(change)); });
  return lines;
}

TEST(WorldPatch, ListFilesArePatchedPerObjectAndSingleObjectsAsAWhole) {
  testing::WorldBuilder w;
  w.tenant("t1", "one.example").tenant("t2", "two.example");
  w.member("t1", "alice").member("t1", "bob").member("t1", "carol");
  w.partner("t1", "t2", {{"inboundTrust", R"({"isMfaAccepted": false})"}});
  w.default_settings("t1", {{"inboundTrust", R"({"isMfaAccepted": false, "isCompliantDeviceAccepted": true})"}});
  const fs::path dir = w.write();
  const core::FileOverlay overlay = core::patch_world_files(dir, R"({
      "tenants/t1/users.json": {"alice": {"accountEnabled": false}, "bob": null,
                                "dave": {"userPrincipalName": "dave@one.example", "displayName": "Dave"}},
      "tenants/t1/crossTenantAccessPolicy/partners.json": {"t2": {"inboundTrust": {"isMfaAccepted": true}}},
      "tenants/t1/crossTenantAccessPolicy/default.json": {"inboundTrust": {"isCompliantDeviceAccepted": null}}
    })", "patch.json");
  const core::World world = core::load_world(dir, overlay);
  const core::Tenant& t1 = *world.find_tenant("t1");
  EXPECT_FALSE(t1.find_user("alice")->account_enabled);
  EXPECT_EQ(t1.find_user("bob"), nullptr);
  ASSERT_NE(t1.find_user("dave"), nullptr);
  EXPECT_EQ(t1.find_user("dave")->display_name, "Dave");
  EXPECT_TRUE(t1.find_user("carol")->account_enabled);
  EXPECT_EQ(t1.find_partner("t2")->inbound_trust->is_mfa_accepted, true);
  EXPECT_EQ(t1.default_settings.inbound_trust->is_mfa_accepted, false);
  EXPECT_FALSE(t1.default_settings.inbound_trust->is_compliant_device_accepted.has_value());
  // The files on disk are those the builder wrote.
  EXPECT_NE(testing::read_file(dir / "tenants/t1/users.json").find("bob"), std::string::npos);
}

TEST(WorldPatch, JsonLinesFilesStayJsonLines) {
  testing::WorldBuilder w;
  w.tenant("t1", "one.example");
  w.file("t1", "users.jsonl", "{\"id\":\"alice\",\"userPrincipalName\":\"alice@one.example\"}\n\n"
                              "{\"id\":\"bob\",\"userPrincipalName\":\"bob@one.example\"}\n");
  const fs::path dir = w.write();
  const core::FileOverlay overlay =
      core::patch_world_files(dir, R"({"tenants/t1/users.jsonl": {"bob": {"accountEnabled": false}}})", "p.json");
  EXPECT_EQ(overlay.at("tenants/t1/users.jsonl"),
            "{\"id\":\"alice\",\"userPrincipalName\":\"alice@one.example\"}\n"
            "{\"id\":\"bob\",\"userPrincipalName\":\"bob@one.example\",\"accountEnabled\":false}\n");
  EXPECT_FALSE(core::load_world(dir, overlay).find_tenant("t1")->find_user("bob")->account_enabled);
}

TEST(WorldPatch, BadPatchesAreInputErrorsNamingThePatchAndTheFile) {
  const auto refused = [](const std::string& patch, const std::string& expected) {
    try {
      core::patch_world_files(kWorld, patch, "patch.json");
      ADD_FAILURE() << "accepted: " << patch;
    } catch (const core::InputError& error) {
      EXPECT_EQ(error.file(), "patch.json");
      EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
    }
  };
  refused(R"({"tenants/nobody/users.json": {}})", "the world has no such file");
  refused(R"({"../secrets.json": {}})", "not a file of the world");
  refused(R"({"tenants/)" + kContoso + R"(/../../../etc/passwd": {}})", "not a file of the world");
  refused(R"([1, 2])", "expected a JSON object");
  refused(R"({"tenants/)" + kContoso + R"(/users.json": [1]})", "patched per object");
  refused(R"({"tenants/)" + kContoso + R"(/users.json": {"nobody": null}})", "null removes an object");
  refused(R"({"tenants/)" + kContoso + R"(/users.json": {"someone": 3}})", "expected an object");
  refused(R"({"tenants/)", "malformed JSON");
}

TEST(WhatIf, EqualsTheDiffAgainstTheSamePatchWrittenToDisk) {
  const core::FileOverlay overlay = core::patch_world_files(kWorld, kTrustLitwareMfa, "patch.json");
  testing::TempDir dir;
  const fs::path copy = write_patched_copy(kWorld, overlay, dir.path() / "world");
  const graph::CompiledWorld before = graph::compile(core::load_world(kWorld));
  const std::vector<std::string> in_memory = diff_json_lines(before, graph::compile(core::load_world(kWorld, overlay)));
  EXPECT_EQ(in_memory, diff_json_lines(before, graph::compile(core::load_world(copy))));
  ASSERT_EQ(in_memory.size(), 1u);
  // Litware's Grady gets into Design: the MFA policy no longer stops him.
  EXPECT_NE(in_memory[0].find(R"("id":"19:projectx-design@thread.tacv2")"), std::string::npos) << in_memory[0];
  EXPECT_NE(in_memory[0].find(R"("gained":[{"tenantId":")" + kLitware + R"(","userId":"33333333-0000-0000-0001-000000000003")"),
            std::string::npos) << in_memory[0];
  EXPECT_NE(in_memory[0].find(R"("cause":"ca-policy-lifted")"), std::string::npos) << in_memory[0];
}

TEST(WhatIfCli, PrintsWhatDiffPrintsAndLeavesTheWorldAlone) {
  testing::TempDir dir;
  write(dir.path() / "patch.json", kTrustLitwareMfa);
  const std::string before_files = testing::read_file(kWorld + "/" + kContosoPartners);
  const auto what_if = run_cli({"what-if", kWorld, "--patch", (dir.path() / "patch.json").string(), "--why"});
  ASSERT_EQ(what_if.exit_code, 0) << what_if.err;
  const fs::path copy =
      write_patched_copy(kWorld, core::patch_world_files(kWorld, kTrustLitwareMfa, "patch.json"), dir.path() / "world");
  const auto diff = run_cli({"diff", kWorld, copy.string(), "--why"});
  ASSERT_EQ(diff.exit_code, 0) << diff.err;
  EXPECT_EQ(what_if.out, diff.out);
  EXPECT_EQ(testing::read_file(kWorld + "/" + kContosoPartners), before_files);
  EXPECT_TRUE(run_cli({"diff", kWorld, kWorld}).out.empty());
}

TEST(WhatIfCli, FailOnExitsThreeOnlyWhenSuchAChangeExists) {
  testing::TempDir dir;
  const std::string patch = (dir.path() / "patch.json").string();
  write(patch, kTrustLitwareMfa);
  EXPECT_EQ(run_cli({"what-if", kWorld, "--patch", patch, "--fail-on", "gained-external"}).exit_code, 3);
  EXPECT_EQ(run_cli({"what-if", kWorld, "--patch", patch, "--fail-on", "gained"}).exit_code, 3);
  EXPECT_EQ(run_cli({"what-if", kWorld, "--patch", patch, "--fail-on", "lost"}).exit_code, 0);
  EXPECT_EQ(run_cli({"what-if", kWorld, "--patch", patch, "--fail-on", "gained-external", "--via", "internal"}).exit_code, 0);
  EXPECT_EQ(run_cli({"diff", kWorld, kWorld, "--fail-on", "gained", "--fail-on", "lost"}).exit_code, 0);
  // The reverse change loses what the patch gains.
  const fs::path copy = write_patched_copy(kWorld, core::patch_world_files(kWorld, kTrustLitwareMfa, "p"), dir.path() / "w");
  EXPECT_EQ(run_cli({"diff", copy.string(), kWorld, "--fail-on", "lost"}).exit_code, 3);
  EXPECT_EQ(run_cli({"diff", copy.string(), kWorld, "--fail-on", "gained-external"}).exit_code, 0);
}

TEST(WhatIfCli, BadPatchesExitTwoAndFormatsAgree) {
  testing::TempDir dir;
  const std::string patch = (dir.path() / "patch.json").string();
  write(patch, R"({"tenants/nobody/users.json": {}})");
  const auto unknown = run_cli({"what-if", kWorld, "--patch", patch});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("tenants/nobody/users.json"), std::string::npos) << unknown.err;
  EXPECT_EQ(run_cli({"what-if", kWorld, "--patch", (dir.path() / "missing.json").string()}).exit_code, 2);

  write(patch, kTrustLitwareMfa);
  const auto text = run_cli({"what-if", kWorld, "--patch", patch, "--format", "text", "--why"});
  EXPECT_NE(text.out.find("+ Grady Archie"), std::string::npos) << text.out;
  const auto csv = run_cli({"what-if", kWorld, "--patch", patch, "--format", "csv"});
  EXPECT_EQ(csv.out.substr(0, csv.out.find("\r\n")), parallel::diff_csv_header());
  const auto summary = run_cli({"what-if", kWorld, "--patch", patch, "--summary"});
  EXPECT_NE(summary.out.find(R"({"resourceTenantId":")" + kContoso + R"(","principalTenantId":")" + kLitware +
                             R"(","via":"b2bDirectConnect","gained":1,"lost":0})"),
            std::string::npos) << summary.out;
}

}  // namespace
}  // namespace tenantreach

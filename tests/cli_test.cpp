// The command line as auditors use it (issue 10; docs/CLI.md): addresses by name, names in output, audit filters,
// CSV, -o on every command, provenance, consistent option checking. Each test runs the real binary on the example
// world (or a small hand-written one) and checks exact output or the exit code.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/fixtures.hpp"
#include "support/json_value.hpp"
#include "support/world_builder.hpp"

namespace tenantreach {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::run_cli;

const std::string kWorld = std::string(TENANTREACH_EXAMPLES_DIR) + "/three-tenants/world";
const std::string kContoso = "11111111-1111-1111-1111-111111111111";
const std::string kFabrikam = "22222222-2222-2222-2222-222222222222";
const std::string kPradeep = kFabrikam + "/22222222-0000-0000-0001-000000000001";
const std::string kDesign = kContoso + "/19:projectx-design@thread.tacv2";

CommandResult ok(const std::vector<std::string>& arguments) {
  CommandResult result = run_cli(arguments);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  return result;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = text.find('\n', start)) != std::string::npos; start = end + 1)
    lines.push_back(text.substr(start, end - start));
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// ---- 1. Addressing ------------------------------------------------------------------------------------------------

TEST(CliAddressing, AUserByMailUpnIdOrTenantAndDisplayNameIsTheSamePrincipal) {
  const std::string by_ids = ok({"what-can-reach", kWorld, kPradeep}).out;
  for (const std::string& address : {std::string("pradeep@fabrikam.example"), std::string("PRADEEP@Fabrikam.Example"),
                                     std::string("22222222-0000-0000-0001-000000000001"),
                                     std::string("Fabrikam/Pradeep Gupta"), std::string("fabrikam.example/pradeep gupta"),
                                     kContoso + "/11111111-0000-0000-0002-000000000001"})
    EXPECT_EQ(ok({"what-can-reach", kWorld, address}).out, by_ids) << address;
}

TEST(CliAddressing, AResourceByTenantAndDisplayNameOrUniqueDisplayName) {
  const std::string by_ids = ok({"who-can-reach", kWorld, kDesign}).out;
  EXPECT_EQ(ok({"who-can-reach", kWorld, "Contoso/Design (shared with Fabrikam and Litware)"}).out, by_ids);
  EXPECT_EQ(ok({"who-can-reach", kWorld, "contoso.example/design (SHARED with fabrikam and litware)"}).out, by_ids);
  EXPECT_EQ(ok({"who-can-reach", kWorld, "Design (shared with Fabrikam and Litware)"}).out, by_ids);
}

TEST(CliAddressing, AnAmbiguousNameExitsOneListingTheCandidatesWithIds) {
  testing::WorldBuilder w;
  w.tenant("11111111-1111-1111-1111-111111111111", "a.example").tenant("22222222-2222-2222-2222-222222222222", "b.example");
  w.member("11111111-1111-1111-1111-111111111111", "sam-a", R"("displayName":"Sam")");
  w.member("22222222-2222-2222-2222-222222222222", "sam-b", R"("displayName":"Sam")");
  const CommandResult result = run_cli({"what-can-reach", w.write().string(), "Sam"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.err, "'Sam' is ambiguous")) << result.err;
  EXPECT_TRUE(contains(result.err, "11111111-1111-1111-1111-111111111111/sam-a (Sam")) << result.err;
  EXPECT_TRUE(contains(result.err, "22222222-2222-2222-2222-222222222222/sam-b (Sam")) << result.err;
  EXPECT_EQ(run_cli({"what-can-reach", w.write().string(), "Nobody"}).exit_code, 1);
}

TEST(CliAddressing, FindListsMatchingTenantsUsersGroupsAndResources) {
  const std::string text = ok({"find", kWorld, "pradeep", "--format", "text"}).out;
  EXPECT_EQ(lines_of(text),
            (std::vector<std::string>{
                "guest     " + kContoso + "/11111111-0000-0000-0002-000000000001  Pradeep Gupta (Fabrikam) "
                "<pradeep_fabrikam.example#EXT#@contoso.onmicrosoft.com>  answers for " + kPradeep,
                "user      " + kPradeep + "  Pradeep Gupta <pradeep@fabrikam.example>", ""}));
  EXPECT_TRUE(contains(ok({"find", kWorld, "Fabrikam"}).out, "\"tenants\":[{\"id\":\"" + kFabrikam + "\""));
  EXPECT_TRUE(contains(ok({"find", kWorld, "design"}).out, "\"resources\":[{\"tenantId\":\"" + kContoso));
}

// ---- 2. Names in output -------------------------------------------------------------------------------------------

TEST(CliNames, JsonStaysSpecExactUnlessNamesAreAskedFor) {
  const std::string plain = ok({"what-can-reach", kWorld, kPradeep}).out;
  EXPECT_FALSE(contains(plain, "displayName"));
  const std::string named = ok({"what-can-reach", kWorld, kPradeep, "--names"}).out;
  EXPECT_TRUE(contains(named, R"("userId":"22222222-0000-0000-0001-000000000001","linked":true,"displayName":"Pradeep Gupta","tenantName":"Fabrikam")"))
      << named;
  EXPECT_TRUE(contains(named, R"x("kind":"sharedChannel","displayName":"Design (shared with Fabrikam and Litware)","tenantName":"Contoso")x"))
      << named;
}

TEST(CliNames, TextAndExplainShowNamesBesideIdsAndPolicyNames) {
  const std::string text = ok({"explain", kWorld, "lynne@fabrikam.example", "Contoso/Design (shared with Fabrikam and Litware)",
                               "--format", "text"}).out;
  EXPECT_TRUE(contains(text, "Lynne Robbins (" + kFabrikam + "/22222222-0000-0000-0001-000000000004) of Fabrikam")) << text;
  EXPECT_TRUE(contains(text, "sharedChannel Design (shared with Fabrikam and Litware) (" + kDesign + ") in Contoso")) << text;
  const std::string grady = ok({"explain", kWorld, "grady@litware.example", kDesign, "--format", "text"}).out;
  EXPECT_TRUE(contains(grady, R"x(reason: ca-mfa-untrusted (policy "Require MFA for all external users" (11111111-0000-0000-0005-000000000001)))x"))
      << grady;
  const std::string json = ok({"explain", kWorld, "grady@litware.example", kDesign, "--names"}).out;
  EXPECT_TRUE(contains(json, R"("policyName":"Require MFA for all external users")")) << json;
  EXPECT_TRUE(contains(json, R"x("stepNames":["Grady Archie","Design (shared with Fabrikam and Litware)"])x")) << json;
}

// ---- 3. Audit filters ---------------------------------------------------------------------------------------------

std::vector<std::string> audit(std::vector<std::string> extra) {
  std::vector<std::string> arguments = {"audit", kWorld};
  arguments.insert(arguments.end(), extra.begin(), extra.end());
  return lines_of(ok(arguments).out);
}

TEST(CliAuditFilters, ExternalViaTenantsAndMinimumCompose) {
  // Design: Adele (internal), Pradeep and Diego by direct connect. Only external access:
  const auto external = audit({"--external", "--kind", "sharedchannel", "--principals"});
  ASSERT_EQ(external.size(), 1u);
  EXPECT_TRUE(contains(external[0], R"("counts":{"total":2,"byVia":{"b2bDirectConnect":2},"byTenant":{")" + kFabrikam + R"(":2}})"))
      << external[0];
  EXPECT_FALSE(contains(external[0], "11111111-0000-0000-0001-000000000001"));
  // Design has no B2B collaboration principal, so external access there is direct connect alone.
  EXPECT_EQ(audit({"--via", "B2BDIRECTCONNECT", "--kind", "sharedChannel"}),
            audit({"--external", "--kind", "sharedChannel"}));
  // Only what Fabrikam's users reach, in resources of Contoso reached by at least two of them.
  const auto fabrikam = audit({"--principal-tenant", "fabrikam.example", "--resource-tenant", "Contoso",
                               "--min-principals", "2"});
  ASSERT_FALSE(fabrikam.empty());
  for (const std::string& line : fabrikam) {
    EXPECT_TRUE(contains(line, R"("tenantId":")" + kContoso + R"(","id")")) << line;
    EXPECT_TRUE(contains(line, R"("byTenant":{")" + kFabrikam + R"(":)")) << line;
    EXPECT_FALSE(contains(line, R"("total":0)") || contains(line, R"("total":1,)")) << line;
  }
  const CommandResult unknown = run_cli({"audit", kWorld, "--principal-tenant", "Northwind"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_TRUE(contains(unknown.err, "no tenant 'Northwind'")) << unknown.err;
}

TEST(CliAuditFilters, KindWithoutResourcesPrintsNothingAndSaysNothingIsWrong) {
  const CommandResult result = ok({"audit", kWorld, "--kind", "container", "--format", "text"});
  EXPECT_EQ(result.out, "");
}

// ---- 4. Formats and -o --------------------------------------------------------------------------------------------

TEST(CliFormats, CsvHasAHeaderRowAndCrlfRows) {
  const std::string csv = ok({"audit", kWorld, "--format", "csv", "--kind", "sharedChannel"}).out;
  EXPECT_EQ(csv, "resourceTenantId,resourceTenantName,resourceId,resourceKind,resourceName,total,internal,"
                 "b2bCollaboration,b2bDirectConnect\r\n" +
                     kContoso + ",Contoso,19:projectx-design@thread.tacv2,sharedChannel,"
                                "Design (shared with Fabrikam and Litware),3,1,0,2\r\n");
  const std::string pairs = ok({"who-can-reach", kWorld, kDesign, "--format", "csv"}).out;
  const auto rows = lines_of(pairs);
  ASSERT_EQ(rows.size(), 4u) << pairs;  // header and three principals
  EXPECT_EQ(rows[1], kContoso + ",Contoso,19:projectx-design@thread.tacv2,sharedChannel,Design (shared with Fabrikam and "
                                "Litware),11111111-1111-1111-1111-111111111111,Contoso,11111111-0000-0000-0001-000000000001,"
                                "Adele Vance,true,internal\r");
}

TEST(CliFormats, EveryPrintingCommandTakesOutputFile) {
  testing::TempDir dir;
  const std::vector<std::vector<std::string>> commands = {
      {"who-can-reach", kWorld, kDesign}, {"what-can-reach", kWorld, kPradeep}, {"explain", kWorld, kPradeep, kDesign},
      {"audit", kWorld},                  {"stats", kWorld},                    {"sync-plan", kWorld},
      {"find", kWorld, "adele"},          {"info", kWorld}};
  for (std::vector<std::string> command : commands) {
    const std::string stdout_text = ok(command).out;
    const fs::path file = dir.path() / (command[0] + ".out");
    command.insert(command.end(), {"-o", file.string()});
    EXPECT_EQ(ok(command).out, "") << command[0];
    EXPECT_EQ(testing::read_file(file), stdout_text) << command[0];
  }
}

TEST(CliFormats, FormatsAreValidatedPerCommandListingTheValidValues) {
  const CommandResult result = run_cli({"stats", kWorld, "--format", "csv"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(contains(result.err, "csv not in {json,text}")) << result.err;
  EXPECT_EQ(ok({"stats", kWorld, "--format", "TEXT"}).out, ok({"stats", kWorld, "--format", "text"}).out);
}

// ---- 5. Provenance ------------------------------------------------------------------------------------------------

TEST(CliProvenance, VersionNamesEngineSnapshotFormatAndBuild) {
  const CommandResult result = ok({"--version"});
  EXPECT_EQ(result.out.rfind("tenantreach ", 0), 0u) << result.out;
  EXPECT_TRUE(contains(result.out, "snapshot format 15")) << result.out;
  EXPECT_TRUE(contains(result.out, "build")) << result.out;
}

TEST(CliProvenance, InfoOfASnapshotAndAuditHeaderCarryTheSameFacts) {
  testing::TempDir dir;
  const std::string snapshot = (dir.path() / "w.snap").string();
  ok({"compile", kWorld, "-o", snapshot});
  const std::string info = ok({"info", snapshot}).out;
  for (const char* fact : {"engineVersion", "snapshotFormat", "contentHash", "createdAt", kWorld.c_str()})
    EXPECT_TRUE(contains(info, fact)) << fact << " in " << info;
  const auto lines = lines_of(ok({"audit", snapshot, "--header"}).out);
  ASSERT_EQ(lines.size(), 8u);  // the header, then seven resources
  EXPECT_EQ(lines[0].rfind("{\"header\":", 0), 0u) << lines[0];
  EXPECT_TRUE(contains(lines[0], "contentHash")) << lines[0];
  const std::string world = ok({"info", kWorld, "--format", "text"}).out;
  EXPECT_TRUE(contains(world, "Fabrikam")) << world;
  EXPECT_TRUE(contains(world, "crossTenantAccessPolicy/partners.json")) << world;
}

// ---- 6. Nothing left behind ---------------------------------------------------------------------------------------

TEST(CliOutput, AnOutputThatIsADirectoryOrInAMissingDirectoryFailsBeforeWork) {
  testing::TempDir dir;
  const CommandResult directory = run_cli({"audit", kWorld, "-o", dir.path().string()});
  EXPECT_EQ(directory.exit_code, 2);
  EXPECT_TRUE(contains(directory.err, "is a directory")) << directory.err;
  const CommandResult missing = run_cli({"audit", kWorld, "-o", (dir.path() / "nodir" / "a.jsonl").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_TRUE(contains(missing.err, "nodir")) << missing.err;
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(CliOutput, AWorldFileGivenAsSourceIsNamedAsSuch) {
  const CommandResult result = run_cli({"stats", kWorld + "/tenants/" + kContoso + "/users.json"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(contains(result.err, "expected a world directory, or a snapshot")) << result.err;
}

// ---- 7. Consistency -----------------------------------------------------------------------------------------------

TEST(CliConsistency, UnknownOrMissingCommandsSaySo) {
  const CommandResult bogus = run_cli({"bogus"});
  EXPECT_EQ(bogus.exit_code, 2);
  EXPECT_TRUE(contains(bogus.err, "unknown command 'bogus'")) << bogus.err;
  EXPECT_TRUE(contains(bogus.err, "who-can-reach")) << bogus.err;
  const CommandResult none = run_cli({});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_TRUE(contains(none.err, "a command is required")) << none.err;
}

TEST(CliConsistency, EnumOptionsAreCaseInsensitiveAndListTheirValues) {
  EXPECT_EQ(ok({"audit", kWorld, "--kind", "SHAREDCHANNEL"}).out, ok({"audit", kWorld, "--kind", "sharedChannel"}).out);
  const CommandResult kind = run_cli({"audit", kWorld, "--kind", "channel"});
  EXPECT_EQ(kind.exit_code, 2);
  EXPECT_TRUE(contains(kind.err, "standardChannel")) << kind.err;
  const CommandResult via = run_cli({"audit", kWorld, "--via", "guest"});
  EXPECT_EQ(via.exit_code, 2);
  EXPECT_TRUE(contains(via.err, "b2bDirectConnect")) << via.err;
  testing::TempDir dir;
  const CommandResult preset = run_cli({"generate", "--preset", "huge", "-o", (dir.path() / "w").string()});
  EXPECT_EQ(preset.exit_code, 2);
  EXPECT_TRUE(contains(preset.err, "property")) << preset.err;
}

TEST(CliConsistency, ThreadsIsAcceptedByAuditAndCompileAndDoesNotChangeAnswers) {
  EXPECT_EQ(ok({"audit", kWorld, "--principals", "--threads", "1"}).out, ok({"audit", kWorld, "--principals"}).out);
  testing::TempDir dir;
  ok({"compile", kWorld, "-o", (dir.path() / "w.snap").string(), "--threads", "2"});
  EXPECT_EQ(run_cli({"audit", kWorld, "--threads", "0"}).exit_code, 2);
}

}  // namespace
}  // namespace tenantreach

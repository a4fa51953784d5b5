// The parts of `tenantreach export` that need no server: the client assertion, Retry-After, the permission a
// 403 names, SharePoint permissions as grants, the checkpoint, streamed files and the tenant swap. The
// end-to-end scenarios against the mock Graph server are ctest entries (tests/mock_graph/export_scenarios.py).
#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <sstream>

#include "export/checkpoint.hpp"
#include "export/client_assertion.hpp"
#include "export/graph_client.hpp"
#include "export/http_client.hpp"
#include "export/permissions.hpp"
#include "export/site_permissions.hpp"
#include "export/staging.hpp"
#include "support/fixtures.hpp"

namespace tenantreach::exporter {
namespace {

using testing::TempDir;

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string base64url_decode(std::string text) {
  for (char& c : text) c = c == '-' ? '+' : c == '_' ? '/' : c;
  while (text.size() % 4 != 0) text += '=';
  std::string out(text.size(), '\0');
  const int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                     reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  out.resize(static_cast<std::size_t>(length) - (text.ends_with("==") ? 2 : text.ends_with('=') ? 1 : 0));
  return out;
}

// A fresh RSA key and a self-signed certificate for it, in one PEM file as --certificate takes it.
EVP_PKEY* write_test_certificate(const fs::path& pem_file) {
  EVP_PKEY* key = EVP_RSA_gen(2048);
  X509* certificate = X509_new();
  ASN1_INTEGER_set(X509_get_serialNumber(certificate), 1);
  X509_gmtime_adj(X509_getm_notBefore(certificate), 0);
  X509_gmtime_adj(X509_getm_notAfter(certificate), 3600);
  X509_set_pubkey(certificate, key);
  X509_NAME* name = X509_get_subject_name(certificate);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("test"), -1, -1, 0);
  X509_set_issuer_name(certificate, name);
  X509_sign(certificate, key, EVP_sha256());
  FILE* out = std::fopen(pem_file.c_str(), "w");
  PEM_write_PrivateKey(out, key, nullptr, nullptr, 0, nullptr, nullptr);
  PEM_write_X509(out, certificate);
  std::fclose(out);
  X509_free(certificate);
  return key;
}

TEST(ExportClientAssertion, IsAnRs256JwtSignedByTheCertificateKeyWithItsThumbprint) {
  TempDir dir;
  EVP_PKEY* key = write_test_certificate(dir.path() / "app.pem");
  const Certificate certificate = load_certificate((dir.path() / "app.pem").string());
  ASSERT_EQ(certificate.thumbprint_sha1.size(), 20u);

  const auto now = std::chrono::system_clock::from_time_t(1'700'000'000);
  const std::string assertion = make_client_assertion(certificate, "client-1", "https://login/t/oauth2/v2.0/token", now);
  const auto first_dot = assertion.find('.');
  const auto second_dot = assertion.find('.', first_dot + 1);
  const auto header = nlohmann::json::parse(base64url_decode(assertion.substr(0, first_dot)));
  const auto payload = nlohmann::json::parse(base64url_decode(assertion.substr(first_dot + 1, second_dot - first_dot - 1)));
  EXPECT_EQ(header["alg"], "RS256");
  EXPECT_EQ(header["x5t"], base64url(certificate.thumbprint_sha1));
  EXPECT_EQ(payload["aud"], "https://login/t/oauth2/v2.0/token");
  EXPECT_EQ(payload["iss"], "client-1");
  EXPECT_EQ(payload["sub"], "client-1");
  EXPECT_EQ(payload["exp"].get<long>() - payload["nbf"].get<long>(), 600);

  const std::string signed_part = assertion.substr(0, second_dot);
  const std::string signature = base64url_decode(assertion.substr(second_dot + 1));
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  ASSERT_EQ(EVP_DigestVerifyInit(context, nullptr, EVP_sha256(), nullptr, key), 1);
  EXPECT_EQ(EVP_DigestVerify(context, reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                             reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size()),
            1);
  EVP_MD_CTX_free(context);
  EVP_PKEY_free(key);
}

TEST(ExportClientAssertion, AFileWithoutAKeyIsRefusedWithoutShowingItsContents) {
  TempDir dir;
  std::ofstream(dir.path() / "nokey.pem") << "not a key: hunter2\n";
  try {
    load_certificate((dir.path() / "nokey.pem").string());
    FAIL() << "expected an error";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("no unencrypted PEM private key"), std::string::npos);
    EXPECT_EQ(std::string(error.what()).find("hunter2"), std::string::npos);
  }
}

TEST(ExportRetryAfter, ReadsSecondsAndHttpDates) {
  EXPECT_EQ(parse_retry_after("7", 0), 7);
  EXPECT_EQ(parse_retry_after("", 0), -1);
  EXPECT_EQ(parse_retry_after("soon", 0), -1);
  // Wed, 21 Oct 2015 07:28:00 GMT is 1445412480.
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412470), 10);
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1445412490), 0);
}

TEST(ExportPermissions, NameTheLeastPermissionOfEachEndpoint) {
  EXPECT_EQ(permission_for("teams").application, "Team.ReadBasic.All");
  EXPECT_EQ(permission_for("teams/abc/allChannels").application, "Channel.ReadBasic.All");
  EXPECT_EQ(permission_for("teams/abc/channels/19%3Ax/members").application, "ChannelMember.Read.All");
  EXPECT_EQ(permission_for("teams/a/channels/c/sharedWithTeams/t/allowedMembers").application,
            "ChannelMember.Read.All");
  EXPECT_EQ(permission_for("groups/g/members?$top=999").application, "GroupMember.Read.All");
  EXPECT_EQ(permission_for("policies/crossTenantAccessPolicy/partners").application, "Policy.Read.All");
  EXPECT_EQ(permission_for("servicePrincipals/s/synchronization/jobs").application, "Synchronization.Read.All");
  EXPECT_EQ(permission_for("servicePrincipals/s/appRoleAssignedTo").application, "Application.Read.All");
  EXPECT_EQ(permission_for("users").role, "Directory Readers");
}

TEST(ExportUrls, ChannelIdsArePercentEncoded) {
  EXPECT_EQ(url_encode("19:abc@thread.tacv2"), "19%3Aabc%40thread.tacv2");
  EXPECT_EQ(url_encode("host,site-id,web"), "host%2Csite-id%2Cweb");
}

TEST(ExportSitePermissions, MapUsersGroupsAndTheEveryoneClaims) {
  const auto permissions = nlohmann::ordered_json::parse(R"([
    {"grantedToV2": {"user": {"id": "u1"}}},
    {"grantedToV2": {"group": {"id": "g1"}}},
    {"grantedToV2": {"siteUser": {"loginName": "c:0(.s|true"}}},
    {"grantedToV2": {"siteUser": {"loginName": "c:0-.f|rolemanager|spo-grid-all-users/tid"}}},
    {"grantedToV2": {"siteGroup": {"displayName": "Site Members"}}},
    {"grantedToIdentitiesV2": [{"user": {"id": "u2"}}]}
  ])");
  const MappedGrants mapped = map_sharepoint_permissions(permissions);
  EXPECT_EQ(mapped.grants.dump(),
            R"([{"principalId":"u1","principalType":"user"},{"principalId":"g1","principalType":"group"},)"
            R"({"principalType":"everyone"},{"principalType":"everyoneExceptExternalUsers"},)"
            R"({"principalId":"u2","principalType":"user"}])");
  ASSERT_EQ(mapped.unmapped.size(), 1u);
  EXPECT_EQ(mapped.unmapped[0], "SharePoint group Site Members");
}

TEST(ExportCheckpoint, SurvivesARestartWithPositionsDoneFilesAndGaps) {
  TempDir dir;
  {
    Checkpoint checkpoint(dir.path() / "checkpoint.json");
    checkpoint.mark_done("organization.json", 1);
    checkpoint.save_position("users.jsonl", {"http://graph/v1.0/users?$skiptoken=2", 120, 2});
    checkpoint.add_gap({"channels.json", "whole file", "403", "under-reports"});
    checkpoint.add_gap({"resources.json", "sites", "403", "under-reports"});
  }
  Checkpoint resumed(dir.path() / "checkpoint.json");
  EXPECT_TRUE(resumed.done("organization.json"));
  EXPECT_FALSE(resumed.done("users.jsonl"));
  ASSERT_TRUE(resumed.position("users.jsonl"));
  EXPECT_EQ(resumed.position("users.jsonl")->next_link, "http://graph/v1.0/users?$skiptoken=2");
  EXPECT_EQ(resumed.position("users.jsonl")->bytes, 120u);
  resumed.clear_gaps("channels.json");
  ASSERT_EQ(resumed.gaps().size(), 1u);
  EXPECT_EQ(resumed.gaps()[0].file, "resources.json");
}

TEST(ExportStaging, AStreamedFileResumesAtTheCheckpointedLength) {
  TempDir dir;
  const fs::path file = dir.path() / "users.jsonl";
  {
    StreamedFile first(file, 0);
    first.write_line("{\"id\":\"1\"}");
    EXPECT_EQ(first.flush(), 11u);
    first.write_line("{\"id\":\"half-written");  // after the checkpoint: dropped on resume
    first.flush();
  }
  StreamedFile resumed(file, 11);
  resumed.write_line("{\"id\":\"2\"}");
  resumed.finish();
  EXPECT_EQ(read_text(file), "{\"id\":\"1\"}\n{\"id\":\"2\"}\n");
  EXPECT_FALSE(fs::exists(file.string() + ".part"));
  struct stat info {};
  ASSERT_EQ(::stat(file.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0077, 0u);
}

TEST(ExportStaging, InstallingReplacesAnExistingTenantWhole) {
  TempDir dir;
  const fs::path target = dir.path() / "tenants" / "t1";
  const fs::path staging = dir.path() / "tenants" / ".t1.export-partial";
  create_private_dir(target);
  write_file_atomically(target / "users.jsonl", "old\n");
  write_file_atomically(target / "channels.json", "old\n");
  create_private_dir(staging);
  write_file_atomically(staging / "users.jsonl", "new\n");
  install_tenant(staging, target);
  EXPECT_EQ(read_text(target / "users.jsonl"), "new\n");
  EXPECT_FALSE(fs::exists(target / "channels.json"));
  EXPECT_FALSE(fs::exists(staging));
  struct stat info {};
  ASSERT_EQ(::stat(target.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0700u);
}

// The program loads the export module only for `export`; without it, `export` says which file it looked for and
// exits 3, and every other command runs (a copy of the program in a folder of its own has no module beside it).
TEST(ExportModule, AProgramWithoutItsModuleSaysWhatIsMissing) {
  testing::TempDir scratch;
  const auto program = scratch.path() / "tenantreach";
  std::filesystem::copy_file(TENANTREACH_CLI, program);
  const auto exported = testing::run_program(program, {"export", "--tenant", "contoso.example", "-o",
                                                       (scratch.path() / "world").string(), "--token-command", "true"});
  EXPECT_EQ(exported.exit_code, 3) << exported.err;
  EXPECT_NE(exported.err.find("cannot load"), std::string::npos) << exported.err;
  EXPECT_NE(exported.err.find("tenantreach-export.so"), std::string::npos) << exported.err;
  EXPECT_FALSE(std::filesystem::exists(scratch.path() / "world"));
  EXPECT_EQ(testing::run_program(program, {"--version"}).exit_code, 0);
}

}  // namespace
}  // namespace tenantreach::exporter

// Ingest of a world directory (spec §1, R1.1-R1.4): each test builds a small world in a temporary directory.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <string>
#include <string_view>

#include <unistd.h>

#include "core/error.hpp"
#include "core/ingest.hpp"
#include "core/text.hpp"

namespace tenantreach::core {
namespace {

namespace fs = std::filesystem;

constexpr const char* kT1 = "11111111-1111-1111-1111-111111111111";
constexpr const char* kT2 = "22222222-2222-2222-2222-222222222222";
constexpr const char* kT9 = "99999999-9999-9999-9999-999999999999";  // never in a world

std::string org(const std::string& id, const std::string& domain = "contoso.com") {
  return R"({"value":[{"id":")" + id + R"(","displayName":"Contoso","verifiedDomains":[{"name":")" + domain +
         R"(","isDefault":true}]}]})";
}

class TempWorld {
 public:
  TempWorld() {
    static std::atomic<unsigned> counter{0};
    root_ = fs::temp_directory_path() /
            ("tenantreach-ingest-" + std::to_string(::getpid()) + "-" +
             std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + "-" +
             std::to_string(counter++));
    fs::create_directories(root_ / "tenants");
  }
  ~TempWorld() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  TempWorld(const TempWorld&) = delete;
  TempWorld& operator=(const TempWorld&) = delete;

  // Writes WORLD/tenants/<tenant>/<file>.
  TempWorld& write(const std::string& tenant, const std::string& file, const std::string& content) {
    fs::path path = root_ / "tenants" / tenant / file;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
    return *this;
  }
  // A tenant with its organization.json.
  TempWorld& tenant(const std::string& id, const std::string& domain = "contoso.com") {
    return write(id, "organization.json", org(id, domain));
  }
  const fs::path& root() const { return root_; }
  World load() const { return load_world(root_); }

 private:
  fs::path root_;
};

// Loads the world and expects an InputError whose message contains every string (case-insensitive).
InputError expect_error(const TempWorld& world, std::initializer_list<std::string_view> contains) {
  try {
    world.load();
  } catch (const InputError& error) {
    for (std::string_view needle : contains) {
      EXPECT_TRUE(icontains(error.what(), needle)) << "message: " << error.what() << "\nmissing: " << needle;
    }
    return error;
  }
  ADD_FAILURE() << "expected an InputError";
  return InputError("none");
}

int count_warnings(const World& world, std::string_view code) {
  int n = 0;
  for (const Warning& w : world.warnings) n += w.code == code ? 1 : 0;
  return n;
}

const std::string kUsers2 =
    R"([{"id":"U1","userPrincipalName":"a@contoso.com","displayName":"A","mail":"A@contoso.com"},)"
    R"({"id":"u2","userPrincipalName":"b@contoso.com","userType":"Guest","accountEnabled":false}])";

// ---- R1.1 ---------------------------------------------------------------------------------------------------------

TEST(IngestR1_1, BareArrayEqualsGraphPage) {
  TempWorld bare, page;
  bare.tenant(kT1).write(kT1, "users.json", kUsers2);
  page.tenant(kT1).write(kT1, "users.json",
                         R"({"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users","value":)" + kUsers2 +
                             R"(,"@odata.nextLink":null})");
  World a = bare.load(), b = page.load();
  ASSERT_EQ(a.tenants.size(), 1u);
  ASSERT_EQ(b.tenants.size(), 1u);
  ASSERT_EQ(a.tenants[0].users.size(), 2u);
  ASSERT_EQ(b.tenants[0].users.size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const User& x = a.tenants[0].users[i];
    const User& y = b.tenants[0].users[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.user_principal_name, y.user_principal_name);
    EXPECT_EQ(x.mail, y.mail);
    EXPECT_EQ(x.user_type, y.user_type);
    EXPECT_EQ(x.account_enabled, y.account_enabled);
  }
  EXPECT_EQ(a.tenants[0].users[0].id, "u1");
}

TEST(IngestR1_1, JsonlHoldsOneObjectPerLineAndSkipsBlankLines) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "users.jsonl",
                      "{\"id\":\"u1\",\"userPrincipalName\":\"a@contoso.com\"}\n\n   \r\n"
                      "{\"id\":\"u2\",\"userPrincipalName\":\"b@contoso.com\"}\r\n"
                      "{\"id\":\"u3\",\"userPrincipalName\":\"c@contoso.com\"}");
  w.write(kT1, "groups.jsonl", "{\"id\":\"g1\",\"members\":[{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"U3\"}]}\n");
  World world = w.load();
  ASSERT_EQ(world.tenants[0].users.size(), 3u);
  EXPECT_EQ(world.tenants[0].users[2].id, "u3");
  ASSERT_EQ(world.tenants[0].groups.size(), 1u);
  const Tenant& tenant = world.tenants[0];
  EXPECT_EQ(tenant.groups[0].members.at(0), MemberRef::object(MemberKind::User, 2));
  EXPECT_EQ(tenant.member_id(tenant.groups[0], tenant.groups[0].members[0]), "u3");
  EXPECT_TRUE(world.warnings.empty());
}

TEST(IngestR1_1, JsonlForEveryListEntity) {
  TempWorld w;
  w.tenant(kT1)
      .write(kT1, "users.jsonl", R"({"id":"u1","userPrincipalName":"a@contoso.com"})")
      .write(kT1, "groups.jsonl", R"({"id":"g1","groupTypes":["Unified"]})")
      .write(kT1, "channels.jsonl", R"({"id":"c1","teamId":"g1"})")
      .write(kT1, "resources.jsonl", R"({"id":"r1","kind":"site"})")
      .write(kT1, "conditionalAccessPolicies.jsonl", "{\"state\":\"enabled\"}\n{\"state\":\"disabled\"}\n")
      .write(kT1, "crossTenantSync.jsonl", std::string(R"({"id":"j1","targetTenantId":")") + kT2 + "\"}");
  World world = w.load();
  const Tenant& t = world.tenants[0];
  EXPECT_EQ(t.users.size(), 1u);
  EXPECT_EQ(t.groups.size(), 1u);
  EXPECT_EQ(t.channels.size(), 1u);
  EXPECT_EQ(t.resources.size(), 1u);
  ASSERT_EQ(t.conditional_access_policies.size(), 2u);
  EXPECT_EQ(t.conditional_access_policies[1].id, "#1");
  EXPECT_EQ(t.sync_jobs.size(), 1u);
  EXPECT_EQ(t.source_files(),
            (std::vector<std::string>{"organization.json", "users.jsonl", "groups.jsonl", "conditionalAccessPolicies.jsonl",
                                      "channels.jsonl", "resources.jsonl", "crossTenantSync.jsonl"}));
}

// Partners in .jsonl were once ignored, so every partner silently fell back to the default (issue 7).
TEST(IngestR1_1, PartnersAndOrganizationMayBeJsonl) {
  TempWorld w;
  w.write(kT1, "organization.jsonl",
          std::string(R"({"id":")") + kT1 + R"(","displayName":"Contoso","verifiedDomains":[{"name":"contoso.com"}]})" + "\n")
      .write(kT1, "crossTenantAccessPolicy/default.json", "{}")
      .write(kT1, "crossTenantAccessPolicy/partners.jsonl",
             std::string(R"({"tenantId":")") + kT2 + R"(","isServiceProvider":true})" + "\n\n" + R"({"tenantId":")" +
                 kT9 + R"(","b2bDirectConnectInbound":{"usersAndGroups":{"accessType":"allowed","targets":[{"target":"AllUsers"}]}}})");
  World world = w.load();
  const Tenant& t = world.tenants[0];
  EXPECT_EQ(t.display_name, "Contoso");
  ASSERT_EQ(t.partners.size(), 2u);
  ASSERT_NE(t.find_partner(kT2), nullptr);
  EXPECT_TRUE(t.find_partner(kT2)->is_service_provider);
  ASSERT_NE(t.find_partner(kT9), nullptr);
  EXPECT_TRUE(t.find_partner(kT9)->b2b_direct_connect_inbound.has_value());
  EXPECT_EQ(t.source_files(), (std::vector<std::string>{"organization.jsonl", "crossTenantAccessPolicy/default.json",
                                                        "crossTenantAccessPolicy/partners.jsonl"}));
}

TEST(IngestR1_1, JsonAndJsonlForTheSameEntityIsAnError) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "groups.json", "[]").write(kT1, "groups.jsonl", "");
  expect_error(w, {"groups.json", "groups.jsonl", "groups"});
  TempWorld partners;
  partners.tenant(kT1)
      .write(kT1, "crossTenantAccessPolicy/partners.json", "[]")
      .write(kT1, "crossTenantAccessPolicy/partners.jsonl", "");
  expect_error(partners, {"partners.json", "partners.jsonl", "crossTenantAccessPolicy/partners"});
  TempWorld organization;
  organization.tenant(kT1).write(kT1, "organization.jsonl", "");
  expect_error(organization, {"organization.json", "organization.jsonl"});
}

TEST(IngestR1_1, EveryFileButOrganizationMayBeAbsent) {
  TempWorld w;
  w.tenant(kT1);
  World world = w.load();
  ASSERT_EQ(world.tenants.size(), 1u);
  const Tenant& t = world.tenants[0];
  EXPECT_EQ(t.id, kT1);
  EXPECT_EQ(t.display_name, "Contoso");
  EXPECT_EQ(t.verified_domains, std::vector<std::string>{"contoso.com"});
  EXPECT_FALSE(t.has_default_settings);
  EXPECT_TRUE(t.users.empty());
  EXPECT_TRUE(t.partners.empty());
  EXPECT_TRUE(world.warnings.empty());
}

TEST(IngestR1_1, MissingOrganizationIsAnError) {
  TempWorld w;
  w.tenant(kT1).write(kT2, "users.json", "[]");
  InputError error = expect_error(w, {"organization.json", kT2});
  EXPECT_EQ(error.file(), std::string("tenants/") + kT2 + "/organization.json");
}

TEST(IngestR1_1, NullIsAbsent) {
  TempWorld w;
  w.tenant(kT1)
      .write(kT1, "users.json",
             R"({"value":[{"id":"u1","userPrincipalName":"a@contoso.com","userType":null,"accountEnabled":null,)"
             R"("externalUserState":null,"mail":null,"otherMails":null}]})")
      .write(kT1, "crossTenantAccessPolicy/default.json",
             R"({"b2bCollaborationInbound":null,"b2bCollaborationOutbound":{"usersAndGroups":null,)"
             R"("applications":{"accessType":"blocked","targets":null}},"inboundTrust":{"isMfaAccepted":null}})");
  World world = w.load();
  const User& u = world.tenants[0].users.at(0);
  EXPECT_EQ(u.user_type, UserType::Member);
  EXPECT_TRUE(u.account_enabled);
  EXPECT_FALSE(u.extras->external_user_state.has_value());
  EXPECT_TRUE(u.mail.empty());
  const CrossTenantSettings& d = world.tenants[0].default_settings;
  EXPECT_FALSE(d.b2b_collaboration_inbound.has_value());
  ASSERT_TRUE(d.b2b_collaboration_outbound.has_value());
  EXPECT_FALSE(d.b2b_collaboration_outbound->users_and_groups.has_value());
  ASSERT_TRUE(d.b2b_collaboration_outbound->applications.has_value());
  EXPECT_EQ(d.b2b_collaboration_outbound->applications->access_type, AccessType::Blocked);
  EXPECT_TRUE(d.b2b_collaboration_outbound->applications->targets.empty());
  ASSERT_TRUE(d.inbound_trust.has_value());
  EXPECT_FALSE(d.inbound_trust->is_mfa_accepted.has_value());
}

TEST(IngestR1_1, Utf8ByteOrderMarkIsAccepted) {
  TempWorld w;
  w.write(kT1, "organization.json", "\xEF\xBB\xBF" + org(kT1));
  w.write(kT1, "users.jsonl", "\xEF\xBB\xBF{\"id\":\"u1\",\"userPrincipalName\":\"a@contoso.com\"}\n");
  World world = w.load();
  EXPECT_EQ(world.tenants.at(0).users.size(), 1u);
}

TEST(IngestR1_1, TenantFoldersAreSortedAndLowerCased) {
  TempWorld w;
  w.tenant("BBBBBBBB-0000-0000-0000-000000000000").tenant("aaaaaaaa-0000-0000-0000-000000000000");
  World world = w.load();
  ASSERT_EQ(world.tenants.size(), 2u);
  EXPECT_EQ(world.tenants[0].id, "aaaaaaaa-0000-0000-0000-000000000000");
  EXPECT_EQ(world.tenants[1].id, "bbbbbbbb-0000-0000-0000-000000000000");
  EXPECT_NE(world.find_tenant("bbbbbbbb-0000-0000-0000-000000000000"), nullptr);
}

// ---- R1.2 ---------------------------------------------------------------------------------------------------------

TEST(IngestR1_2, UnknownPropertiesAreIgnored) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "users.json",
                      R"([{"id":"u1","userPrincipalName":"a@contoso.com","jobTitle":{"nested":[1,2,{"x":null}]},)"
                      R"("Id":"ignored","AccountEnabled":"not a bool"}])");
  World world = w.load();
  EXPECT_EQ(world.tenants[0].users.at(0).id, "u1");
  EXPECT_TRUE(world.tenants[0].users.at(0).account_enabled);
}

TEST(IngestR1_2, EnumValuesCompareCaseInsensitively) {
  TempWorld w;
  w.tenant(kT1)
      .write(kT1, "users.json", R"([{"id":"u1","userPrincipalName":"a@contoso.com","userType":"GUEST"}])")
      .write(kT1, "groups.json", R"([{"id":"g1","groupTypes":["unified"],"resourceProvisioningOptions":["TEAM"]}])")
      .write(kT1, "channels.json", R"([{"id":"c1","membershipType":"PRIVATE"},{"id":"c2","membershipType":"Shared"}])")
      .write(kT1, "resources.json",
             R"([{"id":"r1","kind":"SITE","grants":[{"principalType":"EveryoneExceptExternalUsers"},)"
             R"({"principalType":"USER","principalId":"U1"}]}])")
      .write(kT1, "crossTenantAccessPolicy/default.json",
             R"({"b2bDirectConnectOutbound":{"usersAndGroups":{"accessType":"ALLOWED","targets":[]}}})");
  World world = w.load();
  const Tenant& t = world.tenants[0];
  EXPECT_EQ(t.users[0].user_type, UserType::Guest);
  EXPECT_TRUE(t.groups[0].unified);
  EXPECT_TRUE(t.groups[0].team);
  EXPECT_EQ(t.channels[0].type, ChannelType::Private);
  EXPECT_EQ(t.channels[1].type, ChannelType::Shared);
  EXPECT_EQ(t.resources[0].kind, ResourceKind::Site);
  ASSERT_EQ(t.resources[0].grants.size(), 2u);
  EXPECT_EQ(t.resources[0].grants[0].type, GrantType::EveryoneExceptExternalUsers);
  EXPECT_EQ(t.resources[0].grants[1].type, GrantType::User);
  EXPECT_EQ(t.resources[0].grants[1].principal_id, "u1");
  EXPECT_EQ(t.default_settings.b2b_direct_connect_outbound->users_and_groups->access_type, AccessType::Allowed);
}

TEST(IngestR1_2, PropertyNamesAreCaseSensitive) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "users.json", R"([{"ID":"u1","userPrincipalName":"a@contoso.com"}])");
  expect_error(w, {"users.json", "id", "required"});
}

// ---- R1.3 ---------------------------------------------------------------------------------------------------------

// Tenants load in parallel; what a user sees must not depend on which finishes first.
TEST(IngestR1_3, ManyTenantsLoadAsInTenantOrder) {
  constexpr int kTenants = 24;
  auto tenant_id = [](int i) {
    std::string digits = std::to_string(100 + i);
    return digits + "00000-0000-0000-0000-000000000000";
  };
  TempWorld good, bad;
  for (int i = kTenants - 1; i >= 0; --i) {
    const std::string id = tenant_id(i);
    good.tenant(id).write(id, "groups.json", R"([{"id":"team"}])");
    // A channel member without userId warns while the tenant loads (member-without-userid).
    good.write(id, "channels.json", R"([{"id":"c-)" + std::to_string(i) +
                                        R"(","teamId":"team","members":[{"email":"x@y"}]}])");
    bad.tenant(id).write(id, "users.json", i % 5 == 3 ? R"([{"id":"u","userType":"Robot"}])" : "[]");
  }
  const World world = good.load();
  ASSERT_EQ(world.warnings.size(), std::size_t{kTenants});
  for (int i = 0; i < kTenants; ++i)
    EXPECT_NE(world.warnings[i].message.find(tenant_id(i)), std::string::npos) << world.warnings[i].message;
  // Tenants 3, 8, 13, ... are bad; the error is always the first of them.
  for (int run = 0; run < 5; ++run) expect_error(bad, {"tenants/" + tenant_id(3) + "/users.json", "userType"});
}

TEST(IngestR1_3, MalformedJsonNamesFileAndLine) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "groups.json", "[\n  {\"id\": \"g1\"},\n  {\"id\": \"g2\" \"displayName\": \"x\"}\n]\n");
  InputError error = expect_error(w, {"groups.json", "line 3", "malformed"});
  EXPECT_EQ(error.file(), std::string("tenants/") + kT1 + "/groups.json");
}

TEST(IngestR1_3, MalformedJsonlNamesTheLine) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "users.jsonl",
                      "{\"id\":\"u1\",\"userPrincipalName\":\"a@contoso.com\"}\n\n{\"id\":\"u2\",\"userPrin\n");
  InputError error = expect_error(w, {"users.jsonl", "line 3", "malformed"});
  EXPECT_EQ(error.location().rfind("line 3", 0), 0u);
}

TEST(IngestR1_3, EmptyOrTruncatedFilesAreMalformed) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "users.json", "");
  expect_error(w, {"users.json", "malformed"});
  TempWorld v;
  v.tenant(kT1).write(kT1, "users.json", "[{\"id\":\"u1\"");
  expect_error(v, {"users.json", "malformed"});
}

TEST(IngestR1_3, DocumentMustBeAPageOrAnArray) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "users.json", R"({"users":[]})");
  expect_error(w, {"users.json", "value"});
  TempWorld v;
  v.tenant(kT1).write(kT1, "users.json", R"([{"id":"u1","userPrincipalName":"x"}, 3])");
  InputError error = expect_error(v, {"users.json", "[1]", "object"});
  EXPECT_EQ(error.location(), "[1]");
}

TEST(IngestR1_3, MissingUserIdNamesFileIndexAndField) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "users.json",
                      R"({"value":[{"id":"u1","userPrincipalName":"a@contoso.com"},{"userPrincipalName":"b@x"}]})");
  InputError error = expect_error(w, {"users.json", "value[1]", "id"});
  EXPECT_EQ(error.location(), "value[1]");
  EXPECT_EQ(error.field(), "id");
}

TEST(IngestR1_3, MissingUserPrincipalNameIsAnError) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "users.jsonl", "{\"id\":\"u1\"}\n");
  InputError error = expect_error(w, {"users.jsonl", "line 1", "userPrincipalName"});
  EXPECT_EQ(error.field(), "userPrincipalName");
}

TEST(IngestR1_3, WrongTypeNamesTheField) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "users.json",
                      R"([{"id":"u1","userPrincipalName":"a@contoso.com","accountEnabled":"yes"}])");
  InputError error = expect_error(w, {"users.json", "accountEnabled", "boolean"});
  EXPECT_EQ(error.field(), "accountEnabled");
  TempWorld v;
  v.tenant(kT1).write(kT1, "users.json", R"([{"id":42,"userPrincipalName":"a@contoso.com"}])");
  expect_error(v, {"users.json", "id", "string"});
  TempWorld x;
  x.tenant(kT1).write(kT1, "groups.json", R"([{"id":"g1","members":{"id":"u1"}}])");
  expect_error(x, {"groups.json", "members", "list"});
}

TEST(IngestR1_3, TargetsNotAListNamesDefaultJsonAndTargets) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "crossTenantAccessPolicy/default.json",
                      R"({"b2bCollaborationInbound":{"usersAndGroups":{"accessType":"allowed","targets":"AllUsers"}}})");
  InputError error = expect_error(w, {"default.json", "targets"});
  EXPECT_EQ(error.field(), "b2bCollaborationInbound.usersAndGroups.targets");
}

TEST(IngestR1_3, IdRepeatedAcrossUsersAndGroupsIsAnError) {
  TempWorld w;
  w.tenant(kT1)
      .write(kT1, "users.json", R"([{"id":"abc","userPrincipalName":"a@contoso.com"}])")
      .write(kT1, "groups.json", R"({"value":[{"id":"g0"},{"id":"ABC"}]})");
  InputError error = expect_error(w, {"groups.json", "value[1]", "id", "abc"});
  EXPECT_EQ(error.location(), "value[1]");
}

TEST(IngestR1_3, IdRepeatedInJsonlNamesTheSecondLine) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "users.jsonl",
                      "{\"id\":\"u1\",\"userPrincipalName\":\"a\"}\n{\"id\":\"u2\",\"userPrincipalName\":\"b\"}\n"
                      "{\"id\":\"U1\",\"userPrincipalName\":\"c\"}\n");
  InputError error = expect_error(w, {"users.jsonl", "line 3", "u1"});
  EXPECT_EQ(error.location(), "line 3");
}

// A `.jsonl` of several megabytes is parsed in line ranges at once (core/ingest.cpp, load_directory_lines); the
// world and the errors are those of a serial read: objects in file order, and the earliest problem reported.
std::string user_line(std::size_t i) {
  return "{\"id\":\"u" + std::to_string(i) + "\",\"userPrincipalName\":\"user" + std::to_string(i) +
         "@contoso.com\",\"displayName\":\"User number " + std::to_string(i) + "\"}";
}
constexpr std::size_t kManyUsers = 60000;  // about 5 MB: several ranges

std::string many_users_jsonl(std::size_t bad_line = 0, const std::string& bad = "") {
  std::string text;
  for (std::size_t line = 1; line <= kManyUsers; ++line) text += (line == bad_line ? bad : user_line(line)) + "\n";
  return text;
}

TEST(IngestR1_1, ALargeJsonlLoadsAsTheSameUsersInFileOrder) {
  TempWorld lines, array;
  lines.tenant(kT1).write(kT1, "users.jsonl", many_users_jsonl());
  std::string json = "[";
  for (std::size_t i = 1; i <= kManyUsers; ++i) json += (i > 1 ? "," : "") + user_line(i);
  array.tenant(kT1).write(kT1, "users.json", json + "]");
  const World a = lines.load(), b = array.load();
  ASSERT_EQ(a.tenants[0].users.size(), kManyUsers);
  ASSERT_EQ(b.tenants[0].users.size(), kManyUsers);
  for (std::size_t i = 0; i < kManyUsers; ++i) {
    ASSERT_EQ(a.tenants[0].users[i].id, b.tenants[0].users[i].id);
    ASSERT_EQ(a.tenants[0].users[i].display_name, b.tenants[0].users[i].display_name);
    ASSERT_EQ(a.tenants[0].user_index(a.tenants[0].users[i].id), i);
  }
}

TEST(IngestR1_3, AnErrorLateInALargeJsonlNamesItsLine) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "users.jsonl", many_users_jsonl(kManyUsers - 3, "{\"id\":\"late\","));
  EXPECT_TRUE(expect_error(w, {"users.jsonl", "malformed"}).location().starts_with("line " + std::to_string(kManyUsers - 3) + ","));
}

TEST(IngestR1_3, OfTwoProblemsInALargeJsonlTheEarlierLineIsReported) {
  TempWorld repeat_first, malformed_first;
  std::string text = many_users_jsonl(kManyUsers - 2, "not json");
  const std::string repeated = user_line(1) + "\n";
  text.replace(text.find(user_line(5) + "\n"), user_line(5).size() + 1, repeated);  // line 5 repeats u1
  repeat_first.tenant(kT1).write(kT1, "users.jsonl", text);
  EXPECT_EQ(expect_error(repeat_first, {"users.jsonl", "u1"}).location(), "line 5");

  text = many_users_jsonl(7, "not json");
  text.replace(text.rfind(user_line(kManyUsers - 1) + "\n"), user_line(kManyUsers - 1).size() + 1, repeated);
  malformed_first.tenant(kT1).write(kT1, "users.jsonl", text);
  EXPECT_EQ(expect_error(malformed_first, {"users.jsonl", "malformed"}).location(), "line 7, column 1");
}

TEST(IngestR1_3, SameIdInTwoTenantsIsFine) {
  TempWorld w;
  w.tenant(kT1).tenant(kT2);
  w.write(kT1, "users.json", R"([{"id":"u1","userPrincipalName":"a"}])");
  w.write(kT2, "users.json", R"([{"id":"u1","userPrincipalName":"a"}])");
  EXPECT_EQ(w.load().tenants.size(), 2u);
}

TEST(IngestR1_3, OrganizationIdMustMatchTheFolder) {
  TempWorld w;
  w.write(kT1, "organization.json", org(kT2));
  InputError error = expect_error(w, {"organization.json", "id"});
  EXPECT_EQ(error.field(), "id");
  TempWorld upper;
  upper.write(kT1, "organization.json", org("11111111-1111-1111-1111-111111111111"));
  std::string folder = "AAAAAAAA-1111-1111-1111-111111111111";
  upper.write(folder, "organization.json", org("aaaaaaaa-1111-1111-1111-111111111111"));
  World world = upper.load();
  EXPECT_EQ(world.tenants[0].id, "11111111-1111-1111-1111-111111111111");
  EXPECT_EQ(world.tenants[1].id, "aaaaaaaa-1111-1111-1111-111111111111");
}

TEST(IngestR1_3, OrganizationMustHoldOneObject) {
  TempWorld w;
  w.write(kT1, "organization.json", "[]");
  expect_error(w, {"organization.json"});
  TempWorld v;
  v.write(kT1, "organization.json", R"({"id":"x"})");
  expect_error(v, {"organization.json"});
}

TEST(IngestR1_3, PartnerWithoutTenantIdIsAnError) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "crossTenantAccessPolicy/partners.json",
                      R"({"value":[{"isServiceProvider":false,"b2bCollaborationInbound":null}]})");
  InputError error = expect_error(w, {"partners.json", "tenantId", "value[0]"});
  EXPECT_EQ(error.field(), "tenantId");
}

TEST(IngestR1_3, RepeatedPartnerIsAnError) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "crossTenantAccessPolicy/partners.json",
                      std::string(R"([{"tenantId":")") + kT2 + R"("},{"tenantId":")" + to_lower(kT2) + "\"}]");
  expect_error(w, {"partners.json", "tenantId", "[1]"});
}

TEST(IngestR1_3, AccessTypeOutsideTheListIsAnError) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "crossTenantAccessPolicy/partners.json",
                      std::string(R"([{"tenantId":")") + kT2 +
                          R"(","b2bDirectConnectInbound":{"applications":{"accessType":"maybe"}}}])");
  InputError error = expect_error(w, {"partners.json", "accessType", "maybe"});
  EXPECT_EQ(error.field(), "b2bDirectConnectInbound.applications.accessType");
  TempWorld v;
  v.tenant(kT1).write(kT1, "crossTenantAccessPolicy/default.json",
                      R"({"b2bDirectConnectInbound":{"applications":{"targets":[]}}})");
  expect_error(v, {"default.json", "accessType", "required"});
}

TEST(IngestR1_3, MembershipTypeOutsideTheListIsAnError) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "channels.json", R"([{"id":"c1","membershipType":"public","teamId":"g"}])");
  expect_error(w, {"channels.json", "membershipType", "public"});
}

TEST(IngestR1_3, ResourceKindOutsideTheListIsAnError) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "resources.json", R"([{"id":"r1","kind":"mailbox"}])");
  expect_error(w, {"resources.json", "kind", "mailbox"});
}

TEST(IngestR1_3, PrincipalTypeOutsideTheListIsAnError) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "resources.json",
                      R"([{"id":"r1","kind":"site","grants":[{"principalType":"servicePrincipal","principalId":"x"}]}])");
  InputError error = expect_error(w, {"resources.json", "principalType", "servicePrincipal"});
  EXPECT_EQ(error.field(), "grants[0].principalType");
}

TEST(IngestR1_3, RequiredFieldsOfEveryEntity) {
  struct Case {
    const char* file;
    const char* content;
    const char* field;
  };
  const Case cases[] = {
      {"groups.json", R"([{"displayName":"g"}])", "id"},
      {"groups.json", R"([{"id":"g1","members":[{"@odata.type":"#microsoft.graph.user"}]}])", "members[0].id"},
      {"channels.json", R"([{"teamId":"g1"}])", "id"},
      {"channels.json", R"([{"id":"c1"}])", "teamId"},
      {"channels.json", R"([{"id":"c1","membershipType":"shared","sharedWithTeams":[{"tenantId":"t"}]}])",
       "sharedWithTeams[0].id"},
      {"resources.json", R"([{"kind":"site"}])", "id"},
      {"resources.json", R"([{"id":"r1"}])", "kind"},
      {"resources.json", R"([{"id":"r1","kind":"application"}])", "appId"},
      {"resources.json", R"([{"id":"r1","kind":"site","grants":[{"principalType":"group"}]}])", "grants[0].principalId"},
      {"resources.json", R"([{"id":"r1","kind":"site","grants":[{"principalId":"u1"}]}])", "grants[0].principalType"},
      {"crossTenantSync.json", R"([{"targetTenantId":"t2"}])", "id"},
      {"crossTenantSync.json", R"([{"id":"j1"}])", "targetTenantId"},
      {"crossTenantAccessPolicy/default.json",
       R"({"b2bCollaborationOutbound":{"usersAndGroups":{"accessType":"allowed","targets":[{"targetType":"user"}]}}})",
       "b2bCollaborationOutbound.usersAndGroups.targets[0].target"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.file) + " " + c.content);
    TempWorld w;
    w.tenant(kT1).write(kT1, c.file, c.content);
    InputError error = expect_error(w, {c.file, c.field});
    EXPECT_EQ(error.field(), c.field);
  }
}

TEST(IngestR1_3, UnknownCaStateGrantControlAndGuestTypeAreNotErrors) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "conditionalAccessPolicies.json",
                      R"({"value":[{"id":"P1","state":"someFutureState","conditions":{"users":{)"
                      R"("includeGuestsOrExternalUsers":{"guestOrExternalUserTypes":"b2bCollaborationGuest,martian",)"
                      R"("externalTenants":{"membershipKind":"all"}}}},)"
                      R"("grantControls":{"operator":"XOR","builtInControls":["teleportation"]}}]})");
  World world = w.load();
  const ConditionalAccessPolicy& p = world.tenants[0].conditional_access_policies.at(0);
  EXPECT_EQ(p.id, "p1");
  EXPECT_EQ(p.state, "somefuturestate");
  EXPECT_EQ(p.controls, std::vector<std::string>{"teleportation"});
  EXPECT_FALSE(p.operator_and);
  ASSERT_TRUE(p.include_guests_or_external_users.has_value());
  EXPECT_EQ(p.include_guests_or_external_users->types, (std::vector<std::string>{"b2bcollaborationguest", "martian"}));
}

TEST(IngestR1_3, DanglingReferencesAreWarnings) {
  TempWorld w;
  w.tenant(kT1).tenant(kT2);
  w.write(kT1, "users.json",
          R"([{"id":"u1","userPrincipalName":"a"},{"id":"u2","userPrincipalName":"b"}])");
  w.write(kT1, "groups.json",
          R"([{"id":"g1","groupTypes":["Unified"],"members":[{"@odata.type":"#microsoft.graph.user","id":"u1"},)"
          R"({"@odata.type":"#microsoft.graph.user","id":"ghost"},{"@odata.type":"#microsoft.graph.group","id":"u2"}]}])");
  w.write(kT1, "resources.json",
          R"([{"id":"r1","kind":"site","grants":[{"principalType":"user","principalId":"nobody"},)"
          R"({"principalType":"group","principalId":"g1"}]}])");
  w.write(kT1, "channels.json",
          std::string(R"([{"id":"c1","teamId":"nogroup"},)") +
              R"({"id":"c2","membershipType":"private","members":[{"userId":"u1"},{"userId":"ghost2","tenantId":")" +
              kT1 + R"("}]},)" +
              R"({"id":"c3","membershipType":"shared","members":[{"userId":"x","tenantId":")" + kT9 +
              R"("},{"userId":"nothere","tenantId":")" + kT2 + R"("}],)" +
              R"("sharedWithTeams":[{"id":"t9team","tenantId":")" + kT9 + R"("},{"id":"g1","isHostTeam":true}]}])");
  World world = w.load();
  EXPECT_EQ(count_warnings(world, "dangling-member"), 2);  // ghost; u2 listed as a group
  EXPECT_EQ(count_warnings(world, "dangling-grant"), 1);
  EXPECT_EQ(count_warnings(world, "dangling-team"), 1);
  EXPECT_EQ(count_warnings(world, "dangling-channel-member"), 2);  // ghost2 in T1; nothere in T2
  EXPECT_EQ(count_warnings(world, "unknown-tenant"), 2);           // member x and team of T9
  for (const Warning& warning : world.warnings) EXPECT_FALSE(warning.message.empty());
  // The rest of the world still loads.
  EXPECT_EQ(world.tenants[0].groups[0].members.size(), 3u);
  EXPECT_EQ(world.tenants[0].channels.size(), 3u);
}

TEST(IngestR1_3, DeepNestingNeverCrashes) {
  TempWorld w;
  std::string deep = R"([{"id":"u1","userPrincipalName":"a","x":)" + std::string(200000, '[') +
                     std::string(200000, ']') + "}]";
  w.tenant(kT1).write(kT1, "users.json", deep);
  expect_error(w, {"users.json"});
}

TEST(IngestR1_3, Utf16IsReported) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "users.json", std::string("\xFF\xFE[\0]\0", 6));
  expect_error(w, {"users.json", "UTF-16"});
}

TEST(IngestR1_3, MissingWorldOrTenantsDirectory) {
  EXPECT_THROW(load_world(fs::temp_directory_path() / "tenantreach-no-such-world-dir"), InputError);
  TempWorld w;
  fs::remove_all(w.root() / "tenants");
  expect_error(w, {"tenants"});
}

TEST(IngestR1_3, UnknownUserTypeIsAnError) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "users.json", R"([{"id":"u1","userPrincipalName":"a","userType":"Alien"}])");
  expect_error(w, {"users.json", "userType", "Alien"});
}

// ---- R1.4 and §1.2 users --------------------------------------------------------------------------------------------

TEST(IngestR1_4, UserFieldsAndDefaults) {
  TempWorld w;
  w.tenant(kT1).write(
      kT1, "users.json",
      R"([{"id":"U1","userPrincipalName":"Alice@Contoso.com","displayName":"Alice","mail":"Alice@Contoso.com",)"
      R"("otherMails":["A@x.com"],"creationType":"Invitation","homeTenantId":"ABC","homeUserId":"DEF",)"
      R"("externalUserState":"PendingAcceptance","userType":"Guest","accountEnabled":false},)"
      R"({"id":"u2","userPrincipalName":"b@contoso.com"}])");
  World world = w.load();
  const User& a = world.tenants[0].users.at(0);
  EXPECT_EQ(a.id, "u1");
  EXPECT_EQ(a.user_principal_name, "Alice@Contoso.com");
  EXPECT_EQ(a.display_name, "Alice");
  EXPECT_EQ(a.mail, "Alice@Contoso.com");
  EXPECT_EQ(a.mail.data(), a.user_principal_name.data());  // equal strings are stored once
  ASSERT_EQ(a.extras->other_mails.size(), 1u);
  EXPECT_EQ(a.extras->other_mails[0], "A@x.com");
  EXPECT_EQ(a.extras->creation_type, "invitation");
  EXPECT_EQ(a.extras->home_tenant_id, "abc");
  EXPECT_EQ(a.extras->home_user_id, "def");
  EXPECT_EQ(a.extras->external_user_state, std::optional<std::string>("pendingacceptance"));
  EXPECT_EQ(a.user_type, UserType::Guest);
  EXPECT_FALSE(a.account_enabled);
  const User& b = world.tenants[0].users.at(1);
  EXPECT_EQ(b.user_type, UserType::Member);
  EXPECT_TRUE(b.account_enabled);
  EXPECT_FALSE(b.extras->external_user_state.has_value());
  EXPECT_FALSE(b.extras.present());  // nothing out of line for a user without those fields
  EXPECT_NE(world.tenants[0].find_user("u1"), nullptr);
}

TEST(IngestR1_4, ExternalIsDerivedAfterLoading) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "users.json",
                      std::string(R"([{"id":"u1","userPrincipalName":"bob_fabrikam.com#ext#@contoso.com"},)") +
                          R"({"id":"u2","userPrincipalName":"c@contoso.com","homeTenantId":")" + kT9 + R"("},)" +
                          R"({"id":"u3","userPrincipalName":"d@contoso.com","externalUserState":"Accepted"},)" +
                          R"({"id":"u4","userPrincipalName":"e@contoso.com","userType":"Guest"},)" +
                          R"({"id":"u5","userPrincipalName":"f@contoso.com","homeTenantId":")" + kT1 + R"("}])");
  World world = w.load();
  const auto& users = world.tenants[0].users;
  EXPECT_TRUE(users[0].external);
  EXPECT_TRUE(users[1].external);
  EXPECT_TRUE(users[2].external);
  EXPECT_FALSE(users[3].external);  // an internal guest
  EXPECT_FALSE(users[4].external);
}

// ---- §1.3 groups ---------------------------------------------------------------------------------------------------

TEST(IngestS1_3, MembersAreUsersAndGroupsByOdataType) {
  TempWorld w;
  w.tenant(kT1)
      .write(kT1, "users.json", R"([{"id":"u1","userPrincipalName":"a"}])")
      .write(kT1, "groups.json",
             R"([{"id":"g1","displayName":"G","groupTypes":["DynamicMembership","Unified"],"securityEnabled":true,)"
             R"("resourceProvisioningOptions":["Team"],"members":[)"
             R"({"@odata.type":"#microsoft.graph.user","id":"U1"},)"
             R"({"@odata.type":"#Microsoft.DirectoryServices.Group","id":"g2"},)"
             R"({"@odata.type":"#microsoft.graph.device","id":"d1"},)"
             R"({"@odata.type":"#microsoft.graph.servicePrincipal","id":"sp"},)"
             R"({"id":"untyped"},{"@odata.type":null,"id":"nulltyped"}]},)"
             R"({"id":"g2","groupTypes":[],"members":[{"@odata.type":"#microsoft.graph.group","id":"g1"}]}])");
  World world = w.load();
  const Group& g = world.tenants[0].groups.at(0);
  EXPECT_EQ(g.display_name, "G");
  EXPECT_TRUE(g.unified);
  EXPECT_TRUE(g.team);
  EXPECT_TRUE(g.security_enabled);
  ASSERT_EQ(g.members.size(), 2u);
  EXPECT_EQ(g.members[0].kind(), MemberKind::User);
  EXPECT_EQ(world.tenants[0].member_id(g, g.members[0]), "u1");
  EXPECT_EQ(g.members[1], MemberRef::object(MemberKind::Group, 1));  // a group read after it: resolved once all are
  EXPECT_EQ(world.tenants[0].member_id(g, g.members[1]), "g2");
  const Group& g2 = world.tenants[0].groups.at(1);
  EXPECT_FALSE(g2.unified);
  EXPECT_FALSE(g2.team);
  EXPECT_TRUE(world.warnings.empty());  // the cycle g1 <-> g2 is legal
}

// ---- §1.4 cross-tenant access settings -------------------------------------------------------------------------------

TEST(IngestS1_4, SettingsMapExactly) {
  TempWorld w;
  w.tenant(kT1)
      .write(kT1, "crossTenantAccessPolicy/default.json",
             R"({"@odata.context":"x","isServiceDefault":false,)"
             R"("b2bCollaborationInbound":{"usersAndGroups":{"accessType":"allowed","targets":[{"target":"AllUsers","targetType":"user"}]},)"
             R"("applications":{"accessType":"blocked","targets":[{"target":"Office365","targetType":"Application"}]}},)"
             R"("inboundTrust":{"isMfaAccepted":true,"isCompliantDeviceAccepted":false,"isHybridAzureADJoinedDeviceAccepted":null},)"
             R"("automaticUserConsentSettings":{"inboundAllowed":true}})")
      .write(kT1, "crossTenantAccessPolicy/partners.json",
             std::string(R"({"value":[{"tenantId":")") + kT2 +
                 R"(","isServiceProvider":true,"b2bDirectConnectOutbound":{"usersAndGroups":{"accessType":"blocked",)"
                 R"("targets":[{"target":"ABCD","targetType":"Group"}]},"applications":null},)"
                 R"("automaticUserConsentSettings":{"inboundAllowed":null,"outboundAllowed":true},)"
                 R"("identitySynchronization":{"tenantId":"x","userSyncInbound":{"isSyncAllowed":true}}}]})");
  World world = w.load();
  const Tenant& t = world.tenants[0];
  EXPECT_TRUE(t.has_default_settings);
  const CrossTenantSettings& d = t.default_settings;
  ASSERT_TRUE(d.b2b_collaboration_inbound.has_value());
  ASSERT_TRUE(d.b2b_collaboration_inbound->users_and_groups.has_value());
  EXPECT_EQ(d.b2b_collaboration_inbound->users_and_groups->access_type, AccessType::Allowed);
  ASSERT_EQ(d.b2b_collaboration_inbound->users_and_groups->targets.size(), 1u);
  EXPECT_EQ(d.b2b_collaboration_inbound->users_and_groups->targets[0].target, "allusers");
  EXPECT_EQ(d.b2b_collaboration_inbound->users_and_groups->targets[0].target_type, "user");
  EXPECT_EQ(d.b2b_collaboration_inbound->applications->access_type, AccessType::Blocked);
  EXPECT_EQ(d.b2b_collaboration_inbound->applications->targets[0].target, "office365");
  EXPECT_EQ(d.b2b_collaboration_inbound->applications->targets[0].target_type, "application");
  EXPECT_FALSE(d.b2b_collaboration_outbound.has_value());
  EXPECT_FALSE(d.b2b_direct_connect_inbound.has_value());
  EXPECT_FALSE(d.b2b_direct_connect_outbound.has_value());
  ASSERT_TRUE(d.inbound_trust.has_value());
  EXPECT_EQ(d.inbound_trust->is_mfa_accepted, std::optional<bool>(true));
  EXPECT_EQ(d.inbound_trust->is_compliant_device_accepted, std::optional<bool>(false));
  EXPECT_FALSE(d.inbound_trust->is_hybrid_azure_ad_joined_device_accepted.has_value());
  EXPECT_EQ(d.consent_inbound_allowed, std::optional<bool>(true));
  EXPECT_FALSE(d.consent_outbound_allowed.has_value());
  EXPECT_FALSE(d.user_sync_inbound_allowed.has_value());
  EXPECT_FALSE(d.is_service_provider);

  ASSERT_EQ(t.partners.size(), 1u);
  const CrossTenantSettings* p = t.find_partner(kT2);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->tenant_id, kT2);
  EXPECT_TRUE(p->is_service_provider);
  EXPECT_FALSE(p->b2b_collaboration_inbound.has_value());
  ASSERT_TRUE(p->b2b_direct_connect_outbound.has_value());
  EXPECT_FALSE(p->b2b_direct_connect_outbound->applications.has_value());
  EXPECT_EQ(p->b2b_direct_connect_outbound->users_and_groups->access_type, AccessType::Blocked);
  EXPECT_EQ(p->b2b_direct_connect_outbound->users_and_groups->targets[0].target, "abcd");
  EXPECT_EQ(p->b2b_direct_connect_outbound->users_and_groups->targets[0].target_type, "group");
  EXPECT_FALSE(p->inbound_trust.has_value());
  EXPECT_FALSE(p->consent_inbound_allowed.has_value());
  EXPECT_EQ(p->consent_outbound_allowed, std::optional<bool>(true));
  EXPECT_EQ(p->user_sync_inbound_allowed, std::optional<bool>(true));
  // The outbound group target names an object of T1, which holds no group abcd (R1.3).
  ASSERT_EQ(world.warnings.size(), 1u);
  EXPECT_EQ(world.warnings[0].code, "dangling-policy-target");
  EXPECT_NE(world.warnings[0].message.find("abcd"), std::string::npos) << world.warnings[0].message;
}

TEST(IngestR4_5, DefaultInboundNamingUsersOrGroupsIsAWarning) {
  TempWorld w;
  w.tenant(kT1).write(
      kT1, "crossTenantAccessPolicy/default.json",
      R"({"b2bCollaborationInbound":{"usersAndGroups":{"accessType":"allowed","targets":[{"target":"AllUsers","targetType":"user"}]}},)"
      R"("b2bDirectConnectInbound":{"usersAndGroups":{"accessType":"blocked","targets":[{"target":"g1","targetType":"group"}]}},)"
      R"("b2bCollaborationOutbound":{"usersAndGroups":{"accessType":"allowed","targets":[{"target":"u1","targetType":"user"}]}}})");
  World world = w.load();
  ASSERT_EQ(count_warnings(world, "default-inbound-targets"), 1);
  // Evaluated as written: the targets are kept.
  EXPECT_EQ(world.tenants[0].default_settings.b2b_direct_connect_inbound->users_and_groups->targets.at(0).target, "g1");
}

// ---- §1.5 and R7.1 Conditional Access ----------------------------------------------------------------------------------

TEST(IngestR7_1, PolicyFields) {
  TempWorld w;
  w.tenant(kT1).write(
      kT1, "conditionalAccessPolicies.json",
      std::string(R"({"value":[{"displayName":"No id","state":"Enabled"},)") +
          R"({"id":"P2","displayName":"Guests","state":"enabledForReportingButNotEnforced","conditions":{)"
          R"("users":{"includeUsers":["All"],"excludeUsers":["U1"],"includeGroups":["G1"],"excludeGroups":["G2"],)"
          R"("includeRoles":["R1"],"includeGuestsOrExternalUsers":{"guestOrExternalUserTypes":" b2bCollaborationGuest , B2bDirectConnectUser,",)"
          R"("externalTenants":{"@odata.type":"#microsoft.graph.conditionalAccessEnumeratedExternalTenants","membershipKind":"Enumerated","members":[")" +
          kT2 + R"("]}},"excludeGuestsOrExternalUsers":{"guestOrExternalUserTypes":"internalGuest"}},)"
          R"("applications":{"includeApplications":["Office365"],"excludeApplications":["ABC"]},)"
          R"("clientAppTypes":["all"],"locations":{"includeLocations":["All"],"excludeLocations":[]},)"
          R"("platforms":{"includePlatforms":["all"]},"signInRiskLevels":[],"devices":null},)"
          R"("grantControls":{"operator":"and","builtInControls":["MFA","compliantDevice"],"termsOfUse":["tou1"],)"
          R"("authenticationStrength":{"id":"x"}},)"
          R"("sessionControls":{"signInFrequency":{"isEnabled":false},"persistentBrowser":{"isEnabled":true}}}]})");
  World world = w.load();
  const auto& policies = world.tenants[0].conditional_access_policies;
  ASSERT_EQ(policies.size(), 2u);
  EXPECT_EQ(policies[0].id, "#0");
  EXPECT_EQ(policies[0].state, "enabled");
  EXPECT_FALSE(policies[0].operator_and);
  EXPECT_TRUE(policies[0].controls.empty());
  EXPECT_FALSE(policies[0].session_controls_enabled);
  EXPECT_TRUE(policies[0].narrowing_condition.empty());
  const ConditionalAccessPolicy& p = policies[1];
  EXPECT_EQ(p.id, "p2");
  EXPECT_EQ(p.display_name, "Guests");
  EXPECT_EQ(p.state, "enabledforreportingbutnotenforced");
  EXPECT_EQ(p.include_users, std::vector<std::string>{"all"});
  EXPECT_EQ(p.exclude_users, std::vector<std::string>{"u1"});
  EXPECT_EQ(p.include_groups, std::vector<std::string>{"g1"});
  EXPECT_EQ(p.exclude_groups, std::vector<std::string>{"g2"});
  EXPECT_EQ(p.include_roles, std::vector<std::string>{"r1"});
  ASSERT_TRUE(p.include_guests_or_external_users.has_value());
  EXPECT_EQ(p.include_guests_or_external_users->types,
            (std::vector<std::string>{"b2bcollaborationguest", "b2bdirectconnectuser"}));
  EXPECT_EQ(p.include_guests_or_external_users->tenants_kind(), tenantreach::core::ExternalTenantsKind::Enumerated);
  EXPECT_EQ(p.include_guests_or_external_users->external_tenants->members, std::vector<std::string>{kT2});
  ASSERT_TRUE(p.exclude_guests_or_external_users.has_value());
  EXPECT_EQ(p.exclude_guests_or_external_users->tenants_kind(), tenantreach::core::ExternalTenantsKind::All);
  EXPECT_EQ(p.include_applications, std::vector<std::string>{"office365"});
  EXPECT_EQ(p.exclude_applications, std::vector<std::string>{"abc"});
  EXPECT_TRUE(p.narrowing_condition.empty()) << p.narrowing_condition;
  EXPECT_TRUE(p.operator_and);
  EXPECT_EQ(p.controls,
            (std::vector<std::string>{"mfa", "compliantdevice", "termsofuse", "authenticationstrength"}));
  EXPECT_TRUE(p.session_controls_enabled);
}

TEST(IngestR7_1, NarrowingConditions) {
  struct Case {
    const char* conditions;
    const char* expected;
  };
  const Case cases[] = {
      {R"({"clientAppTypes":["all"]})", ""},
      {R"({"clientAppTypes":["browser","mobileAppsAndDesktopClients"]})", "clientAppTypes"},
      {R"({"locations":{"includeLocations":["All"],"excludeLocations":["AllTrusted"]}})", "locations"},
      {R"({"locations":{"includeLocations":["abc"]}})", "locations"},
      {R"({"locations":{"includeLocations":["all"]}})", ""},
      {R"({"platforms":{"includePlatforms":["all"],"excludePlatforms":["iOS"]}})", "platforms"},
      {R"({"platforms":{"includePlatforms":["android"]}})", "platforms"},
      {R"({"signInRiskLevels":["high"]})", "signInRiskLevels"},
      {R"({"userRiskLevels":["low"]})", "userRiskLevels"},
      {R"({"servicePrincipalRiskLevels":["medium"]})", "servicePrincipalRiskLevels"},
      {R"({"insiderRiskLevels":"minor,moderate"})", "insiderRiskLevels"},
      {R"({"insiderRiskLevels":null,"userRiskLevels":[]})", ""},
      {R"({"devices":{"deviceFilter":{"mode":"include","rule":"device.isCompliant -eq True"}}})", "devices"},
      {R"({"devices":{"deviceFilter":null}})", ""},
      {R"({"clientApplications":{"includeServicePrincipals":["x"]}})", "clientApplications"},
      {R"({"authenticationFlows":{"transferMethods":"deviceCodeFlow"}})", "authenticationFlows"},
      {R"({"users":{"includeUsers":["All"],"excludeRoles":["role"]}})", "excludeRoles"},
      {R"({"users":{"excludeRoles":["role"]},"clientAppTypes":["exchangeActiveSync"]})", "clientAppTypes"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.conditions);
    TempWorld w;
    w.tenant(kT1).write(kT1, "conditionalAccessPolicies.json",
                        std::string(R"([{"id":"p","state":"enabled","conditions":)") + c.conditions + "}]");
    World world = w.load();
    EXPECT_EQ(world.tenants[0].conditional_access_policies.at(0).narrowing_condition, c.expected);
  }
}

// ---- §1.6 channels -----------------------------------------------------------------------------------------------------

TEST(IngestS1_6, ChannelFieldsAndMembers) {
  TempWorld w;
  w.tenant(kT1).tenant(kT2);
  w.write(kT1, "users.json", R"([{"id":"u1","userPrincipalName":"a"}])");
  w.write(kT1, "groups.json", R"([{"id":"team1","groupTypes":["Unified"]}])");
  w.write(kT2, "users.json", R"([{"id":"v1","userPrincipalName":"v"}])");
  w.write(kT2, "groups.json", R"([{"id":"team2"}])");
  w.write(kT1, "channels.json",
          std::string(R"({"value":[{"id":"19:A@thread.tacv2","displayName":"General","teamId":"TEAM1"},)") +
              R"({"id":"c2","membershipType":"shared","teamId":"team1","members":[)" +
              R"({"@odata.type":"#microsoft.graph.aadUserConversationMember","userId":"U1","roles":["owner"]},)" +
              R"({"@odata.type":"#microsoft.graph.conversationMember","userId":"V1","tenantId":")" + kT2 + R"("},)" +
              R"({"@odata.type":"#microsoft.graph.aadUserConversationMember","email":"x@y"}],)" +
              R"("sharedWithTeams":[{"id":"TEAM1","displayName":"Host","isHostTeam":true},)" +
              R"({"id":"team2","tenantId":")" + kT2 + R"(","allowedMembers":null},)" +
              R"({"id":"team2","tenantId":")" + kT2 + R"(","allowedMembers":[]},)" +
              R"({"id":"team2","tenantId":")" + kT2 + R"(","allowedMembers":[{"userId":"v1"}]}]}]})");
  World world = w.load();
  const auto& channels = world.tenants[0].channels;
  ASSERT_EQ(channels.size(), 2u);
  EXPECT_EQ(channels[0].id, "19:a@thread.tacv2");
  EXPECT_EQ(channels[0].display_name, "General");
  EXPECT_EQ(channels[0].type, ChannelType::Standard);
  EXPECT_EQ(channels[0].team_id, "team1");
  const Channel& c = channels[1];
  EXPECT_EQ(c.type, ChannelType::Shared);
  ASSERT_EQ(c.members.size(), 2u);
  EXPECT_EQ(c.members[0].user_id, "u1");
  EXPECT_EQ(c.members[0].tenant_id, "");
  EXPECT_EQ(c.members[1].user_id, "v1");
  EXPECT_EQ(c.members[1].tenant_id, kT2);
  ASSERT_EQ(c.shared_with_teams.size(), 4u);
  EXPECT_EQ(c.shared_with_teams[0].team_id, "team1");
  EXPECT_EQ(c.shared_with_teams[0].tenant_id, "");
  EXPECT_EQ(c.shared_with_teams[0].display_name, "Host");
  EXPECT_TRUE(c.shared_with_teams[0].is_host_team);
  EXPECT_FALSE(c.shared_with_teams[0].allowed_members.has_value());
  EXPECT_FALSE(c.shared_with_teams[1].is_host_team);
  EXPECT_FALSE(c.shared_with_teams[1].allowed_members.has_value());
  ASSERT_TRUE(c.shared_with_teams[2].allowed_members.has_value());
  EXPECT_TRUE(c.shared_with_teams[2].allowed_members->empty());
  ASSERT_TRUE(c.shared_with_teams[3].allowed_members.has_value());
  ASSERT_EQ(c.shared_with_teams[3].allowed_members->size(), 1u);
  EXPECT_EQ(c.shared_with_teams[3].allowed_members->at(0).user_id, "v1");
  EXPECT_EQ(count_warnings(world, "member-without-userid"), 1);
  EXPECT_EQ(world.warnings.size(), 1u);
}

// ---- §1.7 resources -----------------------------------------------------------------------------------------------------

TEST(IngestS1_7, ResourceFieldsAndAppIdDefaults) {
  TempWorld w;
  w.tenant(kT1)
      .write(kT1, "groups.json", R"([{"id":"g1"}])")
      .write(kT1, "resources.json",
             R"({"value":[{"id":"S1","displayName":"Site","kind":"site","grants":[{"principalType":"group","principalId":"G1"},)"
             R"({"principalType":"everyone","principalId":"ignored"}]},)"
             R"({"id":"s2","kind":"site","appId":"00000003-0000-0FF1-CE00-000000000000"},)"
             R"({"id":"c1","kind":"container"},)"
             R"({"id":"a1","kind":"application","appId":"AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE"}]})");
  World world = w.load();
  const auto& r = world.tenants[0].resources;
  ASSERT_EQ(r.size(), 4u);
  EXPECT_EQ(r[0].id, "s1");
  EXPECT_EQ(r[0].display_name, "Site");
  EXPECT_EQ(r[0].app_id, "office365");
  ASSERT_EQ(r[0].grants.size(), 2u);
  EXPECT_EQ(r[0].grants[0].type, GrantType::Group);
  EXPECT_EQ(r[0].grants[0].principal_id, "g1");
  EXPECT_EQ(r[0].grants[1].type, GrantType::Everyone);
  EXPECT_EQ(r[0].grants[1].principal_id, "");
  EXPECT_EQ(r[1].app_id, "00000003-0000-0ff1-ce00-000000000000");
  EXPECT_EQ(r[2].kind, ResourceKind::Container);
  EXPECT_EQ(r[2].app_id, "office365");
  EXPECT_EQ(r[3].kind, ResourceKind::Application);
  EXPECT_EQ(r[3].app_id, "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
  EXPECT_TRUE(world.warnings.empty());
}

// ---- §1.8 cross-tenant synchronization ----------------------------------------------------------------------------------

TEST(IngestS1_8, SyncJobFieldsAndDefaults) {
  TempWorld w;
  w.tenant(kT1)
      .write(kT1, "users.json", R"([{"id":"u1","userPrincipalName":"a"}])")
      .write(kT1, "groups.json", R"([{"id":"g1"}])")
      .write(kT1, "crossTenantSync.json",
             std::string(R"({"value":[{"id":"J1","targetTenantId":")") + kT2 +
                 R"(","assignedUsers":["U1"],"assignedGroups":["G1","nogroup"]},)" +
                 R"({"id":"j2","targetTenantId":")" + kT2 + R"(","scope":"ALL","userTypeMapping":"guest"}]})");
  World world = w.load();
  const auto& jobs = world.tenants[0].sync_jobs;
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(jobs[0].id, "j1");
  EXPECT_EQ(jobs[0].target_tenant_id, kT2);
  EXPECT_FALSE(jobs[0].scope_all);
  EXPECT_EQ(jobs[0].assigned_users, std::vector<std::string>{"u1"});
  EXPECT_EQ(jobs[0].assigned_groups, (std::vector<std::string>{"g1", "nogroup"}));
  EXPECT_EQ(jobs[0].user_type_mapping, UserType::Member);
  EXPECT_TRUE(jobs[1].scope_all);
  EXPECT_EQ(jobs[1].user_type_mapping, UserType::Guest);
  EXPECT_EQ(count_warnings(world, "dangling-sync-assignment"), 1);
}

TEST(IngestS1_8, ScopeOutsideTheListIsAnError) {
  TempWorld w;
  w.tenant(kT1).write(kT1, "crossTenantSync.json", R"([{"id":"j","targetTenantId":"t","scope":"some"}])");
  expect_error(w, {"crossTenantSync.json", "scope"});
}

}  // namespace
}  // namespace tenantreach::core

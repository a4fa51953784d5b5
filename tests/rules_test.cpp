// One or more named tests per rule of the access model, R2-R8 (R1 is in ingest_test.cpp, but for the parts of
// R1.1 and R1.3 that decide what is reached or warned about in a whole world). Each test writes a
// minimal world for exactly its case (tests/support/world_builder.hpp), loads and compiles it, and checks the
// answers of who-can-reach, what-can-reach and explain against values worked out from the spec by hand. Where
// it makes sense a test holds both the case the rule admits and the one it refuses, so it can fail either way.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/sync_plan.hpp"
#include "graph/compiled_world.hpp"
#include "graph/lookup.hpp"
#include "graph/queries.hpp"
#include "graph/render.hpp"
#include "graph/results.hpp"
#include "support/json_value.hpp"
#include "support/world_builder.hpp"

namespace tenantreach {
namespace {

using testing::access;
using testing::allow_all;
using testing::array;
using testing::block_all;
using testing::ca_apps;
using testing::ca_guests;
using testing::ca_policy;
using testing::ca_users;
using testing::conversation_member;
using testing::everyone_except_external_grant;
using testing::everyone_grant;
using testing::group_grant;
using testing::object;
using testing::quote;
using testing::strings;
using testing::target_list;
using testing::user_grant;
using testing::what;
using testing::who;
using testing::why;
using testing::WorldBuilder;
using Lines = std::vector<std::string>;

const std::string kT = "11111111-1111-1111-1111-111111111111";   // the resource tenant (contoso.example)
const std::string kH = "22222222-2222-2222-2222-222222222222";   // a home tenant (fabrikam.example)
const std::string kH2 = "33333333-3333-3333-3333-333333333333";  // another home tenant (litware.example)
const std::string kZ = "77777777-7777-7777-7777-777777777777";   // tenants never in any world
const std::string kY = "88888888-8888-8888-8888-888888888888";
const std::string kX = "99999999-9999-9999-9999-999999999999";

// Graph app ids of the Office 365 suite (R4.3).
const std::string kSharePointApp = "00000003-0000-0ff1-ce00-000000000000";

// "<tenantId>/<id>", an address of §10.
std::string at(const std::string& tenant, std::string_view id) { return tenant + "/" + std::string(id); }
// A line of testing::who / testing::what.
std::string line(const std::string& tenant, std::string_view id, std::string_view via) {
  return at(tenant, id) + " " + std::string(via);
}

WorldBuilder& three_tenants(WorldBuilder& w) {
  return w.tenant(kT, "contoso.example").tenant(kH, "fabrikam.example").tenant(kH2, "litware.example");
}

// Partner entries by which T admits direct connect from H and H lets its users go to T, for all users and apps.
void allow_direct_connect(WorldBuilder& w, const std::string& t, const std::string& h) {
  w.partner(t, h, {{"b2bDirectConnectInbound", allow_all()}});
  w.partner(h, t, {{"b2bDirectConnectOutbound", allow_all()}});
}

// A shared channel (§1.6) with conversation members and sharedWithTeams entries.
std::string shared_channel(std::string_view id, const std::vector<std::string>& members,
                           const std::vector<std::string>& teams = {}) {
  return object({{"id", quote(id)},
                 {"displayName", quote(id)},
                 {"membershipType", quote("shared")},
                 {"members", array(members)},
                 {"sharedWithTeams", array(teams)}});
}

// A sharedWithTeams entry; `allowed_members` is the JSON of allowedMembers, or nullopt to leave it out.
std::string shared_team(std::string_view team_id, std::string_view tenant_id,
                        std::optional<std::string> allowed_members = std::nullopt) {
  std::string body = "\"id\":" + quote(team_id) + ",\"displayName\":" + quote(team_id);
  if (!tenant_id.empty()) body += ",\"tenantId\":" + quote(tenant_id);
  if (allowed_members) body += ",\"allowedMembers\":" + *allowed_members;
  return "{" + body + "}";
}

// A policy with every part given as JSON text (conditions besides users and applications in `more_conditions`).
std::string raw_policy(std::string_view id, std::string_view state, const std::string& users, const std::string& apps,
                       const std::string& grant, const std::string& session = "null",
                       const std::string& more_conditions = {}) {
  std::string conditions = "{\"users\":" + users + ",\"applications\":" + apps;
  if (!more_conditions.empty()) conditions += "," + more_conditions;
  conditions += "}";
  std::string body;
  if (!id.empty()) body += "\"id\":" + quote(id) + ",";
  return "{" + body + "\"state\":" + quote(state) + ",\"conditions\":" + conditions + ",\"grantControls\":" + grant +
         ",\"sessionControls\":" + session + "}";
}

std::string block_policy(std::string_view id, const std::string& users, const std::string& apps = ca_apps({"All"})) {
  return ca_policy(id, users, apps, {"block"});
}

// The explain paths of USER into RESOURCE (testing::why), after checking that explain's verdict agrees with
// who-can-reach (§10: reachable exactly when who-can-reach lists the user).
std::string verdict(const graph::CompiledWorld& c, const std::string& user, const std::string& resource) {
  const Lines paths = why(c, user, resource);
  const Lines listed = who(c, resource);
  const bool in_who = std::any_of(listed.begin(), listed.end(),
                                  [&](const std::string& l) { return l.rfind(user + " ", 0) == 0; });
  const bool allowed = std::any_of(paths.begin(), paths.end(), [](const std::string& p) {
    return p.size() >= 9 && p.compare(p.size() - 9, 9, ": allowed") == 0;
  });
  EXPECT_EQ(in_who, allowed) << user << " into " << resource << ": explain and who-can-reach disagree";
  std::string out;
  for (const std::string& p : paths) out += (out.empty() ? "" : " | ") + p;
  return out;
}

std::size_t count_warnings(const core::World& world, std::string_view code) {
  return static_cast<std::size_t>(std::count_if(world.warnings.begin(), world.warnings.end(),
                                                 [&](const core::Warning& w) { return w.code == code; }));
}

// The messages of the warnings with this code, in the order they were raised.
Lines warning_messages(const core::World& world, std::string_view code) {
  Lines out;
  for (const core::Warning& w : world.warnings)
    if (w.code == code) out.push_back(w.message);
  return out;
}

// The messages among `messages` that contain every one of `parts`.
Lines messages_naming(const Lines& messages, const std::vector<std::string>& parts) {
  Lines out;
  for (const std::string& m : messages)
    if (std::all_of(parts.begin(), parts.end(), [&](const std::string& p) { return m.find(p) != std::string::npos; }))
      out.push_back(m);
  return out;
}

// =============================================================================================================
// R1 — Input (the parts of v1.1 that change what is reached or reported; the rest of R1 is in ingest_test.cpp)
// =============================================================================================================

// hu of kH and lu of kH2 are members of a shared channel of T. T admits direct connect from kH and kH2 inbound
// and kH lets its users go to T, all by partner entries in crossTenantAccessPolicy/partners.jsonl when `jsonl`,
// else by none at all (the service default).
graph::CompiledWorld jsonl_partners_world(bool jsonl) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu").member(kH2, "lu");
  w.channel(kT, shared_channel("chan", {conversation_member("hu", kH), conversation_member("lu", kH2)}));
  if (jsonl) {
    w.file(kT, "crossTenantAccessPolicy/partners.jsonl",
           object({{"tenantId", quote(kH)}, {"b2bDirectConnectInbound", allow_all()}}) + "\n" +
               object({{"tenantId", quote(kH2)}, {"b2bDirectConnectInbound", allow_all()}}) + "\n");
    w.file(kH, "crossTenantAccessPolicy/partners.jsonl",
           object({{"tenantId", quote(kT)}, {"b2bDirectConnectOutbound", allow_all()}}) + "\n");
  }
  return w.compile();
}

TEST(RulesR1_1, PartnerEntriesInAJsonLinesFileAreApplied) {
  const auto c = jsonl_partners_world(true);
  EXPECT_EQ(who(c, at(kT, "chan")), Lines{line(kH, "hu", "b2bDirectConnect")});
  EXPECT_EQ(what(c, at(kH, "hu")), Lines{line(kT, "chan", "b2bDirectConnect")});
  // The second line of T's file is read too: kH2 is admitted inbound; only kH2's own (default) outbound refuses.
  EXPECT_EQ(why(c, at(kH2, "lu"), at(kT, "chan")), Lines{"b2bDirectConnect: outbound-blocked"});
  EXPECT_EQ(c.world().warnings.size(), 0u);
  // Control: without the files, the service default blocks direct connect both ways.
  const auto none = jsonl_partners_world(false);
  EXPECT_EQ(who(none, at(kT, "chan")), Lines{});
  EXPECT_EQ(why(none, at(kH, "hu"), at(kT, "chan")), Lines{"b2bDirectConnect: inbound-blocked, outbound-blocked"});
}

TEST(RulesR1_3, IdsThatCrossTenantTargetsAndPoliciesNameButNoTenantHoldsAreDanglingPolicyTargets) {
  WorldBuilder w;
  three_tenants(w).member(kT, "cu-amy").member(kH, "fu-bob");
  w.group(kT, "cg-sales", {"cu-amy"}).group(kH, "fg-eng", {"fu-bob"});
  w.guest(kT, "cx-bob", kH, "fu-bob");
  // Inbound targets name ids of kH: fu-bob and fg-eng exist there; cu-amy is T's user, not kH's.
  w.partner(kT, kH,
            {{"b2bCollaborationInbound", access("allowed", {"user:fu-bob", "group:fg-eng", "user:ghost-1", "group:ghost-2",
                                                            ":ghost-3", "user:cu-amy", "application:ghost-no"},
                                                "allowed", {"app-not-checked"})},
             {"b2bDirectConnectInbound", access("allowed", {"AllUsers"}, "allowed", {"AllApplications"})},
             // Outbound targets name ids of T: cu-amy and cg-sales exist there; fu-bob is kH's user, not T's.
             {"b2bCollaborationOutbound",
              access("blocked", {"user:cu-amy", "group:cg-sales", "user:ghost-4", "user:fu-bob"}, "blocked",
                     {"AllApplications"})}});
  // kX is not in the world: its inbound targets cannot be checked; the entry's outbound targets name ids of T.
  w.partner(kT, kX, {{"b2bCollaborationInbound", access("allowed", {"user:xu-nobody", "group:xg-nobody"}, "allowed",
                                                        {"AllApplications"})},
                     {"b2bDirectConnectOutbound", access("allowed", {"user:ghost-5"}, "allowed", {"AllApplications"})}});
  w.default_settings(kT, {{"b2bCollaborationOutbound", access("blocked", {"group:ghost-6"}, "blocked", {"AllApplications"})}});
  // Keywords and existing objects (internal users, guest objects, groups) are no warning.
  w.policy(kT, block_policy("p-keywords", object({{"includeUsers", strings({"All"})},
                                                  {"excludeUsers", strings({"GuestsOrExternalUsers", "None"})}})));
  w.policy(kT, block_policy("p-none", ca_users({"none"})));
  w.policy(kT, block_policy("p-ids", object({{"includeUsers", strings({"cu-amy", "cx-bob", "ghost-7"})},
                                             {"excludeUsers", strings({"ghost-8", "fu-bob"})},
                                             {"includeGroups", strings({"cg-sales", "ghost-9"})},
                                             {"excludeGroups", strings({"fg-eng", "cu-amy"})}})));
  w.policy(kT, block_policy("", object({{"includeUsers", strings({"ghost-a"})}})));  // named #3
  const core::World world = w.load();
  const Lines messages = warning_messages(world, "dangling-policy-target");

  const std::string partners = "crossTenantAccessPolicy/partners.json";
  const std::string policies = "conditionalAccessPolicies.json";
  const std::vector<std::vector<std::string>> expected = {
      {partners, kH, "ghost-1"},          {partners, kH, "ghost-2"},          {partners, kH, "ghost-3"},
      {partners, kH, "ghost-4"},          {partners, kX, "ghost-5"},          {"default.json", "ghost-6"},
      {policies, "p-ids", "ghost-7"},     {policies, "p-ids", "ghost-8"},     {policies, "p-ids", "ghost-9"},
      {policies, "#3", "ghost-a"},
      // Ids that exist, but in the other tenant of the pair.
      {partners, kH, "cu-amy", "b2bCollaborationInbound"}, {partners, kH, "fu-bob", "b2bCollaborationOutbound"},
      {policies, "p-ids", "fu-bob"},     {policies, "p-ids", "fg-eng"},
      // cu-amy is a user of T, not a group.
      {policies, "p-ids", "cu-amy", "excludeGroups"},
  };
  for (const auto& parts : expected) {
    std::string all;
    for (const std::string& p : parts) all += p + " ";
    EXPECT_EQ(messages_naming(messages, parts).size(), 1u) << all;
  }
  EXPECT_EQ(messages.size(), expected.size()) << ::testing::PrintToString(messages);
  for (const char* fine : {"xu-nobody", "xg-nobody", "ghost-no", "app-not-checked", "cg-sales", "cx-bob", "p-keywords",
                           "p-none"})
    EXPECT_EQ(messages_naming(messages, {fine}), Lines{}) << fine;
  // Warnings do not stop the load: the world still compiles, with the same warnings.
  const auto c = w.compile();
  EXPECT_EQ(c.world().warnings.size(), world.warnings.size());
}

TEST(RulesR1_3, AWorldWhosePolicyTargetsAllExistHasNoDanglingPolicyTarget) {
  WorldBuilder w;
  three_tenants(w).member(kT, "cu-amy").member(kH, "fu-bob");
  w.group(kT, "cg-sales", {"cu-amy"}).group(kH, "fg-eng", {"fu-bob"});
  w.partner(kT, kH, {{"b2bCollaborationInbound", access("blocked", {"user:fu-bob", "group:fg-eng", ":fu-bob", ":fg-eng"},
                                                        "blocked", {"AllApplications"})},
                     {"b2bCollaborationOutbound", access("allowed", {"user:cu-amy", ":cg-sales"}, "allowed",
                                                         {"AllApplications"})}});
  w.default_settings(kT, {{"b2bCollaborationInbound", allow_all()}, {"b2bDirectConnectOutbound", block_all()}});
  w.policy(kT, block_policy("p", object({{"includeUsers", strings({"cu-amy", "GuestsOrExternalUsers"})},
                                         {"includeGroups", strings({"cg-sales"})},
                                         {"excludeUsers", strings({"None"})}})));
  EXPECT_EQ(warning_messages(w.load(), "dangling-policy-target"), Lines{});
}

// =============================================================================================================
// R2 — Resources and principals
// =============================================================================================================

TEST(RulesR2_1, ChannelsResourceEntriesAndMicrosoft365GroupsAreTheResources) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "u1");
  w.m365_group(kT, "team", {"u1"}).group(kT, "sec", {"u1"});
  w.channel(kT, R"({"id":"c-std","displayName":"General","teamId":"team"})");  // membershipType absent: standard
  w.channel(kT, R"({"id":"c-priv","membershipType":"private","teamId":"team","members":[)" +
                    conversation_member("u1", kT) + "]}");
  w.channel(kT, shared_channel("c-shared", {conversation_member("u1", kT)}));
  w.site(kT, "site", {user_grant("u1")});
  w.application(kT, "app", "app-a", {user_grant("u1")});
  w.resource(kT, R"({"id":"box","displayName":"box","kind":"container","grants":[)" + user_grant("u1") + "]}");
  const auto c = w.compile();

  // u1 is in the grants of every resource, so what-can-reach lists exactly the resources, in id order.
  EXPECT_EQ(what(c, at(kT, "u1")),
            (Lines{line(kT, "app", "internal"), line(kT, "box", "internal"), line(kT, "c-priv", "internal"),
                   line(kT, "c-shared", "internal"), line(kT, "c-std", "internal"), line(kT, "site", "internal"),
                   line(kT, "team", "internal")}));
  const std::vector<std::pair<std::string, std::string>> kinds = {
      {"c-std", "standardChannel"}, {"c-priv", "privateChannel"}, {"c-shared", "sharedChannel"},
      {"team", "group"},            {"site", "site"},             {"app", "application"},
      {"box", "container"}};
  for (const auto& [id, kind] : kinds)
    EXPECT_EQ(graph::resource_ref(c.graph, graph::find_resource(c, at(kT, id))).kind, kind) << id;
  // A security group (no "Unified") and a user are not resources.
  EXPECT_THROW(graph::find_resource(c, at(kT, "sec")), core::NotFoundError);
  EXPECT_THROW(graph::find_resource(c, at(kT, "u1")), core::NotFoundError);
}

TEST(RulesR2_1, AResourceIsAddressedByTenantAndIdOrByAnIdUniqueInTheWorld) {
  WorldBuilder w;
  three_tenants(w).member(kT, "u1").member(kH, "hu");
  w.site(kT, "twin", {user_grant("u1")}).site(kH, "twin", {user_grant("hu")}).site(kT, "only-here", {});
  const auto c = w.compile();

  EXPECT_EQ(who(c, at(kT, "twin")), Lines{line(kT, "u1", "internal")});
  EXPECT_EQ(who(c, at(kH, "twin")), Lines{line(kH, "hu", "internal")});
  EXPECT_THROW(graph::find_resource(c, "twin"), core::NotFoundError);  // bare id in two tenants
  const std::uint32_t only = graph::find_resource(c, "only-here");
  EXPECT_EQ(only, graph::find_resource(c, at(kT, "only-here")));
  EXPECT_EQ(only, graph::find_resource(c, "ONLY-HERE"));  // ids compare case-insensitively (R1.2)
  EXPECT_THROW(graph::find_resource(c, at(kH, "only-here")), core::NotFoundError);
}

TEST(RulesR2_2, ChannelsGroupsSitesAndContainersUseTheOffice365App) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "u1");
  w.m365_group(kT, "team", {"u1"});
  w.channel(kT, R"({"id":"c-std","membershipType":"standard","teamId":"team"})");
  w.channel(kT, R"({"id":"c-priv","membershipType":"private","teamId":"team","members":[)" +
                    conversation_member("u1", kT) + "]}");
  w.channel(kT, shared_channel("c-shared", {conversation_member("u1", kT)}));
  w.site(kT, "site", {user_grant("u1")});
  w.resource(kT, R"({"id":"box","kind":"container","grants":[)" + user_grant("u1") + "]}");
  w.application(kT, "app", "app-a", {user_grant("u1")});
  w.policy(kT, block_policy("p-o365", ca_users({"All"}), ca_apps({"Office365"})));
  const auto c = w.compile();

  for (const char* id : {"team", "c-std", "c-priv", "c-shared", "site", "box"}) {
    EXPECT_EQ(who(c, at(kT, id)), Lines{}) << id;
    EXPECT_EQ(why(c, at(kT, "u1"), at(kT, id)), Lines{"internal: ca-block@p-o365"}) << id;
  }
  EXPECT_EQ(who(c, at(kT, "app")), Lines{line(kT, "u1", "internal")});
}

TEST(RulesR2_2, AnAppIdOnASiteOrContainerReplacesOffice365) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "u1").member(kT, "u2");
  const Lines both = {user_grant("u1"), user_grant("u2")};
  w.site(kT, "site-o365", both).site(kT, "site-custom", both, "custom-app");
  w.resource(kT, R"({"id":"box-custom","kind":"container","appId":"custom-app","grants":[)" + user_grant("u1") + "," +
                     user_grant("u2") + "]}");
  w.policy(kT, block_policy("p-o365", ca_users({"u1"}), ca_apps({"Office365"})));
  w.policy(kT, block_policy("p-custom", ca_users({"u2"}), ca_apps({"custom-app"})));
  const auto c = w.compile();

  EXPECT_EQ(who(c, at(kT, "site-o365")), Lines{line(kT, "u2", "internal")});
  EXPECT_EQ(who(c, at(kT, "site-custom")), Lines{line(kT, "u1", "internal")});
  EXPECT_EQ(who(c, at(kT, "box-custom")), Lines{line(kT, "u1", "internal")});
}

TEST(RulesR2_2, AnApplicationUsesItsAppId) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "u1");
  w.application(kT, "app-a", "aaaa-app", {user_grant("u1")}).application(kT, "app-b", "bbbb-app", {user_grant("u1")});
  w.policy(kT, block_policy("p-a", ca_users({"All"}), ca_apps({"AAAA-APP"})));  // app ids compare case-insensitively
  w.policy(kT, block_policy("p-o365", ca_users({"All"}), ca_apps({"Office365"})));  // applications are not Office365
  const auto c = w.compile();

  EXPECT_EQ(who(c, at(kT, "app-a")), Lines{});
  EXPECT_EQ(why(c, at(kT, "u1"), at(kT, "app-a")), Lines{"internal: ca-block@p-a"});
  EXPECT_EQ(who(c, at(kT, "app-b")), Lines{line(kT, "u1", "internal")});
}

TEST(RulesR2_3, AnInternalUserIsReportedAsItsTenantAndId) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "u1").site(kT, "site", {user_grant("u1")});
  const auto c = w.compile();
  const auto answer = graph::make_who_can_reach(c, graph::who_can_reach(c, graph::find_resource(c, at(kT, "site"))));
  ASSERT_EQ(answer.principals.size(), 1u);
  EXPECT_EQ(answer.principals[0].principal.tenant_id, kT);
  EXPECT_EQ(answer.principals[0].principal.user_id, "u1");
  EXPECT_TRUE(answer.principals[0].principal.linked);
  EXPECT_EQ(answer.principals[0].via, graph::kViaInternal);
}

TEST(RulesR2_3, ALinkedExternalObjectIsReportedAsItsHomeUser) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu").guest(kT, "g", kH, "hu").site(kT, "site", {user_grant("g")});
  const auto c = w.compile();
  const auto answer = graph::make_who_can_reach(c, graph::who_can_reach(c, graph::find_resource(c, at(kT, "site"))));
  ASSERT_EQ(answer.principals.size(), 1u);
  EXPECT_EQ(answer.principals[0].principal.tenant_id, kH);
  EXPECT_EQ(answer.principals[0].principal.user_id, "hu");
  EXPECT_TRUE(answer.principals[0].principal.linked);
  // The guest object's id answers for the home user (§10).
  EXPECT_EQ(what(c, at(kT, "g")), (Lines{line(kT, "site", "b2bCollaboration")}));
  EXPECT_EQ(what(c, at(kH, "hu")), (Lines{line(kT, "site", "b2bCollaboration")}));
  EXPECT_EQ(graph::explain(c, at(kT, "g"), graph::find_resource(c, at(kT, "site"))).user.user_id, "hu");
}

TEST(RulesR2_3, AnExternalObjectLinkedToNobodyIsReportedAsItselfUnlinked) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").guest(kT, "g", "", "").site(kT, "site", {user_grant("g")});
  const auto c = w.compile();
  const auto answer = graph::make_who_can_reach(c, graph::who_can_reach(c, graph::find_resource(c, at(kT, "site"))));
  ASSERT_EQ(answer.principals.size(), 1u);
  EXPECT_EQ(answer.principals[0].principal.tenant_id, kT);
  EXPECT_EQ(answer.principals[0].principal.user_id, "g");
  EXPECT_FALSE(answer.principals[0].principal.linked);
  EXPECT_EQ(answer.principals[0].via, graph::kViaB2BCollaboration);
}

TEST(RulesR2_3, ADirectConnectMemberIsReportedAsMemberTenantAndUserId) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu");
  allow_direct_connect(w, kT, kH);
  w.partner(kT, kX, {{"b2bDirectConnectInbound", allow_all()}});  // kX is not in the world
  w.channel(kT, shared_channel("chan", {conversation_member("hu", kH), conversation_member("xu", kX)}));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "chan")), (Lines{line(kH, "hu", "b2bDirectConnect"), line(kX, "xu", "b2bDirectConnect")}));
  const auto answer = graph::make_who_can_reach(c, graph::who_can_reach(c, graph::find_resource(c, at(kT, "chan"))));
  ASSERT_EQ(answer.principals.size(), 2u);
  EXPECT_TRUE(answer.principals[1].principal.linked);
}

// =============================================================================================================
// R3 — Grants
// =============================================================================================================

TEST(RulesR3_1, TheTransitiveMembersOfAMicrosoft365GroupAreIn) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "u1").member(kT, "u2").member(kT, "u3").member(kT, "u4");
  w.group(kT, "deeper", {"u3"}).group(kT, "inner", {"u2"}, {"deeper"}).m365_group(kT, "team", {"u1"}, {"inner"});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "team")),
            (Lines{line(kT, "u1", "internal"), line(kT, "u2", "internal"), line(kT, "u3", "internal")}));
  EXPECT_EQ(why(c, at(kT, "u4"), at(kT, "team")), Lines{"internal: not-granted"});
}

TEST(RulesR3_2, UserGrantsAndTheTransitiveMembersOfGroupGrantsAreIn) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "u1").member(kT, "u2").member(kT, "u3").member(kT, "u4");
  w.group(kT, "nested", {"u3"}).group(kT, "granted", {"u2"}, {"nested"});
  w.site(kT, "site", {user_grant("u1"), group_grant("granted")});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")),
            (Lines{line(kT, "u1", "internal"), line(kT, "u2", "internal"), line(kT, "u3", "internal")}));
}

// Tenant T with an internal member, an internal guest, a linked guest object and an unlinked one.
void everyone_world(WorldBuilder& w, const std::string& grant) {
  three_tenants(w).member(kT, "u1").member(kT, "ig", R"("userType":"Guest")").member(kH, "hu").member(kH, "hv");
  w.guest(kT, "g", kH, "hu").guest(kT, "ux", "", "");
  w.site(kT, "site", {grant});
}

TEST(RulesR3_2, EveryoneIsEveryUserObjectOfTheTenant) {
  WorldBuilder w;
  everyone_world(w, everyone_grant());
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")),
            (Lines{line(kT, "ig", "internal"), line(kT, "u1", "internal"), line(kT, "ux", "b2bCollaboration unlinked"),
                   line(kH, "hu", "b2bCollaboration")}));
  EXPECT_EQ(what(c, at(kH, "hu")), Lines{line(kT, "site", "b2bCollaboration")});
  EXPECT_EQ(what(c, at(kT, "ux")), Lines{line(kT, "site", "b2bCollaboration")});
  EXPECT_EQ(what(c, at(kH, "hv")), Lines{});
}

TEST(RulesR3_2, EveryoneExceptExternalUsersIsEveryInternalUserOfTheTenant) {
  WorldBuilder w;
  everyone_world(w, everyone_except_external_grant());
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), (Lines{line(kT, "ig", "internal"), line(kT, "u1", "internal")}));
  EXPECT_EQ(why(c, at(kH, "hu"), at(kT, "site")), Lines{"b2bCollaboration: not-granted"});
  EXPECT_EQ(what(c, at(kT, "ig")), Lines{line(kT, "site", "internal")});
  EXPECT_EQ(what(c, at(kH, "hu")), Lines{});
  EXPECT_EQ(what(c, at(kT, "ux")), Lines{});
}

TEST(RulesR3_3, AStandardChannelAdmitsTheTransitiveMembersOfItsTeam) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "u1").member(kT, "u2").member(kT, "u3");
  w.group(kT, "sub", {"u2"}).m365_group(kT, "team", {"u1"}, {"sub"});
  w.channel(kT, R"({"id":"c-std","membershipType":"standard","teamId":"team"})");
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "c-std")), (Lines{line(kT, "u1", "internal"), line(kT, "u2", "internal")}));
}

TEST(RulesR3_3, APrivateChannelAdmitsItsMembersOfItsOwnTenantGuestsIncluded) {
  WorldBuilder w;
  three_tenants(w).member(kT, "u1").member(kT, "u2").member(kH, "hu").member(kH, "hv");
  w.guest(kT, "g", kH, "hu");
  w.m365_group(kT, "team", {"u1", "u2", "g"});
  // u1 with the channel's tenant, the guest object without tenantId, hv (no object in T) with its own tenant;
  // u2 is in the team but not in the channel.
  w.channel(kT, R"({"id":"c-priv","membershipType":"private","teamId":"team","members":[)" +
                    conversation_member("u1", kT) + "," + conversation_member("g") + "," +
                    conversation_member("hv", kH) + "]}");
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "c-priv")), (Lines{line(kT, "u1", "internal"), line(kH, "hu", "b2bCollaboration")}));
  EXPECT_FALSE(graph::explain(c, at(kH, "hv"), graph::find_resource(c, at(kT, "c-priv"))).reachable);
}

// A private channel "c-priv" of T's team (u1, u2) with the given members.
void private_channel(WorldBuilder& w, const std::vector<std::string>& members) {
  w.m365_group(kT, "team", {"u1", "u2"});
  w.channel(kT, object({{"id", quote("c-priv")},
                        {"displayName", quote("c-priv")},
                        {"membershipType", quote("private")},
                        {"teamId", quote("team")},
                        {"members", array(members)}}));
}

TEST(RulesR3_3, APrivateChannelMemberGivenByHomeIdentityIsTheGuestObjectLinkedToIt) {
  WorldBuilder w;
  three_tenants(w).member(kT, "u1").member(kT, "u2").member(kH, "hu").member(kH, "hv");
  w.guest(kT, "g", kH, "hu").guest(kT, "gv", kH, "hv");
  // hu is listed by its home identity (kH, hu), not by its guest object g; gv (hv's guest object) is not listed.
  private_channel(w, {conversation_member("u1", kT), conversation_member("hu", kH)});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "c-priv")), (Lines{line(kT, "u1", "internal"), line(kH, "hu", "b2bCollaboration")}));
  EXPECT_EQ(what(c, at(kH, "hu")), Lines{line(kT, "c-priv", "b2bCollaboration")});
  EXPECT_EQ(what(c, at(kH, "hv")), Lines{});
  const auto explanation = graph::explain(c, at(kH, "hu"), graph::find_resource(c, at(kT, "c-priv")));
  EXPECT_TRUE(explanation.reachable);
  ASSERT_EQ(explanation.paths.size(), 1u);
  EXPECT_EQ(std::string(graph::via_name(explanation.paths[0].via)), "b2bCollaboration");
  EXPECT_TRUE(explanation.paths[0].allowed);
  EXPECT_EQ(explanation.paths[0].steps, (Lines{at(kH, "hu"), at(kT, "g"), at(kT, "c-priv")}));
  EXPECT_EQ(why(c, at(kH, "hv"), at(kT, "c-priv")), Lines{"b2bCollaboration: not-granted"});
  EXPECT_EQ(count_warnings(c.world(), "ignored-channel-member"), 0u);
}

TEST(RulesR3_3, AMemberGivenByHomeIdentityStandsForEveryGuestObjectLinkedToIt) {
  WorldBuilder w;
  three_tenants(w).member(kT, "u1").member(kT, "u2").member(kH, "hu");
  // Two objects of hu in T: g-ids links by home ids (R5.1 (1)) and is disabled; g-mail links by mail (R5.1 (2)).
  w.guest(kT, "g-ids", kH, "hu", R"("accountEnabled":false)");
  w.user(kT, R"({"id":"g-mail","userType":"Guest","userPrincipalName":"hu_fabrikam.example#EXT#@contoso.example",)"
             R"("mail":"hu@fabrikam.example"})");
  private_channel(w, {conversation_member("hu", kH)});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "c-priv")), Lines{line(kH, "hu", "b2bCollaboration")});
  EXPECT_EQ(why(c, at(kH, "hu"), at(kT, "c-priv")),
            (Lines{"b2bCollaboration: account-disabled", "b2bCollaboration: allowed"}));
  // The member still goes through the B2B collaboration checks: with T's inbound blocking kH, both ways are refused.
  WorldBuilder blocked;
  three_tenants(blocked).member(kT, "u1").member(kT, "u2").member(kH, "hu");
  blocked.guest(kT, "g", kH, "hu").partner(kT, kH, {{"b2bCollaborationInbound", block_all()}});
  private_channel(blocked, {conversation_member("hu", kH)});
  const auto refused = blocked.compile();
  EXPECT_EQ(who(refused, at(kT, "c-priv")), Lines{});
  EXPECT_EQ(why(refused, at(kH, "hu"), at(kT, "c-priv")), Lines{"b2bCollaboration: inbound-blocked"});
}

TEST(RulesR3_3, AMemberOfAnotherTenantWhoseIdIsAUserObjectOfTheChannelsTenantIsThatObject) {
  WorldBuilder w;
  three_tenants(w).member(kT, "u1").member(kT, "u2").member(kH, "hu").member(kH2, "lu");
  w.guest(kT, "g2", kH2, "lu");
  // u2 (an internal user of T) and g2 (lu's guest object in T) listed with tenant kH, which holds neither.
  private_channel(w, {conversation_member("u2", kH), conversation_member("g2", kH)});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "c-priv")), (Lines{line(kT, "u2", "internal"), line(kH2, "lu", "b2bCollaboration")}));
  EXPECT_EQ(why(c, at(kT, "u1"), at(kT, "c-priv")), Lines{"internal: not-granted"});  // in the team, not the channel
  EXPECT_EQ(count_warnings(c.world(), "ignored-channel-member"), 0u);
}

TEST(RulesR3_3, AMemberOfAnotherTenantThatStandsForNoObjectIsIgnoredWithAWarning) {
  WorldBuilder w;
  three_tenants(w).member(kT, "u1").member(kT, "u2").member(kH, "hu").member(kH, "hv").member(kH2, "lu");
  w.guest(kT, "g", kH, "hu");
  w.guest(kT, "g-lu", kH2, "lu");  // lu's guest object: a member (lu, kH) is not lu of kH2
  // hv has no object in T; nobody exists nowhere; lu is listed with the wrong tenant.
  private_channel(w, {conversation_member("u1"), conversation_member("hu", kH), conversation_member("hv", kH),
                      conversation_member("nobody", kH2), conversation_member("lu", kH)});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "c-priv")), (Lines{line(kT, "u1", "internal"), line(kH, "hu", "b2bCollaboration")}));
  EXPECT_EQ(why(c, at(kH, "hv"), at(kT, "c-priv")), Lines{"b2bCollaboration: not-granted"});
  EXPECT_EQ(why(c, at(kH2, "lu"), at(kT, "c-priv")), Lines{"b2bCollaboration: not-granted"});
  const Lines messages = warning_messages(c.world(), "ignored-channel-member");
  EXPECT_EQ(messages.size(), 3u) << ::testing::PrintToString(messages);
  for (const std::string& id : {std::string("hv"), std::string("nobody"), std::string("lu")})
    EXPECT_EQ(messages_naming(messages, {"channels.json", "c-priv", id}).size(), 1u) << id;
}

TEST(RulesR3_3, AMemberGivenByAHomeIdentityOfATenantNotInTheWorldIsTheGuestLinkedToIt) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "u1").member(kT, "u2");
  w.guest(kT, "gx", kX, "xu");
  private_channel(w, {conversation_member("xu", kX), conversation_member("xv", kX)});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "c-priv")), Lines{line(kX, "xu", "b2bCollaboration")});
  EXPECT_EQ(what(c, at(kX, "xu")), Lines{line(kT, "c-priv", "b2bCollaboration")});
  // xv has no guest object in T: ignored, with a warning.
  const Lines messages = warning_messages(c.world(), "ignored-channel-member");
  ASSERT_EQ(messages.size(), 1u) << ::testing::PrintToString(messages);
  EXPECT_EQ(messages_naming(messages, {"channels.json", "c-priv", "xv"}).size(), 1u) << messages[0];
}

TEST(RulesR3_4, OwnTenantMembersMustBeInternalUsersOfTypeMember) {
  WorldBuilder w;
  three_tenants(w).member(kT, "u1").member(kT, "u2").member(kT, "ig", R"("userType":"Guest")").member(kH, "hu");
  w.guest(kT, "g", kH, "hu");
  w.channel(kT, shared_channel("chan", {conversation_member("u1", kT), conversation_member("u2"),  // no tenantId: T
                                        conversation_member("ig", kT), conversation_member("g", kT)}));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "chan")), (Lines{line(kT, "u1", "internal"), line(kT, "u2", "internal")}));
  EXPECT_EQ(why(c, at(kT, "ig"), at(kT, "chan")), Lines{"internal: guest-in-shared-channel"});
  EXPECT_EQ(why(c, at(kH, "hu"), at(kT, "chan")), Lines{"b2bCollaboration: guest-in-shared-channel"});
}

TEST(RulesR3_4, MembersOfAnotherTenantAreDirectConnectCandidates) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu").member(kH, "hv");
  allow_direct_connect(w, kT, kH);
  w.channel(kT, shared_channel("chan", {conversation_member("hu", kH)}));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "chan")), Lines{line(kH, "hu", "b2bDirectConnect")});
  EXPECT_EQ(why(c, at(kH, "hu"), at(kT, "chan")), Lines{"b2bDirectConnect: allowed"});
  EXPECT_EQ(what(c, at(kH, "hu")), Lines{line(kT, "chan", "b2bDirectConnect")});
  EXPECT_EQ(what(c, at(kH, "hv")), Lines{});
}

TEST(RulesR3_4, ASharedTeamContributesItsAllowedMembersWhenPresent) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu1").member(kH, "hu2");
  w.m365_group(kH, "hteam", {"hu1", "hu2"});
  allow_direct_connect(w, kT, kH);
  // The allowed member has no tenantId: it belongs to the entry's tenant.
  w.channel(kT, shared_channel("chan", {}, {shared_team("hteam", kH, array({conversation_member("hu1")}))}));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "chan")), Lines{line(kH, "hu1", "b2bDirectConnect")});
}

TEST(RulesR3_4, ASharedTeamWithoutAllowedMembersContributesItsDirectInternalMembers) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu1").member(kH, "hu2").guest(kH, "hx", "", "");
  w.group(kH, "hsub", {"hu2"}).m365_group(kH, "hteam", {"hu1", "hx"}, {"hsub"});
  allow_direct_connect(w, kT, kH);
  w.channel(kT, shared_channel("c-absent", {}, {shared_team("hteam", kH)}));
  w.channel(kT, shared_channel("c-null", {}, {shared_team("hteam", kH, "null")}));
  const auto c = w.compile();
  // hu2 is only a nested member, hx an external object of kH: neither is in.
  EXPECT_EQ(who(c, at(kT, "c-absent")), Lines{line(kH, "hu1", "b2bDirectConnect")});
  EXPECT_EQ(who(c, at(kT, "c-null")), Lines{line(kH, "hu1", "b2bDirectConnect")});
  // hx is not even a candidate (no direct connect path refused as not-internal-member): it has no way in.
  const auto explanation = graph::explain(c, at(kH, "hx"), graph::find_resource(c, at(kT, "c-absent")));
  ASSERT_EQ(explanation.paths.size(), 1u);
  ASSERT_EQ(explanation.paths[0].reasons.size(), 1u);
  EXPECT_EQ(explanation.paths[0].reasons[0].code, "not-granted");
}

TEST(RulesR3_4, PresentButEmptyAllowedMembersAdmitNobody) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu1");
  w.m365_group(kH, "hteam", {"hu1"});
  allow_direct_connect(w, kT, kH);
  w.channel(kT, shared_channel("chan", {}, {shared_team("hteam", kH, "[]")}));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "chan")), Lines{});
}

TEST(RulesR3_4, TheHostTeamsMembersCountOnlyWhenTheHostTeamIsListed) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "u1").member(kT, "u2").member(kT, "ig", R"("userType":"Guest")");
  w.m365_group(kT, "host", {"u1", "u2", "ig"});
  w.channel(kT, R"({"id":"c-unlisted","membershipType":"shared","teamId":"host","members":[)" +
                    conversation_member("u1", kT) + "]}");
  w.channel(kT, R"({"id":"c-listed","membershipType":"shared","teamId":"host","members":[)" +
                    conversation_member("u1", kT) + R"(],"sharedWithTeams":[{"id":"host","isHostTeam":true}]})");
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "c-unlisted")), Lines{line(kT, "u1", "internal")});
  EXPECT_EQ(who(c, at(kT, "c-listed")), (Lines{line(kT, "u1", "internal"), line(kT, "u2", "internal")}));
  // The host team's internal guest is refused as in (a).
  EXPECT_EQ(why(c, at(kT, "ig"), at(kT, "c-listed")), Lines{"internal: guest-in-shared-channel"});
}

TEST(RulesR3_4, AllowedMembersOfTheChannelsOwnTenantMustBeInternalMembers) {
  WorldBuilder w;
  three_tenants(w).member(kT, "u1").member(kT, "u2").member(kH, "hu");
  w.guest(kT, "g", kH, "hu");
  w.m365_group(kT, "other", {"u1", "u2", "g"});
  w.channel(kT, shared_channel("chan", {}, {shared_team("other", kT, array({conversation_member("u2"),
                                                                            conversation_member("g", kT)}))}));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "chan")), Lines{line(kT, "u2", "internal")});
  EXPECT_EQ(why(c, at(kH, "hu"), at(kT, "chan")), Lines{"b2bCollaboration: guest-in-shared-channel"});
}

// =============================================================================================================
// R4 — Cross-tenant access settings
// =============================================================================================================

// Home users hu (kH) and lu (kH2), each with a guest object in T granted the site.
void two_guests_world(WorldBuilder& w) {
  three_tenants(w).member(kH, "hu").member(kH2, "lu");
  w.guest(kT, "g1", kH, "hu").guest(kT, "g2", kH2, "lu");
  w.site(kT, "site", {user_grant("g1"), user_grant("g2")});
}

TEST(RulesR4_1, APartnerEntryReplacesTheDefaultForThatPartner) {
  WorldBuilder w;
  two_guests_world(w);
  w.default_settings(kT, {{"b2bCollaborationInbound", block_all()}});
  w.partner(kT, kH, {{"b2bCollaborationInbound", allow_all()}});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kH, "hu", "b2bCollaboration")});
  EXPECT_EQ(why(c, at(kH2, "lu"), at(kT, "site")), Lines{"b2bCollaboration: inbound-blocked"});
}

TEST(RulesR4_1, ANullOrAbsentPartnerPropertyTakesTheDefaults) {
  WorldBuilder w;
  two_guests_world(w);
  w.default_settings(kT, {{"b2bCollaborationInbound", block_all()}});
  w.partner(kT, kH, {{"b2bCollaborationInbound", "null"}, {"b2bDirectConnectInbound", allow_all()}});
  w.partner(kT, kH2, {{"b2bDirectConnectInbound", allow_all()}});  // b2bCollaborationInbound absent
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{});
  EXPECT_EQ(why(c, at(kH, "hu"), at(kT, "site")), Lines{"b2bCollaboration: inbound-blocked"});
  EXPECT_EQ(why(c, at(kH2, "lu"), at(kT, "site")), Lines{"b2bCollaboration: inbound-blocked"});
}

TEST(RulesR4_1, ANullListInsideASetPropertyTakesTheDefaultsList) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu1").member(kH, "hu2");
  w.guest(kT, "g1", kH, "hu1").guest(kT, "g2", kH, "hu2");
  w.application(kT, "app-a", "app-a", {user_grant("g1"), user_grant("g2")});
  w.application(kT, "app-b", "app-b", {user_grant("g1"), user_grant("g2")});
  w.default_settings(kT, {{"b2bCollaborationInbound", access("allowed", {"AllUsers"}, "allowed", {"app-a"})}});
  // Effective: users blocked [hu2] (the entry's), applications allowed [app-a] (the default's): not U and A.
  w.partner(kT, kH, {{"b2bCollaborationInbound",
                      object({{"usersAndGroups", target_list("blocked", {"hu2"}, "user")}, {"applications", "null"}})}});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "app-a")), Lines{line(kH, "hu1", "b2bCollaboration")});
  EXPECT_EQ(who(c, at(kT, "app-b")), Lines{});
}

TEST(RulesR4_1, ANullTrustBooleanTakesTheDefaults) {
  WorldBuilder w;
  two_guests_world(w);
  w.default_settings(kT, {{"inboundTrust", R"({"isMfaAccepted":false,"isCompliantDeviceAccepted":true})"}});
  w.partner(kT, kH, {{"inboundTrust", R"({"isMfaAccepted":false,"isCompliantDeviceAccepted":null})"}});
  w.partner(kT, kH2, {{"inboundTrust", R"({"isCompliantDeviceAccepted":false})"}});
  w.policy(kT, ca_policy("p-device", ca_guests("b2bCollaborationGuest"), ca_apps({"All"}), {"compliantDevice"}));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kH, "hu", "b2bCollaboration")});
  EXPECT_EQ(why(c, at(kH2, "lu"), at(kT, "site")), Lines{"b2bCollaboration: ca-device-untrusted@p-device"});
}

TEST(RulesR4_1, NullPropertiesInsideTheDefaultAreTheServiceDefault) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu");
  w.guest(kT, "g", kH, "hu");
  w.application(kT, "app-a", "app-a", {user_grant("g")}).application(kT, "app-b", "app-b", {user_grant("g")});
  // usersAndGroups null: the service default's "allowed AllUsers"; so U and A, with A = app-a.
  w.default_settings(kT, {{"b2bCollaborationInbound",
                           object({{"usersAndGroups", "null"}, {"applications", target_list("allowed", {"app-a"}, "application")}})},
                          {"b2bCollaborationOutbound", "null"},
                          {"inboundTrust", "null"}});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "app-a")), Lines{line(kH, "hu", "b2bCollaboration")});
  EXPECT_EQ(who(c, at(kT, "app-b")), Lines{});
}

TEST(RulesR4_2, WithoutSettingsB2BCollaborationIsAllowed) {
  WorldBuilder w;
  two_guests_world(w);  // no default.json, no partner entries anywhere
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), (Lines{line(kH, "hu", "b2bCollaboration"), line(kH2, "lu", "b2bCollaboration")}));
}

TEST(RulesR4_2, WithoutSettingsDirectConnectIsBlockedBothWays) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu");
  w.channel(kT, shared_channel("chan", {conversation_member("hu", kH)}));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "chan")), Lines{});
  EXPECT_EQ(why(c, at(kH, "hu"), at(kT, "chan")), Lines{"b2bDirectConnect: inbound-blocked, outbound-blocked"});
}

TEST(RulesR4_2, WithoutTrustSettingsNoClaimIsTrusted) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu").member(kH, "hd");
  allow_direct_connect(w, kT, kH);  // entries without inboundTrust
  w.guest(kT, "g", kH, "hu").site(kT, "site", {user_grant("g")});
  w.channel(kT, shared_channel("chan", {conversation_member("hd", kH)}));
  w.policy(kT, ca_policy("p-mfa", ca_guests("b2bDirectConnectUser"), ca_apps({"All"}), {"mfa"}));
  w.policy(kT, ca_policy("p-device", ca_guests("b2bCollaborationGuest"), ca_apps({"All"}), {"compliantDevice"}));
  w.policy(kT, ca_policy("p-joined", ca_guests("b2bCollaborationGuest"), ca_apps({"All"}), {"domainJoinedDevice"}));
  const auto c = w.compile();
  EXPECT_EQ(why(c, at(kH, "hd"), at(kT, "chan")), Lines{"b2bDirectConnect: ca-mfa-untrusted@p-mfa"});
  EXPECT_EQ(why(c, at(kH, "hu"), at(kT, "site")),
            Lines{"b2bCollaboration: ca-device-untrusted@p-device, ca-device-untrusted@p-joined"});
}

TEST(RulesR4_2, WithoutConsentSettingsAutomaticConsentIsOff) {
  auto plan = [](bool outbound_consent, bool inbound_consent) {
    WorldBuilder w;
    three_tenants(w).member(kH, "hu");
    w.add(kH, "crossTenantSync.json", object({{"id", quote("job")}, {"targetTenantId", quote(kT)}, {"scope", quote("all")}}));
    w.partner(kT, kH, {{"identitySynchronization", R"({"userSyncInbound":{"isSyncAllowed":true}})"},
                       {"automaticUserConsentSettings", inbound_consent ? R"({"inboundAllowed":true})" : "null"}});
    if (outbound_consent) w.partner(kH, kT, {{"automaticUserConsentSettings", R"({"outboundAllowed":true})"}});
    const core::SyncPlan result = core::plan_sync(w.load());
    EXPECT_EQ(result.jobs.size(), 1u);
    if (result.jobs.empty()) return std::string("no job");
    return result.jobs[0].active ? std::string("active") : result.jobs[0].inactive_reason;
  };
  EXPECT_EQ(plan(false, false), core::kConsentOutboundSwitch);
  EXPECT_EQ(plan(true, false), core::kConsentInboundSwitch);
  EXPECT_EQ(plan(true, true), "active");
}

TEST(RulesR4_3, AUserTargetIsTheUsersIdInItsHomeTenant) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu1").member(kH, "hu2");
  w.guest(kT, "g1", kH, "hu1").guest(kT, "g2", kH, "hu2");
  w.site(kT, "site", {user_grant("g1"), user_grant("g2")});
  // g2 is the id of hu2's object in T, not its id at home: it names nobody.
  w.partner(kT, kH, {{"b2bCollaborationInbound", access("allowed", {"user:hu1", "user:g2"}, "allowed", {"AllApplications"})}});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kH, "hu1", "b2bCollaboration")});
}

TEST(RulesR4_3, AGroupTargetMatchesTheTransitiveMembersOfTheHomeTenantsGroup) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu1").member(kH, "hu2").member(kH, "hu3");
  w.group(kH, "hg2", {"hu1"}).group(kH, "hg", {"hu3"}, {"hg2"});
  w.guest(kT, "g1", kH, "hu1").guest(kT, "g2", kH, "hu2").guest(kT, "g3", kH, "hu3");
  w.site(kT, "site", {user_grant("g1"), user_grant("g2"), user_grant("g3")});
  w.partner(kT, kH, {{"b2bCollaborationInbound", access("allowed", {"group:hg"}, "allowed", {"AllApplications"})}});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), (Lines{line(kH, "hu1", "b2bCollaboration"), line(kH, "hu3", "b2bCollaboration")}));
}

// A guest object in T of xu, whose home tenant kX is not in the world, under T's inbound setting for kX.
graph::CompiledWorld unknown_home_world(const std::string& inbound) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").guest(kT, "g", kX, "xu").site(kT, "site", {user_grant("g")});
  w.partner(kT, kX, {{"b2bCollaborationInbound", inbound}});
  return w.compile();
}

TEST(RulesR4_3, AGroupTargetOfATenantNotInTheWorldMatchesInAnAllowedList) {
  const auto matched = unknown_home_world(access("allowed", {"group:xg"}, "allowed", {"AllApplications"}));
  EXPECT_EQ(who(matched, at(kT, "site")), Lines{line(kX, "xu", "b2bCollaboration")});
  // Control: a user target naming someone else is decidable and does not match.
  const auto other = unknown_home_world(access("allowed", {"user:xv"}, "allowed", {"AllApplications"}));
  EXPECT_EQ(who(other, at(kT, "site")), Lines{});
}

TEST(RulesR4_3, AGroupTargetOfATenantNotInTheWorldDoesNotMatchInABlockedList) {
  const auto unmatched = unknown_home_world(access("blocked", {"group:xg"}, "allowed", {"AllApplications"}));
  EXPECT_EQ(who(unmatched, at(kT, "site")), Lines{line(kX, "xu", "b2bCollaboration")});
  // Control: the user's own id in the blocked list matches.
  const auto named = unknown_home_world(access("blocked", {"user:xu"}, "allowed", {"AllApplications"}));
  EXPECT_EQ(why(named, at(kX, "xu"), at(kT, "site")), Lines{"b2bCollaboration: inbound-blocked"});
}

// T's inbound setting for kH names the application targets `apps` (allowed or blocked, users: allowed AllUsers);
// hu's guest object is granted an Office365 site and two applications.
graph::CompiledWorld app_target_world(const std::string& apps_access, const std::vector<std::string>& apps) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu").guest(kT, "g", kH, "hu");
  w.site(kT, "site", {user_grant("g")});
  w.application(kT, "app-a", "app-a", {user_grant("g")}).application(kT, "app-b", "app-b", {user_grant("g")});
  w.partner(kT, kH, {{"b2bCollaborationInbound", access("allowed", {"AllUsers"}, apps_access, apps)}});
  return w.compile();
}

TEST(RulesR4_3, AllApplicationsMatchesEveryApp) {
  const auto c = app_target_world("blocked", {"AllApplications"});
  EXPECT_EQ(what(c, at(kH, "hu")), Lines{});
}

TEST(RulesR4_3, Office365AndAllMicrosoftAppsMatchOnlyOffice365Resources) {
  for (const char* keyword : {"Office365", "AllMicrosoftApps"}) {
    const auto c = app_target_world("allowed", {keyword});
    EXPECT_EQ(what(c, at(kH, "hu")), Lines{line(kT, "site", "b2bCollaboration")}) << keyword;
  }
}

TEST(RulesR4_3, AnAppIdMatchesTheResourceWithThatApp) {
  const auto c = app_target_world("allowed", {"app-a"});
  EXPECT_EQ(what(c, at(kH, "hu")), Lines{line(kT, "app-a", "b2bCollaboration")});
}

TEST(RulesR4_3, ASuiteAppIdAgainstAnOffice365ResourceIsResolvedInFavourOfAccess) {
  // In an allowed list it matches the site (and not the applications)...
  const auto allowed = app_target_world("allowed", {kSharePointApp});
  EXPECT_EQ(what(allowed, at(kH, "hu")), Lines{line(kT, "site", "b2bCollaboration")});
  // ...and in a blocked list it matches nothing.
  const auto blocked = app_target_world("blocked", {kSharePointApp});
  EXPECT_EQ(what(blocked, at(kH, "hu")),
            (Lines{line(kT, "app-a", "b2bCollaboration"), line(kT, "app-b", "b2bCollaboration"),
                   line(kT, "site", "b2bCollaboration")}));
  // Control: blocking Office365 itself does block the site.
  const auto office = app_target_world("blocked", {"Office365"});
  EXPECT_EQ(what(office, at(kH, "hu")),
            (Lines{line(kT, "app-a", "b2bCollaboration"), line(kT, "app-b", "b2bCollaboration")}));
}

// hu's guest object in T is granted an Office365 site, a site exported with SharePoint's app id ("sp-site") and
// the application app-a. T's inbound setting for kH names the application targets `apps`; when `outbound` is
// given, kH's outbound setting toward T is that instead (and T's inbound is left to the service default).
graph::CompiledWorld suite_app_world(const std::string& apps_access, const std::vector<std::string>& apps,
                                     bool outbound = false) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu").guest(kT, "g", kH, "hu");
  w.site(kT, "site", {user_grant("g")}).site(kT, "sp-site", {user_grant("g")}, kSharePointApp);
  w.application(kT, "app-a", "app-a", {user_grant("g")});
  const std::string setting = access("allowed", {"AllUsers"}, apps_access, apps);
  if (outbound)
    w.partner(kH, kT, {{"b2bCollaborationOutbound", setting}});
  else
    w.partner(kT, kH, {{"b2bCollaborationInbound", setting}});
  return w.compile();
}

TEST(RulesR4_3, Office365AndAllMicrosoftAppsCoverAResourceWithASuiteAppId) {
  for (const char* keyword : {"Office365", "AllMicrosoftApps", "office365"}) {
    EXPECT_EQ(what(suite_app_world("allowed", {keyword}), at(kH, "hu")),
              (Lines{line(kT, "site", "b2bCollaboration"), line(kT, "sp-site", "b2bCollaboration")}))
        << keyword;
    EXPECT_EQ(what(suite_app_world("blocked", {keyword}), at(kH, "hu")), Lines{line(kT, "app-a", "b2bCollaboration")})
        << keyword;
  }
  // The same matching decides outbound.
  const auto outbound = suite_app_world("blocked", {"Office365"}, true);
  EXPECT_EQ(what(outbound, at(kH, "hu")), Lines{line(kT, "app-a", "b2bCollaboration")});
  EXPECT_EQ(why(outbound, at(kH, "hu"), at(kT, "sp-site")), Lines{"b2bCollaboration: outbound-blocked"});
}

TEST(RulesR4_3, ASuiteAppIdTargetMatchesAResourceWithThatAppIdExactly) {
  // SharePoint's id is sp-site's app (a match either way) and may be part of the Office365 site's (R0).
  EXPECT_EQ(what(suite_app_world("allowed", {kSharePointApp}), at(kH, "hu")),
            (Lines{line(kT, "site", "b2bCollaboration"), line(kT, "sp-site", "b2bCollaboration")}));
  EXPECT_EQ(what(suite_app_world("blocked", {kSharePointApp}), at(kH, "hu")),
            (Lines{line(kT, "app-a", "b2bCollaboration"), line(kT, "site", "b2bCollaboration")}));
  // Exchange's id is decidably not sp-site's app.
  const std::string exchange = "00000002-0000-0ff1-ce00-000000000000";
  EXPECT_EQ(what(suite_app_world("allowed", {exchange}), at(kH, "hu")), Lines{line(kT, "site", "b2bCollaboration")});
  EXPECT_EQ(what(suite_app_world("blocked", {exchange}), at(kH, "hu")),
            (Lines{line(kT, "app-a", "b2bCollaboration"), line(kT, "site", "b2bCollaboration"),
                   line(kT, "sp-site", "b2bCollaboration")}));
}

// A users list as JSON text: {"accessType": ..., "targets": [...]} with the targets given as JSON objects.
std::string raw_target_list(std::string_view access_type, const std::vector<std::string>& targets) {
  return object({{"accessType", quote(access_type)}, {"targets", array(targets)}});
}

// hu1, hu2 and hu3 of kH, each with a guest object in T granted the site; kH's group hg-outer holds hg, which
// holds hu2. T's inbound setting for kH: the users list `users` (JSON), all applications allowed.
graph::CompiledWorld untyped_target_world(const std::string& users) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu1").member(kH, "hu2").member(kH, "hu3");
  w.group(kH, "hg", {"hu2"}).group(kH, "hg-outer", {}, {"hg"});
  w.guest(kT, "g1", kH, "hu1").guest(kT, "g2", kH, "hu2").guest(kT, "g3", kH, "hu3");
  w.site(kT, "site", {user_grant("g1"), user_grant("g2"), user_grant("g3")});
  w.partner(kT, kH, {{"b2bCollaborationInbound",
                      object({{"usersAndGroups", users},
                              {"applications", target_list("allowed", {"AllApplications"}, "application")}})}});
  return w.compile();
}

TEST(RulesR4_3, AnUntypedTargetMatchesAsTheUserOrTheGroupItsIdNames) {
  // hu1 without targetType, hg-outer with an empty one.
  const std::vector<std::string> targets = {R"({"target":"hu1"})", R"({"target":"hg-outer","targetType":""})"};
  const auto allowed = untyped_target_world(raw_target_list("allowed", targets));
  EXPECT_EQ(who(allowed, at(kT, "site")),
            (Lines{line(kH, "hu1", "b2bCollaboration"), line(kH, "hu2", "b2bCollaboration")}));
  EXPECT_EQ(why(allowed, at(kH, "hu3"), at(kT, "site")), Lines{"b2bCollaboration: inbound-blocked"});
  const auto blocked = untyped_target_world(raw_target_list("blocked", targets));
  EXPECT_EQ(who(blocked, at(kT, "site")), Lines{line(kH, "hu3", "b2bCollaboration")});
  EXPECT_EQ(why(blocked, at(kH, "hu1"), at(kT, "site")), Lines{"b2bCollaboration: inbound-blocked"});
  EXPECT_EQ(why(blocked, at(kH, "hu2"), at(kT, "site")), Lines{"b2bCollaboration: inbound-blocked"});
  EXPECT_EQ(count_warnings(blocked.world(), "dangling-policy-target"), 0u);
}

TEST(RulesR4_3, AnUntypedTargetOfATenantNotInTheWorldMatchesAsAUserExactlyAndAsAGroupByR0) {
  // xu and xv of kX (not in the world); T's inbound users list for kX names "xu" without a type.
  auto world = [](std::string_view access_type) {
    WorldBuilder w;
    w.tenant(kT, "contoso.example").guest(kT, "gu", kX, "xu").guest(kT, "gv", kX, "xv");
    w.site(kT, "site", {user_grant("gu"), user_grant("gv")});
    w.partner(kT, kX, {{"b2bCollaborationInbound",
                        object({{"usersAndGroups", raw_target_list(access_type, {R"({"target":"xu"})"})},
                                {"applications", target_list("allowed", {"AllApplications"}, "application")}})}});
    return w.compile();
  };
  // Allowed: xu is the user; "xu" might be a group holding xv, so xv matches too.
  EXPECT_EQ(who(world("allowed"), at(kT, "site")),
            (Lines{line(kX, "xu", "b2bCollaboration"), line(kX, "xv", "b2bCollaboration")}));
  // Blocked: only the user xu matches.
  const auto blocked = world("blocked");
  EXPECT_EQ(who(blocked, at(kT, "site")), Lines{line(kX, "xv", "b2bCollaboration")});
  EXPECT_EQ(why(blocked, at(kX, "xu"), at(kT, "site")), Lines{"b2bCollaboration: inbound-blocked"});
}

TEST(RulesR4_3, AUsersAndGroupsTargetOfAnotherTypeMatchesNothing) {
  const std::vector<std::string> targets = {R"({"target":"hu1","targetType":"application"})",
                                            R"({"target":"hg-outer","targetType":"servicePrincipal"})"};
  const auto allowed = untyped_target_world(raw_target_list("allowed", targets));
  EXPECT_EQ(who(allowed, at(kT, "site")), Lines{});
  EXPECT_EQ(why(allowed, at(kH, "hu1"), at(kT, "site")), Lines{"b2bCollaboration: inbound-blocked"});
  const auto blocked = untyped_target_world(raw_target_list("blocked", targets));
  EXPECT_EQ(who(blocked, at(kT, "site")),
            (Lines{line(kH, "hu1", "b2bCollaboration"), line(kH, "hu2", "b2bCollaboration"),
                   line(kH, "hu3", "b2bCollaboration")}));
}

// hu's guest object in T is granted app-a; T's inbound setting for kH is {usersAndGroups, applications} as given.
graph::CompiledWorld target_list_world(const std::string& users, const std::string& apps) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu").guest(kT, "g", kH, "hu");
  w.application(kT, "app-a", "app-a", {user_grant("g")});
  w.partner(kT, kH, {{"b2bCollaborationInbound", object({{"usersAndGroups", users}, {"applications", apps}})}});
  return w.compile();
}

TEST(RulesR4_3, AListWithoutTargetsCannotBeDecidedAndAnEmptyListNamesNobody) {
  const std::string all_users = target_list("allowed", {"AllUsers"}, "user");
  const std::string all_apps = target_list("allowed", {"AllApplications"}, "application");
  const Lines reached = {line(kT, "app-a", "b2bCollaboration")};
  struct Case {
    const char* name;
    std::string users, apps;
    Lines expected;
  };
  const std::vector<Case> cases = {
      // Undecidable: a match in an allowed list (admits), none in a blocked one (blocks nobody).
      {"users allowed, targets absent", R"({"accessType":"allowed"})", all_apps, reached},
      {"users allowed, targets null", R"({"accessType":"allowed","targets":null})", all_apps, reached},
      {"users blocked, targets absent", R"({"accessType":"blocked"})", all_apps, reached},
      {"users blocked, targets null", R"({"accessType":"blocked","targets":null})", all_apps, reached},
      {"apps allowed, targets absent", all_users, R"({"accessType":"allowed"})", reached},
      {"apps blocked, targets null", all_users, R"({"accessType":"blocked","targets":null})", reached},
      // An empty list names nobody: an allowed list admits nobody, a blocked one blocks nobody.
      {"users allowed, targets []", R"({"accessType":"allowed","targets":[]})", all_apps, {}},
      {"apps allowed, targets []", all_users, R"({"accessType":"allowed","targets":[]})", {}},
      {"users blocked, targets []", R"({"accessType":"blocked","targets":[]})", all_apps, reached},
  };
  for (const Case& c : cases) EXPECT_EQ(what(target_list_world(c.users, c.apps), at(kH, "hu")), c.expected) << c.name;
}

// T's inbound B2B collaboration setting for kH: users list naming hu1, applications list naming app-a, with the
// given access types; hu1 and hu2 each have a guest object granted app-a and app-b.
graph::CompiledWorld verdict_world(const std::string& users_access, const std::string& apps_access) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu1").member(kH, "hu2");
  w.guest(kT, "g1", kH, "hu1").guest(kT, "g2", kH, "hu2");
  w.application(kT, "app-a", "app-a", {user_grant("g1"), user_grant("g2")});
  w.application(kT, "app-b", "app-b", {user_grant("g1"), user_grant("g2")});
  w.partner(kT, kH, {{"b2bCollaborationInbound", access(users_access, {"hu1"}, apps_access, {"app-a"})}});
  return w.compile();
}

TEST(RulesR4_4, AllowedUsersAllowedAppsAdmitsOnlyTheNamedUserToTheNamedApp) {
  const auto c = verdict_world("allowed", "allowed");
  EXPECT_EQ(what(c, at(kH, "hu1")), Lines{line(kT, "app-a", "b2bCollaboration")});
  EXPECT_EQ(what(c, at(kH, "hu2")), Lines{});
}

TEST(RulesR4_4, AllowedUsersBlockedAppsDeniesTheNamedApp) {
  const auto c = verdict_world("allowed", "blocked");
  EXPECT_EQ(what(c, at(kH, "hu1")), Lines{line(kT, "app-b", "b2bCollaboration")});
  EXPECT_EQ(what(c, at(kH, "hu2")), Lines{});
}

TEST(RulesR4_4, BlockedUsersAllowedAppsAdmitsOthersToTheNamedApp) {
  const auto c = verdict_world("blocked", "allowed");
  EXPECT_EQ(what(c, at(kH, "hu1")), Lines{});
  EXPECT_EQ(what(c, at(kH, "hu2")), Lines{line(kT, "app-a", "b2bCollaboration")});
}

TEST(RulesR4_4, BlockedUsersBlockedAppsDeniesOnlyTheNamedUserOnTheNamedApp) {
  const auto c = verdict_world("blocked", "blocked");
  EXPECT_EQ(what(c, at(kH, "hu1")), Lines{line(kT, "app-b", "b2bCollaboration")});
  EXPECT_EQ(what(c, at(kH, "hu2")),
            (Lines{line(kT, "app-a", "b2bCollaboration"), line(kT, "app-b", "b2bCollaboration")}));
}

TEST(RulesR4_4, AnUndecidableUsersListEntersTheVerdictAsItsAccessTypeResolvesIt) {
  // hu's guest object is granted app-a and app-b; T's inbound users list has no targets (U resolved by R0: true
  // when allowed, false when blocked); the applications list names app-a.
  auto reached = [](const std::string& users_access, const std::string& apps_access) {
    WorldBuilder w;
    three_tenants(w).member(kH, "hu").guest(kT, "g", kH, "hu");
    w.application(kT, "app-a", "app-a", {user_grant("g")}).application(kT, "app-b", "app-b", {user_grant("g")});
    w.partner(kT, kH, {{"b2bCollaborationInbound",
                        object({{"usersAndGroups", object({{"accessType", quote(users_access)}})},
                                {"applications", target_list(apps_access, {"app-a"}, "application")}})}});
    return what(w.compile(), at(kH, "hu"));
  };
  const std::string a = line(kT, "app-a", "b2bCollaboration");
  const std::string b = line(kT, "app-b", "b2bCollaboration");
  EXPECT_EQ(reached("allowed", "allowed"), Lines{a});       // U ∧ A, U true
  EXPECT_EQ(reached("allowed", "blocked"), Lines{b});       // U ∧ ¬A
  EXPECT_EQ(reached("blocked", "allowed"), Lines{a});       // ¬U ∧ A, U false
  EXPECT_EQ(reached("blocked", "blocked"), (Lines{a, b}));  // ¬(U ∧ A)
}

TEST(RulesR4_5, OutboundIsTheHomeTenantsSettingTowardTheResourceTenant) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu1").member(kH, "hu2");
  w.guest(kT, "g1", kH, "hu1").guest(kT, "g2", kH, "hu2").site(kT, "site", {user_grant("g1"), user_grant("g2")});
  w.partner(kH, kT, {{"b2bCollaborationOutbound", access("blocked", {"hu1"}, "blocked", {"AllApplications"})}});
  w.partner(kH, kH2, {{"b2bCollaborationOutbound", block_all()}});  // toward another tenant: irrelevant
  w.default_settings(kT, {{"b2bCollaborationOutbound", block_all()}});  // T's own outbound: irrelevant
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kH, "hu2", "b2bCollaboration")});
  EXPECT_EQ(why(c, at(kH, "hu1"), at(kT, "site")), Lines{"b2bCollaboration: outbound-blocked"});
}

TEST(RulesR4_5, InboundIsTheResourceTenantsSettingAndItsTargetsAreIdsInTheHomeTenant) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu1").member(kH, "hu2");
  w.guest(kT, "g1", kH, "hu1").guest(kT, "g2", kH, "hu2").site(kT, "site", {user_grant("g1"), user_grant("g2")});
  // Both tenants have a group "same-id": kH's holds hu1, T's holds hu2's guest object. Only kH's counts.
  w.group(kH, "same-id", {"hu1"}).group(kT, "same-id", {"g2"});
  w.partner(kT, kH, {{"b2bCollaborationInbound", access("blocked", {"group:same-id"}, "blocked", {"AllApplications"})}});
  w.default_settings(kH, {{"b2bCollaborationInbound", block_all()}});  // the home tenant's inbound: irrelevant
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kH, "hu2", "b2bCollaboration")});
  EXPECT_EQ(why(c, at(kH, "hu1"), at(kT, "site")), Lines{"b2bCollaboration: inbound-blocked"});
}

TEST(RulesR4_5, ADefaultInboundSettingNamingUsersWarnsAndIsEvaluatedAsWritten) {
  WorldBuilder w;
  two_guests_world(w);
  w.default_settings(kT, {{"b2bCollaborationInbound", access("allowed", {"hu"}, "allowed", {"AllApplications"})}});
  const auto c = w.compile();
  EXPECT_EQ(count_warnings(c.world(), "default-inbound-targets"), 1u);
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kH, "hu", "b2bCollaboration")});

  WorldBuilder plain;  // control: AllUsers in the default is no warning
  two_guests_world(plain);
  plain.default_settings(kT, {{"b2bCollaborationInbound", allow_all()}});
  EXPECT_EQ(count_warnings(plain.load(), "default-inbound-targets"), 0u);
}

// =============================================================================================================
// R5 — Linking external user objects
// =============================================================================================================

// Three tenants and the external user object `guest` (id "g") of T, granted the site.
void linking_world(WorldBuilder& w, const std::string& guest) {
  three_tenants(w).user(kT, guest).site(kT, "site", {user_grant("g")});
}

// An external user object "g" of T with this UPN, userType Guest and `more` properties.
std::string guest_json(std::string_view upn, std::string_view more = {}) {
  std::string body = R"("id":"g","userType":"Guest","userPrincipalName":)" + quote(upn);
  if (!more.empty()) body += "," + std::string(more);
  return "{" + body + "}";
}

TEST(RulesR5_1, HomeIdsLinkToTheHomeUserAndDecide) {
  WorldBuilder w;
  // The mail would match lu of kH2 under (2); rule (1) decides first.
  linking_world(w, guest_json("lu_litware.example#EXT#@contoso.example",
                              R"("mail":"lu@litware.example","homeTenantId":")" + kH + R"(","homeUserId":"hu")"));
  w.member(kH, "hu").member(kH2, "lu");
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kH, "hu", "b2bCollaboration")});
  EXPECT_TRUE(c.world().warnings.empty());
}

TEST(RulesR5_1, HomeIdsLinkAlsoToATenantNotInTheWorld) {
  WorldBuilder w;
  linking_world(w, guest_json("xu_nowhere.invalid#EXT#@contoso.example",
                              R"("homeTenantId":")" + kX + R"(","homeUserId":"xu")"));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kX, "xu", "b2bCollaboration")});
}

TEST(RulesR5_1, HomeIdsNamingNoInternalUserOfAKnownTenantLeaveItUnlinkedWithAWarning) {
  WorldBuilder w;
  // homeUserId is not a user of kH; the mail would link to kH's hu under (2), which is not tried.
  linking_world(w, guest_json("hu_fabrikam.example#EXT#@contoso.example",
                              R"("mail":"hu@fabrikam.example","homeTenantId":")" + kH + R"(","homeUserId":"nobody")"));
  w.member(kH, "hu");
  // A second object names an external object of kH: not an internal user either.
  w.user(kT, R"({"id":"g2","userType":"Guest","userPrincipalName":"x_y.invalid#EXT#@contoso.example","homeTenantId":")" +
                 kH + R"(","homeUserId":"hx"})");
  w.guest(kH, "hx", "", "");
  w.site(kT, "site2", {user_grant("g2")});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kT, "g", "b2bCollaboration unlinked")});
  EXPECT_EQ(who(c, at(kT, "site2")), Lines{line(kT, "g2", "b2bCollaboration unlinked")});
  EXPECT_EQ(count_warnings(c.world(), "unknown-home-user"), 2u);
}

TEST(RulesR5_1, MailLinksToTheOneInternalUserOfATenantVerifyingTheDomain) {
  WorldBuilder w;
  linking_world(w, guest_json("someone_else.invalid#EXT#@contoso.example", R"("mail":"Pat@Fabrikam.example")"));
  w.user(kH, R"({"id":"pat","userPrincipalName":"p.smith@fabrikam.example","mail":"pat@fabrikam.example"})");
  // kH2 has a user with the same mail but does not verify fabrikam.example: not a candidate.
  w.user(kH2, R"({"id":"lu","userPrincipalName":"lu@litware.example","mail":"pat@fabrikam.example"})");
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kH, "pat", "b2bCollaboration")});
  EXPECT_EQ(count_warnings(c.world(), "ambiguous-link"), 0u);
}

TEST(RulesR5_1, TheCandidatesUserPrincipalNameMatchesToo) {
  WorldBuilder w;
  linking_world(w, guest_json("someone_else.invalid#EXT#@contoso.example", R"("mail":"pat@fabrikam.example")"));
  w.user(kH, R"({"id":"pat","userPrincipalName":"pat@fabrikam.example","mail":"patricia.smith@fabrikam.example"})");
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kH, "pat", "b2bCollaboration")});
}

TEST(RulesR5_1, OtherMailsArePooledWithMail) {
  WorldBuilder w;
  linking_world(w, guest_json("someone_else.invalid#EXT#@contoso.example",
                              R"("mail":"nobody@nowhere.invalid","otherMails":["x@nowhere.invalid","pat@fabrikam.example"])"));
  w.member(kH, "pat");
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kH, "pat", "b2bCollaboration")});
}

TEST(RulesR5_1, OnlyInternalUsersOfOtherTenantsVerifyingTheDomainAreCandidates) {
  WorldBuilder w;
  // g: the only user with that mail in kH is an external object. g2: the only match is an internal user of T.
  linking_world(w, guest_json("someone_else.invalid#EXT#@contoso.example", R"("mail":"pat@fabrikam.example")"));
  w.user(kH, R"({"id":"hx","userPrincipalName":"pat_fabrikam.example#EXT#@fabrikam.example","mail":"pat@fabrikam.example"})");
  w.member(kT, "cu");
  w.user(kT, R"({"id":"g2","userType":"Guest","userPrincipalName":"a_b.invalid#EXT#@contoso.example","mail":"cu@contoso.example"})");
  w.site(kT, "site2", {user_grant("g2")});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kT, "g", "b2bCollaboration unlinked")});
  EXPECT_EQ(who(c, at(kT, "site2")), Lines{line(kT, "g2", "b2bCollaboration unlinked")});
}

TEST(RulesR5_1, TwoCandidatesLeaveItUnlinkedWithAWarningAndTheUpnIsNotTried) {
  WorldBuilder w;
  // mail matches pat of kH, otherMails lu of kH2 (pooled: two candidates); the UPN alone would match sam of kH.
  linking_world(w, guest_json("sam_fabrikam.example#EXT#@contoso.example",
                              R"("mail":"pat@fabrikam.example","otherMails":["lu@litware.example"])"));
  w.member(kH, "pat").member(kH, "sam").member(kH2, "lu");
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kT, "g", "b2bCollaboration unlinked")});
  EXPECT_EQ(count_warnings(c.world(), "ambiguous-link"), 1u);
}

TEST(RulesR5_1, WithoutAnAddressCandidateTheExtUpnIsMatchedWithItsLastUnderscoreAsAt) {
  WorldBuilder w;
  linking_world(w, guest_json("pat_smith_fabrikam.example#EXT#@contoso.example", R"("mail":"nobody@nowhere.invalid")"));
  w.user(kH, R"({"id":"ps","userPrincipalName":"ps@fabrikam.example","mail":"pat_smith@fabrikam.example"})");
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kH, "ps", "b2bCollaboration")});
}

TEST(RulesR5_1, AnObjectMatchingNothingStaysUnlinkedWithoutWarning) {
  WorldBuilder w;
  linking_world(w, guest_json("pat_fabrikam.example#EXT#@contoso.example", R"("mail":"pat@fabrikam.example")"));
  w.member(kH, "someone");
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kT, "g", "b2bCollaboration unlinked")});
  EXPECT_TRUE(c.world().warnings.empty());
}

TEST(RulesR5_2, CrossTenantSettingsDoNotApplyToAnUnlinkedExternalUser) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu");
  w.guest(kT, "gl", kH, "hu").guest(kT, "gu", "", "");
  w.site(kT, "site", {user_grant("gl"), user_grant("gu")});
  w.default_settings(kT, {{"b2bCollaborationInbound", block_all()}});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kT, "gu", "b2bCollaboration unlinked")});
  EXPECT_EQ(why(c, at(kH, "hu"), at(kT, "site")), Lines{"b2bCollaboration: inbound-blocked"});
}

// A linked guest (home kH, trusted by T's partner entry) and an unlinked one, under a compliant-device policy;
// T's default trust for compliant devices as given.
graph::CompiledWorld unlinked_trust_world(bool default_trusts_devices) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu");
  w.guest(kT, "gl", kH, "hu").guest(kT, "gu", "", "");
  w.site(kT, "site", {user_grant("gl"), user_grant("gu")});
  w.default_settings(kT, {{"inboundTrust", object({{"isCompliantDeviceAccepted", default_trusts_devices ? "true" : "false"}})}});
  w.partner(kT, kH, {{"inboundTrust", R"({"isCompliantDeviceAccepted":true})"}});
  w.policy(kT, ca_policy("p-device", ca_guests("b2bCollaborationGuest"), ca_apps({"All"}), {"compliantDevice"}));
  return w.compile();
}

TEST(RulesR5_2, ConditionalAccessAppliesToAnUnlinkedUserWithTheDefaultTrust) {
  const auto untrusted = unlinked_trust_world(false);
  EXPECT_EQ(who(untrusted, at(kT, "site")), Lines{line(kH, "hu", "b2bCollaboration")});
  EXPECT_EQ(why(untrusted, at(kT, "gu"), at(kT, "site")), Lines{"b2bCollaboration: ca-device-untrusted@p-device"});
  const auto trusted = unlinked_trust_world(true);
  EXPECT_EQ(who(trusted, at(kT, "site")),
            (Lines{line(kT, "gu", "b2bCollaboration unlinked"), line(kH, "hu", "b2bCollaboration")}));
}

// =============================================================================================================
// R6 — Reaching a resource
// =============================================================================================================

TEST(RulesR6_1, AnEnabledInternalUserInTheGrantsReaches) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "u1").member(kT, "u2").site(kT, "site", {user_grant("u1")});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kT, "u1", "internal")});
  EXPECT_EQ(why(c, at(kT, "u1"), at(kT, "site")), Lines{"internal: allowed"});
}

TEST(RulesR6_1, ADisabledInternalUserIsRefused) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "u1").member(kT, "u2", R"("accountEnabled":false)");
  w.site(kT, "site", {user_grant("u1"), user_grant("u2")});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kT, "u1", "internal")});
  EXPECT_EQ(why(c, at(kT, "u2"), at(kT, "site")), Lines{"internal: account-disabled"});
}

TEST(RulesR6_1, ConditionalAccessMustHoldForAnInternalUser) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "u1").member(kT, "u2").site(kT, "site", {user_grant("u1"), user_grant("u2")});
  w.policy(kT, block_policy("p", ca_users({"u2"})));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kT, "u1", "internal")});
  EXPECT_EQ(why(c, at(kT, "u2"), at(kT, "site")), Lines{"internal: ca-block@p"});
}

TEST(RulesR6_2, ALinkedGuestObjectGivesItsHomeUserTheCollaborationPath) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu").member(kH, "hv");
  w.guest(kT, "g", kH, "hu").guest(kT, "gv", kH, "hv").site(kT, "site", {user_grant("g")});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kH, "hu", "b2bCollaboration")});
  EXPECT_EQ(why(c, at(kH, "hv"), at(kT, "site")), Lines{"b2bCollaboration: not-granted"});
}

TEST(RulesR6_2, TheGuestObjectAndTheHomeAccountMustBothBeEnabled) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu1").member(kH, "hu2", R"("accountEnabled":false)").member(kH, "hu3");
  w.guest(kT, "g1", kH, "hu1", R"("accountEnabled":false)").guest(kT, "g2", kH, "hu2").guest(kT, "g3", kH, "hu3");
  w.site(kT, "site", {user_grant("g1"), user_grant("g2"), user_grant("g3")});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kH, "hu3", "b2bCollaboration")});
  EXPECT_EQ(why(c, at(kH, "hu1"), at(kT, "site")), Lines{"b2bCollaboration: account-disabled"});
  EXPECT_EQ(why(c, at(kH, "hu2"), at(kT, "site")), Lines{"b2bCollaboration: home-account-disabled"});
}

TEST(RulesR6_2, OutboundAndInboundMustBothAllow) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu1").member(kH, "hu2").member(kH, "hu3");
  w.guest(kT, "g1", kH, "hu1").guest(kT, "g2", kH, "hu2").guest(kT, "g3", kH, "hu3");
  w.site(kT, "site", {user_grant("g1"), user_grant("g2"), user_grant("g3")});
  w.partner(kH, kT, {{"b2bCollaborationOutbound", access("blocked", {"hu1"}, "blocked", {"AllApplications"})}});
  w.partner(kT, kH, {{"b2bCollaborationInbound", access("blocked", {"hu2"}, "blocked", {"AllApplications"})}});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kH, "hu3", "b2bCollaboration")});
  EXPECT_EQ(why(c, at(kH, "hu1"), at(kT, "site")), Lines{"b2bCollaboration: outbound-blocked"});
  EXPECT_EQ(why(c, at(kH, "hu2"), at(kT, "site")), Lines{"b2bCollaboration: inbound-blocked"});
}

// Two guest objects in T, one with userType Member and one Guest, under a policy blocking `types`.
graph::CompiledWorld guest_kind_world(std::string_view types) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hm").member(kH, "hg");
  w.guest(kT, "gm", kH, "hm", R"("userType":"Member")").guest(kT, "gg", kH, "hg");
  w.site(kT, "site", {user_grant("gm"), user_grant("gg")});
  w.policy(kT, block_policy("p", ca_guests(types)));
  return w.compile();
}

TEST(RulesR6_2, ConditionalAccessSeesAMemberTypedGuestObjectAsB2BCollaborationMember) {
  const auto members_blocked = guest_kind_world("b2bCollaborationMember");
  EXPECT_EQ(who(members_blocked, at(kT, "site")), Lines{line(kH, "hg", "b2bCollaboration")});
  EXPECT_EQ(why(members_blocked, at(kH, "hm"), at(kT, "site")), Lines{"b2bCollaboration: ca-block@p"});
  const auto guests_blocked = guest_kind_world("b2bCollaborationGuest");
  EXPECT_EQ(who(guests_blocked, at(kT, "site")), Lines{line(kH, "hm", "b2bCollaboration")});
}

TEST(RulesR6_2, AGuestPendingAcceptanceCounts) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu");
  w.guest(kT, "g", kH, "hu", R"("externalUserState":"PendingAcceptance")").site(kT, "site", {user_grant("g")});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kH, "hu", "b2bCollaboration")});
}

TEST(RulesR6_2, AnUnlinkedGuestNeedsAnEnabledAccountAndConditionalAccess) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example");
  w.guest(kT, "ga", "", "").guest(kT, "gd", "", "", R"("accountEnabled":false)").guest(kT, "gc", "", "");
  w.site(kT, "site", {user_grant("ga"), user_grant("gd"), user_grant("gc")});
  w.policy(kT, block_policy("p", ca_users({"gc"})));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kT, "ga", "b2bCollaboration unlinked")});
  EXPECT_EQ(why(c, at(kT, "gd"), at(kT, "site")), Lines{"b2bCollaboration: account-disabled"});
  EXPECT_EQ(why(c, at(kT, "gc"), at(kT, "site")), Lines{"b2bCollaboration: ca-block@p"});
}

// hu of kH in a shared channel of T, with direct connect allowed by T (inbound) and by kH (outbound) as given.
graph::CompiledWorld mutual_world(bool t_inbound, bool h_outbound) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu");
  if (t_inbound) w.partner(kT, kH, {{"b2bDirectConnectInbound", allow_all()}});
  if (h_outbound) w.partner(kH, kT, {{"b2bDirectConnectOutbound", allow_all()}});
  w.channel(kT, shared_channel("chan", {conversation_member("hu", kH)}));
  return w.compile();
}

TEST(RulesR6_3, DirectConnectNeedsBothTenantsToAllow) {
  EXPECT_EQ(verdict(mutual_world(false, false), at(kH, "hu"), at(kT, "chan")),
            "b2bDirectConnect: inbound-blocked, outbound-blocked");
  EXPECT_EQ(verdict(mutual_world(true, false), at(kH, "hu"), at(kT, "chan")), "b2bDirectConnect: outbound-blocked");
  EXPECT_EQ(verdict(mutual_world(false, true), at(kH, "hu"), at(kT, "chan")), "b2bDirectConnect: inbound-blocked");
  EXPECT_EQ(verdict(mutual_world(true, true), at(kH, "hu"), at(kT, "chan")), "b2bDirectConnect: allowed");
  EXPECT_EQ(who(mutual_world(true, true), at(kT, "chan")), Lines{line(kH, "hu", "b2bDirectConnect")});
}

TEST(RulesR6_3, TheMemberMustBeAnEnabledInternalUserOfItsTenant) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu").member(kH, "hd", R"("accountEnabled":false)");
  w.member(kH, "hig", R"("userType":"Guest")");  // an internal guest of kH is an internal user
  w.guest(kH, "hx", "", "");                    // an external object of kH is not
  allow_direct_connect(w, kT, kH);
  w.channel(kT, shared_channel("chan", {conversation_member("hu", kH), conversation_member("hd", kH),
                                        conversation_member("hig", kH), conversation_member("hx", kH),
                                        conversation_member("ghost", kH)}));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "chan")), (Lines{line(kH, "hig", "b2bDirectConnect"), line(kH, "hu", "b2bDirectConnect")}));
  EXPECT_EQ(why(c, at(kH, "hd"), at(kT, "chan")), Lines{"b2bDirectConnect: home-account-disabled"});
  EXPECT_EQ(why(c, at(kH, "hx"), at(kT, "chan")), Lines{"b2bDirectConnect: not-internal-member"});
}

TEST(RulesR6_3, ConditionalAccessSeesADirectConnectUser) {
  auto world = [](std::string_view types) {
    WorldBuilder w;
    three_tenants(w).member(kH, "hu");
    allow_direct_connect(w, kT, kH);
    w.channel(kT, shared_channel("chan", {conversation_member("hu", kH)}));
    w.policy(kT, block_policy("p", ca_guests(types)));
    return w.compile();
  };
  EXPECT_EQ(verdict(world("b2bDirectConnectUser"), at(kH, "hu"), at(kT, "chan")), "b2bDirectConnect: ca-block@p");
  EXPECT_EQ(verdict(world("b2bCollaborationGuest,b2bCollaborationMember,internalGuest"), at(kH, "hu"), at(kT, "chan")),
            "b2bDirectConnect: allowed");
}

TEST(RulesR6_3, AGuestObjectOfTheUserDoesNotMakeItASharedChannelMember) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu");
  allow_direct_connect(w, kT, kH);
  w.guest(kT, "g", kH, "hu");
  w.channel(kT, shared_channel("chan", {conversation_member("g", kT)}));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "chan")), Lines{});
  EXPECT_EQ(why(c, at(kH, "hu"), at(kT, "chan")), Lines{"b2bCollaboration: guest-in-shared-channel"});
}

TEST(RulesR6_3, OnlySharedChannelsAdmitDirectConnect) {
  WorldBuilder w;
  three_tenants(w).member(kT, "u1").member(kH, "hu");
  allow_direct_connect(w, kT, kH);
  w.m365_group(kT, "team", {"u1"});
  w.channel(kT, R"({"id":"c-priv","membershipType":"private","teamId":"team","members":[)" +
                    conversation_member("u1", kT) + "," + conversation_member("hu", kH) + "]}");
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "c-priv")), Lines{line(kT, "u1", "internal")});
}

TEST(RulesR6_4, OutboundPassesAndInboundIsThePartnerEntryForATenantNotInTheWorld) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example");
  w.partner(kT, kX, {{"b2bDirectConnectInbound", allow_all()}});
  w.channel(kT, shared_channel("chan", {conversation_member("xu", kX), conversation_member("yu", kY)}));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "chan")), Lines{line(kX, "xu", "b2bDirectConnect")});
  EXPECT_EQ(what(c, at(kX, "xu")), Lines{line(kT, "chan", "b2bDirectConnect")});
  // kY has no partner entry: T's default (the service default) blocks it inbound; outbound is not checked.
  EXPECT_EQ(why(c, at(kY, "yu"), at(kT, "chan")), Lines{"b2bDirectConnect: inbound-blocked"});
}

TEST(RulesR6_4, GroupTargetsForATenantNotInTheWorldFollowR0) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example");
  w.partner(kT, kX, {{"b2bDirectConnectInbound", access("allowed", {"group:xg"}, "allowed", {"AllApplications"})}});
  w.partner(kT, kY, {{"b2bDirectConnectInbound", access("blocked", {"group:yg"}, "allowed", {"AllApplications"})}});
  w.partner(kT, kZ, {{"b2bDirectConnectInbound", access("blocked", {"user:zu"}, "allowed", {"AllApplications"})}});
  w.channel(kT, shared_channel("chan", {conversation_member("xu", kX), conversation_member("yu", kY),
                                        conversation_member("zu", kZ)}));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "chan")), (Lines{line(kY, "yu", "b2bDirectConnect"), line(kX, "xu", "b2bDirectConnect")}));
  EXPECT_EQ(why(c, at(kZ, "zu"), at(kT, "chan")), Lines{"b2bDirectConnect: inbound-blocked"});
}

TEST(RulesR6_4, AHomeUserOfATenantNotInTheWorldCountsAsEnabled) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example");
  w.guest(kT, "gx", kX, "xu").guest(kT, "gy", kY, "yu");
  w.site(kT, "site", {user_grant("gx"), user_grant("gy")});
  w.partner(kT, kY, {{"b2bCollaborationInbound", block_all()}});
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kX, "xu", "b2bCollaboration")});
  EXPECT_EQ(why(c, at(kX, "xu"), at(kT, "site")), Lines{"b2bCollaboration: allowed"});
  EXPECT_EQ(why(c, at(kY, "yu"), at(kT, "site")), Lines{"b2bCollaboration: inbound-blocked"});
}

TEST(RulesR6_5, APrincipalWithSeveralWaysInIsReportedOnceWithEveryPathExplained) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu");
  w.guest(kT, "g1", kH, "hu").guest(kT, "g2", kH, "hu", R"("accountEnabled":false)");
  w.group(kT, "grp", {"g1"});
  w.site(kT, "site", {group_grant("grp"), user_grant("g2")});
  const auto c = w.compile();
  const auto answer = graph::make_who_can_reach(c, graph::who_can_reach(c, graph::find_resource(c, at(kT, "site"))));
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kH, "hu", "b2bCollaboration")});
  EXPECT_EQ(answer.counts.total, 1u);
  EXPECT_EQ(answer.counts.by_via, (std::map<std::string, std::size_t>{{"b2bCollaboration", 1}}));
  EXPECT_EQ(what(c, at(kH, "hu")), Lines{line(kT, "site", "b2bCollaboration")});
  EXPECT_EQ(why(c, at(kH, "hu"), at(kT, "site")),
            (Lines{"b2bCollaboration: account-disabled", "b2bCollaboration: allowed"}));
}

TEST(RulesR6_5, ADirectConnectMemberListedTwiceIsReportedOnce) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu");
  w.m365_group(kH, "hteam", {"hu"});
  allow_direct_connect(w, kT, kH);
  w.channel(kT, shared_channel("chan", {conversation_member("hu", kH)}, {shared_team("hteam", kH)}));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "chan")), Lines{line(kH, "hu", "b2bDirectConnect")});
  EXPECT_EQ(graph::who_can_reach(c, graph::find_resource(c, at(kT, "chan"))).counts.total, 1u);
  const auto explanation = graph::explain(c, at(kH, "hu"), graph::find_resource(c, at(kT, "chan")));
  ASSERT_EQ(explanation.paths.size(), 2u);
  std::vector<std::vector<std::string>> steps;
  for (const auto& path : explanation.paths) steps.push_back(path.steps);
  std::sort(steps.begin(), steps.end());
  EXPECT_EQ(steps, (std::vector<std::vector<std::string>>{{at(kH, "hu"), at(kT, "chan")},
                                                           {at(kH, "hu"), at(kH, "hteam"), at(kT, "chan")}}));
}

// =============================================================================================================
// R7 — Conditional Access
// =============================================================================================================

// hu of kH with guest object g in T (userType Guest) granted the site, under T's policy "p" for the users
// `users` (conditions.users) with grant controls `controls`. `t_entry` / `h_entry` give isServiceProvider of T's
// partner entry for kH / kH's entry for T ("" for no entry at all); `trust` is T's entry's inboundTrust.
graph::CompiledWorld service_provider_world(const std::string& users, const std::string& t_entry,
                                            const std::string& h_entry = "",
                                            const std::vector<std::string>& controls = {"block"},
                                            const std::string& trust = "null") {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu").guest(kT, "g", kH, "hu").site(kT, "site", {user_grant("g")});
  if (!t_entry.empty()) w.partner(kT, kH, {{"isServiceProvider", t_entry}, {"inboundTrust", trust}});
  if (!h_entry.empty()) w.partner(kH, kT, {{"isServiceProvider", h_entry}});
  w.policy(kT, ca_policy("p", users, ca_apps({"All"}), controls));
  return w.compile();
}

// includeGuestsOrExternalUsers (or, with `exclude`, includeUsers All and excludeGuestsOrExternalUsers) of the
// comma-separated `types`, externalTenants all.
std::string guest_types(std::string_view types, bool exclude = false) {
  const std::string guests = object({{"guestOrExternalUserTypes", quote(types)},
                                     {"externalTenants", object({{"membershipKind", quote("all")}})}});
  if (exclude) return object({{"includeUsers", strings({"All"})}, {"excludeGuestsOrExternalUsers", guests}});
  return object({{"includeUsers", "[]"}, {"includeGuestsOrExternalUsers", guests}});
}

TEST(RulesR7, AGuestOfAServiceProviderPartnerIsCoveredOnlyByPoliciesCoveringItAsAServiceProviderToo) {
  const Lines reached = {line(kH, "hu", "b2bCollaboration")};
  // Its collaboration kind alone, or serviceProvider alone, covers only one of its two possible kinds.
  EXPECT_EQ(who(service_provider_world(guest_types("b2bCollaborationGuest"), "true"), at(kT, "site")), reached);
  EXPECT_EQ(who(service_provider_world(guest_types("serviceProvider"), "true"), at(kT, "site")), reached);
  // Policies that cover both kinds apply.
  const std::vector<std::pair<const char*, std::string>> covering = {
      {"both types", guest_types("b2bCollaborationGuest,serviceProvider")},
      {"All", ca_users({"All"})},
      {"GuestsOrExternalUsers", ca_users({"GuestsOrExternalUsers"})},
      {"its guest object", ca_users({"g"})},
  };
  for (const auto& [name, users] : covering) {
    const auto c = service_provider_world(users, "true");
    EXPECT_EQ(who(c, at(kT, "site")), Lines{}) << name;
    EXPECT_EQ(why(c, at(kH, "hu"), at(kT, "site")), Lines{"b2bCollaboration: ca-block@p"}) << name;
  }
}

TEST(RulesR7, AnExclusionOfServiceProviderUsersExcludesAGuestOfAServiceProviderPartner) {
  const std::string users = guest_types("serviceProvider", /*exclude=*/true);
  EXPECT_EQ(who(service_provider_world(users, "true"), at(kT, "site")), Lines{line(kH, "hu", "b2bCollaboration")});
  // Control: a guest of an ordinary partner is no service provider user: not excluded, so blocked.
  EXPECT_EQ(why(service_provider_world(users, "false"), at(kH, "hu"), at(kT, "site")),
            Lines{"b2bCollaboration: ca-block@p"});
}

TEST(RulesR7, OnlyTheResourceTenantsPartnerEntryForTheHomeTenantMakesAServiceProvider) {
  const std::string users = guest_types("b2bCollaborationGuest");
  const Lines blocked = {"b2bCollaboration: ca-block@p"};
  EXPECT_EQ(why(service_provider_world(users, ""), at(kH, "hu"), at(kT, "site")), blocked);        // no entry
  EXPECT_EQ(why(service_provider_world(users, "false"), at(kH, "hu"), at(kT, "site")), blocked);   // false
  EXPECT_EQ(why(service_provider_world(users, "null"), at(kH, "hu"), at(kT, "site")), blocked);    // null
  EXPECT_EQ(why(service_provider_world(users, "", "true"), at(kH, "hu"), at(kT, "site")), blocked);  // kH's entry
  EXPECT_EQ(why(service_provider_world(users, "false", "true"), at(kH, "hu"), at(kT, "site")), blocked);
  EXPECT_EQ(why(service_provider_world(users, "true"), at(kH, "hu"), at(kT, "site")), Lines{"b2bCollaboration: allowed"});

  // A home tenant not in the world: T's entry for it is read all the same.
  auto unknown_home = [&](bool service_provider) {
    WorldBuilder w;
    w.tenant(kT, "contoso.example").guest(kT, "gx", kX, "xu").site(kT, "site", {user_grant("gx")});
    w.partner(kT, kX, {{"isServiceProvider", service_provider ? "true" : "false"}});
    w.policy(kT, block_policy("p", users));
    return who(w.compile(), at(kT, "site"));
  };
  EXPECT_EQ(unknown_home(true), Lines{line(kX, "xu", "b2bCollaboration")});
  EXPECT_EQ(unknown_home(false), Lines{});
}

TEST(RulesR7, DirectConnectUsersOfAServiceProviderPartnerKeepTheirKind) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu").member(kH, "hd");
  w.partner(kT, kH, {{"isServiceProvider", "true"}, {"b2bDirectConnectInbound", allow_all()}});
  w.partner(kH, kT, {{"b2bDirectConnectOutbound", allow_all()}});
  w.guest(kT, "g", kH, "hu").site(kT, "site", {user_grant("g")});
  w.channel(kT, shared_channel("chan", {conversation_member("hd", kH)}));
  w.policy(kT, block_policy("p-dc", guest_types("b2bDirectConnectUser")));
  w.policy(kT, ca_policy("p-mfa", guest_types("b2bDirectConnectUser"), ca_apps({"All"}), {"mfa"}));  // no trust
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "chan")), Lines{});
  EXPECT_EQ(why(c, at(kH, "hd"), at(kT, "chan")), Lines{"b2bDirectConnect: ca-block@p-dc, ca-mfa-untrusted@p-mfa"});
  // Control: the policies for direct connect users do not touch the collaboration guest.
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kH, "hu", "b2bCollaboration")});
}

TEST(RulesR7_1, OnlyEnabledPoliciesBlock) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "u1").member(kT, "u2").site(kT, "site", {user_grant("u1"), user_grant("u2")});
  const std::string block = R"({"operator":"OR","builtInControls":["block"]})";
  w.policy(kT, raw_policy("p-off", "disabled", ca_users({"All"}), ca_apps({"All"}), block));
  w.policy(kT, raw_policy("p-report", "enabledForReportingButNotEnforced", ca_users({"All"}), ca_apps({"All"}), block));
  w.policy(kT, raw_policy("p-unknown", "somethingNew", ca_users({"All"}), ca_apps({"All"}), block));
  w.policy(kT, raw_policy("p-on", "Enabled", ca_users({"u2"}), ca_apps({"All"}), block));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kT, "u1", "internal")});
  EXPECT_EQ(why(c, at(kT, "u2"), at(kT, "site")), Lines{"internal: ca-block@p-on"});
}

TEST(RulesR7_1, APolicyAppliesOnlyToTheUsersAndAppsItIncludesAndDoesNotExclude) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "u1").member(kT, "u2").member(kT, "u3");
  const Lines all = {user_grant("u1"), user_grant("u2"), user_grant("u3")};
  w.application(kT, "app-a", "app-a", all).application(kT, "app-b", "app-b", all).application(kT, "app-c", "app-c", all);
  w.policy(kT, block_policy("p", ca_users({"u1", "u2"}, {"u2"}), ca_apps({"app-a", "app-b"}, {"app-b"})));
  const auto c = w.compile();
  // Only u1 (included, not excluded) on app-a (included, not excluded) is blocked.
  EXPECT_EQ(who(c, at(kT, "app-a")), (Lines{line(kT, "u2", "internal"), line(kT, "u3", "internal")}));
  for (const char* app : {"app-b", "app-c"})
    EXPECT_EQ(who(c, at(kT, app)),
              (Lines{line(kT, "u1", "internal"), line(kT, "u2", "internal"), line(kT, "u3", "internal")}))
        << app;
}

TEST(RulesR7_1, APolicyNarrowedBySignInConditionsOrExcludedRolesNeverBlocks) {
  struct Case {
    const char* name;
    std::string users;       // conditions.users
    std::string conditions;  // more conditions
  };
  const std::string all = ca_users({"All"});
  const std::vector<Case> narrowing = {
      {"client-apps", all, R"("clientAppTypes":["browser","mobileAppsAndDesktopClients"])"},
      {"locations-excluded", all, R"("locations":{"includeLocations":["All"],"excludeLocations":["AllTrusted"]})"},
      {"locations-named", all, R"("locations":{"includeLocations":["loc-1"],"excludeLocations":[]})"},
      {"platforms-excluded", all, R"("platforms":{"includePlatforms":["all"],"excludePlatforms":["iOS"]})"},
      {"platforms-named", all, R"("platforms":{"includePlatforms":["android"],"excludePlatforms":[]})"},
      {"sign-in-risk", all, R"("signInRiskLevels":["high"])"},
      {"user-risk", all, R"("userRiskLevels":["medium"])"},
      {"sp-risk", all, R"("servicePrincipalRiskLevels":["low"])"},
      {"insider-risk", all, R"("insiderRiskLevels":["elevated"])"},
      {"device-filter", all, R"("devices":{"deviceFilter":{"mode":"include","rule":"device.isCompliant -eq True"}})"},
      {"client-applications", all, R"("clientApplications":{"includeServicePrincipals":["sp-1"]})"},
      {"authentication-flows", all, R"("authenticationFlows":{"transferMethods":"deviceCodeFlow"})"},
      {"exclude-roles", R"({"includeUsers":["All"],"excludeRoles":["62e90394-69f5-4237-9190-012177145e10"]})", ""},
  };
  WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "u1");
  const std::string block = R"({"operator":"OR","builtInControls":["block"]})";
  for (const Case& c : narrowing) {
    w.application(kT, c.name, c.name, {user_grant("u1")});
    w.policy(kT, raw_policy(std::string("p-") + c.name, "enabled", c.users, ca_apps({c.name}), block, "null", c.conditions));
  }
  // Control: the same conditions in forms that do not narrow.
  w.application(kT, "plain", "plain", {user_grant("u1")});
  w.policy(kT, raw_policy("p-plain", "enabled", R"({"includeUsers":["All"],"excludeRoles":[]})", ca_apps({"plain"}), block,
                          "null",
                          R"("clientAppTypes":["all"],"locations":{"includeLocations":["All"],"excludeLocations":[]},)"
                          R"("platforms":{"includePlatforms":["all"],"excludePlatforms":[]},"signInRiskLevels":[],)"
                          R"("userRiskLevels":[],"servicePrincipalRiskLevels":[],"devices":null,)"
                          R"("clientApplications":null,"authenticationFlows":null)"));
  const auto compiled = w.compile();
  for (const Case& c : narrowing)
    EXPECT_EQ(who(compiled, at(kT, c.name)), Lines{line(kT, "u1", "internal")}) << c.name;
  EXPECT_EQ(why(compiled, at(kT, "u1"), at(kT, "plain")), Lines{"internal: ca-block@p-plain"});
}

// Every kind of principal in one world: internal u1, internal guest ig, hu's guest object g (B2B
// collaboration), hd (direct connect); the site grants u1, ig and g, the shared channel u1 and hd.
void every_kind_world(WorldBuilder& w) {
  three_tenants(w).member(kT, "u1").member(kT, "ig", R"("userType":"Guest")").member(kH, "hu").member(kH, "hd");
  w.guest(kT, "g", kH, "hu");
  allow_direct_connect(w, kT, kH);
  w.site(kT, "site", {user_grant("u1"), user_grant("ig"), user_grant("g")});
  w.channel(kT, shared_channel("chan", {conversation_member("u1", kT), conversation_member("hd", kH)}));
}

TEST(RulesR7_2, AllIncludesEveryPrincipal) {
  WorldBuilder w;
  every_kind_world(w);
  w.policy(kT, block_policy("p", ca_users({"All"})));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{});
  EXPECT_EQ(who(c, at(kT, "chan")), Lines{});
  EXPECT_EQ(why(c, at(kH, "hd"), at(kT, "chan")), Lines{"b2bDirectConnect: ca-block@p"});
}

TEST(RulesR7_2, GuestsOrExternalUsersIncludesEveryKindButInternal) {
  WorldBuilder w;
  every_kind_world(w);
  w.policy(kT, block_policy("p", ca_users({"GuestsOrExternalUsers"})));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kT, "u1", "internal")});
  EXPECT_EQ(who(c, at(kT, "chan")), Lines{line(kT, "u1", "internal")});
  EXPECT_EQ(why(c, at(kT, "ig"), at(kT, "site")), Lines{"internal: ca-block@p"});
}

TEST(RulesR7_2, UserIdsAndTransitiveGroupsIncludeThePrincipalsObjectInTheResourceTenant) {
  WorldBuilder w;
  three_tenants(w).member(kT, "u1").member(kT, "u2").member(kT, "u3");
  w.member(kH, "hu1").member(kH, "hu2").member(kH, "hu3");
  w.guest(kT, "g1", kH, "hu1").guest(kT, "g2", kH, "hu2").guest(kT, "g3", kH, "hu3");
  w.group(kT, "sub", {"u2", "g2"}).group(kT, "grp", {}, {"sub"});
  w.site(kT, "site", {user_grant("u1"), user_grant("u2"), user_grant("u3"), user_grant("g1"), user_grant("g2"),
                      user_grant("g3")});
  // hu3 is the home id of g3's user, not an object of T: it includes nobody.
  w.policy(kT, block_policy("p", object({{"includeUsers", strings({"u1", "g1", "hu3"})},
                                         {"includeGroups", strings({"grp"})}})));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), (Lines{line(kT, "u3", "internal"), line(kH, "hu3", "b2bCollaboration")}));
}

TEST(RulesR7_2, ADirectConnectUserHasNoUserObjectThatIdsOrGroupsCouldInclude) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu");
  w.group(kH, "hg", {"hu"});
  allow_direct_connect(w, kT, kH);
  w.guest(kT, "g", kH, "hu").group(kT, "tg", {"g"});
  w.site(kT, "site", {user_grant("g")});
  w.channel(kT, shared_channel("chan", {conversation_member("hu", kH)}));
  // hu's id at home, its home group, its guest object in T and a group of T holding that object.
  w.policy(kT, block_policy("p", object({{"includeUsers", strings({"hu", "g"})}, {"includeGroups", strings({"hg", "tg"})}})));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "chan")), Lines{line(kH, "hu", "b2bDirectConnect")});
  EXPECT_EQ(why(c, at(kH, "hu"), at(kT, "site")), Lines{"b2bCollaboration: ca-block@p"});  // control: g is included
}

TEST(RulesR7_2, GuestOrExternalUserTypesSelectTheKind) {
  WorldBuilder w;
  every_kind_world(w);
  w.policy(kT, block_policy("p", ca_guests("internalGuest,b2bDirectConnectUser")));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), (Lines{line(kT, "u1", "internal"), line(kH, "hu", "b2bCollaboration")}));
  EXPECT_EQ(who(c, at(kT, "chan")), Lines{line(kT, "u1", "internal")});
  EXPECT_EQ(why(c, at(kT, "ig"), at(kT, "site")), Lines{"internal: ca-block@p"});
}

TEST(RulesR7_2, EnumeratedExternalTenantsIncludeOnlyTheListedHomeTenants) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu").member(kH2, "lu");
  w.guest(kT, "g1", kH, "hu").guest(kT, "g2", kH2, "lu").guest(kT, "gx", kX, "xu").guest(kT, "gu", "", "");
  w.site(kT, "site", {user_grant("g1"), user_grant("g2"), user_grant("gx"), user_grant("gu")});
  w.policy(kT, block_policy("p", ca_guests("b2bCollaborationGuest", {kH, kX})));
  const auto c = w.compile();
  // kX is not in the world but known by id; an unlinked user's home is unknown: never in an enumerated include.
  EXPECT_EQ(who(c, at(kT, "site")),
            (Lines{line(kT, "gu", "b2bCollaboration unlinked"), line(kH2, "lu", "b2bCollaboration")}));
  EXPECT_EQ(why(c, at(kX, "xu"), at(kT, "site")), Lines{"b2bCollaboration: ca-block@p"});
}

TEST(RulesR7_2, AbsentExternalTenantsMeansAllTenantsAndUnmodelledKindsIncludeNobody) {
  WorldBuilder w;
  every_kind_world(w);
  w.policy(kT, block_policy("p-dc", R"({"includeGuestsOrExternalUsers":{"guestOrExternalUserTypes":"b2bDirectConnectUser"}})"));
  w.policy(kT, block_policy("p-none", ca_guests("otherExternalUser,serviceProvider")));
  const auto c = w.compile();
  EXPECT_EQ(why(c, at(kH, "hd"), at(kT, "chan")), Lines{"b2bDirectConnect: ca-block@p-dc"});
  EXPECT_EQ(who(c, at(kT, "site")),
            (Lines{line(kT, "ig", "internal"), line(kT, "u1", "internal"), line(kH, "hu", "b2bCollaboration")}));
}

TEST(RulesR7_2, AnEnumeratedListIncludesADirectConnectUserByItsHomeTenant) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example");
  w.partner(kT, kX, {{"b2bDirectConnectInbound", allow_all()}});
  w.partner(kT, kY, {{"b2bDirectConnectInbound", allow_all()}});
  w.channel(kT, shared_channel("chan", {conversation_member("xu", kX), conversation_member("yu", kY)}));
  w.policy(kT, block_policy("p", ca_guests("b2bDirectConnectUser", {kX})));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "chan")), Lines{line(kY, "yu", "b2bDirectConnect")});
  EXPECT_EQ(why(c, at(kX, "xu"), at(kT, "chan")), Lines{"b2bDirectConnect: ca-block@p"});
}

TEST(RulesR7_2, AnInternalGuestIgnoresExternalTenants) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "u1").member(kT, "ig", R"("userType":"Guest")");
  w.site(kT, "site", {user_grant("u1"), user_grant("ig")});
  w.policy(kT, block_policy("p", ca_guests("internalGuest", {kH})));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kT, "u1", "internal")});
}

TEST(RulesR7_2, IncludeRolesIncludesNobody) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "u1").site(kT, "site", {user_grant("u1")});
  w.policy(kT, block_policy("p-roles", R"({"includeUsers":[],"includeRoles":["62e90394-69f5-4237-9190-012177145e10"]})"));
  w.policy(kT, block_policy("p-none", R"({"includeUsers":["None"]})"));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kT, "u1", "internal")});
}

TEST(RulesR7_2, ExclusionMirrorsInclusion) {
  WorldBuilder w;
  three_tenants(w).member(kT, "u1").member(kT, "u2").member(kT, "u3").member(kH, "hu").member(kH2, "lu");
  w.guest(kT, "g1", kH, "hu").guest(kT, "g2", kH2, "lu").guest(kT, "gu", "", "");
  w.group(kT, "esub", {"u3"}).group(kT, "eg", {}, {"esub"});
  w.site(kT, "site", {user_grant("u1"), user_grant("u2"), user_grant("u3"), user_grant("g1"), user_grant("g2"),
                      user_grant("gu")});
  w.policy(kT, block_policy("p", object({{"includeUsers", strings({"All"})},
                                         {"excludeUsers", strings({"u2"})},
                                         {"excludeGroups", strings({"eg"})},
                                         {"excludeGuestsOrExternalUsers",
                                          object({{"guestOrExternalUserTypes", quote("b2bCollaborationGuest")},
                                                  {"externalTenants", object({{"membershipKind", quote("enumerated")},
                                                                              {"members", strings({kH})}})}})}})));
  const auto c = w.compile();
  // u1 and lu (home kH2, not listed) stay blocked; an unknown home always matches an enumerated exclude.
  EXPECT_EQ(who(c, at(kT, "site")), (Lines{line(kT, "gu", "b2bCollaboration unlinked"), line(kT, "u2", "internal"),
                                           line(kT, "u3", "internal"), line(kH, "hu", "b2bCollaboration")}));
  EXPECT_EQ(why(c, at(kH2, "lu"), at(kT, "site")), Lines{"b2bCollaboration: ca-block@p"});
}

TEST(RulesR7_2, GuestsOrExternalUsersExcludesEveryKindButInternal) {
  WorldBuilder w;
  every_kind_world(w);
  w.policy(kT, block_policy("p", ca_users({"All"}, {"GuestsOrExternalUsers"})));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), (Lines{line(kT, "ig", "internal"), line(kH, "hu", "b2bCollaboration")}));
  EXPECT_EQ(who(c, at(kT, "chan")), Lines{line(kH, "hd", "b2bDirectConnect")});
}

// T's internal u1 and the guest objects of hu (kH) and lu (kH2), all granted the site, under a block policy whose
// users are b2bCollaborationGuest with this externalTenants (JSON text; nullopt leaves the property out):
// included (includeGuestsOrExternalUsers) or, with `exclude`, excluded from All (excludeGuestsOrExternalUsers).
Lines external_tenants_who(const std::optional<std::string>& external_tenants, bool exclude) {
  std::string guests = R"({"guestOrExternalUserTypes":"b2bCollaborationGuest")";
  if (external_tenants) guests += ",\"externalTenants\":" + *external_tenants;
  guests += "}";
  const std::string users = exclude ? object({{"includeUsers", strings({"All"})}, {"excludeGuestsOrExternalUsers", guests}})
                                    : object({{"includeUsers", "[]"}, {"includeGuestsOrExternalUsers", guests}});
  WorldBuilder w;
  three_tenants(w).member(kT, "u1").member(kH, "hu").member(kH2, "lu");
  w.guest(kT, "g1", kH, "hu").guest(kT, "g2", kH2, "lu");
  w.site(kT, "site", {user_grant("u1"), user_grant("g1"), user_grant("g2")});
  w.policy(kT, block_policy("p", users));
  return who(w.compile(), at(kT, "site"));
}

struct ExternalTenantsCase {
  const char* name;
  std::optional<std::string> external_tenants;
  Lines included;  // who reaches when the guests are included
  Lines excluded;  // who reaches when they are excluded from All
};

const std::string kU1 = line(kT, "u1", "internal");
const std::string kHu = line(kH, "hu", "b2bCollaboration");
const std::string kLu = line(kH2, "lu", "b2bCollaboration");
const std::string kAllTenantsType = "#microsoft.graph.conditionalAccessAllExternalTenants";
const std::string kEnumeratedTenantsType = "#microsoft.graph.conditionalAccessEnumeratedExternalTenants";

void check_external_tenants(const std::vector<ExternalTenantsCase>& cases) {
  for (const ExternalTenantsCase& c : cases) {
    EXPECT_EQ(external_tenants_who(c.external_tenants, false), c.included) << c.name << " (include)";
    EXPECT_EQ(external_tenants_who(c.external_tenants, true), c.excluded) << c.name << " (exclude)";
  }
}

TEST(RulesR7_2, TheKindOfExternalTenantsIsItsMembershipKindElseItsODataType) {
  const std::string members = strings({kH});
  check_external_tenants({
      {"@odata.type all", object({{"@odata.type", quote(kAllTenantsType)}}), {kU1}, {kHu, kLu}},
      {"@odata.type all, other case", R"({"@odata.type":"#Microsoft.Graph.ConditionalAccessALLExternalTenants"})",
       {kU1}, {kHu, kLu}},
      {"@odata.type enumerated", object({{"@odata.type", quote(kEnumeratedTenantsType)}, {"members", members}}),
       {kU1, kLu}, {kHu}},
      {"membershipKind enumerated over @odata.type all",
       object({{"membershipKind", quote("Enumerated")}, {"@odata.type", quote(kAllTenantsType)}, {"members", members}}),
       {kU1, kLu}, {kHu}},
      {"membershipKind all over @odata.type enumerated",
       object({{"@odata.type", quote(kEnumeratedTenantsType)}, {"membershipKind", quote("all")}, {"members", members}}),
       {kU1}, {kHu, kLu}},
  });
}

TEST(RulesR7_2, AnExternalTenantsKindThatCannotBeDecidedIncludesNobodyAndExcludesEveryone) {
  const std::string members = strings({kH});
  check_external_tenants({
      {"membershipKind unknownFutureValue", object({{"membershipKind", quote("unknownFutureValue")}, {"members", members}}),
       {kU1, kHu, kLu}, {kHu, kLu}},
      {"membershipKind unknownFutureValue over @odata.type all",
       object({{"membershipKind", quote("unknownFutureValue")}, {"@odata.type", quote(kAllTenantsType)}}),
       {kU1, kHu, kLu}, {kHu, kLu}},
      {"unknown @odata.type",
       object({{"@odata.type", quote("#microsoft.graph.conditionalAccessFutureExternalTenants")}, {"members", members}}),
       {kU1, kHu, kLu}, {kHu, kLu}},
      {"members without a kind", object({{"members", members}}), {kU1, kHu, kLu}, {kHu, kLu}},
  });
}

TEST(RulesR7_2, NullOrAbsentExternalTenantsMeansAllTenantsButAnEmptyObjectCannotBeDecided) {
  check_external_tenants({
      {"absent", std::nullopt, {kU1}, {kHu, kLu}},
      {"null", std::string("null"), {kU1}, {kHu, kLu}},
      {"{}", std::string("{}"), {kU1, kHu, kLu}, {kHu, kLu}},
  });
}

// One user per policy, each granted an Office365 site and the applications app-a and app-b.
graph::CompiledWorld app_condition_world() {
  WorldBuilder w;
  w.tenant(kT, "contoso.example");
  const std::vector<std::pair<std::string, std::string>> policies = {
      {"u-all", ca_apps({"All"})},
      {"u-o365", ca_apps({"Office365"})},
      {"u-app", ca_apps({"app-a"})},
      {"u-keywords", ca_apps({"None", "MicrosoftAdminPortals", "AllApplications"})},
      {"u-not-o365", ca_apps({"All"}, {"Office365"})},
      {"u-not-app", ca_apps({"All"}, {"app-a"})},
      {"u-not-keyword", ca_apps({"All"}, {"None"})},
  };
  std::vector<std::string> grants;
  for (const auto& [user, apps] : policies) {
    w.member(kT, user);
    grants.push_back(user_grant(user));
    w.policy(kT, block_policy("p-" + user, ca_users({user}), apps));
  }
  w.site(kT, "site", grants).application(kT, "app-a", "app-a", grants).application(kT, "app-b", "app-b", grants);
  return w.compile();
}

TEST(RulesR7_3, AllIncludesEveryApp) {
  EXPECT_EQ(what(app_condition_world(), at(kT, "u-all")), Lines{});
}

TEST(RulesR7_3, Office365IncludesTheOffice365ResourcesOnly) {
  EXPECT_EQ(what(app_condition_world(), at(kT, "u-o365")),
            (Lines{line(kT, "app-a", "internal"), line(kT, "app-b", "internal")}));
}

TEST(RulesR7_3, AnAppIdIncludesThatApp) {
  EXPECT_EQ(what(app_condition_world(), at(kT, "u-app")),
            (Lines{line(kT, "app-b", "internal"), line(kT, "site", "internal")}));
}

TEST(RulesR7_3, OtherKeywordsIncludeNoApp) {
  EXPECT_EQ(what(app_condition_world(), at(kT, "u-keywords")),
            (Lines{line(kT, "app-a", "internal"), line(kT, "app-b", "internal"), line(kT, "site", "internal")}));
}

TEST(RulesR7_3, ExclusionMirrorsInclusion) {
  const auto c = app_condition_world();
  EXPECT_EQ(what(c, at(kT, "u-not-o365")), Lines{line(kT, "site", "internal")});
  EXPECT_EQ(what(c, at(kT, "u-not-app")), Lines{line(kT, "app-a", "internal")});
  EXPECT_EQ(what(c, at(kT, "u-not-keyword")), Lines{});
}

// R7.3 is silent on suite app ids (SharePoint, Exchange, Teams) in CA lists; docs/DECISIONS.md resolves them by
// R0 as R4.3 does: never an include, always an exclude, for an Office365 resource.
TEST(RulesR7_3, ASuiteAppIdNeverIncludesButAlwaysExcludesAnOffice365Resource) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "u-inc").member(kT, "u-exc");
  w.site(kT, "site", {user_grant("u-inc"), user_grant("u-exc")});
  w.application(kT, "app-a", "app-a", {user_grant("u-inc"), user_grant("u-exc")});
  w.policy(kT, block_policy("p-inc", ca_users({"u-inc"}), ca_apps({kSharePointApp})));
  w.policy(kT, block_policy("p-exc", ca_users({"u-exc"}), ca_apps({"All"}, {kSharePointApp})));
  const auto c = w.compile();
  EXPECT_EQ(what(c, at(kT, "u-inc")), (Lines{line(kT, "app-a", "internal"), line(kT, "site", "internal")}));
  EXPECT_EQ(what(c, at(kT, "u-exc")), Lines{line(kT, "site", "internal")});
}

TEST(RulesR7_3, Office365IncludesAndExcludesResourcesWithASuiteAppId) {
  const std::string teams = "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe";
  const std::string exchange = "00000002-0000-0ff1-ce00-000000000000";
  WorldBuilder w;
  w.tenant(kT, "contoso.example");
  const std::vector<std::pair<std::string, std::string>> policies = {
      {"u-inc", ca_apps({"Office365"})},
      {"u-exc", ca_apps({"All"}, {"Office365"})},
      {"u-sp", ca_apps({kSharePointApp})},           // sp-site's own app id: a decidable match
      {"u-not-exchange", ca_apps({"All"}, {exchange})},  // decidably not sp-site's or teams-app's app
  };
  std::vector<std::string> grants;
  for (const auto& [user, apps] : policies) {
    w.member(kT, user);
    grants.push_back(user_grant(user));
    w.policy(kT, block_policy("p-" + user, ca_users({user}), apps));
  }
  w.site(kT, "sp-site", grants, kSharePointApp);
  w.application(kT, "teams-app", teams, grants).application(kT, "app-a", "app-a", grants);
  const auto c = w.compile();
  EXPECT_EQ(what(c, at(kT, "u-inc")), Lines{line(kT, "app-a", "internal")});
  EXPECT_EQ(why(c, at(kT, "u-inc"), at(kT, "sp-site")), Lines{"internal: ca-block@p-u-inc"});
  EXPECT_EQ(what(c, at(kT, "u-exc")), (Lines{line(kT, "sp-site", "internal"), line(kT, "teams-app", "internal")}));
  EXPECT_EQ(what(c, at(kT, "u-sp")), (Lines{line(kT, "app-a", "internal"), line(kT, "teams-app", "internal")}));
  EXPECT_EQ(what(c, at(kT, "u-not-exchange")), Lines{});
}

// One policy "p" for all users and apps with the given grant and session controls; T trusts kH as `trust`
// says (its partner entry's inboundTrust). The verdicts of an internal user (u1 on the site), a B2B
// collaboration user (hc through guest object g, on the site) and a direct connect user (hd, on the channel).
Lines control_verdicts(const std::string& grant, const std::string& trust = "null", const std::string& session = "null") {
  WorldBuilder w;
  three_tenants(w).member(kT, "u1").member(kH, "hc").member(kH, "hd");
  w.guest(kT, "g", kH, "hc");
  w.partner(kT, kH, {{"b2bDirectConnectInbound", allow_all()}, {"inboundTrust", trust}});
  w.partner(kH, kT, {{"b2bDirectConnectOutbound", allow_all()}});
  w.site(kT, "site", {user_grant("u1"), user_grant("g")});
  w.channel(kT, shared_channel("chan", {conversation_member("hd", kH)}));
  w.policy(kT, raw_policy("p", "enabled", ca_users({"All"}), ca_apps({"All"}), grant, session));
  const auto c = w.compile();
  return {verdict(c, at(kT, "u1"), at(kT, "site")), verdict(c, at(kH, "hc"), at(kT, "site")),
          verdict(c, at(kH, "hd"), at(kT, "chan"))};
}

std::string grant(const std::vector<std::string>& controls, std::string_view op = "OR") {
  return object({{"operator", quote(op)}, {"builtInControls", strings(controls)}});
}

const std::string kTrustNone = R"({"isMfaAccepted":false,"isCompliantDeviceAccepted":false,"isHybridAzureADJoinedDeviceAccepted":false})";
const std::string kTrustAll = R"({"isMfaAccepted":true,"isCompliantDeviceAccepted":true,"isHybridAzureADJoinedDeviceAccepted":true})";

TEST(RulesR7_4, BlockIsNeverSatisfiable) {
  EXPECT_EQ(control_verdicts(grant({"block"}), kTrustAll),
            (Lines{"internal: ca-block@p", "b2bCollaboration: ca-block@p", "b2bDirectConnect: ca-block@p"}));
}

TEST(RulesR7_4, MfaIsSatisfiableExceptForDirectConnectWithoutTrust) {
  EXPECT_EQ(control_verdicts(grant({"mfa"}), kTrustNone),
            (Lines{"internal: allowed", "b2bCollaboration: allowed", "b2bDirectConnect: ca-mfa-untrusted@p"}));
  EXPECT_EQ(control_verdicts(grant({"mfa"}), R"({"isMfaAccepted":true})"),
            (Lines{"internal: allowed", "b2bCollaboration: allowed", "b2bDirectConnect: allowed"}));
}

TEST(RulesR7_4, AnAuthenticationStrengthCountsAsMfa) {
  const std::string strength =
      R"({"operator":"OR","builtInControls":[],"authenticationStrength":{"id":"00000000-0000-0000-0000-000000000002"}})";
  EXPECT_EQ(control_verdicts(strength, kTrustNone),
            (Lines{"internal: allowed", "b2bCollaboration: allowed", "b2bDirectConnect: ca-mfa-untrusted@p"}));
  EXPECT_EQ(control_verdicts(strength, R"({"isMfaAccepted":true})"),
            (Lines{"internal: allowed", "b2bCollaboration: allowed", "b2bDirectConnect: allowed"}));
}

TEST(RulesR7_4, ACompliantDeviceNeedsTrustForExternalUsers) {
  EXPECT_EQ(control_verdicts(grant({"compliantDevice"}), kTrustNone),
            (Lines{"internal: allowed", "b2bCollaboration: ca-device-untrusted@p",
                   "b2bDirectConnect: ca-device-untrusted@p"}));
  EXPECT_EQ(control_verdicts(grant({"compliantDevice"}), R"({"isCompliantDeviceAccepted":true})"),
            (Lines{"internal: allowed", "b2bCollaboration: allowed", "b2bDirectConnect: allowed"}));
}

TEST(RulesR7_4, ADomainJoinedDeviceNeedsHybridJoinTrustForExternalUsers) {
  EXPECT_EQ(control_verdicts(grant({"domainJoinedDevice"}), R"({"isCompliantDeviceAccepted":true})"),
            (Lines{"internal: allowed", "b2bCollaboration: ca-device-untrusted@p",
                   "b2bDirectConnect: ca-device-untrusted@p"}));
  EXPECT_EQ(control_verdicts(grant({"domainJoinedDevice"}), R"({"isHybridAzureADJoinedDeviceAccepted":true})"),
            (Lines{"internal: allowed", "b2bCollaboration: allowed", "b2bDirectConnect: allowed"}));
}

TEST(RulesR7_4, ApprovedAndCompliantApplicationsAreForInternalUsersOnly) {
  for (const char* control : {"approvedApplication", "compliantApplication"}) {
    EXPECT_EQ(control_verdicts(grant({control}), kTrustAll),
              (Lines{"internal: allowed", "b2bCollaboration: ca-unsupported-control@p",
                     "b2bDirectConnect: ca-unsupported-control@p"}))
        << control;
  }
}

TEST(RulesR7_4, PasswordChangeAndUnknownControlsAreSatisfiable) {
  for (const char* control : {"passwordChange", "someFutureControl"}) {
    EXPECT_EQ(control_verdicts(grant({control}, "AND"), kTrustNone),
              (Lines{"internal: allowed", "b2bCollaboration: allowed", "b2bDirectConnect: allowed"}))
        << control;
  }
}

TEST(RulesR7_4, TermsOfUseIsUnsatisfiableForDirectConnectOnly) {
  EXPECT_EQ(control_verdicts(R"({"operator":"OR","builtInControls":[],"termsOfUse":["tou-1"]})", kTrustAll),
            (Lines{"internal: allowed", "b2bCollaboration: allowed", "b2bDirectConnect: ca-unsupported-control@p"}));
  // An empty termsOfUse list is no control: nothing is left to satisfy.
  EXPECT_EQ(control_verdicts(R"({"operator":"OR","builtInControls":[],"termsOfUse":[]})", kTrustNone),
            (Lines{"internal: allowed", "b2bCollaboration: allowed", "b2bDirectConnect: allowed"}));
}

TEST(RulesR7_4, AndNeedsEveryControlOrNeedsOneAndAMissingOperatorIsOr) {
  // Trust: MFA only. Collaboration satisfies mfa but not compliantDevice; direct connect the same.
  const std::string mfa_only = R"({"isMfaAccepted":true})";
  EXPECT_EQ(control_verdicts(grant({"mfa", "compliantDevice"}, "AND"), mfa_only),
            (Lines{"internal: allowed", "b2bCollaboration: ca-device-untrusted@p",
                   "b2bDirectConnect: ca-device-untrusted@p"}));
  EXPECT_EQ(control_verdicts(grant({"mfa", "compliantDevice"}, "OR"), mfa_only),
            (Lines{"internal: allowed", "b2bCollaboration: allowed", "b2bDirectConnect: allowed"}));
  EXPECT_EQ(control_verdicts(R"({"builtInControls":["mfa","compliantDevice"]})", mfa_only),
            (Lines{"internal: allowed", "b2bCollaboration: allowed", "b2bDirectConnect: allowed"}));
  // OR with no satisfiable control refuses.
  EXPECT_EQ(control_verdicts(grant({"approvedApplication", "compliantDevice"}, "OR"), mfa_only),
            (Lines{"internal: allowed", "b2bCollaboration: ca-device-untrusted@p",
                   "b2bDirectConnect: ca-device-untrusted@p"}));
}

TEST(RulesR7_4, NoGrantControlsIsSatisfied) {
  EXPECT_EQ(control_verdicts("null", kTrustNone),
            (Lines{"internal: allowed", "b2bCollaboration: allowed", "b2bDirectConnect: allowed"}));
  EXPECT_EQ(control_verdicts(grant({}), kTrustNone),
            (Lines{"internal: allowed", "b2bCollaboration: allowed", "b2bDirectConnect: allowed"}));
}

TEST(RulesR7_4, SessionControlsNeverMakeAPolicyUnsatisfiable) {
  const std::vector<std::string> sessions = {
      R"({"signInFrequency":{"value":1,"type":"hours","isEnabled":true}})",
      R"({"persistentBrowser":{"mode":"never","isEnabled":true}})",
      R"({"applicationEnforcedRestrictions":{"isEnabled":true}})",
      R"({"cloudAppSecurity":{"cloudAppSecurityType":"monitorOnly","isEnabled":true}})",
  };
  for (const std::string& session : sessions) {
    // Without grant controls, and with a grant every path can satisfy, nobody is refused.
    EXPECT_EQ(control_verdicts("null", kTrustNone, session),
              (Lines{"internal: allowed", "b2bCollaboration: allowed", "b2bDirectConnect: allowed"}))
        << session;
    EXPECT_EQ(control_verdicts(grant({"mfa"}), kTrustAll, session),
              (Lines{"internal: allowed", "b2bCollaboration: allowed", "b2bDirectConnect: allowed"}))
        << session;
  }
  // termsOfUse is still a grant control direct connect users cannot satisfy, session controls or not.
  const std::string terms = R"({"operator":"OR","builtInControls":[],"termsOfUse":["tou"]})";
  EXPECT_EQ(control_verdicts(terms, kTrustAll, sessions[0]),
            (Lines{"internal: allowed", "b2bCollaboration: allowed", "b2bDirectConnect: ca-unsupported-control@p"}));
}

TEST(RulesR7_4, TrustIsTheResourceTenantsEntryForTheHomeTenant) {
  WorldBuilder w;
  two_guests_world(w);  // hu of kH and lu of kH2, each with a guest object granted the site
  w.default_settings(kT, {{"inboundTrust", R"({"isCompliantDeviceAccepted":false})"}});
  w.partner(kT, kH, {{"inboundTrust", R"({"isCompliantDeviceAccepted":true})"}});
  // kH2's own entry for T trusting devices is the wrong direction: it does not count.
  w.partner(kH2, kT, {{"inboundTrust", R"({"isCompliantDeviceAccepted":true})"}});
  w.policy(kT, ca_policy("p", ca_users({"All"}), ca_apps({"All"}), {"compliantDevice"}));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "site")), Lines{line(kH, "hu", "b2bCollaboration")});
  EXPECT_EQ(why(c, at(kH2, "lu"), at(kT, "site")), Lines{"b2bCollaboration: ca-device-untrusted@p"});
}

TEST(RulesR7_4, TrustForAHomeTenantNotInTheWorldIsItsPartnerEntry) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example");
  w.partner(kT, kX, {{"b2bDirectConnectInbound", allow_all()}, {"inboundTrust", R"({"isMfaAccepted":true})"}});
  w.partner(kT, kY, {{"b2bDirectConnectInbound", allow_all()}});
  w.channel(kT, shared_channel("chan", {conversation_member("xu", kX), conversation_member("yu", kY)}));
  w.policy(kT, ca_policy("p", ca_guests("b2bDirectConnectUser"), ca_apps({"All"}), {"mfa"}));
  const auto c = w.compile();
  EXPECT_EQ(who(c, at(kT, "chan")), Lines{line(kX, "xu", "b2bDirectConnect")});
  EXPECT_EQ(why(c, at(kY, "yu"), at(kT, "chan")), Lines{"b2bDirectConnect: ca-mfa-untrusted@p"});
}

TEST(RulesR7_4, AServiceProviderGuestsControlsAreJudgedInTheCollaborationColumn) {
  // hu is a guest of a service-provider partner (R7); the policy covers every user; T trusts nothing from kH.
  auto verdict_of = [](const std::vector<std::string>& controls, const std::string& trust = kTrustNone) {
    return verdict(service_provider_world(ca_users({"All"}), "true", "", controls, trust), at(kH, "hu"),
                   at(kT, "site"));
  };
  // Unlike direct connect: MFA is done in T, terms of use can be accepted.
  EXPECT_EQ(verdict_of({"mfa"}), "b2bCollaboration: allowed");
  EXPECT_EQ(verdict_of({"passwordChange"}), "b2bCollaboration: allowed");
  EXPECT_EQ(verdict(service_provider_world(R"({"includeUsers":["All"]})", "true", "", {}, kTrustNone), at(kH, "hu"),
                    at(kT, "site")),
            "b2bCollaboration: allowed");
  // Unlike internal users: devices need trust, app protection is out of reach.
  EXPECT_EQ(verdict_of({"compliantDevice"}), "b2bCollaboration: ca-device-untrusted@p");
  EXPECT_EQ(verdict_of({"compliantDevice"}, R"({"isCompliantDeviceAccepted":true})"), "b2bCollaboration: allowed");
  EXPECT_EQ(verdict_of({"approvedApplication"}, kTrustAll), "b2bCollaboration: ca-unsupported-control@p");
}

TEST(RulesR7_4, TermsOfUseAreSatisfiableByAServiceProviderGuest) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu").guest(kT, "g", kH, "hu").site(kT, "site", {user_grant("g")});
  w.partner(kT, kH, {{"isServiceProvider", "true"}});
  w.policy(kT, raw_policy("p", "enabled", ca_users({"All"}), ca_apps({"All"}),
                          R"({"operator":"OR","builtInControls":[],"termsOfUse":["tou-1"]})"));
  w.policy(kT, raw_policy("p-app", "enabled", ca_users({"All"}), ca_apps({"All"}),
                          R"({"operator":"AND","builtInControls":["mfa","compliantApplication"]})"));
  const auto c = w.compile();
  EXPECT_EQ(why(c, at(kH, "hu"), at(kT, "site")), Lines{"b2bCollaboration: ca-unsupported-control@p-app"});
}

// =============================================================================================================
// R8 — Denial reasons
// =============================================================================================================

TEST(RulesR8, ARefusedPathNamesEveryAccountAndSettingsReason) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu", R"("accountEnabled":false)");
  w.guest(kT, "g", kH, "hu", R"("accountEnabled":false)").site(kT, "site", {user_grant("g")});
  w.partner(kH, kT, {{"b2bCollaborationOutbound", block_all()}});
  w.partner(kT, kH, {{"b2bCollaborationInbound", block_all()}});
  const auto c = w.compile();
  EXPECT_EQ(why(c, at(kH, "hu"), at(kT, "site")),
            Lines{"b2bCollaboration: account-disabled, home-account-disabled, inbound-blocked, outbound-blocked"});
}

TEST(RulesR8, ConditionalAccessReasonsCarryThePolicyId) {
  WorldBuilder w;
  three_tenants(w).member(kH, "hu");
  allow_direct_connect(w, kT, kH);  // no trust
  w.channel(kT, shared_channel("chan", {conversation_member("hu", kH)}));
  const std::string dc = ca_guests("b2bDirectConnectUser");
  w.policy(kT, ca_policy("Pol-Block", dc, ca_apps({"All"}), {"block"}));  // ids are printed lower-case
  w.policy(kT, ca_policy("pol-mfa", dc, ca_apps({"All"}), {"mfa"}));
  w.policy(kT, ca_policy("pol-device", dc, ca_apps({"All"}), {"compliantDevice"}));
  w.policy(kT, raw_policy("pol-tou", "enabled", dc, ca_apps({"All"}), R"({"operator":"OR","termsOfUse":["tou-1"]})"));
  w.policy(kT, ca_policy("pol-ok", dc, ca_apps({"All"}), {"passwordChange"}));  // satisfiable: not named
  const auto c = w.compile();
  EXPECT_EQ(why(c, at(kH, "hu"), at(kT, "chan")),
            Lines{"b2bDirectConnect: ca-block@pol-block, ca-device-untrusted@pol-device, ca-mfa-untrusted@pol-mfa, "
                  "ca-unsupported-control@pol-tou"});
}

TEST(RulesR8, APolicyWithoutIdIsNamedByItsIndexCountedFromZero) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "u1").member(kT, "u2").site(kT, "site", {user_grant("u1"), user_grant("u2")});
  w.policy(kT, ca_policy("p0", ca_users({"u1"}), ca_apps({"All"}), {"mfa"}));  // satisfiable
  w.policy(kT, block_policy("", ca_users({"u1"})));
  w.policy(kT, block_policy("", ca_users({"u2"})));
  const auto c = w.compile();
  EXPECT_EQ(why(c, at(kT, "u1"), at(kT, "site")), Lines{"internal: ca-block@#1"});
  EXPECT_EQ(why(c, at(kT, "u2"), at(kT, "site")), Lines{"internal: ca-block@#2"});
}

TEST(RulesR8, GuestInSharedChannelNotInternalMemberAndNotGranted) {
  WorldBuilder w;
  three_tenants(w).member(kT, "u1").member(kT, "ig", R"("userType":"Guest")").member(kT, "u9");
  w.guest(kH, "hx", "", "");
  allow_direct_connect(w, kT, kH);
  w.channel(kT, shared_channel("chan", {conversation_member("u1", kT), conversation_member("ig", kT),
                                        conversation_member("hx", kH)}));
  const auto c = w.compile();
  EXPECT_EQ(why(c, at(kT, "ig"), at(kT, "chan")), Lines{"internal: guest-in-shared-channel"});
  EXPECT_EQ(why(c, at(kH, "hx"), at(kT, "chan")), Lines{"b2bDirectConnect: not-internal-member"});
  // u9 has a user object in T that is not in the grants: one refused path, not-granted.
  EXPECT_EQ(why(c, at(kT, "u9"), at(kT, "chan")), Lines{"internal: not-granted"});
}

TEST(RulesR8, AUserWithNoWayInGetsOneNotGrantedPath) {
  WorldBuilder w;
  three_tenants(w).member(kT, "u1").member(kH, "hu").site(kT, "site", {user_grant("u1")});
  const auto c = w.compile();
  const auto explanation = graph::explain(c, at(kH, "hu"), graph::find_resource(c, at(kT, "site")));
  EXPECT_FALSE(explanation.reachable);
  ASSERT_EQ(explanation.paths.size(), 1u);
  EXPECT_FALSE(explanation.paths[0].allowed);
  ASSERT_EQ(explanation.paths[0].reasons.size(), 1u);
  EXPECT_EQ(explanation.paths[0].reasons[0].code, "not-granted");
  EXPECT_EQ(explanation.paths[0].reasons[0].policy_id, "");
}

TEST(RulesR8, OnlyConditionalAccessReasonsHaveAPolicyIdInTheJson) {
  WorldBuilder w;
  w.tenant(kT, "contoso.example").member(kT, "u1", R"("accountEnabled":false)").site(kT, "site", {user_grant("u1")});
  w.policy(kT, block_policy("p-block", ca_users({"All"})));
  const auto c = w.compile();
  const auto json =
      testing::parse_json(graph::to_json(graph::explain(c, at(kT, "u1"), graph::find_resource(c, at(kT, "site")))));
  using Object = testing::JsonValue::Object;
  using Array = testing::JsonValue::Array;
  const auto& paths = std::get<Array>(std::get<Object>(json.value).at("paths").value);
  ASSERT_EQ(paths.size(), 1u);
  std::vector<std::string> reasons;
  for (const auto& reason : std::get<Array>(std::get<Object>(paths[0].value).at("reasons").value)) {
    const auto& fields = std::get<Object>(reason.value);
    std::string text = std::get<std::string>(fields.at("code").value);
    if (fields.count("policyId")) text += "@" + std::get<std::string>(fields.at("policyId").value);
    reasons.push_back(text);
  }
  std::sort(reasons.begin(), reasons.end());
  EXPECT_EQ(reasons, (Lines{"account-disabled", "ca-block@p-block"}));
}

}  // namespace
}  // namespace tenantreach

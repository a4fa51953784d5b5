// Cross-tenant synchronization projection (spec §9, R9.1-R9.3; ingest of §1.8; the sync-plan command of R10).
// Most tests build small worlds in memory and run core::derive, as ingest does.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/derive.hpp"
#include "core/ingest.hpp"
#include "core/model.hpp"
#include "core/sync_plan.hpp"
#include "graph/compiled_world.hpp"
#include "graph/sync_plan_render.hpp"
#include "serialization/snapshot.hpp"
#include "serialization/source.hpp"
#include "support/fixtures.hpp"
#include "support/json_value.hpp"
#include "support/lasting_text.hpp"
#include "worldgen/world_writer.hpp"

namespace tenantreach::core {
namespace {

using testing::lasting_text;

namespace fs = std::filesystem;

const std::string kS = "11111111-1111-1111-1111-111111111111";  // source
const std::string kT = "22222222-2222-2222-2222-222222222222";  // target
const std::string kU = "33333333-3333-3333-3333-333333333333";  // a third tenant
const std::string kX = "99999999-9999-9999-9999-999999999999";  // never in a world

User internal_user(const std::string& id, bool enabled = true) {
  User user;
  user.id = lasting_text(id);
  user.user_principal_name = lasting_text(id + "@source.example");
  user.account_enabled = enabled;
  return user;
}

// An external user object linked by R5.1 (1) to (home_tenant, home_user).
User linked_guest(const std::string& id, const std::string& home_tenant, const std::string& home_user,
                  UserType type = UserType::Member) {
  User user;
  user.id = lasting_text(id);
  user.user_principal_name = lasting_text(id + "_source.example#EXT#@target.example");
  user.user_type = type;
  user.extras.edit().home_tenant_id = lasting_text(home_tenant);
  user.extras.edit().home_user_id = lasting_text(home_user);
  return user;
}

// A member by kind and id, added unresolved: derive() resolves it.
struct Member {
  MemberKind kind;
  std::string id;
};

Group group(const std::string& id, const std::vector<Member>& members) {
  Group g;
  g.id = lasting_text(id);
  for (const Member& member : members) g.add_unresolved(member.kind, lasting_text(member.id));
  return g;
}

Member user_member(const std::string& id) { return Member{MemberKind::User, id}; }
Member group_member(const std::string& id) { return Member{MemberKind::Group, id}; }

SyncJob assigned_job(const std::string& id, const std::string& target, std::vector<std::string> users,
                     std::vector<std::string> groups = {}) {
  SyncJob job;
  job.id = id;
  job.target_tenant_id = target;
  job.assigned_users = std::move(users);
  job.assigned_groups = std::move(groups);
  return job;
}

SyncJob all_job(const std::string& id, const std::string& target) {
  SyncJob job;
  job.id = id;
  job.target_tenant_id = target;
  job.scope_all = true;
  return job;
}

CrossTenantSettings partner(const std::string& tenant_id) {
  CrossTenantSettings settings;
  settings.tenant_id = tenant_id;
  return settings;
}

Tenant tenant(const std::string& id) {
  Tenant t;
  t.id = id;
  t.display_name = id.substr(0, 4);
  return t;
}

// S consents outbound in its default; T consents inbound in its default and allows sync from S in its partner
// entry for S (only a partner entry can, R9.1).
void allow_sync(Tenant& source, Tenant& target) {
  source.has_default_settings = true;
  source.default_settings.consent_outbound_allowed = true;
  target.has_default_settings = true;
  target.default_settings.consent_inbound_allowed = true;
  CrossTenantSettings entry;
  entry.tenant_id = source.id;
  entry.user_sync_inbound_allowed = true;
  target.partners = {entry};
}

World world_of(std::vector<Tenant> tenants) {
  World world;
  world.tenants = std::move(tenants);
  derive(world);
  return world;
}

const SyncJobPlan& only_job(const SyncPlan& plan) {
  EXPECT_EQ(plan.jobs.size(), 1u);
  return plan.jobs.at(0);
}

std::vector<std::string> created_ids(const SyncJobPlan& job) {
  std::vector<std::string> ids;
  for (const SyncCreate& create : job.to_create) ids.push_back(create.source_user_id);
  return ids;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

Pairs existing_pairs(const SyncJobPlan& job) {
  Pairs pairs;
  for (const SyncLink& link : job.existing) pairs.emplace_back(link.source_user_id, link.target_object_id);
  return pairs;
}

Pairs soft_delete_pairs(const SyncJobPlan& job) {
  Pairs pairs;
  for (const SyncLink& link : job.to_soft_delete) pairs.emplace_back(link.target_object_id, link.source_user_id);
  return pairs;
}

// A source with users a, b and a target, with an assigned job over both users; the caller sets the switches.
struct TwoTenants {
  Tenant source = tenant(kS);
  Tenant target = tenant(kT);
  TwoTenants() {
    source.users = {internal_user("a"), internal_user("b")};
    source.sync_jobs = {assigned_job("job1", kT, {"a", "b"})};
  }
  SyncPlan plan() { return plan_sync(world_of({source, target})); }
};

// ---- R9.1: active or not -------------------------------------------------------------------------------------

TEST(SyncPlanR9_1, ActiveWhenAllThreeSwitchesAreOn) {
  TwoTenants w;
  allow_sync(w.source, w.target);
  const SyncJobPlan job = only_job(w.plan());
  EXPECT_TRUE(job.active);
  EXPECT_TRUE(job.inactive_reason.empty());
  EXPECT_TRUE(job.target_in_world);
  EXPECT_EQ(created_ids(job), (std::vector<std::string>{"a", "b"}));
}

TEST(SyncPlanR9_1, InactiveUnderServiceDefaults) {
  TwoTenants w;  // no default.json anywhere: every switch is off (R4.2)
  const SyncJobPlan job = only_job(w.plan());
  EXPECT_FALSE(job.active);
  EXPECT_EQ(job.inactive_reason, kSyncInboundSwitch);
}

TEST(SyncPlanR9_1, InactiveWhenTargetDisallowsInboundSync) {
  TwoTenants w;
  allow_sync(w.source, w.target);
  w.target.partners[0].user_sync_inbound_allowed = false;
  const SyncJobPlan job = only_job(w.plan());
  EXPECT_FALSE(job.active);
  EXPECT_EQ(job.inactive_reason, "userSyncInbound.isSyncAllowed");
  EXPECT_TRUE(job.existing.empty());
  EXPECT_TRUE(job.to_create.empty());
  EXPECT_TRUE(job.to_soft_delete.empty());
}

TEST(SyncPlanR9_1, InboundSyncSwitchReadFromTargetPartnerEntryForSource) {
  TwoTenants w;
  allow_sync(w.source, w.target);
  EXPECT_TRUE(only_job(w.plan()).active);

  // A partner entry for another tenant does not apply to S.
  w.target.partners = {partner(kU)};
  w.target.partners[0].user_sync_inbound_allowed = true;
  EXPECT_EQ(only_job(w.plan()).inactive_reason, kSyncInboundSwitch);
}

TEST(SyncPlanR9_1, DefaultNeverAllowsSync) {
  TwoTenants w;
  allow_sync(w.source, w.target);
  w.target.default_settings.user_sync_inbound_allowed = true;  // written in default.json: not read (R9.1)
  w.target.partners[0].user_sync_inbound_allowed = std::nullopt;  // the entry for S is silent
  EXPECT_EQ(only_job(w.plan()).inactive_reason, kSyncInboundSwitch);

  w.target.partners.clear();  // no entry for S at all
  EXPECT_EQ(only_job(w.plan()).inactive_reason, kSyncInboundSwitch);

  w.target.partners = {partner(kS)};
  w.target.partners[0].user_sync_inbound_allowed = true;
  EXPECT_TRUE(only_job(w.plan()).active);
}

TEST(SyncPlanR9_1, InactiveWhenSourceDisallowsOutboundConsent) {
  TwoTenants w;
  allow_sync(w.source, w.target);
  CrossTenantSettings entry = partner(kT);
  entry.consent_outbound_allowed = false;  // S's partner entry for T overrides its default
  w.source.partners = {entry};
  const SyncJobPlan job = only_job(w.plan());
  EXPECT_FALSE(job.active);
  EXPECT_EQ(job.inactive_reason, "automaticUserConsentSettings.outboundAllowed");
}

TEST(SyncPlanR9_1, OutboundConsentInheritedFromSourceDefault) {
  TwoTenants w;
  allow_sync(w.source, w.target);
  w.source.partners = {partner(kT)};  // consent fields null in the entry: the default's true applies
  EXPECT_TRUE(only_job(w.plan()).active);
  w.source.default_settings.consent_outbound_allowed = std::nullopt;
  EXPECT_EQ(only_job(w.plan()).inactive_reason, kConsentOutboundSwitch);
}

TEST(SyncPlanR9_1, InactiveWhenTargetDisallowsInboundConsent) {
  TwoTenants w;
  allow_sync(w.source, w.target);
  w.target.default_settings.consent_inbound_allowed = false;
  CrossTenantSettings entry = partner(kS);
  entry.user_sync_inbound_allowed = true;  // consent field absent: inherits the default's false
  w.target.partners = {entry};
  const SyncJobPlan job = only_job(w.plan());
  EXPECT_FALSE(job.active);
  EXPECT_EQ(job.inactive_reason, "automaticUserConsentSettings.inboundAllowed");

  w.target.partners[0].consent_inbound_allowed = true;
  EXPECT_TRUE(only_job(w.plan()).active);
}

TEST(SyncPlanR9_1, FirstMissingSwitchInOrder) {
  TwoTenants w;
  w.source.has_default_settings = w.target.has_default_settings = true;
  // All three off: the inbound sync switch is named first.
  EXPECT_EQ(only_job(w.plan()).inactive_reason, kSyncInboundSwitch);
  // Sync on, both consents off: outbound consent next.
  w.target.partners = {partner(kS)};
  w.target.partners[0].user_sync_inbound_allowed = true;
  EXPECT_EQ(only_job(w.plan()).inactive_reason, kConsentOutboundSwitch);
  // Only inbound consent off.
  w.source.default_settings.consent_outbound_allowed = true;
  EXPECT_EQ(only_job(w.plan()).inactive_reason, kConsentInboundSwitch);
  w.target.default_settings.consent_inbound_allowed = true;
  EXPECT_TRUE(only_job(w.plan()).active);
}

TEST(SyncPlanR9_1, UnknownTargetTenantIsAssumedToAllow) {
  Tenant source = tenant(kS);
  source.users = {internal_user("a"), internal_user("b")};
  source.sync_jobs = {assigned_job("job1", kX, {"b", "a"})};
  source.has_default_settings = true;
  source.default_settings.consent_outbound_allowed = true;
  SyncJobPlan job = only_job(plan_sync(world_of({source})));
  EXPECT_TRUE(job.active);
  EXPECT_FALSE(job.target_in_world);
  EXPECT_TRUE(job.existing.empty());
  EXPECT_TRUE(job.to_soft_delete.empty());
  EXPECT_EQ(created_ids(job), (std::vector<std::string>{"a", "b"}));

  // The source's own switch is still read: cfg(S, T) is known.
  source.default_settings.consent_outbound_allowed = false;
  job = only_job(plan_sync(world_of({source})));
  EXPECT_FALSE(job.active);
  EXPECT_EQ(job.inactive_reason, kConsentOutboundSwitch);
}

// ---- R9.2: who is in scope -------------------------------------------------------------------------------------

TEST(SyncPlanR9_2, DirectGroupMembersOnlyNoNesting) {
  Tenant source = tenant(kS);
  source.users = {internal_user("direct"), internal_user("nested"), internal_user("assigned"),
                  internal_user("other")};
  source.groups = {group("g-outer", {user_member("direct"), group_member("g-inner")}),
                   group("g-inner", {user_member("nested")})};
  source.sync_jobs = {assigned_job("job1", kT, {"assigned"}, {"g-outer"})};
  Tenant target = tenant(kT);
  allow_sync(source, target);
  const SyncJobPlan job = only_job(plan_sync(world_of({source, target})));
  EXPECT_EQ(created_ids(job), (std::vector<std::string>{"assigned", "direct"}));
}

TEST(SyncPlanR9_2, DisabledAndExternalUsersAreOutOfScope) {
  Tenant source = tenant(kS);
  User guest = linked_guest("guest-in-s", kU, "home");  // an external object of S, even if assigned
  source.users = {internal_user("on"), internal_user("off", false), guest};
  source.groups = {group("g", {user_member("on"), user_member("off"), user_member("guest-in-s")})};
  source.sync_jobs = {assigned_job("by-user", kT, {"on", "off", "guest-in-s"}),
                      assigned_job("by-group", kT, {}, {"g"}), all_job("everyone", kT)};
  Tenant third = tenant(kU);
  third.users = {internal_user("home")};
  Tenant target = tenant(kT);
  allow_sync(source, target);
  const SyncPlan plan = plan_sync(world_of({source, target, third}));
  ASSERT_EQ(plan.jobs.size(), 3u);
  for (const SyncJobPlan& job : plan.jobs) {
    EXPECT_EQ(created_ids(job), (std::vector<std::string>{"on"})) << job.job_id;
  }
}

TEST(SyncPlanR9_2, ScopeAllCoversEveryInternalEnabledUser) {
  Tenant source = tenant(kS);
  User internal_guest = internal_user("internal-guest");
  internal_guest.user_type = UserType::Guest;  // internal, whatever its userType (R1.4)
  source.users = {internal_user("u2"), internal_user("u1"), internal_guest, internal_user("u3", false)};
  source.sync_jobs = {all_job("job1", kT)};
  Tenant target = tenant(kT);
  allow_sync(source, target);
  const SyncJobPlan job = only_job(plan_sync(world_of({source, target})));
  EXPECT_EQ(created_ids(job), (std::vector<std::string>{"internal-guest", "u1", "u2"}));
}

TEST(SyncPlanR9_2, SyncScopeIgnoresDanglingAssignments) {
  Tenant source = tenant(kS);
  source.users = {internal_user("a")};
  const World world = world_of({source});
  const SyncJob job = assigned_job("job1", kT, {"a", "missing"}, {"no-such-group", "a"});
  EXPECT_EQ(sync_scope(world.tenants[0], job), (std::vector<std::uint32_t>{0}));
}

// ---- R9.3: existing, to create, to soft-delete --------------------------------------------------------------

TEST(SyncPlanR9_3, ExistingToCreateAndToSoftDelete) {
  Tenant source = tenant(kS);
  source.verified_domains = {"source.example"};
  User by_mail = internal_user("mailed");
  by_mail.mail = lasting_text("mailed@source.example");
  source.users = {internal_user("kept"), internal_user("new"), internal_user("dropped"),
                  internal_user("disabled", false), by_mail};
  source.sync_jobs = {assigned_job("job1", kT, {"kept", "new", "disabled", "mailed"})};

  Tenant third = tenant(kU);
  third.users = {internal_user("kept")};  // same id in another tenant: its objects in T are not S's

  Tenant target = tenant(kT);
  User mail_guest;  // linked by R5.1 (2), not by home ids
  mail_guest.id = lasting_text("t-mailed");
  mail_guest.user_principal_name = lasting_text("mailed_source.example#EXT#@target.example");
  mail_guest.mail = lasting_text("mailed@source.example");
  mail_guest.extras.edit().external_user_state = lasting_text("accepted");
  User unlinked;  // external, links to nobody
  unlinked.id = lasting_text("t-unlinked");
  unlinked.user_principal_name = lasting_text("nobody_elsewhere.example#EXT#@target.example");
  target.users = {linked_guest("t-kept-2", kS, "kept"), linked_guest("t-kept-1", kS, "kept"),
                  linked_guest("t-dropped", kS, "dropped"), linked_guest("t-disabled", kS, "disabled"),
                  linked_guest("t-third", kU, "kept"), mail_guest, unlinked, internal_user("t-internal")};
  allow_sync(source, target);

  const World world = world_of({source, target, third});
  ASSERT_EQ(world.find_tenant(kT)->find_user("t-mailed")->link_rule, LinkRule::Mail);
  const SyncJobPlan job = only_job(plan_sync(world));
  ASSERT_TRUE(job.active);
  EXPECT_EQ(existing_pairs(job), (Pairs{{"kept", "t-kept-1"}, {"kept", "t-kept-2"}, {"mailed", "t-mailed"}}));
  EXPECT_EQ(created_ids(job), (std::vector<std::string>{"new"}));
  EXPECT_EQ(soft_delete_pairs(job), (Pairs{{"t-disabled", "disabled"}, {"t-dropped", "dropped"}}));
  for (const SyncCreate& create : job.to_create) EXPECT_EQ(create.user_type, UserType::Member);
}

TEST(SyncPlanR9_3, UserTypeMappingGuest) {
  TwoTenants w;
  allow_sync(w.source, w.target);
  w.source.sync_jobs[0].user_type_mapping = UserType::Guest;
  const SyncJobPlan job = only_job(w.plan());
  ASSERT_EQ(job.to_create.size(), 2u);
  for (const SyncCreate& create : job.to_create) EXPECT_EQ(create.user_type, UserType::Guest);
  const testing::JsonValue json = testing::parse_json(graph::to_json(w.plan()));
  const auto& created = std::get<testing::JsonValue::Array>(
      std::get<testing::JsonValue::Object>(
          std::get<testing::JsonValue::Array>(std::get<testing::JsonValue::Object>(json.value).at("jobs").value)
              .at(0)
              .value)
          .at("toCreate")
          .value);
  EXPECT_EQ(std::get<std::string>(std::get<testing::JsonValue::Object>(created.at(0).value).at("userType").value),
            "Guest");
}

TEST(SyncPlanR9_3, InactiveJobPlansNothing) {
  TwoTenants w;
  w.target.users = {linked_guest("t-a", kS, "a")};
  const SyncJobPlan job = only_job(w.plan());
  EXPECT_FALSE(job.active);
  EXPECT_TRUE(job.existing.empty() && job.to_create.empty() && job.to_soft_delete.empty());
}

TEST(SyncPlanR9_3, JobsSortedBySourceTenantThenJobId) {
  Tenant a = tenant(kS);
  Tenant b = tenant(kT);
  a.sync_jobs = {assigned_job("zeta", kT, {}), assigned_job("alpha", kU, {})};
  b.sync_jobs = {assigned_job("beta", kS, {})};
  const SyncPlan plan = plan_sync(world_of({b, a}));
  ASSERT_EQ(plan.jobs.size(), 3u);
  EXPECT_EQ(plan.jobs[0].job_id, "alpha");
  EXPECT_EQ(plan.jobs[0].source_tenant_id, kS);
  EXPECT_EQ(plan.jobs[1].job_id, "zeta");
  EXPECT_EQ(plan.jobs[2].job_id, "beta");
  EXPECT_EQ(plan.jobs[2].source_tenant_id, kT);
}

// ---- Rendering ---------------------------------------------------------------------------------------------------

TEST(SyncPlanRender, JsonShape) {
  Tenant source = tenant(kS);
  source.users = {internal_user("kept"), internal_user("new"), internal_user("gone")};
  source.sync_jobs = {assigned_job("job1", kT, {"kept", "new"}), assigned_job("job0", kU, {"kept"})};
  Tenant target = tenant(kT);
  target.users = {linked_guest("t-kept", kS, "kept"), linked_guest("t-gone", kS, "gone")};
  allow_sync(source, target);
  Tenant third = tenant(kU);  // all switches off
  const std::string text = graph::to_json(plan_sync(world_of({source, target, third})));
  const testing::JsonValue expected = testing::parse_json(R"({"jobs":[
    {"sourceTenantId":")" + kS + R"(","targetTenantId":")" + kU + R"(","jobId":"job0","active":false,
     "inactiveReason":"userSyncInbound.isSyncAllowed","existing":[],"toCreate":[],"toSoftDelete":[],
     "counts":{"existing":0,"toCreate":0,"toSoftDelete":0}},
    {"sourceTenantId":")" + kS + R"(","targetTenantId":")" + kT + R"(","jobId":"job1","active":true,
     "existing":[{"sourceUserId":"kept","targetObjectId":"t-kept"}],
     "toCreate":[{"sourceUserId":"new","userType":"Member"}],
     "toSoftDelete":[{"targetObjectId":"t-gone","sourceUserId":"gone"}],
     "counts":{"existing":1,"toCreate":1,"toSoftDelete":1}}]})");
  EXPECT_EQ(testing::parse_json(text), expected) << text;
  EXPECT_EQ(text.find('\n'), std::string::npos);
}

TEST(SyncPlanRender, EmptyPlan) {
  const SyncPlan plan;
  EXPECT_EQ(testing::parse_json(graph::to_json(plan)), testing::parse_json(R"({"jobs":[]})"));
  EXPECT_FALSE(graph::to_text(plan).empty());
}

// ---- From disk: ingest of §1.8 and the command ------------------------------------------------------------------

void write(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

// A world on disk: S (contoso) with a sync job toward T (fabrikam), which holds one synced object already.
void write_sync_world(const fs::path& root) {
  const std::string S = "AAAAAAAA-0000-0000-0000-000000000001";  // upper case in the files: ids compare lower
  const std::string T = "bbbbbbbb-0000-0000-0000-000000000002";
  const fs::path s = root / "tenants" / "aaaaaaaa-0000-0000-0000-000000000001";
  const fs::path t = root / "tenants" / T;
  write(s / "organization.json", R"({"value":[{"id":")" + S + R"(","displayName":"Contoso",
    "verifiedDomains":[{"name":"contoso.com","isDefault":true}]}]})");
  write(s / "users.json", R"({"value":[
    {"id":"U-ALICE","userPrincipalName":"alice@contoso.com"},
    {"id":"u-bob","userPrincipalName":"bob@contoso.com"},
    {"id":"u-carol","userPrincipalName":"carol@contoso.com"},
    {"id":"u-dave","userPrincipalName":"dave@contoso.com","accountEnabled":false},
    {"id":"u-erin","userPrincipalName":"erin@contoso.com"}]})");
  write(s / "groups.json", R"({"value":[
    {"id":"g-sync","displayName":"Sync","members":[{"@odata.type":"#microsoft.graph.user","id":"u-bob"},
                                                   {"@odata.type":"#microsoft.graph.group","id":"g-nested"}]},
    {"id":"g-nested","displayName":"Nested","members":[{"@odata.type":"#microsoft.graph.user","id":"u-carol"}]}]})");
  write(s / "crossTenantAccessPolicy" / "default.json",
        R"({"automaticUserConsentSettings":{"inboundAllowed":null,"outboundAllowed":true}})");
  write(s / "crossTenantSync.json", R"({"value":[{"id":"Job-1","targetTenantId":")" + T + R"(",
    "scope":"Assigned","assignedUsers":["u-alice","U-DAVE"],"assignedGroups":["G-SYNC"],"userTypeMapping":"guest"}]})");

  write(t / "organization.json", R"({"value":[{"id":")" + T + R"(","displayName":"Fabrikam",
    "verifiedDomains":[{"name":"fabrikam.com","isDefault":true}]}]})");
  write(t / "users.json", R"([
    {"id":"T-ALICE","userPrincipalName":"alice_contoso.com#EXT#@fabrikam.com","userType":"Member",
     "homeTenantId":")" + S + R"(","homeUserId":"U-Alice"},
    {"id":"t-dave","userPrincipalName":"dave_contoso.com#EXT#@fabrikam.com","mail":"dave@contoso.com",
     "externalUserState":"Accepted"}])");
  write(t / "crossTenantAccessPolicy" / "partners.json", R"({"value":[{"tenantId":")" + S + R"(",
    "automaticUserConsentSettings":{"inboundAllowed":true,"outboundAllowed":null},
    "identitySynchronization":{"userSyncInbound":{"isSyncAllowed":true}}}]})");
}

TEST(SyncPlanIngest, LoadsCrossTenantSyncJson) {
  testing::TempDir dir;
  write_sync_world(dir.path());
  const World world = load_world(dir.path());
  const Tenant* source = world.find_tenant("aaaaaaaa-0000-0000-0000-000000000001");
  ASSERT_NE(source, nullptr);
  ASSERT_EQ(source->sync_jobs.size(), 1u);
  const SyncJob& job = source->sync_jobs[0];
  EXPECT_EQ(job.id, "job-1");
  EXPECT_EQ(job.target_tenant_id, "bbbbbbbb-0000-0000-0000-000000000002");
  EXPECT_FALSE(job.scope_all);
  EXPECT_EQ(job.assigned_users, (std::vector<std::string>{"u-alice", "u-dave"}));
  EXPECT_EQ(job.assigned_groups, (std::vector<std::string>{"g-sync"}));
  EXPECT_EQ(job.user_type_mapping, UserType::Guest);

  const SyncJobPlan plan = only_job(plan_sync(world));
  EXPECT_TRUE(plan.active);
  EXPECT_EQ(existing_pairs(plan), (Pairs{{"u-alice", "t-alice"}}));
  EXPECT_EQ(created_ids(plan), (std::vector<std::string>{"u-bob"}));  // carol is nested, dave disabled
  EXPECT_EQ(soft_delete_pairs(plan), (Pairs{{"t-dave", "u-dave"}}));
  EXPECT_EQ(plan.to_create.at(0).user_type, UserType::Guest);
}

TEST(SyncPlanIngest, ScopeAllAndDefaults) {
  testing::TempDir dir;
  write_sync_world(dir.path());
  write(dir.path() / "tenants" / "aaaaaaaa-0000-0000-0000-000000000001" / "crossTenantSync.json",
        R"([{"id":"all","targetTenantId":"99999999-0000-0000-0000-000000000009","scope":"all"},
            {"id":"bare","targetTenantId":"bbbbbbbb-0000-0000-0000-000000000002"}])");
  const World world = load_world(dir.path());
  const auto& jobs = world.find_tenant("aaaaaaaa-0000-0000-0000-000000000001")->sync_jobs;
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_TRUE(jobs[0].scope_all);
  EXPECT_FALSE(jobs[1].scope_all);  // scope absent: assigned, with nobody assigned
  EXPECT_EQ(jobs[1].user_type_mapping, UserType::Member);
  const SyncPlan plan = plan_sync(world);
  ASSERT_EQ(plan.jobs.size(), 2u);
  EXPECT_EQ(plan.jobs[0].job_id, "all");
  EXPECT_FALSE(plan.jobs[0].target_in_world);
  EXPECT_EQ(created_ids(plan.jobs[0]), (std::vector<std::string>{"u-alice", "u-bob", "u-carol", "u-erin"}));
  EXPECT_TRUE(plan.jobs[1].active);
  EXPECT_TRUE(plan.jobs[1].existing.empty());
  EXPECT_TRUE(plan.jobs[1].to_create.empty());
  EXPECT_EQ(soft_delete_pairs(plan.jobs[1]), (Pairs{{"t-alice", "u-alice"}, {"t-dave", "u-dave"}}));
}

TEST(SyncPlanCli, PrintsThePlanOfAWorldDirectory) {
  testing::TempDir dir;
  write_sync_world(dir.path() / "world");
  const std::string world = (dir.path() / "world").string();
  const testing::CommandResult result = testing::run_cli({"sync-plan", world});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const testing::JsonValue expected = testing::parse_json(R"({"jobs":[
    {"sourceTenantId":"aaaaaaaa-0000-0000-0000-000000000001","targetTenantId":"bbbbbbbb-0000-0000-0000-000000000002",
     "jobId":"job-1","active":true,
     "existing":[{"sourceUserId":"u-alice","targetObjectId":"t-alice"}],
     "toCreate":[{"sourceUserId":"u-bob","userType":"Guest"}],
     "toSoftDelete":[{"targetObjectId":"t-dave","sourceUserId":"u-dave"}],
     "counts":{"existing":1,"toCreate":1,"toSoftDelete":1}}]})");
  EXPECT_EQ(testing::parse_json(result.out), expected) << result.out;

  // The snapshot answers identically (R10).
  const std::string snapshot = (dir.path() / "world.snap").string();
  ASSERT_EQ(testing::run_cli({"compile", world, "-o", snapshot}).exit_code, 0);
  const testing::CommandResult from_snapshot = testing::run_cli({"sync-plan", snapshot});
  ASSERT_EQ(from_snapshot.exit_code, 0) << from_snapshot.err;
  EXPECT_EQ(testing::parse_json(from_snapshot.out), expected);

  const testing::CommandResult text = testing::run_cli({"sync-plan", world, "--format", "text"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("job-1"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("u-bob as Guest"), std::string::npos) << text.out;

  EXPECT_EQ(testing::run_cli({"sync-plan", (dir.path() / "nowhere").string()}).exit_code, 2);
}

// From a snapshot, sync-plan decodes the directories of the tenants of active jobs only (S and T here; the job of U
// is inactive, so U's users are never read), and plans what the world plans.
TEST(SyncPlanSnapshot, DecodesOnlyTheTenantsOfActiveJobs) {
  TwoTenants w;
  allow_sync(w.source, w.target);
  Tenant third = tenant(kU);
  third.users = {internal_user("c")};
  third.sync_jobs = {all_job("inactive", kT)};
  testing::TempDir dir;
  worldgen::write_world(world_of({w.source, w.target, third}), dir.path() / "world");
  const auto direct = graph::compile(load_world(dir.path() / "world"));
  serialization::save_snapshot(direct, serialization::describe_world(dir.path() / "world"), dir.path() / "w.snap");
  const auto loaded = serialization::load_snapshot(dir.path() / "w.snap");

  const SyncPlan plan = plan_sync(loaded.model());
  EXPECT_EQ(graph::to_json(plan), graph::to_json(plan_sync(direct.world())));
  ASSERT_EQ(plan.jobs.size(), 2u);
  const World& model = loaded.model();
  EXPECT_TRUE(model.directory_decoded(model.tenant_position(kS)));
  EXPECT_TRUE(model.directory_decoded(model.tenant_position(kT)));
  EXPECT_FALSE(model.directory_decoded(model.tenant_position(kU)));
}

}  // namespace
}  // namespace tenantreach::core

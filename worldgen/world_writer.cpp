// Writes a World in the spec §1 format: see world_writer.hpp. Every file is streamed through one buffered
// writer with its own JSON string escaping; each entity has one function that mirrors what core/ingest.cpp reads.
#include "worldgen/world_writer.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/text.hpp"

namespace tenantreach::worldgen {

using namespace core;  // the model this module builds and writes
namespace {

namespace fs = std::filesystem;

// ---- Buffered output ---------------------------------------------------------------------------------------------

class Out {
 public:
  explicit Out(fs::path path) : path_(std::move(path)) {
    file_ = std::fopen(path_.c_str(), "wb");
    if (file_ == nullptr) fail("cannot create the file");
    buffer_.reserve(kBufferSize + 4096);
  }
  ~Out() {
    if (file_ != nullptr) std::fclose(file_);
  }
  Out(const Out&) = delete;
  Out& operator=(const Out&) = delete;

  Out& raw(std::string_view text) {
    buffer_.append(text);
    if (buffer_.size() >= kBufferSize) flush();
    return *this;
  }
  Out& raw(char c) {
    buffer_.push_back(c);
    return *this;
  }
  Out& boolean(bool b) { return raw(b ? std::string_view("true") : std::string_view("false")); }

  Out& string(std::string_view text) {
    append_json_string(buffer_, text);
    if (buffer_.size() >= kBufferSize) flush();
    return *this;
  }

  void close() {
    flush();
    const bool ok = std::fflush(file_) == 0;
    const int closed = std::fclose(file_);
    file_ = nullptr;
    if (!ok || closed != 0) fail("cannot write the file");
  }

 private:
  static constexpr std::size_t kBufferSize = 1 << 20;

  void flush() {
    if (buffer_.empty()) return;
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) fail("cannot write the file");
    buffer_.clear();
  }
  [[noreturn]] void fail(const char* what) const {
    throw std::runtime_error(std::string(what) + " " + path_.string() + ": " + std::strerror(errno));
  }

  fs::path path_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
};

// One JSON object being written: key() puts the comma and the key; the caller writes the value.
class Obj {
 public:
  explicit Obj(Out& out) : out_(out) { out_.raw('{'); }
  Out& key(std::string_view name) {
    if (!first_) out_.raw(',');
    first_ = false;
    return out_.raw('"').raw(name).raw("\":");
  }
  void str(std::string_view name, std::string_view value) { key(name).string(value); }
  void str_if(std::string_view name, std::string_view value) {
    if (!value.empty()) str(name, value);
  }
  void boolean(std::string_view name, bool value) { key(name).boolean(value); }
  void opt_bool(std::string_view name, const std::optional<bool>& value) {
    if (value) boolean(name, *value);
  }
  template <class Range, class Fn>
  void list(std::string_view name, const Range& items, Fn&& each) {
    key(name).raw('[');
    bool first = true;
    for (const auto& item : items) {
      if (!first) out_.raw(',');
      first = false;
      each(item);
    }
    out_.raw(']');
  }
  // A list of strings, each through `spell` (Graph casing for enum values).
  template <class Spell>
  void strings(std::string_view name, const std::vector<std::string>& items, Spell&& spell) {
    list(name, items, [&](const std::string& s) { out_.string(spell(s)); });
  }
  template <class Item>
  void strings(std::string_view name, const std::vector<Item>& items) {
    list(name, items, [&](std::string_view s) { out_.string(s); });
  }
  void end() { out_.raw('}'); }
  Out& out() { return out_; }

 private:
  Out& out_;
  bool first_ = true;
};

// ---- Graph casing of enum values (the model stores them lower-case) ------------------------------------------------

std::string_view graph_case(std::string_view lower) {
  static const std::unordered_map<std::string, std::string_view> kNames = [] {
    std::unordered_map<std::string, std::string_view> names;
    for (std::string_view name :
         {"All", "None", "GuestsOrExternalUsers", "Office365", "MicrosoftAdminPortals", "AllUsers", "AllApplications",
          "internalGuest", "b2bCollaborationGuest", "b2bCollaborationMember", "b2bDirectConnectUser",
          "otherExternalUser", "serviceProvider", "enabled", "disabled", "enabledForReportingButNotEnforced", "block",
          "mfa", "compliantDevice", "domainJoinedDevice", "approvedApplication", "compliantApplication",
          "passwordChange", "riskRemediation", "PendingAcceptance", "Accepted", "Invitation", "LocalAccount",
          "EmailVerified", "SelfServiceSignUp", "enumerated", "unknownFutureValue", "AllMicrosoftApps",
          "#microsoft.graph.conditionalAccessAllExternalTenants",
          "#microsoft.graph.conditionalAccessEnumeratedExternalTenants"}) {
      names.emplace(to_lower(name), name);
    }
    return names;
  }();
  auto it = kNames.find(std::string(lower));
  return it == kNames.end() ? lower : it->second;
}

std::string_view user_type_name(UserType type) { return type == UserType::Guest ? "Guest" : "Member"; }

// ---- List files ------------------------------------------------------------------------------------------------------

// One entity's list: a Graph page in <name>.json, or <name>.jsonl with one object per line.
class ListFile {
 public:
  ListFile(const fs::path& dir, std::string_view name, bool jsonl)
      : jsonl_(jsonl), out_(dir / (std::string(name) + (jsonl ? ".jsonl" : ".json"))) {
    if (!jsonl_) out_.raw("{\"value\":[\n");
  }
  // Starts the next object; the caller writes it.
  Out& next() {
    if (!first_) out_.raw(jsonl_ ? "\n" : ",\n");
    first_ = false;
    return out_;
  }
  void close() {
    out_.raw(jsonl_ ? (first_ ? "" : "\n") : (first_ ? "]}\n" : "\n]}\n"));
    out_.close();
  }

 private:
  bool jsonl_;
  bool first_ = true;
  Out out_;
};

// ---- Entities (each the inverse of its parse_* in core/ingest.cpp) -------------------------------------------------

void write_user(Out& out, const User& user) {
  Obj o(out);
  o.str("id", user.id);
  o.str_if("displayName", user.display_name);
  o.str("userPrincipalName", user.user_principal_name);
  o.str_if("mail", user.mail);
  const core::UserExtras& extras = *user.extras;
  if (!extras.other_mails.empty()) o.strings("otherMails", extras.other_mails);
  o.str("userType", user_type_name(user.user_type));
  o.boolean("accountEnabled", user.account_enabled);
  if (extras.external_user_state) o.str("externalUserState", graph_case(*extras.external_user_state));
  if (!extras.creation_type.empty()) o.str("creationType", graph_case(extras.creation_type));
  o.str_if("homeTenantId", extras.home_tenant_id);
  o.str_if("homeUserId", extras.home_user_id);
  o.end();
}

void write_group(Out& out, const Tenant& tenant, const Group& group) {
  Obj o(out);
  o.str("id", group.id);
  o.str_if("displayName", group.display_name);
  o.key("groupTypes").raw(group.unified ? "[\"Unified\"]" : "[]");
  o.boolean("mailEnabled", group.unified);
  o.boolean("securityEnabled", group.security_enabled);
  o.key("resourceProvisioningOptions").raw(group.team ? "[\"Team\"]" : "[]");
  o.list("members", group.members, [&](const MemberRef& member) {
    out.raw(member.kind() == MemberKind::User ? "{\"@odata.type\":\"#microsoft.graph.user\",\"id\":"
                                              : "{\"@odata.type\":\"#microsoft.graph.group\",\"id\":");
    out.string(tenant.member_id(group, member)).raw('}');
  });
  o.end();
}

void write_target_list(Obj& parent, std::string_view name, const std::optional<TargetList>& list) {
  if (!list) return;
  Out& out = parent.key(name);
  Obj o(out);
  o.str("accessType", list->access_type == AccessType::Blocked ? "blocked" : "allowed");
  if (!list->targets_missing) {
    o.list("targets", list->targets, [&](const Target& target) {
      Obj t(out);
      t.str("target", graph_case(target.target));
      t.str_if("targetType", target.target_type);
      t.end();
    });
  }
  o.end();
}

void write_settings(Out& out, const CrossTenantSettings& settings, bool partner) {
  Obj o(out);
  if (partner) o.str("tenantId", settings.tenant_id);
  const std::pair<std::string_view, const std::optional<AccessSetting>*> sets[] = {
      {"b2bCollaborationInbound", &settings.b2b_collaboration_inbound},
      {"b2bCollaborationOutbound", &settings.b2b_collaboration_outbound},
      {"b2bDirectConnectInbound", &settings.b2b_direct_connect_inbound},
      {"b2bDirectConnectOutbound", &settings.b2b_direct_connect_outbound},
  };
  for (const auto& [name, setting] : sets) {
    if (!*setting) continue;
    Obj s(o.key(name));
    write_target_list(s, "usersAndGroups", (*setting)->users_and_groups);
    write_target_list(s, "applications", (*setting)->applications);
    s.end();
  }
  if (settings.inbound_trust) {
    Obj t(o.key("inboundTrust"));
    t.opt_bool("isMfaAccepted", settings.inbound_trust->is_mfa_accepted);
    t.opt_bool("isCompliantDeviceAccepted", settings.inbound_trust->is_compliant_device_accepted);
    t.opt_bool("isHybridAzureADJoinedDeviceAccepted", settings.inbound_trust->is_hybrid_azure_ad_joined_device_accepted);
    t.end();
  }
  if (settings.consent_inbound_allowed || settings.consent_outbound_allowed) {
    Obj c(o.key("automaticUserConsentSettings"));
    c.opt_bool("inboundAllowed", settings.consent_inbound_allowed);
    c.opt_bool("outboundAllowed", settings.consent_outbound_allowed);
    c.end();
  }
  if (settings.user_sync_inbound_allowed) {
    o.key("identitySynchronization").raw("{\"userSyncInbound\":{\"isSyncAllowed\":").boolean(*settings.user_sync_inbound_allowed).raw("}}");
  }
  if (partner || settings.is_service_provider) o.boolean("isServiceProvider", settings.is_service_provider);
  o.end();
}

void write_guests(Obj& parent, std::string_view name, const std::optional<GuestsOrExternalUsers>& guests) {
  if (!guests) return;
  Obj o(parent.key(name));
  if (!guests->types.empty()) {
    std::string types;
    for (const std::string& type : guests->types) {
      if (!types.empty()) types += ',';
      types += graph_case(type);
    }
    o.str("guestOrExternalUserTypes", types);
  }
  if (const auto& tenants = guests->external_tenants) {
    Obj t(o.key("externalTenants"));
    if (!tenants->odata_type.empty()) t.str("@odata.type", graph_case(tenants->odata_type));
    if (!tenants->membership_kind.empty()) t.str("membershipKind", graph_case(tenants->membership_kind));
    if (tenants->kind() == ExternalTenantsKind::Enumerated || !tenants->members.empty())
      t.strings("members", tenants->members);
    t.end();
  }
  o.end();
}

constexpr std::string_view kGlobalAdministratorRole = "62e90394-69f5-4237-9190-012177145e10";

// The narrowing condition's name as ingest reports it ("clientAppTypes", "excludeRoles"); the generator may
// spell it as a path ("conditions.clientAppTypes", "conditions.users.excludeRoles").
std::string_view narrowing_name(std::string_view name) {
  for (std::string_view prefix : {"conditions.", "users."}) {
    if (name.substr(0, prefix.size()) == prefix) name.remove_prefix(prefix.size());
  }
  return name;
}

void write_policy(Out& out, const ConditionalAccessPolicy& policy, std::size_t index) {
  const std::string_view narrowing = narrowing_name(policy.narrowing_condition);
  static constexpr std::string_view kKnown[] = {"",
                                                "clientAppTypes",
                                                "locations",
                                                "platforms",
                                                "signInRiskLevels",
                                                "userRiskLevels",
                                                "servicePrincipalRiskLevels",
                                                "insiderRiskLevels",
                                                "devices",
                                                "clientApplications",
                                                "authenticationFlows",
                                                "excludeRoles"};
  if (std::find(std::begin(kKnown), std::end(kKnown), narrowing) == std::end(kKnown)) {
    throw std::runtime_error("conditional access policy " + policy.id + ": cannot write the narrowing condition \"" +
                             policy.narrowing_condition + "\"");
  }

  Obj o(out);
  // A policy without an id is named "#<index>" by its position in the file (spec §1.5): write no id then.
  if (policy.id != "#" + std::to_string(index)) o.str("id", policy.id);
  o.str_if("displayName", policy.display_name);
  if (!policy.state.empty()) o.str("state", graph_case(policy.state));

  Obj conditions(o.key("conditions"));
  {
    Obj users(conditions.key("users"));
    users.strings("includeUsers", policy.include_users, graph_case);
    users.strings("excludeUsers", policy.exclude_users, graph_case);
    users.strings("includeGroups", policy.include_groups);
    users.strings("excludeGroups", policy.exclude_groups);
    users.strings("includeRoles", policy.include_roles);
    if (narrowing == "excludeRoles" && policy.exclude_roles.empty()) {
      users.strings("excludeRoles", std::vector<std::string>{std::string(kGlobalAdministratorRole)});
    } else {
      users.strings("excludeRoles", policy.exclude_roles);
    }
    write_guests(users, "includeGuestsOrExternalUsers", policy.include_guests_or_external_users);
    write_guests(users, "excludeGuestsOrExternalUsers", policy.exclude_guests_or_external_users);
    users.end();
  }
  {
    Obj apps(conditions.key("applications"));
    apps.strings("includeApplications", policy.include_applications, graph_case);
    apps.strings("excludeApplications", policy.exclude_applications, graph_case);
    apps.end();
  }
  // A representative sign-in condition per narrowing name; each is the first one ingest's check finds.
  conditions.key("clientAppTypes").raw(narrowing == "clientAppTypes" ? "[\"exchangeActiveSync\",\"other\"]" : "[\"all\"]");
  conditions.key("signInRiskLevels").raw(narrowing == "signInRiskLevels" ? "[\"high\",\"medium\"]" : "[]");
  conditions.key("userRiskLevels").raw(narrowing == "userRiskLevels" ? "[\"high\"]" : "[]");
  conditions.key("servicePrincipalRiskLevels").raw(narrowing == "servicePrincipalRiskLevels" ? "[\"high\"]" : "[]");
  if (narrowing == "insiderRiskLevels") conditions.str("insiderRiskLevels", "elevated");
  if (narrowing == "locations") {
    conditions.key("locations").raw("{\"includeLocations\":[\"All\"],\"excludeLocations\":[\"AllTrusted\"]}");
  }
  if (narrowing == "platforms") {
    conditions.key("platforms").raw("{\"includePlatforms\":[\"android\",\"iOS\"],\"excludePlatforms\":[]}");
  }
  if (narrowing == "devices") {
    Obj devices(conditions.key("devices"));
    Obj filter(devices.key("deviceFilter"));
    filter.str("mode", "exclude");
    filter.str("rule", "device.trustType -eq \"ServerAD\"");
    filter.end();
    devices.end();
  }
  if (narrowing == "clientApplications") {
    conditions.key("clientApplications")
        .raw("{\"includeServicePrincipals\":[\"ServicePrincipalsInMyTenant\"],\"excludeServicePrincipals\":[]}");
  }
  if (narrowing == "authenticationFlows") conditions.key("authenticationFlows").raw("{\"transferMethods\":\"deviceCodeFlow\"}");
  conditions.end();

  // grantControls: builtInControls, then termsOfUse and authenticationStrength for those two controls.
  bool terms = false, strength = false;
  std::vector<std::string> built_in;
  for (const std::string& control : policy.controls) {
    if (control == "termsofuse") {
      terms = true;
    } else if (control == "authenticationstrength") {
      strength = true;
    } else {
      built_in.push_back(control);
    }
  }
  if (!policy.controls.empty() || policy.operator_and) {
    Obj grant(o.key("grantControls"));
    grant.str("operator", policy.operator_and ? "AND" : "OR");
    grant.strings("builtInControls", built_in, graph_case);
    grant.key("customAuthenticationFactors").raw("[]");
    grant.key("termsOfUse").raw(terms ? "[\"3f1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d\"]" : "[]");
    if (strength) {
      grant.key("authenticationStrength")
          .raw("{\"id\":\"00000000-0000-0000-0000-000000000002\",\"displayName\":\"Multifactor authentication\","
               "\"policyType\":\"builtIn\",\"requirementsSatisfied\":\"mfa\"}");
    }
    grant.end();
  }
  if (policy.session_controls_enabled) {
    o.key("sessionControls")
        .raw("{\"signInFrequency\":{\"value\":1,\"type\":\"hours\",\"authenticationType\":"
             "\"primaryAndSecondaryAuthentication\",\"frequencyInterval\":\"timeBased\",\"isEnabled\":true}}");
  }
  o.end();
}

void write_conversation_member(Out& out, const ConversationMember& member) {
  Obj o(out);
  o.str("@odata.type", "#microsoft.graph.aadUserConversationMember");
  o.str("userId", member.user_id);
  o.str_if("tenantId", member.tenant_id);
  o.key("roles").raw("[]");
  o.end();
}

void write_channel(Out& out, const Channel& channel) {
  Obj o(out);
  o.str("id", channel.id);
  o.str_if("displayName", channel.display_name);
  o.str("membershipType", channel.type == ChannelType::Standard  ? "standard"
                          : channel.type == ChannelType::Private ? "private"
                                                                 : "shared");
  o.str_if("teamId", channel.team_id);
  if (channel.type != ChannelType::Standard || !channel.members.empty()) {
    o.list("members", channel.members, [&](const ConversationMember& m) { write_conversation_member(out, m); });
  }
  if (!channel.shared_with_teams.empty()) {
    o.list("sharedWithTeams", channel.shared_with_teams, [&](const SharedWithTeam& team) {
      Obj t(out);
      t.str("id", team.team_id);
      t.str_if("tenantId", team.tenant_id);
      t.str_if("displayName", team.display_name);
      t.boolean("isHostTeam", team.is_host_team);
      if (team.allowed_members) {
        t.list("allowedMembers", *team.allowed_members,
               [&](const ConversationMember& m) { write_conversation_member(out, m); });
      }
      t.end();
    });
  }
  o.end();
}

void write_resource(Out& out, const Resource& resource) {
  Obj o(out);
  o.str("id", resource.id);
  o.str_if("displayName", resource.display_name);
  o.str("kind", resource.kind == ResourceKind::Site          ? "site"
                : resource.kind == ResourceKind::Application ? "application"
                                                             : "container");
  // Sites and containers default to Office365 (spec §1.7): name the app only when it is another one.
  if (resource.kind == ResourceKind::Application || (!resource.app_id.empty() && resource.app_id != "office365")) {
    o.str("appId", graph_case(resource.app_id));
  }
  o.list("grants", resource.grants, [&](const Grant& grant) {
    Obj g(out);
    g.str("principalType", grant.type == GrantType::User    ? "user"
                           : grant.type == GrantType::Group ? "group"
                           : grant.type == GrantType::Everyone ? "everyone"
                                                               : "everyoneExceptExternalUsers");
    if (grant.type == GrantType::User || grant.type == GrantType::Group) g.str("principalId", grant.principal_id);
    g.end();
  });
  o.end();
}

void write_sync_job(Out& out, const SyncJob& job) {
  Obj o(out);
  o.str("id", job.id);
  o.str("targetTenantId", job.target_tenant_id);
  o.str("scope", job.scope_all ? "all" : "assigned");
  if (!job.assigned_users.empty()) o.strings("assignedUsers", job.assigned_users);
  if (!job.assigned_groups.empty()) o.strings("assignedGroups", job.assigned_groups);
  o.str("userTypeMapping", user_type_name(job.user_type_mapping));
  o.end();
}

void write_organization(Out& out, const Tenant& tenant) {
  Obj o(out);
  o.str("id", tenant.id);
  o.str_if("displayName", tenant.display_name);
  bool any_initial = std::any_of(tenant.verified_domains.begin(), tenant.verified_domains.end(), [](const auto& d) {
    return d.size() > 16 && d.compare(d.size() - 16, 16, ".onmicrosoft.com") == 0;
  });
  std::size_t index = 0;
  o.list("verifiedDomains", tenant.verified_domains, [&](const std::string& domain) {
    const bool initial = any_initial ? domain.size() > 16 && domain.compare(domain.size() - 16, 16, ".onmicrosoft.com") == 0
                                     : index == 0;
    Obj d(out);
    d.str("name", domain);
    d.boolean("isDefault", index == 0);
    d.boolean("isInitial", initial);
    d.str("type", "Managed");
    d.end();
    ++index;
  });
  o.end();
}

// ---- The world ------------------------------------------------------------------------------------------------------

class WorldWriter {
 public:
  WorldWriter(const WriteOptions& options, const std::function<void(const std::string&)>& progress)
      : options_(options), progress_(progress) {}

  void write(const World& world, const fs::path& root) {
    const fs::path tenants = root / "tenants";
    fs::create_directory(tenants);
    for (std::size_t i = 0; i < world.tenants.size(); ++i) {
      const Tenant& tenant = world.tenants[i];
      prefix_ = "tenant " + std::to_string(i + 1) + "/" + std::to_string(world.tenants.size()) + " " + tenant.id + ": ";
      write_tenant(tenant, tenants / tenant.id);
    }
  }

 private:
  void write_tenant(const Tenant& tenant, const fs::path& dir) {
    fs::create_directory(dir);
    write_list(tenant, dir, ListEntity::Organization, std::span(&tenant, 1), write_organization);
    write_list(tenant, dir, ListEntity::Users, tenant.users, write_user);
    write_list(tenant, dir, ListEntity::Groups, tenant.groups,
               [&](Out& out, const Group& group) { write_group(out, tenant, group); });
    if (tenant.has_default_settings || !tenant.partners.empty()) {
      fs::create_directory(dir / "crossTenantAccessPolicy");
      if (tenant.has_default_settings) {
        Out out(dir / "crossTenantAccessPolicy" / "default.json");
        write_settings(out, tenant.default_settings, false);
        out.raw('\n');
        out.close();
      }
      write_list(tenant, dir, ListEntity::Partners, tenant.partners,
                 [](Out& out, const CrossTenantSettings& s) { write_settings(out, s, true); });
    }
    std::size_t index = 0;
    write_list(tenant, dir, ListEntity::ConditionalAccessPolicies, tenant.conditional_access_policies,
               [&](Out& out, const ConditionalAccessPolicy& p) { write_policy(out, p, index++); });
    write_list(tenant, dir, ListEntity::Channels, tenant.channels, write_channel);
    write_list(tenant, dir, ListEntity::Resources, tenant.resources, write_resource);
    write_list(tenant, dir, ListEntity::CrossTenantSync, tenant.sync_jobs, write_sync_job);
  }

  // The entity's file in the tenant folder `dir`: .jsonl when the tenant was read from (or generated for) one, or
  // when the list holds more than the threshold; nothing for an empty list.
  template <class Items, class Fn>
  void write_list(const Tenant& tenant, const fs::path& dir, ListEntity entity, const Items& items, Fn&& each) {
    if (items.empty()) return;
    const bool jsonl = (tenant.files_jsonl & list_entity_bit(entity)) != 0 || items.size() > options_.jsonl_threshold;
    const std::string_view name = list_entity_path(entity);
    const std::string file = std::string(name) + (jsonl ? ".jsonl" : ".json");
    report(file + " (" + std::to_string(items.size()) + ")");
    ListFile list(dir, name, jsonl);
    std::size_t done = 0;
    for (const auto& item : items) {
      each(list.next(), item);
      if (++done % kProgressEvery == 0 && done < items.size()) {
        report(file + ": " + std::to_string(done) + " / " + std::to_string(items.size()));
      }
    }
    list.close();
  }

  void report(const std::string& what) const {
    if (progress_) progress_(prefix_ + what);
  }

  static constexpr std::size_t kProgressEvery = 1000000;
  const WriteOptions& options_;
  const std::function<void(const std::string&)>& progress_;
  std::string prefix_;
};

// `dir` without a trailing separator, so that its filename names the directory itself.
fs::path normalized(const fs::path& dir) {
  fs::path p = dir.lexically_normal();
  if (!p.has_filename() && p.has_parent_path() && p != p.root_path()) p = p.parent_path();
  return p;
}

}  // namespace

void check_output_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  const fs::file_status status = fs::status(dir, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    throw std::runtime_error("cannot inspect the output " + dir.string() + ": " + ec.message());
  }
  if (!fs::exists(status)) return;
  if (!fs::is_directory(status)) {
    throw std::runtime_error("the output " + dir.string() + " exists and is not a directory; not overwriting it");
  }
  const bool empty = fs::is_empty(dir, ec);
  if (ec) throw std::runtime_error("cannot inspect the output " + dir.string() + ": " + ec.message());
  if (!empty) {
    throw std::runtime_error("the output directory " + dir.string() +
                             " exists and is not empty; not overwriting it (choose a new or empty directory)");
  }
}

void write_world(const World& world, const std::filesystem::path& dir, const WriteOptions& options,
                 const std::function<void(const std::string& what)>& progress) {
  const fs::path target = normalized(dir);
  if (target.empty() || !target.has_filename()) {
    throw std::runtime_error("cannot write a world to \"" + dir.string() + "\": not a directory name");
  }
  check_output_dir(target);
  if (target.has_parent_path()) fs::create_directories(target.parent_path());

  fs::path temporary = target;
  temporary += ".tmp-" + std::to_string(::getpid());
  std::error_code ec;
  fs::remove_all(temporary, ec);  // a leftover of an earlier run that had this process id
  try {
    fs::create_directory(temporary);
    WorldWriter(options, progress).write(world, temporary);
    // An empty `dir` is replaced; rename(2) would replace it too, but not on every platform.
    if (fs::exists(target)) fs::remove(target);
    fs::rename(temporary, target);
  } catch (const fs::filesystem_error& error) {
    fs::remove_all(temporary, ec);
    throw std::runtime_error(std::string("cannot write the world to ") + target.string() + ": " + error.what());
  } catch (...) {
    fs::remove_all(temporary, ec);
    throw;
  }
  if (progress) progress("wrote " + target.string());
}

}  // namespace tenantreach::worldgen

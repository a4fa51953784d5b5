#include "core/ingest.hpp"

#include <algorithm>
#include <exception>
#include <iterator>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_set>
#include <utility>
#include <vector>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "core/derive.hpp"
#include "core/error.hpp"
#include "core/json_collection.hpp"
#include "core/private_channel.hpp"
#include "core/text.hpp"

namespace tenantreach::core {
namespace {

namespace fs = std::filesystem;
using json::ListFormat;
using json::Location;
using json::type_name;
using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

// ---- Field paths and errors ---------------------------------------------------------------------------------------

constexpr std::size_t kKeyNode = static_cast<std::size_t>(-1);

// A field inside the current object, as a chain of keys and list indexes; formatted only for messages.
struct Field {
  const Field* parent = nullptr;
  std::string_view key;
  std::size_t index = kKeyNode;
};

std::string field_name(const Field* field) {
  std::vector<const Field*> chain;
  for (; field != nullptr; field = field->parent) chain.push_back(field);
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if ((*it)->index == kKeyNode) {
      if (!out.empty()) out += '.';
      out += (*it)->key;
    } else {
      out += '[' + std::to_string((*it)->index) + ']';
    }
  }
  return out;
}

// The file and the object being read.
struct Ctx {
  const std::string* file;
  Location location;

  [[noreturn]] void fail(const Field* field, const std::string& problem) const {
    throw InputError(*file, location.str(), field != nullptr ? field_name(field) : std::string(), problem);
  }
  std::string where() const {
    std::string out = *file;
    std::string loc = location.str();
    if (!loc.empty()) out += ": " + loc;
    return out;
  }
};

[[noreturn]] void wrong_type(const Ctx& ctx, const Field* field, const char* expected, element value) {
  ctx.fail(field, std::string("must be ") + expected + ", not " + type_name(value.type()));
}

// ---- Typed access; null is absent (R1.1) -----------------------------------------------------------------------

std::optional<element> prop(object o, std::string_view key) {
  element value;
  if (o.at_key(key).get(value) != simdjson::SUCCESS || value.is_null()) return std::nullopt;
  return value;
}

std::string_view as_string(const Ctx& ctx, const Field* field, element value) {
  std::string_view s;
  if (value.get_string().get(s) != simdjson::SUCCESS) wrong_type(ctx, field, "a string", value);
  return s;
}

bool as_bool(const Ctx& ctx, const Field* field, element value) {
  bool b = false;
  if (value.get_bool().get(b) != simdjson::SUCCESS) wrong_type(ctx, field, "a boolean (true or false)", value);
  return b;
}

object as_object(const Ctx& ctx, const Field* field, element value) {
  object o;
  if (value.get_object().get(o) != simdjson::SUCCESS) wrong_type(ctx, field, "an object", value);
  return o;
}

array as_array(const Ctx& ctx, const Field* field, element value) {
  array a;
  if (value.get_array().get(a) != simdjson::SUCCESS) wrong_type(ctx, field, "a list", value);
  return a;
}

std::optional<std::string_view> opt_string(const Ctx& ctx, const Field* parent, object o, std::string_view key) {
  auto value = prop(o, key);
  if (!value) return std::nullopt;
  Field field{parent, key};
  return as_string(ctx, &field, *value);
}

std::string_view req_string(const Ctx& ctx, const Field* parent, object o, std::string_view key) {
  Field field{parent, key};
  auto value = prop(o, key);
  if (!value) ctx.fail(&field, "is required");
  std::string_view s = as_string(ctx, &field, *value);
  if (s.empty()) ctx.fail(&field, "must not be empty");
  return s;
}

std::optional<bool> opt_bool(const Ctx& ctx, const Field* parent, object o, std::string_view key) {
  auto value = prop(o, key);
  if (!value) return std::nullopt;
  Field field{parent, key};
  return as_bool(ctx, &field, *value);
}

std::optional<object> opt_object(const Ctx& ctx, const Field* parent, object o, std::string_view key) {
  auto value = prop(o, key);
  if (!value) return std::nullopt;
  Field field{parent, key};
  return as_object(ctx, &field, *value);
}

std::string lower_or_empty(std::optional<std::string_view> s) { return s ? to_lower(*s) : std::string(); }
std::string copy_or_empty(std::optional<std::string_view> s) { return s ? std::string(*s) : std::string(); }

// A list of strings; absent or null adds nothing.
void string_list(const Ctx& ctx, const Field* parent, object o, std::string_view key, std::vector<std::string>& out,
                 bool lower) {
  auto value = prop(o, key);
  if (!value) return;
  Field field{parent, key};
  array list = as_array(ctx, &field, *value);
  out.reserve(out.size() + list.size());
  std::size_t index = 0;
  for (element item : list) {
    Field entry{&field, {}, index++};
    std::string_view s = as_string(ctx, &entry, item);
    out.emplace_back(lower ? to_lower(s) : std::string(s));
  }
}

// Whether a list of strings is present (not null), and whether it holds keyword (any case).
struct ListProbe {
  bool present = false;
  bool empty = true;
  bool has_keyword = false;
};

ListProbe probe_list(const Ctx& ctx, const Field* parent, object o, std::string_view key, std::string_view keyword) {
  ListProbe probe;
  auto value = prop(o, key);
  if (!value) return probe;
  Field field{parent, key};
  array list = as_array(ctx, &field, *value);
  probe.present = true;
  std::size_t index = 0;
  for (element item : list) {
    Field entry{&field, {}, index++};
    std::string_view s = as_string(ctx, &entry, item);
    probe.empty = false;
    if (!keyword.empty() && iequals(s, keyword)) probe.has_keyword = true;
  }
  return probe;
}

// A risk-level condition: a list (signInRiskLevels) or a comma-separated flags string (insiderRiskLevels).
bool non_empty_levels(const Ctx& ctx, const Field* parent, object o, std::string_view key) {
  auto value = prop(o, key);
  if (!value) return false;
  Field field{parent, key};
  std::string_view s;
  if (value->get_string().get(s) == simdjson::SUCCESS) {
    return std::any_of(s.begin(), s.end(), [](char c) { return c != ' ' && c != ','; });
  }
  array list = as_array(ctx, &field, *value);
  return list.size() != 0;
}

template <class Enum, std::size_t N>
Enum parse_enum(const Ctx& ctx, const Field* field, std::string_view value,
                const std::pair<std::string_view, Enum> (&allowed)[N]) {
  for (const auto& [name, e] : allowed) {
    if (iequals(value, name)) return e;
  }
  std::string problem = "must be ";
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) problem += i + 1 == N ? " or " : ", ";
    problem += allowed[i].first;
  }
  problem += ", not \"" + std::string(value) + "\"";
  ctx.fail(field, problem);
}

constexpr std::pair<std::string_view, UserType> kUserTypes[] = {{"Member", UserType::Member},
                                                                  {"Guest", UserType::Guest}};
constexpr std::pair<std::string_view, AccessType> kAccessTypes[] = {{"allowed", AccessType::Allowed},
                                                                      {"blocked", AccessType::Blocked}};
constexpr std::pair<std::string_view, ChannelType> kChannelTypes[] = {
    {"standard", ChannelType::Standard}, {"private", ChannelType::Private}, {"shared", ChannelType::Shared}};
constexpr std::pair<std::string_view, ResourceKind> kResourceKinds[] = {{"site", ResourceKind::Site},
                                                                          {"application", ResourceKind::Application},
                                                                          {"container", ResourceKind::Container}};
constexpr std::pair<std::string_view, GrantType> kGrantTypes[] = {
    {"user", GrantType::User},
    {"group", GrantType::Group},
    {"everyone", GrantType::Everyone},
    {"everyoneExceptExternalUsers", GrantType::EveryoneExceptExternalUsers}};
constexpr std::pair<std::string_view, bool> kSyncScopes[] = {{"assigned", false}, {"all", true}};

// ---- Entities --------------------------------------------------------------------------------------------------

// Users are the bulk of a large world: one pass over the object's keys instead of a lookup per field.
void parse_user(const Ctx& ctx, object o, User& user, StringArena& strings) {
  bool has_id = false, has_upn = false;
  std::string_view mail;  // the parser's copy, valid while it parses this document
  for (const auto& kv : o) {
    const std::string_view key = kv.key;
    const element value = kv.value;
    if (value.is_null()) continue;
    Field field{nullptr, key};
    if (key == "id") {
      std::string_view s = as_string(ctx, &field, value);
      if (s.empty()) ctx.fail(&field, "must not be empty");
      user.id = strings.add_lower(s);
      has_id = true;
    } else if (key == "userPrincipalName") {
      std::string_view s = as_string(ctx, &field, value);
      if (s.empty()) ctx.fail(&field, "must not be empty");
      user.user_principal_name = strings.add(s);
      has_upn = true;
    } else if (key == "displayName") {
      user.display_name = strings.add(as_string(ctx, &field, value));
    } else if (key == "mail") {
      mail = as_string(ctx, &field, value);
    } else if (key == "otherMails") {
      array list = as_array(ctx, &field, value);
      std::vector<Text>& other_mails = user.extras.edit().other_mails;
      other_mails.reserve(list.size());
      std::size_t index = 0;
      for (element item : list) {
        Field entry{&field, {}, index++};
        other_mails.push_back(strings.add(as_string(ctx, &entry, item)));
      }
    } else if (key == "userType") {
      user.user_type = parse_enum(ctx, &field, as_string(ctx, &field, value), kUserTypes);
    } else if (key == "accountEnabled") {
      user.account_enabled = as_bool(ctx, &field, value);
    } else if (key == "externalUserState") {
      user.extras.edit().external_user_state = strings.add_lower(as_string(ctx, &field, value));
    } else if (key == "creationType") {
      user.extras.edit().creation_type = strings.add_lower(as_string(ctx, &field, value));
    } else if (key == "homeTenantId") {
      user.extras.edit().home_tenant_id = strings.add_lower(as_string(ctx, &field, value));
    } else if (key == "homeUserId") {
      user.extras.edit().home_user_id = strings.add_lower(as_string(ctx, &field, value));
    }
  }
  if (!has_id) {
    Field field{nullptr, "id"};
    ctx.fail(&field, "is required");
  }
  if (!has_upn) {
    Field field{nullptr, "userPrincipalName"};
    ctx.fail(&field, "is required");
  }
  user.mail = mail == user.user_principal_name.view() ? user.user_principal_name : strings.add(mail);
}

// The last dotted segment of an @odata.type: "#microsoft.graph.user" -> "user".
std::string_view odata_type_name(std::string_view type) {
  std::size_t dot = type.rfind('.');
  std::string_view name = dot == std::string_view::npos ? type : type.substr(dot + 1);
  if (!name.empty() && name.front() == '#') name.remove_prefix(1);
  return name;
}

void parse_group(const Ctx& ctx, object o, Group& group, StringArena& strings, const Tenant& tenant) {
  group.id = strings.add_lower(req_string(ctx, nullptr, o, "id"));
  if (auto name = opt_string(ctx, nullptr, o, "displayName")) group.display_name = strings.add(*name);
  group.unified = probe_list(ctx, nullptr, o, "groupTypes", "Unified").has_keyword;
  group.team = probe_list(ctx, nullptr, o, "resourceProvisioningOptions", "Team").has_keyword;
  group.security_enabled = opt_bool(ctx, nullptr, o, "securityEnabled").value_or(false);
  if (auto value = prop(o, "members")) {
    Field field{nullptr, "members"};
    array list = as_array(ctx, &field, *value);
    group.members.reserve(list.size());
    std::size_t index = 0;
    for (element item : list) {
      Field entry{&field, {}, index++};
      object member = as_object(ctx, &entry, item);
      auto type = opt_string(ctx, &entry, member, "@odata.type");
      if (!type) continue;
      std::string_view name = odata_type_name(*type);
      MemberKind kind;
      if (iequals(name, "user")) {
        kind = MemberKind::User;
      } else if (iequals(name, "group")) {
        kind = MemberKind::Group;
      } else {
        continue;
      }
      // Resolved to an object read before (this group's tenant is only read: its objects were registered before
      // the groups' ranges were parsed), else by Tenant::resolve_members once every group is registered.
      thread_local std::string lower;
      tenant.add_member(group, kind, to_lower(req_string(ctx, &entry, member, "id"), lower), strings);
    }
  }
}

void parse_target_list(const Ctx& ctx, const Field* parent, object o, std::string_view key,
                       std::optional<TargetList>& out) {
  auto value = prop(o, key);
  if (!value) return;
  Field field{parent, key};
  object list_object = as_object(ctx, &field, *value);
  TargetList list;
  {
    Field access{&field, "accessType"};
    list.access_type = parse_enum(ctx, &access, req_string(ctx, &field, list_object, "accessType"), kAccessTypes);
  }
  list.targets_missing = !prop(list_object, "targets");
  if (auto targets = prop(list_object, "targets")) {
    Field targets_field{&field, "targets"};
    array items = as_array(ctx, &targets_field, *targets);
    list.targets.reserve(items.size());
    std::size_t index = 0;
    for (element item : items) {
      Field entry{&targets_field, {}, index++};
      object target = as_object(ctx, &entry, item);
      Target t;
      t.target = to_lower(req_string(ctx, &entry, target, "target"));
      t.target_type = lower_or_empty(opt_string(ctx, &entry, target, "targetType"));
      list.targets.push_back(std::move(t));
    }
  }
  out = std::move(list);
}

void parse_settings(const Ctx& ctx, object o, CrossTenantSettings& settings) {
  static constexpr std::pair<std::string_view, std::optional<AccessSetting> CrossTenantSettings::*> kSets[] = {
      {"b2bCollaborationInbound", &CrossTenantSettings::b2b_collaboration_inbound},
      {"b2bCollaborationOutbound", &CrossTenantSettings::b2b_collaboration_outbound},
      {"b2bDirectConnectInbound", &CrossTenantSettings::b2b_direct_connect_inbound},
      {"b2bDirectConnectOutbound", &CrossTenantSettings::b2b_direct_connect_outbound},
  };
  for (const auto& [name, member] : kSets) {
    auto set = opt_object(ctx, nullptr, o, name);
    if (!set) continue;
    Field field{nullptr, name};
    AccessSetting access;
    parse_target_list(ctx, &field, *set, "usersAndGroups", access.users_and_groups);
    parse_target_list(ctx, &field, *set, "applications", access.applications);
    settings.*member = std::move(access);
  }
  if (auto trust = opt_object(ctx, nullptr, o, "inboundTrust")) {
    Field field{nullptr, "inboundTrust"};
    InboundTrust t;
    t.is_mfa_accepted = opt_bool(ctx, &field, *trust, "isMfaAccepted");
    t.is_compliant_device_accepted = opt_bool(ctx, &field, *trust, "isCompliantDeviceAccepted");
    t.is_hybrid_azure_ad_joined_device_accepted = opt_bool(ctx, &field, *trust, "isHybridAzureADJoinedDeviceAccepted");
    settings.inbound_trust = t;
  }
  if (auto consent = opt_object(ctx, nullptr, o, "automaticUserConsentSettings")) {
    Field field{nullptr, "automaticUserConsentSettings"};
    settings.consent_inbound_allowed = opt_bool(ctx, &field, *consent, "inboundAllowed");
    settings.consent_outbound_allowed = opt_bool(ctx, &field, *consent, "outboundAllowed");
  }
  if (auto sync = opt_object(ctx, nullptr, o, "identitySynchronization")) {
    Field field{nullptr, "identitySynchronization"};
    if (auto inbound = opt_object(ctx, &field, *sync, "userSyncInbound")) {
      Field inbound_field{&field, "userSyncInbound"};
      settings.user_sync_inbound_allowed = opt_bool(ctx, &inbound_field, *inbound, "isSyncAllowed");
    }
  }
  settings.is_service_provider = opt_bool(ctx, nullptr, o, "isServiceProvider").value_or(false);
}

std::optional<GuestsOrExternalUsers> parse_guests(const Ctx& ctx, const Field* parent, object o,
                                                  std::string_view key) {
  auto guests = opt_object(ctx, parent, o, key);
  if (!guests) return std::nullopt;
  Field field{parent, key};
  GuestsOrExternalUsers out;
  if (auto types = opt_string(ctx, &field, *guests, "guestOrExternalUserTypes")) {
    std::string_view rest = *types;
    while (!rest.empty()) {
      std::size_t comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
      while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
      if (!item.empty()) out.types.push_back(to_lower(item));
    }
  }
  if (auto tenants = opt_object(ctx, &field, *guests, "externalTenants")) {
    Field tenants_field{&field, "externalTenants"};
    ExternalTenants external;
    external.membership_kind = lower_or_empty(opt_string(ctx, &tenants_field, *tenants, "membershipKind"));
    external.odata_type = lower_or_empty(opt_string(ctx, &tenants_field, *tenants, "@odata.type"));
    string_list(ctx, &tenants_field, *tenants, "members", external.members, true);
    out.external_tenants = std::move(external);
  }
  return out;
}

// The first sign-in condition that narrows the policy to contexts the engine cannot see (R7.1), or "".
std::string narrowing_condition(const Ctx& ctx, const Field* conditions_field, object conditions,
                                const std::vector<std::string>& exclude_roles) {
  const Field* c = conditions_field;
  {
    ListProbe apps = probe_list(ctx, c, conditions, "clientAppTypes", "all");
    if (apps.present && !apps.has_keyword) return "clientAppTypes";
  }
  if (auto locations = opt_object(ctx, c, conditions, "locations")) {
    Field field{c, "locations"};
    ListProbe include = probe_list(ctx, &field, *locations, "includeLocations", "All");
    ListProbe exclude = probe_list(ctx, &field, *locations, "excludeLocations", {});
    if (!exclude.empty || !include.has_keyword) return "locations";
  }
  if (auto platforms = opt_object(ctx, c, conditions, "platforms")) {
    Field field{c, "platforms"};
    ListProbe include = probe_list(ctx, &field, *platforms, "includePlatforms", "all");
    ListProbe exclude = probe_list(ctx, &field, *platforms, "excludePlatforms", {});
    if (!exclude.empty || !include.has_keyword) return "platforms";
  }
  for (std::string_view levels :
       {"signInRiskLevels", "userRiskLevels", "servicePrincipalRiskLevels", "insiderRiskLevels"}) {
    if (non_empty_levels(ctx, c, conditions, levels)) return std::string(levels);
  }
  if (auto devices = opt_object(ctx, c, conditions, "devices")) {
    Field field{c, "devices"};
    if (prop(*devices, "deviceFilter")) return "devices";
    for (std::string_view list : {"includeDevices", "excludeDevices", "includeDeviceStates", "excludeDeviceStates"}) {
      if (!probe_list(ctx, &field, *devices, list, {}).empty) return "devices";
    }
  }
  if (prop(conditions, "clientApplications")) return "clientApplications";
  if (prop(conditions, "authenticationFlows")) return "authenticationFlows";
  if (!exclude_roles.empty()) return "excludeRoles";
  return {};
}

void parse_policy(const Ctx& ctx, object o, std::size_t index, ConditionalAccessPolicy& policy) {
  auto id = opt_string(ctx, nullptr, o, "id");
  policy.id = id && !id->empty() ? to_lower(*id) : "#" + std::to_string(index);
  policy.display_name = copy_or_empty(opt_string(ctx, nullptr, o, "displayName"));
  policy.state = lower_or_empty(opt_string(ctx, nullptr, o, "state"));

  if (auto conditions = opt_object(ctx, nullptr, o, "conditions")) {
    Field conditions_field{nullptr, "conditions"};
    if (auto users = opt_object(ctx, &conditions_field, *conditions, "users")) {
      Field field{&conditions_field, "users"};
      string_list(ctx, &field, *users, "includeUsers", policy.include_users, true);
      string_list(ctx, &field, *users, "excludeUsers", policy.exclude_users, true);
      string_list(ctx, &field, *users, "includeGroups", policy.include_groups, true);
      string_list(ctx, &field, *users, "excludeGroups", policy.exclude_groups, true);
      string_list(ctx, &field, *users, "includeRoles", policy.include_roles, true);
      string_list(ctx, &field, *users, "excludeRoles", policy.exclude_roles, true);
      policy.include_guests_or_external_users = parse_guests(ctx, &field, *users, "includeGuestsOrExternalUsers");
      policy.exclude_guests_or_external_users = parse_guests(ctx, &field, *users, "excludeGuestsOrExternalUsers");
    }
    if (auto apps = opt_object(ctx, &conditions_field, *conditions, "applications")) {
      Field field{&conditions_field, "applications"};
      string_list(ctx, &field, *apps, "includeApplications", policy.include_applications, true);
      string_list(ctx, &field, *apps, "excludeApplications", policy.exclude_applications, true);
    }
    policy.narrowing_condition = narrowing_condition(ctx, &conditions_field, *conditions, policy.exclude_roles);
  }

  if (auto grant = opt_object(ctx, nullptr, o, "grantControls")) {
    Field field{nullptr, "grantControls"};
    auto op = opt_string(ctx, &field, *grant, "operator");
    policy.operator_and = op && iequals(*op, "AND");
    string_list(ctx, &field, *grant, "builtInControls", policy.controls, true);
    if (auto terms = prop(*grant, "termsOfUse")) {
      Field terms_field{&field, "termsOfUse"};
      if (as_array(ctx, &terms_field, *terms).size() != 0) policy.controls.emplace_back("termsofuse");
    }
    if (prop(*grant, "authenticationStrength")) policy.controls.emplace_back("authenticationstrength");
  }

  if (auto session = opt_object(ctx, nullptr, o, "sessionControls")) {
    Field field{nullptr, "sessionControls"};
    for (std::string_view control :
         {"signInFrequency", "persistentBrowser", "applicationEnforcedRestrictions", "cloudAppSecurity"}) {
      auto setting = opt_object(ctx, &field, *session, control);
      if (!setting) continue;
      Field control_field{&field, control};
      if (opt_bool(ctx, &control_field, *setting, "isEnabled").value_or(false)) policy.session_controls_enabled = true;
    }
  }
}


void parse_conversation_members(const Ctx& ctx, const Field* field, array list, std::vector<ConversationMember>& out,
                                ConversationMemberTexts& texts, std::vector<Warning>& warnings) {
  out.reserve(list.size());
  std::size_t index = 0;
  for (element item : list) {
    Field entry{field, {}, index++};
    object member = as_object(ctx, &entry, item);
    auto user_id = opt_string(ctx, &entry, member, "userId");
    if (!user_id || user_id->empty()) {
      warnings.push_back(Warning{"member-without-userid", ctx.where() + ": " + field_name(&entry) +
                                                              ": conversation member without userId skipped"});
      continue;
    }
    out.push_back(texts.make(to_lower(*user_id), lower_or_empty(opt_string(ctx, &entry, member, "tenantId"))));
  }
}

void parse_channel(const Ctx& ctx, object o, Channel& channel, const Tenant& tenant, ConversationMemberTexts& texts,
                   std::vector<Warning>& warnings) {
  channel.id = to_lower(req_string(ctx, nullptr, o, "id"));
  channel.display_name = copy_or_empty(opt_string(ctx, nullptr, o, "displayName"));
  if (auto type = opt_string(ctx, nullptr, o, "membershipType")) {
    Field field{nullptr, "membershipType"};
    channel.type = parse_enum(ctx, &field, *type, kChannelTypes);
  }
  if (channel.type == ChannelType::Standard) {
    channel.team_id = tenant.id_text(to_lower(req_string(ctx, nullptr, o, "teamId")));
  } else {
    channel.team_id = tenant.id_text(lower_or_empty(opt_string(ctx, nullptr, o, "teamId")));
  }
  if (auto members = prop(o, "members")) {
    Field field{nullptr, "members"};
    parse_conversation_members(ctx, &field, as_array(ctx, &field, *members), channel.members, texts, warnings);
  }
  if (auto teams = prop(o, "sharedWithTeams")) {
    Field field{nullptr, "sharedWithTeams"};
    array list = as_array(ctx, &field, *teams);
    channel.shared_with_teams.reserve(list.size());
    std::size_t index = 0;
    for (element item : list) {
      Field entry{&field, {}, index++};
      object team = as_object(ctx, &entry, item);
      SharedWithTeam shared;
      shared.team_id = to_lower(req_string(ctx, &entry, team, "id"));
      shared.tenant_id = lower_or_empty(opt_string(ctx, &entry, team, "tenantId"));
      shared.display_name = copy_or_empty(opt_string(ctx, &entry, team, "displayName"));
      shared.is_host_team = opt_bool(ctx, &entry, team, "isHostTeam").value_or(false);
      if (auto allowed = prop(team, "allowedMembers")) {
        Field allowed_field{&entry, "allowedMembers"};
        shared.allowed_members.emplace();
        parse_conversation_members(ctx, &allowed_field, as_array(ctx, &allowed_field, *allowed),
                                   *shared.allowed_members, texts, warnings);
      }
      channel.shared_with_teams.push_back(std::move(shared));
    }
  }
}

// `tenant` only gives the Texts of the grants' ids (Tenant::id_text): its users and groups are read before.
void parse_resource(const Ctx& ctx, object o, Resource& resource, const Tenant& tenant) {
  resource.id = to_lower(req_string(ctx, nullptr, o, "id"));
  resource.display_name = copy_or_empty(opt_string(ctx, nullptr, o, "displayName"));
  {
    Field field{nullptr, "kind"};
    resource.kind = parse_enum(ctx, &field, req_string(ctx, nullptr, o, "kind"), kResourceKinds);
  }
  if (resource.kind == ResourceKind::Application) {
    resource.app_id = to_lower(req_string(ctx, nullptr, o, "appId"));
  } else {
    auto app = opt_string(ctx, nullptr, o, "appId");
    resource.app_id = app && !app->empty() ? to_lower(*app) : std::string("office365");
  }
  if (auto grants = prop(o, "grants")) {
    Field field{nullptr, "grants"};
    array list = as_array(ctx, &field, *grants);
    resource.grants.reserve(list.size());
    std::size_t index = 0;
    for (element item : list) {
      Field entry{&field, {}, index++};
      object grant = as_object(ctx, &entry, item);
      Field type_field{&entry, "principalType"};
      GrantType type = parse_enum(ctx, &type_field, req_string(ctx, &entry, grant, "principalType"), kGrantTypes);
      Text principal;
      if (type == GrantType::User || type == GrantType::Group) {
        thread_local std::string lower;
        principal = tenant.id_text(to_lower(req_string(ctx, &entry, grant, "principalId"), lower));
      }
      resource.grants.push_back(Grant{type, principal});
    }
  }
}

void parse_sync_job(const Ctx& ctx, object o, SyncJob& job) {
  job.id = to_lower(req_string(ctx, nullptr, o, "id"));
  job.target_tenant_id = to_lower(req_string(ctx, nullptr, o, "targetTenantId"));
  if (auto scope = opt_string(ctx, nullptr, o, "scope")) {
    Field field{nullptr, "scope"};
    job.scope_all = parse_enum(ctx, &field, *scope, kSyncScopes);
  }
  string_list(ctx, nullptr, o, "assignedUsers", job.assigned_users, true);
  string_list(ctx, nullptr, o, "assignedGroups", job.assigned_groups, true);
  if (auto mapping = opt_string(ctx, nullptr, o, "userTypeMapping")) {
    Field field{nullptr, "userTypeMapping"};
    job.user_type_mapping = parse_enum(ctx, &field, *mapping, kUserTypes);
  }
}

// ---- Files of a tenant ---------------------------------------------------------------------------------------

struct Source {
  fs::path path;
  std::string display;  // relative to the world, '/'-separated
  ListFormat format = ListFormat::Json;
};

// The display names of the files a tenant was read from, for warnings.
struct TenantFiles {
  std::string groups, channels, resources, default_settings, partners, policies, sync;
};

bool is_file(const fs::path& path, const std::string& display) {
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return false;
  if (!fs::is_regular_file(status)) throw InputError(display, "", "", "is not a regular file");
  return true;
}

// The file of a list entity in a tenant folder: <name>.json or <name>.jsonl (R1.1: every list file may be
// either; both is an error). Records in the tenant which file was found and in which format.
std::optional<Source> find_source(const fs::path& dir, const std::string& display_dir, ListEntity entity,
                                  Tenant& tenant) {
  const std::string name(list_entity_path(entity));
  std::string json_name = name + ".json";
  std::string jsonl_name = name + ".jsonl";
  Source json{dir / json_name, display_dir + "/" + json_name, ListFormat::Json};
  Source jsonl{dir / jsonl_name, display_dir + "/" + jsonl_name, ListFormat::JsonLines};
  bool has_json = is_file(json.path, json.display);
  bool has_jsonl = is_file(jsonl.path, jsonl.display);
  if (has_json && has_jsonl) {
    throw InputError(display_dir + "/" + name, "", "",
                     "both " + json_name + " and " + jsonl_name + " exist for the entity \"" + name + "\"; keep one");
  }
  if (!has_json && !has_jsonl) return std::nullopt;
  tenant.files_present |= list_entity_bit(entity);
  if (has_jsonl) tenant.files_jsonl |= list_entity_bit(entity);
  return has_json ? json : jsonl;
}

class Loader {
 public:
  Loader(fs::path root, const std::function<void(const std::string&)>& progress, const FileOverlay* overlay = nullptr)
      : root_(std::move(root)), progress_(progress), overlay_(overlay) {}

  World load() {
    std::error_code ec;
    if (!fs::is_directory(root_, ec)) {
      throw InputError(root_.string(), "", "", "the world directory does not exist or is not a directory");
    }
    fs::path tenants_dir = root_ / "tenants";
    if (!fs::is_directory(tenants_dir, ec)) {
      throw InputError("tenants", "", "", "the world has no tenants/ directory");
    }

    std::vector<std::pair<std::string, std::string>> folders;  // (tenant id, folder name)
    fs::directory_iterator it(tenants_dir, ec);
    if (ec) throw InputError("tenants", "", "", "cannot list the directory: " + ec.message());
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      std::error_code entry_ec;
      if (!it->is_directory(entry_ec)) continue;
      std::string name = it->path().filename().string();
      if (name.empty() || name.front() == '.') continue;
      folders.emplace_back(to_lower(name), name);
    }
    if (ec) throw InputError("tenants", "", "", "cannot list the directory: " + ec.message());
    std::sort(folders.begin(), folders.end());
    for (std::size_t i = 1; i < folders.size(); ++i) {
      if (folders[i].first == folders[i - 1].first) {
        throw InputError("tenants/" + folders[i].second, "", "",
                         "two tenant folders name the same tenant id (ids compare case-insensitively): \"" +
                             folders[i - 1].second + "\" and \"" + folders[i].second + "\"");
      }
    }

    World world;
    world.tenants.resize(folders.size());
    files_.resize(folders.size());
    for (std::size_t i = 0; i < folders.size(); ++i) {
      world.tenants[i].id = folders[i].first;
      world.tenant_index.emplace(folders[i].first, static_cast<std::uint32_t>(i));
    }
    load_tenants(world, tenants_dir, folders);
    if (progress_) progress_("checking references, linking guests (R5)");
    check_references(world);
    derive(world);
    check_private_channel_members(world);
    return world;
  }

 private:
  // Tenants are independent until references are checked, so they load in parallel, each with a parser of its
  // own. What the user sees stays as a serial load gives it: warnings in tenant order, and of several bad
  // tenants the first in tenant order is the error reported.
  void load_tenants(World& world, const fs::path& tenants_dir,
                    const std::vector<std::pair<std::string, std::string>>& folders) {
    const std::size_t count = folders.size();
    std::vector<std::vector<Warning>> warnings(count);
    std::vector<std::exception_ptr> errors(count);
    std::mutex progress_mutex;
    std::size_t loaded = 0;
    tbb::parallel_for(std::size_t{0}, count, [&](std::size_t i) {
      try {
        json::Reader reader(overlay_);
        load_tenant(reader, world.tenants[i], files_[i], tenants_dir / folders[i].second,
                    "tenants/" + folders[i].second, warnings[i]);
      } catch (...) {
        errors[i] = std::current_exception();
        return;
      }
      if (!progress_) return;
      const Tenant& tenant = world.tenants[i];
      const std::lock_guard lock(progress_mutex);
      progress_("tenant " + std::to_string(++loaded) + "/" + std::to_string(count) + " " + tenant.id + ": " +
                std::to_string(tenant.users.size()) + " users, " + std::to_string(tenant.groups.size()) + " groups");
    });
    for (const std::exception_ptr& error : errors)
      if (error) std::rethrow_exception(error);
    for (std::vector<Warning>& tenant_warnings : warnings)
      world.warnings.insert(world.warnings.end(), std::make_move_iterator(tenant_warnings.begin()),
                            std::make_move_iterator(tenant_warnings.end()));
  }

  static void load_tenant(json::Reader& reader, Tenant& tenant, TenantFiles& files, const fs::path& dir,
                          const std::string& display_dir, std::vector<Warning>& warnings) {
    load_organization(reader, tenant, dir, display_dir);

    if (auto source = find_source(dir, display_dir, ListEntity::Users, tenant))
      load_directory_objects(reader, tenant, *source, tenant.users, MemberKind::User, parse_user);
    if (auto source = find_source(dir, display_dir, ListEntity::Groups, tenant)) {
      files.groups = source->display;
      load_directory_objects(reader, tenant, *source, tenant.groups, MemberKind::Group,
                             [&](const Ctx& ctx, object o, Group& group, StringArena& strings) {
                               parse_group(ctx, o, group, strings, tenant);
                             });
      tenant.resolve_members();
    }

    const fs::path policy_dir = dir / "crossTenantAccessPolicy";
    const std::string policy_display = display_dir + "/crossTenantAccessPolicy";
    {
      fs::path path = policy_dir / "default.json";
      std::string display = policy_display + "/default.json";
      if (is_file(path, display)) {
        files.default_settings = display;
        reader.read_object(path, display, [&](object o) {
          Ctx ctx{&display, Location{}};
          parse_settings(ctx, o, tenant.default_settings);
          tenant.has_default_settings = true;
        });
      }
    }
    if (auto source = find_source(dir, display_dir, ListEntity::Partners, tenant)) {
      files.partners = source->display;
      reader.for_each_object(source->path, source->display, source->format, [&](object o, const Location& where) {
        Ctx ctx{&source->display, where};
        CrossTenantSettings partner;
        partner.tenant_id = to_lower(req_string(ctx, nullptr, o, "tenantId"));
        parse_settings(ctx, o, partner);
        auto [slot, inserted] =
            tenant.partner_index.try_emplace(partner.tenant_id, static_cast<std::uint32_t>(tenant.partners.size()));
        if (!inserted) {
          Field field{nullptr, "tenantId"};
          ctx.fail(&field, "partner tenant " + partner.tenant_id + " repeats (first at index " +
                               std::to_string(slot->second) + ")");
        }
        tenant.partners.push_back(std::move(partner));
      });
    }

    if (auto source = find_source(dir, display_dir, ListEntity::ConditionalAccessPolicies, tenant)) {
      files.policies = source->display;
      std::size_t index = 0;
      reader.for_each_object(source->path, source->display, source->format, [&](object o, const Location& where) {
        Ctx ctx{&source->display, where};
        ConditionalAccessPolicy policy;
        parse_policy(ctx, o, index++, policy);
        tenant.conditional_access_policies.push_back(std::move(policy));
      });
    }
    if (auto source = find_source(dir, display_dir, ListEntity::Channels, tenant)) {
      files.channels = source->display;
      ConversationMemberTexts texts(tenant);
      reader.for_each_object(
          source->path, source->display, source->format,
          [&](object o, const Location& where) {
            Ctx ctx{&source->display, where};
            Channel channel;
            parse_channel(ctx, o, channel, tenant, texts, warnings);
            tenant.channels.push_back(std::move(channel));
          },
          [&](std::size_t n) { tenant.channels.reserve(n); });
    }
    if (auto source = find_source(dir, display_dir, ListEntity::Resources, tenant)) {
      files.resources = source->display;
      reader.for_each_object(
          source->path, source->display, source->format,
          [&](object o, const Location& where) {
            Ctx ctx{&source->display, where};
            Resource resource;
            parse_resource(ctx, o, resource, tenant);
            tenant.resources.push_back(std::move(resource));
          },
          [&](std::size_t n) { tenant.resources.reserve(n); });
    }
    if (auto source = find_source(dir, display_dir, ListEntity::CrossTenantSync, tenant)) {
      files.sync = source->display;
      reader.for_each_object(source->path, source->display, source->format, [&](object o, const Location& where) {
        Ctx ctx{&source->display, where};
        SyncJob job;
        parse_sync_job(ctx, o, job);
        tenant.sync_jobs.push_back(std::move(job));
      });
    }
  }

  static void load_organization(json::Reader& reader, Tenant& tenant, const fs::path& dir,
                                const std::string& display_dir) {
    const auto source = find_source(dir, display_dir, ListEntity::Organization, tenant);
    if (!source) {
      throw InputError(display_dir + "/organization.json", "", "", "organization.json is required for every tenant");
    }
    const std::string& display = source->display;
    std::size_t count = 0;
    reader.for_each_object(source->path, display, source->format, [&](object o, const Location& where) {
      Ctx ctx{&display, where};
      if (count++ > 0) ctx.fail(nullptr, "the organization file must hold exactly one organization");
      Field id_field{nullptr, "id"};
      std::string_view id = req_string(ctx, nullptr, o, "id");
      if (!iequals(id, tenant.id)) {
        ctx.fail(&id_field, "the organization id \"" + std::string(id) + "\" differs from the tenant folder name \"" +
                                tenant.id + "\"");
      }
      tenant.display_name = copy_or_empty(opt_string(ctx, nullptr, o, "displayName"));
      if (auto domains = prop(o, "verifiedDomains")) {
        Field field{nullptr, "verifiedDomains"};
        array list = as_array(ctx, &field, *domains);
        tenant.verified_domains.reserve(list.size());
        std::size_t index = 0;
        for (element item : list) {
          Field entry{&field, {}, index++};
          object domain = as_object(ctx, &entry, item);
          tenant.verified_domains.push_back(to_lower(req_string(ctx, &entry, domain, "name")));
        }
      }
    });
    if (count == 0) throw InputError(display, "", "", "the organization file holds no organization");
  }

  // Users and groups share one id space per tenant (R1.3): each object is parsed, registered in
  // Tenant::objects under its kind, and appended to its list.
  template <typename Object, typename Parse>
  static void load_directory_objects(json::Reader& reader, Tenant& tenant, const Source& source,
                                     std::vector<Object>& objects, MemberKind kind, Parse parse) {
    if (source.format == ListFormat::JsonLines) {
      load_directory_lines(reader, tenant, source, objects, kind, parse);
      return;
    }
    reader.for_each_object(
        source.path, source.display, source.format,
        [&](object o, const Location& where) {
          Ctx ctx{&source.display, where};
          Object parsed;
          parse(ctx, o, parsed, *tenant.strings);
          add_object(ctx, tenant, parsed.id, kind, static_cast<std::uint32_t>(objects.size()));
          objects.push_back(std::move(parsed));
        },
        [&](std::size_t n) {
          objects.reserve(n);
          tenant.objects.reserve(tenant.objects.size() + n, tenant.object_ids());
        });
  }

  // A `.jsonl` list is parsed in line ranges at once (a hub tenant's users are a third of a world), each range
  // by a reader of its own; the objects are then registered in file order. What the user sees is what a serial
  // read gives: of several problems, the one on the earliest line is reported (a range stops at its first
  // failure, and its error is raised only after every object before it was registered).
  template <typename Object, typename Parse>
  static void load_directory_lines(json::Reader& reader, Tenant& tenant, const Source& source,
                                   std::vector<Object>& objects, MemberKind kind, Parse parse) {
    const simdjson::padded_string text = reader.load(source.path, source.display);
    constexpr std::size_t kMinRangeBytes = std::size_t{1} << 20;
    const std::size_t parts = std::clamp<std::size_t>(text.size() / kMinRangeBytes, 1,
                                                      4 * static_cast<std::size_t>(tbb::this_task_arena::max_concurrency()));
    const std::vector<json::LineRange> ranges = json::split_lines(std::string_view(text.data(), text.size()), parts);
    struct Part {
      std::vector<Object> objects;
      std::vector<std::size_t> lines;
      StringArena strings;
      std::exception_ptr error;
    };
    std::vector<Part> results(ranges.size());
    tbb::enumerable_thread_specific<json::Reader> readers;
    tbb::parallel_for(std::size_t{0}, ranges.size(), [&](std::size_t i) {
      Part& part = results[i];
      part.objects.reserve(ranges[i].newlines + 1);
      part.lines.reserve(ranges[i].newlines + 1);
      try {
        readers.local().for_each_line_object(text, ranges[i], source.display, [&](object o, const Location& where) {
          Object parsed;
          parse(Ctx{&source.display, where}, o, parsed, part.strings);
          part.objects.push_back(std::move(parsed));
          part.lines.push_back(where.number);
        });
      } catch (...) {
        part.error = std::current_exception();
      }
    });
    std::size_t total = 0;
    for (const Part& part : results) total += part.objects.size();
    objects.reserve(objects.size() + total);
    tenant.objects.reserve(tenant.objects.size() + total, tenant.object_ids());
    for (Part& part : results) {
      tenant.strings->adopt(std::move(part.strings));
      for (std::size_t j = 0; j < part.objects.size(); ++j) {
        const Ctx ctx{&source.display, Location{Location::Kind::Line, part.lines[j]}};
        add_object(ctx, tenant, part.objects[j].id, kind, static_cast<std::uint32_t>(objects.size()));
        objects.push_back(std::move(part.objects[j]));
      }
      if (part.error) std::rethrow_exception(part.error);
    }
  }

  static void add_object(const Ctx& ctx, Tenant& tenant, Text id, MemberKind kind, std::uint32_t index) {
    const std::optional<ObjectRef> existing = tenant.objects.insert(id, ObjectRef{kind, index}, tenant.object_ids());
    if (existing) {
      Field field{nullptr, "id"};
      ctx.fail(&field, "the id " + id + " repeats within the tenant (already used by a " +
                           (existing->kind == MemberKind::User ? "user" : "group") +
                           "; ids of users and groups are unique per tenant)");
    }
  }

  // ---- Dangling references: warnings, never errors (R1.3) ----

  static bool has_object(const Tenant& tenant, std::string_view id, MemberKind kind) {
    const std::optional<ObjectRef> object = tenant.find_object(id);
    return object && object->kind == kind;
  }

  static const Tenant* tenant_of(const World& world, const std::string& id) {
    auto it = world.tenant_index.find(id);
    return it == world.tenant_index.end() ? nullptr : &world.tenants[it->second];
  }

  void check_references(World& world) {
    std::vector<Warning>& warnings = world.warnings;
    auto warn = [&](const char* code, std::string message) { warnings.push_back(Warning{code, std::move(message)}); };

    // A conversation member: of the channel's tenant (must be a user there), of another tenant in the world
    // (checked there), or of a tenant not in the world.
    auto check_member = [&](const std::string& file, const Channel& channel, const ConversationMember& member,
                            const std::string& default_tenant, bool check_other_tenants) {
      const std::string& tenant_id = member.tenant_id.empty() ? default_tenant : member.tenant_id;
      const Tenant* home = tenant_of(world, tenant_id);
      if (home == nullptr) {
        warn("unknown-tenant", file + ": channel " + channel.id + ": member " + member.user_id + " of tenant " +
                                   tenant_id + ", which is not in the world");
      } else if ((check_other_tenants || tenant_id == default_tenant) &&
                 !has_object(*home, member.user_id, MemberKind::User)) {
        warn("dangling-channel-member", file + ": channel " + channel.id + ": member " + member.user_id +
                                            " is not a user of tenant " + tenant_id);
      }
    };

    for (std::size_t t = 0; t < world.tenants.size(); ++t) {
      const Tenant& tenant = world.tenants[t];
      const TenantFiles& files = files_[t];

      for (const Group& group : tenant.groups) {
        for (const MemberRef& member : group.members) {
          if (!member.resolved()) {
            warn("dangling-member", files.groups + ": group " + group.id + ": member " +
                                        tenant.member_id(group, member) + " is not a " +
                                        (member.kind() == MemberKind::User ? "user" : "group") + " of tenant " +
                                        tenant.id);
          }
        }
      }

      for (const Resource& resource : tenant.resources) {
        for (const Grant& grant : resource.grants) {
          if (grant.type != GrantType::User && grant.type != GrantType::Group) continue;
          MemberKind kind = grant.type == GrantType::User ? MemberKind::User : MemberKind::Group;
          if (!has_object(tenant, grant.principal_id, kind)) {
            warn("dangling-grant", files.resources + ": resource " + resource.id + ": grant to " + grant.principal_id +
                                       ", which is not a " + (kind == MemberKind::User ? "user" : "group") +
                                       " of tenant " + tenant.id);
          }
        }
      }

      for (const Channel& channel : tenant.channels) {
        if (channel.type == ChannelType::Standard) {
          if (!has_object(tenant, channel.team_id, MemberKind::Group)) {
            warn("dangling-team", files.channels + ": channel " + channel.id + ": team " + channel.team_id +
                                      " is not a group of tenant " + tenant.id);
          }
          continue;  // a standard channel's members are its team's (R3.3)
        }
        const bool shared = channel.type == ChannelType::Shared;
        // A private channel's members of other tenants are checked after linking (ignored-channel-member); here
        // only that their tenant is in the world (R1.3).
        for (const ConversationMember& member : channel.members) {
          check_member(files.channels, channel, member, tenant.id, shared);
        }
        for (const SharedWithTeam& team : channel.shared_with_teams) {
          const std::string& team_tenant = team.tenant_id.empty() ? tenant.id : team.tenant_id;
          const Tenant* owner = tenant_of(world, team_tenant);
          if (owner == nullptr) {
            warn("unknown-tenant", files.channels + ": channel " + channel.id + ": shared with team " + team.team_id +
                                       " of tenant " + team_tenant + ", which is not in the world");
          } else if (!team.allowed_members && !has_object(*owner, team.team_id, MemberKind::Group)) {
            warn("dangling-team", files.channels + ": channel " + channel.id + ": shared with team " + team.team_id +
                                      ", which is not a group of tenant " + team_tenant);
          }
          if (team.allowed_members) {
            for (const ConversationMember& member : *team.allowed_members) {
              check_member(files.channels, channel, member, team_tenant, true);
            }
          }
        }
      }

      if (tenant.has_default_settings) {
        const std::pair<const char*, const std::optional<AccessSetting>*> inbound[] = {
            {"b2bCollaborationInbound", &tenant.default_settings.b2b_collaboration_inbound},
            {"b2bDirectConnectInbound", &tenant.default_settings.b2b_direct_connect_inbound}};
        for (const auto& [name, setting] : inbound) {
          if (!*setting || !(*setting)->users_and_groups) continue;
          for (const Target& target : (*setting)->users_and_groups->targets) {
            if (target.target == "allusers") continue;
            warn("default-inbound-targets", files.default_settings + ": " + name +
                                                ".usersAndGroups names " + target.target +
                                                "; the default inbound setting cannot name users or groups (R4.5)");
            break;
          }
        }
      }

      check_policy_targets(world, tenant, files, warnings);

      for (const SyncJob& job : tenant.sync_jobs) {
        for (const std::string& id : job.assigned_users) {
          if (!has_object(tenant, id, MemberKind::User)) {
            warn("dangling-sync-assignment",
                 files.sync + ": job " + job.id + ": assigned user " + id + " is not a user of tenant " + tenant.id);
          }
        }
        for (const std::string& id : job.assigned_groups) {
          if (!has_object(tenant, id, MemberKind::Group)) {
            warn("dangling-sync-assignment",
                 files.sync + ": job " + job.id + ": assigned group " + id + " is not a group of tenant " + tenant.id);
          }
        }
      }
    }
  }

  // dangling-policy-target (R1.3): a user or group that a cross-tenant target or a Conditional Access policy names
  // and the tenant whose ids it names, when in the world, does not hold. Inbound targets name ids of the partner
  // (R4.5); outbound targets and CA policies name ids of the tenant itself. A default inbound setting names ids of
  // any partner and is reported as default-inbound-targets instead.
  static void check_policy_targets(const World& world, const Tenant& tenant, const TenantFiles& files,
                                   std::vector<Warning>& warnings) {
    auto check_list = [&](const std::string& where, const char* setting, const std::optional<AccessSetting>& access,
                          const Tenant* owner) {
      if (owner == nullptr || !access || !access->users_and_groups) return;
      for (const Target& target : access->users_and_groups->targets) {
        if (target.target == "allusers") continue;
        const bool may_be_user = target.target_type.empty() || target.target_type == "user";
        const bool may_be_group = target.target_type.empty() || target.target_type == "group";
        if (!may_be_user && !may_be_group) continue;  // another targetType matches nothing (R4.3)
        if ((may_be_user && has_object(*owner, target.target, MemberKind::User)) ||
            (may_be_group && has_object(*owner, target.target, MemberKind::Group)))
          continue;
        const char* kind = may_be_user && may_be_group ? "user or group" : may_be_user ? "user" : "group";
        warnings.push_back({"dangling-policy-target", where + ": " + setting + ".usersAndGroups names " + kind + " " +
                                                          target.target + ", which is not a " + kind + " of tenant " +
                                                          owner->id});
      }
    };
    auto check_settings = [&](const std::string& where, const CrossTenantSettings& settings, const Tenant* partner) {
      check_list(where, "b2bCollaborationInbound", settings.b2b_collaboration_inbound, partner);
      check_list(where, "b2bDirectConnectInbound", settings.b2b_direct_connect_inbound, partner);
      check_list(where, "b2bCollaborationOutbound", settings.b2b_collaboration_outbound, &tenant);
      check_list(where, "b2bDirectConnectOutbound", settings.b2b_direct_connect_outbound, &tenant);
    };
    if (tenant.has_default_settings) check_settings(files.default_settings, tenant.default_settings, nullptr);
    for (const CrossTenantSettings& partner : tenant.partners)
      check_settings(files.partners + ": partner " + partner.tenant_id, partner, tenant_of(world, partner.tenant_id));

    for (const ConditionalAccessPolicy& policy : tenant.conditional_access_policies) {
      const std::string where = files.policies + ": policy " + policy.id;
      auto check_ids = [&](const char* field, const std::vector<std::string>& ids, MemberKind kind) {
        for (const std::string& id : ids) {
          if (kind == MemberKind::User && (id == "all" || id == "none" || id == "guestsorexternalusers")) continue;
          if (has_object(tenant, id, kind)) continue;
          const char* noun = kind == MemberKind::User ? "user" : "group";
          warnings.push_back({"dangling-policy-target", where + ": " + field + " names " + id + ", which is not a " +
                                                            noun + " of tenant " + tenant.id});
        }
      };
      check_ids("includeUsers", policy.include_users, MemberKind::User);
      check_ids("excludeUsers", policy.exclude_users, MemberKind::User);
      check_ids("includeGroups", policy.include_groups, MemberKind::Group);
      check_ids("excludeGroups", policy.exclude_groups, MemberKind::Group);
    }
  }

  // ignored-channel-member (R3.3): a private-channel member of another tenant that stands for no user object.
  void check_private_channel_members(World& world) const {
    const PrivateChannelMembers members(world);
    std::vector<std::uint32_t> objects;
    for (std::uint32_t t = 0; t < world.tenants.size(); ++t) {
      const Tenant& tenant = world.tenants[t];
      for (const Channel& channel : tenant.channels) {
        if (channel.type != ChannelType::Private) continue;
        for (const ConversationMember& member : channel.members) {
          if (!names_other_tenant(member, tenant.id)) continue;
          objects.clear();
          members.resolve(t, member, objects);
          if (!objects.empty()) continue;
          world.warnings.push_back(
              {"ignored-channel-member", files_[t].channels + ": channel " + channel.id + ": member " + member.user_id +
                                             " of tenant " + member.tenant_id +
                                             " is neither a user of tenant " + tenant.id +
                                             " nor the home identity of a guest object there; ignored"});
        }
      }
    }
  }

  fs::path root_;
  const std::function<void(const std::string&)>& progress_;
  const FileOverlay* overlay_;
  std::vector<TenantFiles> files_;
};

}  // namespace

World load_world(const std::filesystem::path& world_dir, const std::function<void(const std::string&)>& progress) {
  return Loader(world_dir, progress).load();
}

World load_world(const std::filesystem::path& world_dir, const FileOverlay& overlay,
                 const std::function<void(const std::string&)>& progress) {
  return Loader(world_dir, progress, &overlay).load();
}

}  // namespace tenantreach::core

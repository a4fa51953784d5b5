// Small hand-written worlds for rule tests. WorldBuilder collects Graph-shaped JSON objects per tenant and file
// (spec §1), writes them as a world directory into a fresh temporary directory (removed with the builder), and
// loads and compiles it through the public library API. The free functions build the JSON fragments that
// recur in such worlds, and render query answers as short strings that tests can compare with expectations
// written from the spec.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model.hpp"
#include "graph/compiled_world.hpp"
#include "support/fixtures.hpp"

namespace tenantreach::testing {

// A JSON object's properties, in order: {"name", <JSON text of the value>}.
using JsonProperties = std::initializer_list<std::pair<std::string_view, std::string>>;

class WorldBuilder {
 public:
  // A tenant (its organization.json), verifying `domain`. Every tenant the world holds must be declared.
  WorldBuilder& tenant(std::string_view id, std::string_view domain);

  // Appends one JSON object (text) to a list file of `tenant`, written as a Graph page {"value": [...]}.
  // `file` is relative to the tenant folder: "users.json", "crossTenantAccessPolicy/partners.json", ...
  WorldBuilder& add(std::string_view tenant, std::string_view file, std::string object_json);
  // Writes a file of the tenant folder verbatim (replacing what add() collected for it, if anything).
  WorldBuilder& file(std::string_view tenant, std::string_view file, std::string content);

  // An internal user: userPrincipalName and mail <id>@<the tenant's domain>. `extra` holds more properties
  // (`"accountEnabled":false`, `"userType":"Guest"`), comma-separated, without braces.
  WorldBuilder& member(std::string_view tenant, std::string_view id, std::string_view extra = {});
  // An external user object (a B2B guest) of `tenant` carrying homeTenantId/homeUserId (R5.1 (1)), userType
  // Guest and externalUserState Accepted unless `extra` overrides them.
  WorldBuilder& guest(std::string_view tenant, std::string_view id, std::string_view home_tenant,
                      std::string_view home_user, std::string_view extra = {});
  WorldBuilder& user(std::string_view tenant, std::string object_json) { return add(tenant, "users.json", std::move(object_json)); }

  // A security group (`unified` false) or Microsoft 365 group with direct user and group members.
  WorldBuilder& group(std::string_view tenant, std::string_view id, std::vector<std::string> users,
                      std::vector<std::string> groups = {}, bool unified = false);
  WorldBuilder& m365_group(std::string_view tenant, std::string_view id, std::vector<std::string> users,
                           std::vector<std::string> groups = {}) {
    return group(tenant, id, std::move(users), std::move(groups), true);
  }

  // A site in resources.json (app Office365 unless `app_id` is given) with `grants` (see user_grant & co.).
  WorldBuilder& site(std::string_view tenant, std::string_view id, std::vector<std::string> grants,
                     std::string_view app_id = {});
  // An application in resources.json.
  WorldBuilder& application(std::string_view tenant, std::string_view id, std::string_view app_id,
                            std::vector<std::string> grants);
  WorldBuilder& resource(std::string_view tenant, std::string object_json) {
    return add(tenant, "resources.json", std::move(object_json));
  }
  WorldBuilder& channel(std::string_view tenant, std::string object_json) {
    return add(tenant, "channels.json", std::move(object_json));
  }
  WorldBuilder& policy(std::string_view tenant, std::string object_json) {
    return add(tenant, "conditionalAccessPolicies.json", std::move(object_json));
  }
  // A partner entry of `tenant` for `partner_tenant` with the given properties besides tenantId.
  WorldBuilder& partner(std::string_view tenant, std::string_view partner_tenant, JsonProperties properties);
  // crossTenantAccessPolicy/default.json of `tenant`.
  WorldBuilder& default_settings(std::string_view tenant, JsonProperties properties);

  // Writes the world (once; later calls rewrite it) and returns its directory.
  std::filesystem::path write() const;
  core::World load() const;
  graph::CompiledWorld compile() const;

 private:
  TempDir dir_;
  std::map<std::string, std::string> domains_;                              // tenant id -> verified domain
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> lists_;  // (tenant, file) -> objects
  std::map<std::pair<std::string, std::string>, std::string> files_;               // (tenant, file) -> content
};

// ---- JSON fragments ---------------------------------------------------------------------------------------------

std::string quote(std::string_view text);                 // a JSON string
std::string object(JsonProperties properties);            // {"a": <json>, ...}
std::string array(const std::vector<std::string>& items);  // [<json>, ...]
std::string strings(const std::vector<std::string>& items);  // ["a", "b"]

// resources.json grants (§1.7).
std::string user_grant(std::string_view user_id);
std::string group_grant(std::string_view group_id);
std::string everyone_grant();
std::string everyone_except_external_grant();

// An aadUserConversationMember (§1.6); no tenantId property when `tenant_id` is empty.
std::string conversation_member(std::string_view user_id, std::string_view tenant_id = {});

// A set property of §1.4 (b2bCollaborationInbound, ...): {"usersAndGroups": {accessType, targets},
// "applications": {accessType, targets}}. A target is "<targetType>:<target>", or just "<target>" with type
// "user" in the users list and "application" in the applications list: {"AllUsers"}, {"group:g1"}.
std::string access(std::string_view users_access, const std::vector<std::string>& user_targets,
                   std::string_view apps_access, const std::vector<std::string>& app_targets);
// One target list: {"accessType": ..., "targets": [...]} (`default_type` as above).
std::string target_list(std::string_view access_type, const std::vector<std::string>& targets,
                        std::string_view default_type);
inline std::string allow_all() { return access("allowed", {"AllUsers"}, "allowed", {"AllApplications"}); }
inline std::string block_all() { return access("blocked", {"AllUsers"}, "blocked", {"AllApplications"}); }

// A Conditional Access policy (§1.5), enabled, for the users and applications given as `users` and
// `applications` (the conditions.users / conditions.applications objects), granting `controls`
// (builtInControls, operator OR). `id` may be empty: the policy then has no id.
std::string ca_policy(std::string_view id, std::string users, std::string applications,
                      const std::vector<std::string>& controls);
// conditions.users objects.
std::string ca_users(const std::vector<std::string>& include_users, const std::vector<std::string>& exclude_users = {});
// conditions.users with includeGuestsOrExternalUsers: `types` comma-separated, `tenants` empty for
// membershipKind all, else enumerated.
std::string ca_guests(std::string_view types, const std::vector<std::string>& tenants = {});
std::string ca_apps(const std::vector<std::string>& include, const std::vector<std::string>& exclude = {});

// ---- Answers as strings -----------------------------------------------------------------------------------------

// who-can-reach RESOURCE: "<tenantId>/<userId> <via>[,<via>]" per principal in output order, with " unlinked"
// appended for an unlinked principal.
std::vector<std::string> who(const graph::CompiledWorld& world, std::string_view resource);
// what-can-reach USER: "<tenantId>/<id> <via>[,<via>]" per resource in output order.
std::vector<std::string> what(const graph::CompiledWorld& world, std::string_view user);
// explain USER RESOURCE: one string per path, "<via>: allowed" or "<via>: <code>[@<policyId>], ...". The spec
// fixes no order of paths or of reasons, so both are sorted.
std::vector<std::string> why(const graph::CompiledWorld& world, std::string_view user, std::string_view resource);

}  // namespace tenantreach::testing

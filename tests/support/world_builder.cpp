#include "support/world_builder.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <stdexcept>

#include "core/ingest.hpp"
#include "graph/queries.hpp"
#include "graph/results.hpp"
#include "tests/reference/reference_evaluator.hpp"

namespace tenantreach::testing {
namespace {

namespace fs = std::filesystem;

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}

std::string with_extra(std::string body, std::string_view extra) {
  if (!extra.empty()) body += "," + std::string(extra);
  return "{" + body + "}";
}

std::string target(std::string_view spec, std::string_view default_type) {
  const auto colon = spec.find(':');
  const std::string_view type = colon == std::string_view::npos ? default_type : spec.substr(0, colon);
  const std::string_view name = colon == std::string_view::npos ? spec : spec.substr(colon + 1);
  return object({{"target", quote(name)}, {"targetType", quote(type)}});
}

std::string vias(graph::ViaSet set) { return join(graph::via_names(set), ","); }

}  // namespace

// ---- WorldBuilder -----------------------------------------------------------------------------------------------

WorldBuilder& WorldBuilder::tenant(std::string_view id, std::string_view domain) {
  domains_[std::string(id)] = std::string(domain);
  const std::string org = object({{"value", array({object({{"id", quote(id)},
                                                          {"displayName", quote(domain)},
                                                          {"verifiedDomains",
                                                           array({object({{"name", quote(domain)},
                                                                          {"isDefault", "true"},
                                                                          {"isInitial", "false"}})})}})})}});
  return file(id, "organization.json", org);
}

WorldBuilder& WorldBuilder::add(std::string_view tenant, std::string_view file, std::string object_json) {
  lists_[{std::string(tenant), std::string(file)}].push_back(std::move(object_json));
  return *this;
}

WorldBuilder& WorldBuilder::file(std::string_view tenant, std::string_view file, std::string content) {
  lists_.erase({std::string(tenant), std::string(file)});
  files_[{std::string(tenant), std::string(file)}] = std::move(content);
  return *this;
}

WorldBuilder& WorldBuilder::member(std::string_view tenant, std::string_view id, std::string_view extra) {
  const auto domain = domains_.find(std::string(tenant));
  if (domain == domains_.end()) throw std::logic_error("declare tenant " + std::string(tenant) + " first");
  const std::string address = std::string(id) + "@" + domain->second;
  return user(tenant, with_extra("\"id\":" + quote(id) + ",\"displayName\":" + quote(id) +
                                     ",\"userPrincipalName\":" + quote(address) + ",\"mail\":" + quote(address),
                                 extra));
}

WorldBuilder& WorldBuilder::guest(std::string_view tenant, std::string_view id, std::string_view home_tenant,
                                  std::string_view home_user, std::string_view extra) {
  // The UPN and mail deliberately match nobody (domain not verified anywhere), so only R5.1 (1) can link.
  const std::string upn = std::string(id) + "_guests.invalid#EXT#@" + std::string(tenant) + ".example";
  std::string body = "\"id\":" + quote(id) + ",\"displayName\":" + quote(id) + ",\"userPrincipalName\":" + quote(upn);
  const std::string extras(extra);
  if (extras.find("\"userType\"") == std::string::npos) body += ",\"userType\":\"Guest\"";
  if (extras.find("\"externalUserState\"") == std::string::npos) body += ",\"externalUserState\":\"Accepted\"";
  if (!home_tenant.empty()) body += ",\"homeTenantId\":" + quote(home_tenant);
  if (!home_user.empty()) body += ",\"homeUserId\":" + quote(home_user);
  return user(tenant, with_extra(body, extra));
}

WorldBuilder& WorldBuilder::group(std::string_view tenant, std::string_view id, std::vector<std::string> users,
                                  std::vector<std::string> groups, bool unified) {
  std::vector<std::string> members;
  for (const std::string& u : users)
    members.push_back(object({{"@odata.type", quote("#microsoft.graph.user")}, {"id", quote(u)}}));
  for (const std::string& g : groups)
    members.push_back(object({{"@odata.type", quote("#microsoft.graph.group")}, {"id", quote(g)}}));
  return add(tenant, "groups.json",
             object({{"id", quote(id)},
                     {"displayName", quote(id)},
                     {"groupTypes", unified ? strings({"Unified"}) : "[]"},
                     {"securityEnabled", unified ? "false" : "true"},
                     {"members", array(members)}}));
}

WorldBuilder& WorldBuilder::site(std::string_view tenant, std::string_view id, std::vector<std::string> grants,
                                 std::string_view app_id) {
  std::string body = "\"id\":" + quote(id) + ",\"displayName\":" + quote(id) + ",\"kind\":\"site\"";
  if (!app_id.empty()) body += ",\"appId\":" + quote(app_id);
  body += ",\"grants\":" + array(grants);
  return resource(tenant, "{" + body + "}");
}

WorldBuilder& WorldBuilder::application(std::string_view tenant, std::string_view id, std::string_view app_id,
                                        std::vector<std::string> grants) {
  return resource(tenant, object({{"id", quote(id)},
                                  {"displayName", quote(id)},
                                  {"kind", quote("application")},
                                  {"appId", quote(app_id)},
                                  {"grants", array(grants)}}));
}

WorldBuilder& WorldBuilder::partner(std::string_view tenant, std::string_view partner_tenant,
                                    JsonProperties properties) {
  std::string body = "\"tenantId\":" + quote(partner_tenant);
  for (const auto& [name, value] : properties) body += "," + quote(name) + ":" + value;
  return add(tenant, "crossTenantAccessPolicy/partners.json", "{" + body + "}");
}

WorldBuilder& WorldBuilder::default_settings(std::string_view tenant, JsonProperties properties) {
  return file(tenant, "crossTenantAccessPolicy/default.json", object(properties));
}

fs::path WorldBuilder::write() const {
  const fs::path root = dir_.path() / "world";
  std::error_code ignored;
  fs::remove_all(root, ignored);
  fs::create_directories(root / "tenants");
  auto put = [&](const std::pair<std::string, std::string>& where, const std::string& content) {
    const fs::path path = root / "tenants" / where.first / where.second;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
  };
  for (const auto& [where, content] : files_) put(where, content);
  for (const auto& [where, objects] : lists_) put(where, "{\"value\":" + array(objects) + "}");
  return root;
}

core::World WorldBuilder::load() const { return core::load_world(write()); }

graph::CompiledWorld WorldBuilder::compile() const {
  core::World world = load();
  // Every hand-written world is answered twice: by the engine and by the reference evaluator, which must agree
  // on every resource, so each rule test checks both implementations of the semantics.
  const std::vector<graph::WhoCanReach> expected = reference::evaluate_world(world);
  graph::CompiledWorld compiled = graph::compile(std::move(world));
  if (expected.size() != compiled.graph.resource_count()) {
    ADD_FAILURE() << "the reference evaluator found " << expected.size() << " resources, the engine "
                  << compiled.graph.resource_count();
    return compiled;
  }
  for (std::uint32_t r = 0; r < expected.size(); ++r) {
    const std::string difference =
        reference::describe_difference(graph::make_who_can_reach(compiled, graph::who_can_reach(compiled, r)),
                                       expected[r], "engine", "reference");
    if (!difference.empty()) ADD_FAILURE() << "engine and reference evaluator disagree:\n" << difference;
  }
  return compiled;
}

// ---- JSON fragments ---------------------------------------------------------------------------------------------

std::string quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string object(JsonProperties properties) {
  std::vector<std::string> items;
  for (const auto& [name, value] : properties) items.push_back(quote(name) + ":" + value);
  return "{" + join(items, ",") + "}";
}

std::string array(const std::vector<std::string>& items) { return "[" + join(items, ",") + "]"; }

std::string strings(const std::vector<std::string>& items) {
  std::vector<std::string> quoted;
  for (const std::string& item : items) quoted.push_back(quote(item));
  return array(quoted);
}

std::string user_grant(std::string_view user_id) {
  return object({{"principalId", quote(user_id)}, {"principalType", quote("user")}});
}
std::string group_grant(std::string_view group_id) {
  return object({{"principalId", quote(group_id)}, {"principalType", quote("group")}});
}
std::string everyone_grant() { return object({{"principalType", quote("everyone")}}); }
std::string everyone_except_external_grant() { return object({{"principalType", quote("everyoneExceptExternalUsers")}}); }

std::string conversation_member(std::string_view user_id, std::string_view tenant_id) {
  std::string body = "\"@odata.type\":\"#microsoft.graph.aadUserConversationMember\",\"userId\":" + quote(user_id);
  if (!tenant_id.empty()) body += ",\"tenantId\":" + quote(tenant_id);
  return "{" + body + ",\"roles\":[]}";
}

std::string target_list(std::string_view access_type, const std::vector<std::string>& targets,
                        std::string_view default_type) {
  std::vector<std::string> items;
  for (const std::string& t : targets) items.push_back(target(t, default_type));
  return object({{"accessType", quote(access_type)}, {"targets", array(items)}});
}

std::string access(std::string_view users_access, const std::vector<std::string>& user_targets,
                   std::string_view apps_access, const std::vector<std::string>& app_targets) {
  return object({{"usersAndGroups", target_list(users_access, user_targets, "user")},
                 {"applications", target_list(apps_access, app_targets, "application")}});
}

std::string ca_policy(std::string_view id, std::string users, std::string applications,
                      const std::vector<std::string>& controls) {
  std::string body;
  if (!id.empty()) body += "\"id\":" + quote(id) + ",";
  body += "\"displayName\":" + quote(id.empty() ? "unnamed" : id) + ",\"state\":\"enabled\",";
  body += "\"conditions\":" + object({{"users", std::move(users)}, {"applications", std::move(applications)}}) + ",";
  body += "\"grantControls\":" + object({{"operator", quote("OR")}, {"builtInControls", strings(controls)}});
  return "{" + body + "}";
}

std::string ca_users(const std::vector<std::string>& include_users, const std::vector<std::string>& exclude_users) {
  return object({{"includeUsers", strings(include_users)}, {"excludeUsers", strings(exclude_users)}});
}

std::string ca_guests(std::string_view types, const std::vector<std::string>& tenants) {
  const std::string external_tenants =
      tenants.empty() ? object({{"membershipKind", quote("all")}})
                      : object({{"membershipKind", quote("enumerated")}, {"members", strings(tenants)}});
  return object({{"includeUsers", "[]"},
                 {"includeGuestsOrExternalUsers",
                  object({{"guestOrExternalUserTypes", quote(types)}, {"externalTenants", external_tenants}})}});
}

std::string ca_apps(const std::vector<std::string>& include, const std::vector<std::string>& exclude) {
  return object({{"includeApplications", strings(include)}, {"excludeApplications", strings(exclude)}});
}

// ---- Answers as strings -----------------------------------------------------------------------------------------

std::vector<std::string> who(const graph::CompiledWorld& world, std::string_view resource) {
  std::vector<std::string> out;
  const graph::WhoCanReach answer =
      graph::make_who_can_reach(world, graph::who_can_reach(world, graph::find_resource(world, resource)));
  for (const graph::PrincipalReach& p : answer.principals)
    out.push_back(p.principal.tenant_id + "/" + p.principal.user_id + " " + vias(p.via) +
                  (p.principal.linked ? "" : " unlinked"));
  return out;
}

std::vector<std::string> what(const graph::CompiledWorld& world, std::string_view user) {
  std::vector<std::string> out;
  for (const graph::ResourceReach& r : graph::what_can_reach(world, user).resources)
    out.push_back(r.resource.tenant_id + "/" + r.resource.id + " " + vias(r.via));
  return out;
}

std::vector<std::string> why(const graph::CompiledWorld& world, std::string_view user, std::string_view resource) {
  std::vector<std::string> out;
  for (const graph::ExplainedPath& path : graph::explain(world, user, graph::find_resource(world, resource)).paths) {
    std::vector<std::string> reasons;
    for (const graph::Reason& reason : path.reasons)
      reasons.push_back(reason.policy_id.empty() ? reason.code : reason.code + "@" + reason.policy_id);
    std::sort(reasons.begin(), reasons.end());  // the spec fixes no order of reasons
    std::string verdict = path.allowed ? "allowed" : join(reasons, ", ");
    if (path.allowed && !reasons.empty()) verdict += " (with reasons " + join(reasons, ", ") + ")";
    out.push_back(std::string(graph::via_name(path.via)) + ": " + verdict);
  }
  std::sort(out.begin(), out.end());  // nor an order of paths
  return out;
}

}  // namespace tenantreach::testing

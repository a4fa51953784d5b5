#include "graph/render.hpp"

#include "graph/json_writer.hpp"

namespace tenantreach::graph {
namespace {

void write_names(JsonWriter& json, const std::string& display_name, const std::string& tenant_name) {
  if (!display_name.empty()) json.key("displayName").value(display_name);
  if (!tenant_name.empty()) json.key("tenantName").value(tenant_name);
}

void write_resource(JsonWriter& json, const ResourceRef& resource, const RenderOptions& options) {
  json.begin_object().key("tenantId").value(resource.tenant_id).key("id").value(resource.id);
  json.key("kind").value(resource.kind);
  if (options.names) write_names(json, resource.display_name, resource.tenant_name);
  json.end_object();
}

void write_principal(JsonWriter& json, const PrincipalRef& principal, const RenderOptions& options) {
  json.key("tenantId").value(principal.tenant_id).key("userId").value(principal.user_id);
  json.key("linked").value(principal.linked);
  if (options.names) write_names(json, principal.display_name, principal.tenant_name);
}

void write_counts(JsonWriter& json, const Counts& counts) {
  json.begin_object().key("total").value(static_cast<std::uint64_t>(counts.total));
  json.key("byVia").begin_object();
  for (const auto& [name, count] : counts.by_via) json.key(name).value(static_cast<std::uint64_t>(count));
  json.end_object().key("byTenant").begin_object();
  for (const auto& [name, count] : counts.by_tenant) json.key(name).value(static_cast<std::uint64_t>(count));
  json.end_object().end_object();
}

// The "via" array of a principal or resource, without building the list of names (audits write millions).
void write_via(JsonWriter& json, ViaSet set) {
  json.key("via").begin_array();
  for (Via via : kAllVias)
    if (set & via) json.value(via_name(via));
  json.end_array();
}

void write_principals(JsonWriter& json, const WhoCanReach& result, const RenderOptions& options) {
  json.key("principals").begin_array();
  for (const PrincipalReach& reach : result.principals) {
    json.begin_object();
    write_principal(json, reach.principal, options);
    write_via(json, reach.via);
    json.end_object();
  }
  json.end_array();
}

std::string counts_text(const Counts& counts) {
  std::string out = std::to_string(counts.total) + " in all";
  for (const auto& [name, count] : counts.by_via) out += ", " + std::to_string(count) + " by " + name;
  return out;
}

std::string joined(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

}  // namespace

std::string via_joined(ViaSet set, const char* separator) {
  std::string out;
  for (Via via : kAllVias)
    if (set & via) out += (out.empty() ? "" : separator) + std::string(via_name(via));
  return out;
}

namespace {

// "Name (id)" or the id alone when the name is unknown.
std::string named(const std::string& name, const std::string& id) { return name.empty() ? id : name + " (" + id + ")"; }

}  // namespace

std::string principal_text(const PrincipalRef& principal) {
  std::string out = named(principal.display_name, principal.tenant_id + "/" + principal.user_id);
  if (!principal.tenant_name.empty()) out += " of " + principal.tenant_name;
  if (!principal.linked) out += " [unlinked guest]";
  return out;
}

std::string resource_text(const ResourceRef& resource) {
  std::string out = resource.kind + " " + named(resource.display_name, resource.tenant_id + "/" + resource.id);
  if (!resource.tenant_name.empty()) out += " in " + resource.tenant_name;
  return out;
}

std::string resource_csv(const ResourceRef& resource) {
  return csv_field(resource.tenant_id) + "," + csv_field(resource.tenant_name) + "," + csv_field(resource.id) + "," +
         csv_field(resource.kind) + "," + csv_field(resource.display_name);
}

namespace {

std::string count_of(const Counts& counts, const char* via) {
  auto it = counts.by_via.find(via);
  return std::to_string(it == counts.by_via.end() ? 0 : it->second);
}

}  // namespace

std::string to_json(const WhoCanReach& result, const RenderOptions& options) {
  return audit_json(result, true, options);
}

std::string audit_json(const WhoCanReach& result, bool with_principals, const RenderOptions& options) {
  std::string out;
  JsonWriter json(out);
  json.begin_object().key("resource");
  write_resource(json, result.resource, options);
  if (with_principals) write_principals(json, result, options);
  json.key("counts");
  write_counts(json, result.counts);
  json.end_object();
  return out;
}

std::string to_json(const WhatCanReach& result, const RenderOptions& options) {
  std::string out;
  JsonWriter json(out);
  json.begin_object().key("user").begin_object();
  write_principal(json, result.user, options);
  json.end_object().key("resources").begin_array();
  for (const ResourceReach& reach : result.resources) {
    json.begin_object().key("tenantId").value(reach.resource.tenant_id).key("id").value(reach.resource.id);
    json.key("kind").value(reach.resource.kind);
    if (options.names) write_names(json, reach.resource.display_name, reach.resource.tenant_name);
    write_via(json, reach.via);
    json.end_object();
  }
  json.end_array().key("counts");
  write_counts(json, result.counts);
  json.end_object();
  return out;
}

std::string to_json(const Explanation& result, const RenderOptions& options) {
  std::string out;
  JsonWriter json(out);
  json.begin_object().key("user").begin_object();
  write_principal(json, result.user, options);
  json.end_object().key("resource");
  write_resource(json, result.resource, options);
  json.key("reachable").value(result.reachable).key("paths").begin_array();
  for (const ExplainedPath& path : result.paths) {
    json.begin_object().key("via").value(via_name(path.via)).key("steps").strings(path.steps);
    if (options.names) json.key("stepNames").strings(path.step_names);
    json.key("allowed").value(path.allowed).key("reasons").begin_array();
    for (const Reason& reason : path.reasons) {
      json.begin_object().key("code").value(reason.code);
      if (!reason.policy_id.empty()) json.key("policyId").value(reason.policy_id);
      if (options.names && !reason.policy_name.empty()) json.key("policyName").value(reason.policy_name);
      json.end_object();
    }
    json.end_array().end_object();
  }
  json.end_array().end_object();
  return out;
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string audit_csv_header(bool with_principals) {
  const std::string resource = "resourceTenantId,resourceTenantName,resourceId,resourceKind,resourceName";
  if (with_principals) return resource + ",principalTenantId,principalTenantName,userId,displayName,linked,via";
  return resource + ",total,internal,b2bCollaboration,b2bDirectConnect";
}

std::string audit_csv(const WhoCanReach& result, bool with_principals) {
  const std::string resource = resource_csv(result.resource);
  if (!with_principals) {
    return resource + "," + std::to_string(result.counts.total) + "," + count_of(result.counts, "internal") + "," +
           count_of(result.counts, "b2bCollaboration") + "," + count_of(result.counts, "b2bDirectConnect");
  }
  std::string out;
  for (const PrincipalReach& reach : result.principals) {
    if (!out.empty()) out += "\r\n";
    const PrincipalRef& p = reach.principal;
    out += resource + "," + csv_field(p.tenant_id) + "," + csv_field(p.tenant_name) + "," + csv_field(p.user_id) + "," +
           csv_field(p.display_name) + "," + (p.linked ? "true" : "false") + "," + via_joined(reach.via, ";");
  }
  return out;
}

std::string what_csv_header() {
  return "userTenantId,userId,resourceTenantId,resourceTenantName,resourceId,resourceKind,resourceName,via";
}

std::string to_csv(const WhatCanReach& result) {
  std::string out;
  for (const ResourceReach& reach : result.resources) {
    if (!out.empty()) out += "\r\n";
    out += csv_field(result.user.tenant_id) + "," + csv_field(result.user.user_id) + "," + resource_csv(reach.resource) +
           "," + via_joined(reach.via, ";");
  }
  return out;
}

std::string to_text(const WhoCanReach& result) {
  std::string out = resource_text(result.resource) + "\n  reached by " + counts_text(result.counts) + "\n";
  for (const PrincipalReach& reach : result.principals)
    out += "  " + principal_text(reach.principal) + "  via " + joined(via_names(reach.via), ", ") + "\n";
  return out;
}

std::string to_text(const WhatCanReach& result) {
  std::string out = principal_text(result.user) + "\n  reaches " + counts_text(result.counts) + "\n";
  for (const ResourceReach& reach : result.resources)
    out += "  " + resource_text(reach.resource) + "  via " + joined(via_names(reach.via), ", ") + "\n";
  return out;
}

std::string to_text(const Explanation& result) {
  std::string out = principal_text(result.user) + "\n  -> " + resource_text(result.resource) + "\n  " +
                    (result.reachable ? "REACHABLE" : "NOT REACHABLE") + "\n";
  for (const ExplainedPath& path : result.paths) {
    out += std::string("  path ") + via_name(path.via) + ": " + (path.allowed ? "allowed" : "refused") + "\n";
    std::vector<std::string> steps;
    for (std::size_t i = 0; i < path.steps.size(); ++i)
      steps.push_back(named(i < path.step_names.size() ? path.step_names[i] : std::string(), path.steps[i]));
    out += "    " + joined(steps, " -> ") + "\n";
    for (const Reason& reason : path.reasons) {
      out += "    reason: " + reason.code;
      if (!reason.policy_id.empty()) {
        out += " (policy " + (reason.policy_name.empty() ? reason.policy_id
                                                         : "\"" + reason.policy_name + "\" (" + reason.policy_id + ")") + ")";
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace tenantreach::graph

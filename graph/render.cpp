#include "graph/render.hpp"

#include "graph/json_writer.hpp"

namespace tenantreach::graph {
namespace {

void write_resource(JsonWriter& json, const ResourceRef& resource) {
  json.begin_object().key("tenantId").value(resource.tenant_id).key("id").value(resource.id);
  json.key("kind").value(resource.kind).end_object();
}

void write_principal(JsonWriter& json, const PrincipalRef& principal) {
  json.key("tenantId").value(principal.tenant_id).key("userId").value(principal.user_id);
  json.key("linked").value(principal.linked);
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

void write_principals(JsonWriter& json, const WhoCanReach& result) {
  json.key("principals").begin_array();
  for (const PrincipalReach& reach : result.principals) {
    json.begin_object();
    write_principal(json, reach.principal);
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

std::string principal_text(const PrincipalRef& principal) {
  std::string out = principal.tenant_id + "/" + principal.user_id;
  if (!principal.display_name.empty()) out += " (" + principal.display_name + ")";
  if (!principal.linked) out += " [unlinked guest]";
  return out;
}

std::string resource_text(const ResourceRef& resource) {
  std::string out = resource.kind + " " + resource.tenant_id + "/" + resource.id;
  if (!resource.display_name.empty()) out += " (" + resource.display_name + ")";
  return out;
}

}  // namespace

std::string to_json(const WhoCanReach& result) { return audit_json(result, true); }

std::string audit_json(const WhoCanReach& result, bool with_principals) {
  std::string out;
  JsonWriter json(out);
  json.begin_object().key("resource");
  write_resource(json, result.resource);
  if (with_principals) write_principals(json, result);
  json.key("counts");
  write_counts(json, result.counts);
  json.end_object();
  return out;
}

std::string to_json(const WhatCanReach& result) {
  std::string out;
  JsonWriter json(out);
  json.begin_object().key("user").begin_object();
  write_principal(json, result.user);
  json.end_object().key("resources").begin_array();
  for (const ResourceReach& reach : result.resources) {
    json.begin_object().key("tenantId").value(reach.resource.tenant_id).key("id").value(reach.resource.id);
    json.key("kind").value(reach.resource.kind);
    write_via(json, reach.via);
    json.end_object();
  }
  json.end_array().key("counts");
  write_counts(json, result.counts);
  json.end_object();
  return out;
}

std::string to_json(const Explanation& result) {
  std::string out;
  JsonWriter json(out);
  json.begin_object().key("user").begin_object();
  write_principal(json, result.user);
  json.end_object().key("resource");
  write_resource(json, result.resource);
  json.key("reachable").value(result.reachable).key("paths").begin_array();
  for (const ExplainedPath& path : result.paths) {
    json.begin_object().key("via").value(via_name(path.via)).key("steps").strings(path.steps);
    json.key("allowed").value(path.allowed).key("reasons").begin_array();
    for (const Reason& reason : path.reasons) {
      json.begin_object().key("code").value(reason.code);
      if (!reason.policy_id.empty()) json.key("policyId").value(reason.policy_id);
      json.end_object();
    }
    json.end_array().end_object();
  }
  json.end_array().end_object();
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
    out += "    " + joined(path.steps, " -> ") + "\n";
    for (const Reason& reason : path.reasons) {
      out += "    reason: " + reason.code;
      if (!reason.policy_id.empty()) out += " (policy " + reason.policy_id + ")";
      out += "\n";
    }
  }
  return out;
}

}  // namespace tenantreach::graph

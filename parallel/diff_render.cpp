#include "parallel/diff_render.hpp"

#include <vector>

#include "graph/json_writer.hpp"

namespace tenantreach::parallel {
namespace {

void write_names(graph::JsonWriter& json, const std::string& display_name, const std::string& tenant_name) {
  if (!display_name.empty()) json.key("displayName").value(display_name);
  if (!tenant_name.empty()) json.key("tenantName").value(tenant_name);
}

void write_principals(graph::JsonWriter& json, const char* name, const std::vector<PrincipalChange>& list,
                      const graph::RenderOptions& options) {
  json.key(name).begin_array();
  for (const PrincipalChange& change : list) {
    const graph::PrincipalRef& p = change.principal;
    json.begin_object().key("tenantId").value(p.tenant_id).key("userId").value(p.user_id);
    json.key("linked").value(p.linked);
    if (options.names) write_names(json, p.display_name, p.tenant_name);
    json.key("via").begin_array();
    for (graph::Via via : graph::kAllVias)
      if (change.via & via) json.value(graph::via_name(via));
    json.end_array();
    if (!change.why.empty()) {
      json.key("why").begin_array();
      for (const Cause& cause : change.why) {
        json.begin_object().key("cause").value(cause.kind).key("detail").value(cause.detail);
        if (!cause.policy_id.empty()) json.key("policyId").value(cause.policy_id);
        if (!cause.policy_name.empty()) json.key("policyName").value(cause.policy_name);
        json.end_object();
      }
      json.end_array();
    }
    json.end_object();
  }
  json.end_array();
}

std::string causes_text(const std::vector<Cause>& why) {
  std::string out;
  for (const Cause& cause : why) {
    out += (out.empty() ? "" : "; ") + cause.kind + ": " + cause.detail;
    if (!cause.policy_id.empty())
      out += " (policy " + (cause.policy_name.empty() ? cause.policy_id : "\"" + cause.policy_name + "\" (" + cause.policy_id + ")") + ")";
  }
  return out;
}

}  // namespace

std::string diff_json(const ResourceDiff& change, const graph::RenderOptions& options) {
  std::string out;
  graph::JsonWriter json(out);
  json.begin_object().key("resource").begin_object();
  json.key("tenantId").value(change.resource.tenant_id).key("id").value(change.resource.id);
  json.key("kind").value(change.resource.kind);
  if (options.names) write_names(json, change.resource.display_name, change.resource.tenant_name);
  json.end_object().key("change").value(change_name(change.change));
  write_principals(json, "gained", change.gained, options);
  write_principals(json, "lost", change.lost, options);
  json.end_object();
  return out;
}

std::string diff_text(const ResourceDiff& change) {
  std::string out = graph::resource_text(change.resource) + ": " + change_name(change.change) + "\n";
  const auto list = [&](const char* sign, const std::vector<PrincipalChange>& principals) {
    for (const PrincipalChange& p : principals) {
      out += std::string("  ") + sign + " " + graph::principal_text(p.principal) + "  via " + graph::via_joined(p.via, ", ") + "\n";
      if (!p.why.empty()) out += "      why: " + causes_text(p.why) + "\n";
    }
  };
  list("+", change.gained);
  list("-", change.lost);
  return out;
}

std::string diff_csv_header() {
  return "change,access,resourceTenantId,resourceTenantName,resourceId,resourceKind,resourceName,principalTenantId,"
         "principalTenantName,userId,displayName,linked,via,why";
}

std::string diff_csv(const ResourceDiff& change) {
  const std::string prefix = std::string(change_name(change.change)) + ",";
  const std::string resource = graph::resource_csv(change.resource);
  std::string out;
  const auto rows = [&](const char* access, const std::vector<PrincipalChange>& principals) {
    for (const PrincipalChange& c : principals) {
      const graph::PrincipalRef& p = c.principal;
      if (!out.empty()) out += "\r\n";
      out += prefix + access + "," + resource + "," + graph::csv_field(p.tenant_id) + "," + graph::csv_field(p.tenant_name) +
             "," + graph::csv_field(p.user_id) + "," + graph::csv_field(p.display_name) + "," + (p.linked ? "true" : "false") +
             "," + graph::via_joined(c.via, ";") + "," + graph::csv_field(causes_text(c.why));
    }
  };
  rows("gained", change.gained);
  rows("lost", change.lost);
  if (out.empty()) out = prefix + "," + resource + ",,,,,,,";
  return out;
}

void DiffSummary::add(const ResourceDiff& change) {
  switch (change.change) {
    case ResourceChange::Changed: ++changed_; break;
    case ResourceChange::Added: ++added_; break;
    case ResourceChange::Removed: ++removed_; break;
  }
  for (const auto& [list, gained] : {std::pair{&change.gained, true}, std::pair{&change.lost, false}})
    for (const PrincipalChange& p : *list)
      for (graph::Via via : graph::kAllVias) {
        if ((p.via & via) == 0) continue;
        Tally& tally = tallies_[{change.resource.tenant_id, p.principal.tenant_id, graph::via_name(via)}];
        (gained ? tally.gained : tally.lost) += 1;
      }
}

std::string DiffSummary::json() const {
  std::string out;
  for (const auto& [key, tally] : tallies_) {
    graph::JsonWriter json(out);
    json.begin_object().key("resourceTenantId").value(std::get<0>(key)).key("principalTenantId").value(std::get<1>(key));
    json.key("via").value(std::get<2>(key)).key("gained").value(tally.gained).key("lost").value(tally.lost).end_object();
    out += '\n';
  }
  graph::JsonWriter json(out);
  json.begin_object().key("resources").begin_object().key("changed").value(changed_).key("added").value(added_);
  json.key("removed").value(removed_).end_object().end_object();
  return out;
}

std::string DiffSummary::text() const {
  std::string out = "resources: " + std::to_string(changed_) + " changed, " + std::to_string(added_) + " added, " +
                    std::to_string(removed_) + " removed\n";
  for (const auto& [key, tally] : tallies_)
    out += "  " + std::get<0>(key) + " <- " + std::get<1>(key) + " via " + std::get<2>(key) + ": +" +
           std::to_string(tally.gained) + " -" + std::to_string(tally.lost) + "\n";
  return out;
}

std::string DiffSummary::csv() const {
  std::string out = "resourceTenantId,principalTenantId,via,gained,lost";
  for (const auto& [key, tally] : tallies_)
    out += "\r\n" + std::get<0>(key) + "," + std::get<1>(key) + "," + std::get<2>(key) + "," +
           std::to_string(tally.gained) + "," + std::to_string(tally.lost);
  return out;
}

}  // namespace tenantreach::parallel

#include "graph/stats.hpp"

#include "graph/json_writer.hpp"

namespace tenantreach::graph {

Stats compute_stats(const CompiledWorld& compiled) {
  Stats stats;
  auto& c = stats.counts;
  const core::World& world = compiled.world();
  const AccessGraph& graph = compiled.graph;
  c["tenants"] = world.tenants.size();
  for (const core::Tenant& tenant : world.tenants) {
    for (const core::User& user : tenant.users) {
      ++c["users"];
      if (!user.external) {
        ++c[user.user_type == core::UserType::Guest ? "users.internalGuest" : "users.internal"];
        continue;
      }
      switch (user.link_rule) {
        case core::LinkRule::HomeIds: ++c["users.external.linkedByHomeIds"]; break;
        case core::LinkRule::Mail: ++c["users.external.linkedByMail"]; break;
        case core::LinkRule::Upn: ++c["users.external.linkedByUpn"]; break;
        case core::LinkRule::None: ++c["users.external.unlinked"]; break;
      }
    }
    c["groups"] += tenant.groups.size();
    for (const core::Group& group : tenant.groups) {
      c["groups.memberships"] += group.members.size();
      if (group.unified) ++c["groups.unified"];
      if (group.team) ++c["groups.teams"];
    }
    c["partnerSettings"] += tenant.partners.size();
    c["conditionalAccessPolicies"] += tenant.conditional_access_policies.size();
    c["crossTenantSyncJobs"] += tenant.sync_jobs.size();
  }
  c["resources"] = graph.resource_count();
  for (const GraphResource& resource : graph.resources) ++c[std::string("resources.") + resource_type_name(resource.type)];
  c["principals"] = graph.principals.size();
  c["graph.vertices"] = graph.vertex_count();
  c["graph.edges"] = graph.member_of.targets.size();
  c["graph.directConnectCandidates"] = graph.direct_connect.size();
  for (const core::Warning& warning : world.warnings) ++stats.warnings[warning.code];
  stats.warning_list = world.warnings;
  return stats;
}

std::string to_json(const Stats& stats) {
  std::string out;
  JsonWriter json(out);
  json.begin_object().key("counts").begin_object();
  for (const auto& [name, count] : stats.counts) json.key(name).value(static_cast<std::uint64_t>(count));
  json.end_object().key("warnings").begin_object();
  for (const auto& [code, count] : stats.warnings) json.key(code).value(static_cast<std::uint64_t>(count));
  json.end_object().key("warningList").begin_array();
  for (const core::Warning& warning : stats.warning_list)
    json.begin_object().key("code").value(warning.code).key("message").value(warning.message).end_object();
  json.end_array().end_object();
  return out;
}

std::string to_text(const Stats& stats) {
  std::string out;
  for (const auto& [name, count] : stats.counts) out += name + ": " + std::to_string(count) + "\n";
  std::size_t total = stats.warning_list.size();
  out += "warnings: " + std::to_string(total) + "\n";
  for (const core::Warning& warning : stats.warning_list) out += "  " + warning.code + ": " + warning.message + "\n";
  return out;
}

}  // namespace tenantreach::graph

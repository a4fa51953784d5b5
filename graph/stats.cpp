#include "graph/stats.hpp"

#include "graph/json_writer.hpp"

namespace tenantreach::graph {

Stats compute_stats(const CompiledWorld& compiled) {
  Stats stats;
  auto& c = stats.counts;
  const AccessGraph& graph = compiled.graph;
  c.insert(graph.model_counts.begin(), graph.model_counts.end());
  c["resources"] = graph.resource_count();
  for (const GraphResource& resource : graph.resources) ++c[std::string("resources.") + resource_type_name(resource.type)];
  c["principals"] = graph.principals.size();
  c["graph.vertices"] = graph.vertex_count();
  c["graph.edges"] = graph.member_of.targets.size();
  c["graph.directConnectCandidates"] = graph.direct_connect.size();
  for (const core::Warning& warning : graph.warnings) ++stats.warnings[warning.code];
  stats.warning_list = graph.warnings;
  for (std::uint32_t t = 0; t < graph.tenant_count(); ++t)
    stats.sources.emplace(std::string(graph.tenant_id(t)), graph.tenant_source_files[t]);
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
  json.end_array().key("sources").begin_object();
  for (const auto& [tenant, files] : stats.sources) {
    json.key(tenant).begin_array();
    for (const std::string& file : files) json.value(file);
    json.end_array();
  }
  json.end_object().end_object();
  return out;
}

std::string to_text(const Stats& stats) {
  std::string out;
  for (const auto& [name, count] : stats.counts) out += name + ": " + std::to_string(count) + "\n";
  std::size_t total = stats.warning_list.size();
  out += "warnings: " + std::to_string(total) + "\n";
  for (const core::Warning& warning : stats.warning_list) out += "  " + warning.code + ": " + warning.message + "\n";
  out += "sources:\n";
  for (const auto& [tenant, files] : stats.sources) {
    out += "  " + tenant + ":";
    for (const std::string& file : files) out += " " + file;
    out += "\n";
  }
  return out;
}

}  // namespace tenantreach::graph

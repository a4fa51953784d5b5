#include "report/dot.hpp"

#include <map>
#include <vector>

namespace tenantreach::report {
namespace {

const char* kGraphDefaults =
    "  graph [fontname=\"Helvetica\", fontsize=11, bgcolor=\"transparent\", nodesep=0.5, ranksep=1.0];\n"
    "  node [fontname=\"Helvetica\", fontsize=10, shape=box, style=\"rounded,filled\", fillcolor=\"#f4f6fb\", "
    "color=\"#5c6b80\"];\n"
    "  edge [fontname=\"Helvetica\", fontsize=9];\n";

std::string kind_label(graph::Via kind) {
  return kind == graph::kViaB2BDirectConnect ? "direct connect" : "collaboration";
}

std::string trust_label(const core::EffectiveTrust& trust) {
  std::vector<std::string> flags;
  if (trust.mfa_accepted) flags.push_back("MFA");
  if (trust.compliant_device_accepted) flags.push_back("compliant device");
  if (trust.hybrid_joined_device_accepted) flags.push_back("hybrid joined device");
  std::string out;
  for (const std::string& flag : flags) out += (out.empty() ? "trusts " : ", ") + flag;
  return out;
}

std::string defaults_label(const graph::TrustTenant& tenant) {
  return std::string("default: collaboration in ") + graph::openness_name(tenant.collaboration_inbound) + ", out " +
         graph::openness_name(tenant.collaboration_outbound) + "\ndirect connect in " +
         graph::openness_name(tenant.direct_connect_inbound) + ", out " +
         graph::openness_name(tenant.direct_connect_outbound);
}

// A DOT string for a label whose lines are separated by '\n': each line break becomes DOT's centred line break,
// quotes and backslashes (a name may hold any) are escaped.
std::string label_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string short_id(std::string_view address) {
  return address.size() <= 24 ? std::string(address) : std::string(address.substr(0, 12)) + "…" +
                                                           std::string(address.substr(address.size() - 10));
}

}  // namespace

const char* openness_colour(graph::Openness openness) {
  switch (openness) {
    case graph::Openness::Allowed: return "#2e7d32";
    case graph::Openness::Partly: return "#c77700";
    case graph::Openness::Blocked: break;
  }
  return "#c62828";
}

std::string dot_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out + "\"";
}

std::string trust_map_dot(const graph::TrustMap& map) {
  std::string out = "digraph trust_map {\n  graph [rankdir=LR];\n";
  out += kGraphDefaults;
  // Past ten tenants, nodes carry name and id only (the defaults move to the tooltip) so the map stays legible.
  const bool compact = map.tenants.size() > 10;
  for (std::size_t t = 0; t < map.tenants.size(); ++t) {
    const graph::TrustTenant& tenant = map.tenants[t];
    const std::string name = tenant.name.empty() ? tenant.id : tenant.name;
    const std::string details = tenant.in_world ? defaults_label(tenant) : "(not in the world)";
    const std::string label = name + "\n" + tenant.id + (compact ? "" : "\n" + details);
    out += "  t" + std::to_string(t) + " [id=" + dot_string("tenant-" + tenant.id) + ", label=" + label_string(label) +
           ", tooltip=" + label_string(name + "\n" + details) + (tenant.in_world ? "" : ", style=\"rounded,dashed\"") +
           "];\n";
  }
  for (const graph::TrustEdge& edge : map.edges) {
    const std::string& from = map.tenants[edge.from].id;
    const std::string& to = map.tenants[edge.to].id;
    std::string label = kind_label(edge.kind) + ": " + graph::openness_name(edge.effective);
    if (edge.effective != graph::Openness::Blocked) {
      const std::string trust = trust_label(edge.trust);
      if (!trust.empty()) label += "\n" + trust;
    }
    const std::string tooltip = kind_label(edge.kind) + " " + graph::openness_name(edge.effective) +
                                " (outbound " + graph::openness_name(edge.outbound) + ", inbound " +
                                graph::openness_name(edge.inbound) + ")";
    out += "  t" + std::to_string(edge.from) + " -> t" + std::to_string(edge.to) +
           " [id=" + dot_string("edge-" + from + "-" + to + "-" + graph::via_name(edge.kind)) +
           ", label=" + label_string(label) + ", tooltip=" + dot_string(tooltip) +
           ", color=" + dot_string(openness_colour(edge.effective)) +
           ", fontcolor=" + dot_string(openness_colour(edge.effective)) +
           (edge.kind == graph::kViaB2BDirectConnect ? ", arrowhead=diamond, penwidth=1.6" : ", penwidth=1.2") +
           (edge.effective == graph::Openness::Blocked ? ", style=dashed" : "") + "];\n";
  }
  for (const graph::SyncEdge& edge : map.syncs) {
    const std::string label = "sync " + short_id(edge.job_id) + (edge.active ? " (active)" : "\n(inactive: " + edge.inactive_reason + " off)");
    out += "  t" + std::to_string(edge.from) + " -> t" + std::to_string(edge.to) +
           " [id=" + dot_string("sync-" + edge.job_id) + ", label=" + label_string(label) + ", color=\"" + kSyncColour +
           "\", fontcolor=\"" + kSyncColour + "\", style=" + (edge.active ? "bold" : "dotted") + "];\n";
  }
  if (map.omitted_pairs != 0) {
    out += "  omitted [id=\"omitted\", shape=plaintext, style=\"\", label=" +
           label_string("+ " + std::to_string(map.omitted_pairs) + " more tenant pairs not drawn") + "];\n";
  }
  return out + "}\n";
}

std::string explanation_dot(const graph::Explanation& explanation) {
  std::string out = "digraph explain {\n  graph [rankdir=LR, labelloc=t, label=" +
                    label_string((explanation.reachable ? "REACHABLE: " : "NOT REACHABLE: ") +
                                 (explanation.user.display_name.empty() ? explanation.user.user_id : explanation.user.display_name) +
                                 " -> " + (explanation.resource.display_name.empty() ? explanation.resource.id
                                                                                     : explanation.resource.display_name)) +
                    "];\n";
  out += kGraphDefaults;
  std::map<std::string, std::size_t> step_index;  // address -> node number
  const std::string resource_address = explanation.resource.tenant_id + "/" + explanation.resource.id;
  auto node = [&](const std::string& address, const std::string& name) {
    auto [it, added] = step_index.emplace(address, step_index.size());
    if (added) {
      const bool is_resource = address == resource_address;
      out += "  s" + std::to_string(it->second) + " [id=" + dot_string("step-" + std::to_string(it->second)) +
             ", label=" + label_string((name.empty() ? std::string() : name + "\n") + short_id(address)) +
             ", tooltip=" + dot_string(address) +
             (is_resource ? ", shape=box3d, style=filled, fillcolor=\"#e8eefc\"" : "") +
             (it->second == 0 ? ", shape=ellipse, fillcolor=\"#eef7ee\"" : "") + "];\n";
    }
    return "s" + std::to_string(it->second);
  };
  for (std::size_t p = 0; p < explanation.paths.size(); ++p) {
    const graph::ExplainedPath& path = explanation.paths[p];
    const char* colour = path.allowed ? "#2e7d32" : "#c62828";
    std::vector<std::string> nodes;
    for (std::size_t s = 0; s < path.steps.size(); ++s)
      nodes.push_back(node(path.steps[s], s < path.step_names.size() ? path.step_names[s] : std::string()));
    const std::string verdict = std::string(graph::via_name(path.via)) + (path.allowed ? ": allowed" : ": refused");
    for (std::size_t s = 0; s + 1 < nodes.size(); ++s) {
      out += "  " + nodes[s] + " -> " + nodes[s + 1] + " [id=" +
             dot_string("path-" + std::to_string(p) + "-" + std::to_string(s)) + ", color=\"" + colour +
             "\", fontcolor=\"" + colour + "\"" + (s == 0 ? ", label=" + label_string(verdict) : std::string()) +
             (path.allowed ? "" : ", style=dashed") + "];\n";
    }
    if (path.reasons.empty()) continue;
    std::string reasons = nodes.size() < 2 ? verdict + "\n" : std::string();
    for (const graph::Reason& reason : path.reasons) {
      reasons += reason.code;
      if (!reason.policy_id.empty())
        reasons += " (" + (reason.policy_name.empty() ? reason.policy_id : reason.policy_name) + ")";
      reasons += "\n";
    }
    const std::string note = "r" + std::to_string(p);
    out += "  " + note + " [id=" + dot_string("reasons-" + std::to_string(p)) +
           ", shape=note, style=filled, fillcolor=\"#fdecea\", color=\"#c62828\", label=" + label_string(reasons) + "];\n";
    out += "  " + nodes.back() + " -> " + note + " [color=\"#c62828\", style=dotted, arrowhead=none];\n";
  }
  return out + "}\n";
}

}  // namespace tenantreach::report

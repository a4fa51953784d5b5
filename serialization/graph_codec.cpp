#include "serialization/graph_codec.hpp"

#include <algorithm>
#include <functional>
#include <string>

namespace tenantreach::serialization {
namespace {

void encode_csr(const graph::Csr& csr, SectionWriter& out) {
  out.array(csr.offsets);
  out.array(csr.targets);
}

void decode_csr(SectionReader& in, graph::Csr& csr) {
  in.array(csr.offsets);
  in.array(csr.targets);
}

template <typename T> std::vector<T> column(const auto& rows, auto field) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(static_cast<T>(field(row)));
  return out;
}

// The denial lists and the closed gates' lists; checked here, since the report indexes with them unchecked.
void decode_denials(SectionReader& in, graph::AccessGraph& g) {
  in.array(g.denial_set_offsets);
  std::vector<std::uint8_t> codes;
  std::vector<std::uint32_t> policies;
  in.array(codes);
  in.array(policies);
  const auto& offsets = g.denial_set_offsets;
  if (offsets.empty() || offsets.front() != 0 || offsets.back() != codes.size() || policies.size() != codes.size() ||
      !std::is_sorted(offsets.begin(), offsets.end()))
    in.fail("denial lists do not match their reasons");
  g.denial_reasons.resize(codes.size());
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (codes[i] > static_cast<std::uint8_t>(core::kLastDenialCode)) in.fail("unknown denial reason " + std::to_string(codes[i]));
    g.denial_reasons[i] = {static_cast<core::DenialCode>(codes[i]), policies[i]};
  }
  in.array(g.closed_gates);
  in.array(g.closed_gate_denials);
  const std::uint64_t sets = offsets.size() - 1;
  if (g.closed_gate_denials.size() != g.closed_gates.size() ||
      std::adjacent_find(g.closed_gates.begin(), g.closed_gates.end(), std::greater_equal<>()) != g.closed_gates.end() ||
      (!g.closed_gates.empty() && g.closed_gates.back() >= g.gate.size()) ||
      std::any_of(g.closed_gate_denials.begin(), g.closed_gate_denials.end(), [&](std::uint32_t set) { return set >= sets; }))
    in.fail("closed gates do not match the gates and denial lists");
}

}  // namespace

void encode_graph(const graph::AccessGraph& g, SectionWriter& out) {
  out.u32(g.user_count);
  out.u32(g.group_count);
  out.array(g.tenant_user_offset);
  out.array(g.tenant_group_offset);
  encode_csr(g.member_of, out);
  encode_csr(g.members, out);

  // Resources: one column per field.
  out.array(column<std::uint32_t>(g.resources, [](const graph::GraphResource& r) { return r.tenant; }));
  out.array(column<std::uint8_t>(g.resources, [](const graph::GraphResource& r) { return r.type; }));
  out.array(column<std::uint32_t>(g.resources, [](const graph::GraphResource& r) { return r.app_slot; }));
  out.array(column<std::uint8_t>(g.resources, [](const graph::GraphResource& r) { return r.everyone; }));
  out.strings(column<std::string_view>(g.resources, [](const graph::GraphResource& r) { return std::string_view(r.id); }));
  out.strings(column<std::string_view>(g.resources, [](const graph::GraphResource& r) {
    return std::string_view(r.display_name);
  }));
  out.u64(g.tenant_apps.size());
  for (const auto& apps : g.tenant_apps) out.strings(apps);
  out.u64(g.everyone_resources.size());
  for (const auto& resources : g.everyone_resources) out.array(resources);

  out.array(g.tenant_gate_base);
  out.array(g.gate);
  out.array(g.denial_set_offsets);
  out.array(column<std::uint8_t>(g.denial_reasons, [](const core::Denial& d) { return d.code; }));
  out.array(column<std::uint32_t>(g.denial_reasons, [](const core::Denial& d) { return d.policy; }));
  out.array(g.closed_gates);
  out.array(g.closed_gate_denials);

  out.pool(g.tenant_names);
  out.pool(g.tenant_display_names);
  out.pool(g.user_ids);
  out.pool(g.user_display_names);
  out.array(g.user_id_order);
  out.pool(g.outside_user_ids);
  out.array(g.principals);
  out.array(g.principal_of_user);
  out.array(g.via_of_user);
  out.array(g.linked_user_objects);

  out.array(g.direct_connect_offsets);
  const auto& dc = g.direct_connect;
  out.pool(g.direct_connect_names);
  out.array(column<std::uint32_t>(dc, [](const graph::DirectConnectEntry& e) { return e.home_tenant_id; }));
  out.array(column<std::uint32_t>(dc, [](const graph::DirectConnectEntry& e) { return e.user_id; }));
  out.array(column<std::uint32_t>(dc, [](const graph::DirectConnectEntry& e) { return e.via_team; }));
  out.array(column<std::uint32_t>(dc, [](const graph::DirectConnectEntry& e) { return e.principal; }));
  out.array(column<std::uint8_t>(dc, [](const graph::DirectConnectEntry& e) { return e.allowed; }));
  out.array(column<std::uint32_t>(dc, [](const graph::DirectConnectEntry& e) { return e.denials; }));
  out.array(g.refused_offsets);
  out.array(g.refused_members);

  out.strings(column<std::string_view>(g.model_counts, [](const auto& count) { return std::string_view(count.first); }));
  out.array(column<std::uint64_t>(g.model_counts, [](const auto& count) { return count.second; }));
  out.strings(column<std::string_view>(g.warnings, [](const core::Warning& w) { return std::string_view(w.code); }));
  out.strings(column<std::string_view>(g.warnings, [](const core::Warning& w) { return std::string_view(w.message); }));
  std::vector<std::uint32_t> files_per_tenant;
  std::vector<std::string_view> files;
  for (const auto& tenant_files : g.tenant_source_files) {
    files_per_tenant.push_back(static_cast<std::uint32_t>(tenant_files.size()));
    files.insert(files.end(), tenant_files.begin(), tenant_files.end());
  }
  out.array(files_per_tenant);
  out.strings(files);
}

void decode_graph(SectionReader& in, graph::AccessGraph& g) {
  g.user_count = in.u32();
  g.group_count = in.u32();
  in.array(g.tenant_user_offset);
  in.array(g.tenant_group_offset);
  decode_csr(in, g.member_of);
  decode_csr(in, g.members);

  std::vector<std::uint32_t> tenant, app_slot;
  std::vector<std::uint8_t> type, everyone;
  in.array(tenant);
  in.array(type);
  in.array(app_slot);
  in.array(everyone);
  std::vector<std::string> ids = in.strings(), names = in.strings();
  const std::size_t resources = tenant.size();
  if (type.size() != resources || app_slot.size() != resources || everyone.size() != resources ||
      ids.size() != resources || names.size() != resources)
    in.fail("resource columns differ in length");
  g.resources.resize(resources);
  for (std::size_t r = 0; r < resources; ++r) {
    graph::GraphResource& resource = g.resources[r];
    resource.tenant = tenant[r];
    resource.type = static_cast<graph::ResourceType>(type[r]);
    resource.app_slot = app_slot[r];
    resource.everyone = everyone[r];
    resource.id = std::move(ids[r]);
    resource.display_name = std::move(names[r]);
  }
  const std::uint64_t tenants = in.u64();
  if (tenants > in.remaining() / 16) in.fail("a count runs past the end of the section");  // 16: two counts each
  g.tenant_apps.resize(tenants);
  for (auto& apps : g.tenant_apps) apps = in.strings();
  if (in.u64() != tenants) in.fail("per-tenant tables differ in length");
  g.everyone_resources.resize(tenants);
  for (auto& list : g.everyone_resources) in.array(list);

  in.array(g.tenant_gate_base);
  in.array(g.gate);
  if (g.tenant_gate_base.size() != g.tenant_user_offset.size() ||
      g.tenant_apps.size() + 1 != g.tenant_user_offset.size())
    in.fail("policy gates are not listed per tenant");
  for (std::size_t t = 0; t < g.tenant_apps.size(); ++t) {
    const std::uint64_t users = std::uint64_t{g.tenant_user_offset[t + 1]} - g.tenant_user_offset[t];
    if (g.tenant_gate_base[t] > g.tenant_gate_base[t + 1] ||
        g.tenant_gate_base[t + 1] - g.tenant_gate_base[t] != users * g.tenant_apps[t].size())
      in.fail("policy gates do not add up per tenant");
  }
  if (g.tenant_gate_base.back() != g.gate.size()) in.fail("policy gates do not add up per tenant");
  decode_denials(in, g);

  in.pool(g.tenant_names);
  in.pool(g.tenant_display_names);
  if (g.tenant_display_names.size() + 1 != g.tenant_user_offset.size()) in.fail("tenant display names are not one per tenant");
  in.pool(g.user_ids);
  in.pool(g.user_display_names);
  in.array(g.user_id_order);
  in.pool(g.outside_user_ids);
  in.array(g.principals);
  in.array(g.principal_of_user);
  in.array(g.via_of_user);
  in.array(g.linked_user_objects);

  in.array(g.direct_connect_offsets);
  in.pool(g.direct_connect_names);
  std::vector<std::uint32_t> home_tenants, users, teams;
  in.array(home_tenants);
  in.array(users);
  in.array(teams);
  std::vector<std::uint32_t> principal;
  std::vector<std::uint8_t> allowed;
  std::vector<std::uint32_t> denials;
  in.array(principal);
  in.array(allowed);
  in.array(denials);
  const std::size_t entries = home_tenants.size();
  if (users.size() != entries || teams.size() != entries || principal.size() != entries || allowed.size() != entries ||
      denials.size() != entries)
    in.fail("direct connect columns differ in length");
  const std::uint32_t sets = static_cast<std::uint32_t>(g.denial_set_offsets.size() - 1);
  if (std::any_of(denials.begin(), denials.end(), [&](std::uint32_t set) { return set >= sets; }))
    in.fail("a direct connect entry names a denial list that does not exist");
  const auto outside_names = [&](const std::vector<std::uint32_t>& column) {
    return std::any_of(column.begin(), column.end(),
                       [&](std::uint32_t name) { return name >= g.direct_connect_names.size(); });
  };
  if (outside_names(home_tenants) || outside_names(users) || outside_names(teams))
    in.fail("a direct connect entry names a string that does not exist");
  g.direct_connect.resize(entries);
  for (std::size_t e = 0; e < entries; ++e) {
    graph::DirectConnectEntry& entry = g.direct_connect[e];
    entry.home_tenant_id = home_tenants[e];
    entry.user_id = users[e];
    entry.via_team = teams[e];
    entry.principal = principal[e];
    entry.allowed = allowed[e] != 0;
    entry.denials = denials[e];
  }
  in.array(g.refused_offsets);
  in.array(g.refused_members);

  std::vector<std::string> count_names = in.strings();
  std::vector<std::uint64_t> count_values;
  in.array(count_values);
  if (count_values.size() != count_names.size()) in.fail("model count columns differ in length");
  g.model_counts.resize(count_names.size());
  for (std::size_t i = 0; i < count_names.size(); ++i) g.model_counts[i] = {std::move(count_names[i]), count_values[i]};
  std::vector<std::string> codes = in.strings(), messages = in.strings();
  if (messages.size() != codes.size()) in.fail("warning columns differ in length");
  g.warnings.resize(codes.size());
  for (std::size_t i = 0; i < codes.size(); ++i) g.warnings[i] = {std::move(codes[i]), std::move(messages[i])};
  std::vector<std::uint32_t> files_per_tenant;
  in.array(files_per_tenant);
  std::vector<std::string> files = in.strings();
  if (files_per_tenant.size() != g.tenant_count()) in.fail("source files are not listed per tenant");
  g.tenant_source_files.assign(files_per_tenant.size(), {});
  std::size_t next = 0;
  for (std::size_t t = 0; t < files_per_tenant.size(); ++t) {
    if (files_per_tenant[t] > files.size() - next) in.fail("source file lists overrun their column");
    for (std::uint32_t i = 0; i < files_per_tenant[t]; ++i) g.tenant_source_files[t].push_back(std::move(files[next++]));
  }
  if (next != files.size()) in.fail("source file column longer than its lists");
}

}  // namespace tenantreach::serialization

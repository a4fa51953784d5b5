#include "parallel/unchanged_tenants.hpp"

#include <algorithm>
#include <span>
#include <string_view>
#include <utility>

#include <tbb/parallel_for.h>

namespace tenantreach::parallel {
namespace {

constexpr std::uint64_t kOutside = ~std::uint64_t{0};

// One world's view of one tenant: its vertices numbered from zero within the tenant, so that two worlds whose
// other tenants grew or shrank still compare equal.
struct TenantPart {
  const graph::AccessGraph& graph;
  std::uint32_t tenant;
  const std::vector<std::uint32_t>& resources;          // the tenant's resources, in graph order
  const std::vector<std::uint32_t>& resource_position;  // per resource of the graph: its index in its tenant

  std::uint32_t first_user() const { return graph.tenant_user_offset[tenant]; }
  std::uint32_t user_count() const { return graph.tenant_user_offset[tenant + 1] - first_user(); }
  std::uint32_t first_group() const { return graph.user_count + graph.tenant_group_offset[tenant]; }
  std::uint32_t group_count() const { return graph.tenant_group_offset[tenant + 1] - graph.tenant_group_offset[tenant]; }

  // A vertex as (kind, index within the tenant); kOutside for a vertex of another tenant.
  std::uint64_t local(std::uint32_t vertex) const {
    if (graph.is_user(vertex))
      return vertex - first_user() < user_count() ? vertex - first_user() : kOutside;
    if (!graph.is_resource(vertex))
      return vertex - first_group() < group_count() ? (std::uint64_t{1} << 32) | (vertex - first_group()) : kOutside;
    const std::uint32_t resource = vertex - graph.user_count - graph.group_count;
    return graph.resources[resource].tenant == tenant ? (std::uint64_t{2} << 32) | resource_position[resource] : kOutside;
  }

  std::pair<std::string_view, std::string_view> principal(std::uint32_t p) const {
    if (p == core::kNone) return {};
    return {graph.principal_tenant_id(p), graph.principal_user_id(p)};
  }
};

bool same_members(const TenantPart& a, std::uint32_t a_vertex, const TenantPart& b, std::uint32_t b_vertex) {
  const std::span<const std::uint32_t> x = a.graph.members.neighbours(a_vertex);
  const std::span<const std::uint32_t> y = b.graph.members.neighbours(b_vertex);
  if (x.size() != y.size()) return false;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const std::uint64_t local = a.local(x[i]);
    if (local == kOutside || local != b.local(y[i])) return false;
  }
  return true;
}

bool same_users(const TenantPart& a, const TenantPart& b) {
  if (a.user_count() != b.user_count() || a.graph.tenant_apps[a.tenant] != b.graph.tenant_apps[b.tenant]) return false;
  const std::size_t slots = a.graph.tenant_apps[a.tenant].size();
  for (std::uint32_t u = 0; u < a.user_count(); ++u) {
    const std::uint32_t x = a.first_user() + u, y = b.first_user() + u;
    const auto a_gates = a.graph.gate.begin() + static_cast<std::ptrdiff_t>(a.graph.gate_index(a.tenant, x));
    if (a.graph.user_ids[x] != b.graph.user_ids[y] || a.graph.via_of_user[x] != b.graph.via_of_user[y] ||
        a.principal(a.graph.principal_of_user[x]) != b.principal(b.graph.principal_of_user[y]) ||
        !std::equal(a_gates, a_gates + static_cast<std::ptrdiff_t>(slots),
                    b.graph.gate.begin() + static_cast<std::ptrdiff_t>(b.graph.gate_index(b.tenant, y))))
      return false;
  }
  return true;
}

bool same_groups(const TenantPart& a, const TenantPart& b) {
  if (a.group_count() != b.group_count()) return false;
  for (std::uint32_t g = 0; g < a.group_count(); ++g)
    if (!same_members(a, a.first_group() + g, b, b.first_group() + g)) return false;
  return true;
}

bool same_resources(const TenantPart& a, const TenantPart& b) {
  if (a.resources.size() != b.resources.size()) return false;
  for (std::size_t i = 0; i < a.resources.size(); ++i) {
    const std::uint32_t x = a.resources[i], y = b.resources[i];
    const graph::GraphResource& rx = a.graph.resources[x];
    const graph::GraphResource& ry = b.graph.resources[y];
    if (rx.id != ry.id || rx.type != ry.type || rx.app_slot != ry.app_slot || rx.everyone != ry.everyone ||
        !same_members(a, a.graph.resource_vertex(x), b, b.graph.resource_vertex(y)))
      return false;
    const auto dx = a.graph.direct_connect_of(x), dy = b.graph.direct_connect_of(y);
    if (dx.size() != dy.size()) return false;
    for (std::size_t k = 0; k < dx.size(); ++k)
      if (dx[k].allowed != dy[k].allowed || a.principal(dx[k].principal) != b.principal(dy[k].principal)) return false;
  }
  return true;
}

struct ResourcesByTenant {
  std::vector<std::vector<std::uint32_t>> of_tenant;
  std::vector<std::uint32_t> position;  // per resource: its index in of_tenant[its tenant]

  explicit ResourcesByTenant(const graph::AccessGraph& graph)
      : of_tenant(graph.tenant_count()), position(graph.resource_count()) {
    for (std::uint32_t r = 0; r < graph.resource_count(); ++r) {
      std::vector<std::uint32_t>& list = of_tenant[graph.resources[r].tenant];
      position[r] = static_cast<std::uint32_t>(list.size());
      list.push_back(r);
    }
  }
};

}  // namespace

std::vector<std::uint8_t> unchanged_tenants(const graph::AccessGraph& before, const graph::AccessGraph& after) {
  const ResourcesByTenant before_resources(before), after_resources(after);
  std::vector<std::uint8_t> unchanged(after.tenant_count(), 0);
  tbb::parallel_for(std::uint32_t{0}, after.tenant_count(), [&](std::uint32_t t) {
    const std::uint32_t old = before.find_tenant(after.tenant_id(t));
    if (old == core::kNone) return;
    const TenantPart a{before, old, before_resources.of_tenant[old], before_resources.position};
    const TenantPart b{after, t, after_resources.of_tenant[t], after_resources.position};
    unchanged[t] = same_users(a, b) && same_groups(a, b) && same_resources(a, b);
  });
  return unchanged;
}

}  // namespace tenantreach::parallel

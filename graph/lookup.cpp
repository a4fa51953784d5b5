#include "graph/lookup.hpp"

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>

#include "core/error.hpp"
#include "core/text.hpp"
#include "graph/queries.hpp"

namespace tenantreach::graph {
namespace {

std::pair<std::string, std::string> split_address(std::string_view address) {
  const std::string lower = core::to_lower(address);
  const auto slash = lower.find('/');
  if (slash == std::string::npos) return {{}, lower};
  return {lower.substr(0, slash), lower.substr(slash + 1)};
}

}  // namespace

std::uint32_t find_principal(const CompiledWorld& compiled, std::string_view address) {
  const AccessGraph& graph = compiled.graph;
  const auto [tenant_id, user_id] = split_address(address);
  if (tenant_id.empty())
    throw core::NotFoundError("user '" + std::string(address) + "' must be written <tenantId>/<userId>");
  using Identity = std::pair<std::string_view, std::string_view>;
  const Identity wanted{tenant_id, user_id};
  std::uint32_t low = 0, high = static_cast<std::uint32_t>(graph.principals.size());
  while (low < high) {
    const std::uint32_t middle = low + (high - low) / 2;
    if (Identity{graph.principal_tenant_id(middle), graph.principal_user_id(middle)} < wanted) low = middle + 1;
    else high = middle;
  }
  if (low < graph.principals.size() &&
      Identity{graph.principal_tenant_id(low), graph.principal_user_id(low)} == wanted)
    return low;
  // An external object answers for the home user it links to (spec §10, what-can-reach).
  const std::uint32_t tenant = graph.find_tenant(tenant_id);
  const std::uint32_t vertex = tenant == core::kNone ? core::kNone : graph.find_user_vertex(tenant, user_id);
  if (vertex != core::kNone) return graph.principal_of_user[vertex];
  throw core::NotFoundError("no user " + tenant_id + "/" + user_id + " in the world");
}

std::span<const std::uint32_t> user_objects_of(const AccessGraph& graph, std::uint32_t principal) {
  return graph.principal_users.neighbours(principal);
}

std::uint32_t find_resource(const CompiledWorld& compiled, std::string_view address) {
  const AccessGraph& graph = compiled.graph;
  const auto [tenant_id, id] = split_address(address);
  std::uint32_t found = core::kNone;
  for (std::uint32_t r = 0; r < graph.resource_count(); ++r) {
    const GraphResource& resource = graph.resources[r];
    if (resource.id != id || (!tenant_id.empty() && graph.tenant_id(resource.tenant) != tenant_id)) continue;
    if (found != core::kNone)
      throw core::NotFoundError("resource id '" + id + "' exists in several tenants; write <tenantId>/" + id);
    found = r;
  }
  if (found == core::kNone) throw core::NotFoundError("no resource '" + std::string(address) + "' in the world");
  return found;
}

ResourceRef resource_ref(const AccessGraph& graph, std::uint32_t resource) {
  const GraphResource& info = graph.resources[resource];
  return {std::string(graph.tenant_id(info.tenant)), info.id, resource_type_name(info.type), info.display_name,
          std::string(graph.tenant_display_names[info.tenant])};
}

PrincipalRef principal_ref(const AccessGraph& graph, std::uint32_t principal) {
  const std::uint32_t tenant = graph.principals[principal].tenant;
  return {std::string(graph.principal_tenant_id(principal)), std::string(graph.principal_user_id(principal)),
          graph.principals[principal].linked, std::string(graph.principal_display_name(principal)),
          tenant == core::kNone ? std::string() : std::string(graph.tenant_display_names[tenant])};
}

}  // namespace tenantreach::graph

#include "graph/lookup.hpp"

#include <algorithm>
#include <string>
#include <tuple>

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
  auto it = std::lower_bound(graph.principals.begin(), graph.principals.end(), std::tie(tenant_id, user_id),
                             [](const Principal& p, const auto& key) {
                               return std::tie(p.tenant_id, p.user_id) < key;
                             });
  if (it != graph.principals.end() && it->tenant_id == tenant_id && it->user_id == user_id)
    return static_cast<std::uint32_t>(it - graph.principals.begin());
  // An external object answers for the home user it links to (spec §10, what-can-reach).
  const std::uint32_t tenant = compiled.world.tenant_position(tenant_id);
  const std::uint32_t user = tenant == core::kNone ? core::kNone : compiled.world.tenants[tenant].user_index(user_id);
  if (user != core::kNone) return graph.principal_of_user[graph.user_vertex(tenant, user)];
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
    if (resource.id != id || (!tenant_id.empty() && compiled.world.tenants[resource.tenant].id != tenant_id)) continue;
    if (found != core::kNone)
      throw core::NotFoundError("resource id '" + id + "' exists in several tenants; write <tenantId>/" + id);
    found = r;
  }
  if (found == core::kNone) throw core::NotFoundError("no resource '" + std::string(address) + "' in the world");
  return found;
}

ResourceRef resource_ref(const AccessGraph& graph, const core::World& world, std::uint32_t resource) {
  const GraphResource& info = graph.resources[resource];
  return {world.tenants[info.tenant].id, info.id, resource_type_name(info.type), info.display_name};
}

PrincipalRef principal_ref(const AccessGraph& graph, const core::World& world, std::uint32_t principal) {
  const Principal& p = graph.principals[principal];
  PrincipalRef ref{p.tenant_id, p.user_id, p.linked, {}};
  if (p.tenant != core::kNone) {
    if (const core::User* user = world.tenants[p.tenant].find_user(p.user_id)) ref.display_name = user->display_name;
  }
  return ref;
}

}  // namespace tenantreach::graph

#include "graph/lookup.hpp"

#include <algorithm>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/text.hpp"
#include "graph/queries.hpp"

namespace tenantreach::graph {
namespace {

std::pair<std::string, std::string> split_address(std::string_view address) {
  const auto slash = address.find('/');
  if (slash == std::string_view::npos) return {{}, std::string(address)};
  return {std::string(address.substr(0, slash)), std::string(address.substr(slash + 1))};
}

// The principal "<tenantId>/<userId>" exactly, or the principal of an external object with that address.
std::uint32_t principal_by_ids(const AccessGraph& graph, const std::string& tenant_id, const std::string& user_id) {
  using Identity = std::pair<std::string_view, std::string_view>;
  const Identity wanted{tenant_id, user_id};
  std::uint32_t low = 0, high = static_cast<std::uint32_t>(graph.principals.size());
  while (low < high) {
    const std::uint32_t middle = low + (high - low) / 2;
    if (Identity{graph.principal_tenant_id(middle), graph.principal_user_id(middle)} < wanted) low = middle + 1;
    else high = middle;
  }
  if (low < graph.principals.size() && Identity{graph.principal_tenant_id(low), graph.principal_user_id(low)} == wanted)
    return low;
  const std::uint32_t tenant = graph.find_tenant(tenant_id);
  const std::uint32_t vertex = tenant == core::kNone ? core::kNone : graph.find_user_vertex(tenant, user_id);
  return vertex == core::kNone ? core::kNone : graph.principal_of_user[vertex];
}

// World tenants whose id, organization displayName or verified domain is `name` (case-insensitive).
std::vector<std::uint32_t> tenants_named(const CompiledWorld& compiled, const std::string& name) {
  const std::string lower = core::to_lower(name);
  const std::uint32_t by_id = compiled.graph.find_tenant(lower);
  if (by_id != core::kNone) return {by_id};
  std::vector<std::uint32_t> out;
  const auto& tenants = compiled.model().tenants;  // ids, names and domains: the policy part
  for (std::uint32_t t = 0; t < tenants.size(); ++t) {
    const auto& domains = tenants[t].verified_domains;
    if (core::iequals(tenants[t].display_name, name) || std::find(domains.begin(), domains.end(), lower) != domains.end())
      out.push_back(t);
  }
  return out;
}

std::string tenant_label(const AccessGraph& graph, std::uint32_t tenant) {
  const std::string_view name = graph.tenant_display_names[tenant];
  return name.empty() ? std::string(graph.tenant_id(tenant)) : std::string(name);
}

std::string describe_principal(const AccessGraph& graph, std::uint32_t principal) {
  std::string out = std::string(graph.principal_tenant_id(principal)) + "/" + std::string(graph.principal_user_id(principal));
  const std::string_view name = graph.principal_display_name(principal);
  const std::uint32_t tenant = graph.principal_tenant(principal);
  if (!name.empty() || tenant != core::kNone) {
    out += " (" + std::string(name);
    if (tenant != core::kNone) out += std::string(name.empty() ? "" : ", ") + tenant_label(graph, tenant);
    out += ")";
  }
  return out;
}

// The one principal among `found` (duplicates allowed), or the errors of the header comment.
std::uint32_t the_principal(const AccessGraph& graph, std::string_view address, std::vector<std::uint32_t> found) {
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  found.erase(std::remove(found.begin(), found.end(), core::kNone), found.end());
  if (found.size() == 1) return found.front();
  if (found.empty()) throw core::NotFoundError("no user '" + std::string(address) + "' in the world");
  std::vector<std::string> ids, descriptions;
  for (std::uint32_t principal : found) {
    ids.push_back(std::string(graph.principal_tenant_id(principal)) + "/" + std::string(graph.principal_user_id(principal)));
    descriptions.push_back(describe_principal(graph, principal));
  }
  throw core::AmbiguousError(std::string(address), std::move(ids), descriptions);
}

// Principals of the users of `tenants` that `matches`, home users first: guest objects count only when no
// internal user matches.
template <typename Matches>
std::vector<std::uint32_t> principals_of_users(const CompiledWorld& compiled, const std::vector<std::uint32_t>& tenants,
                                               Matches matches) {
  const AccessGraph& graph = compiled.graph;
  // A search of every tenant reads every directory: world() decodes them in parallel.
  const core::World& world = tenants.size() == graph.tenant_count() ? compiled.world() : compiled.model();
  std::vector<std::uint32_t> home, guests;
  for (std::uint32_t t : tenants) {
    const auto& users = world.directory(t).users;
    for (std::uint32_t u = 0; u < users.size(); ++u) {
      if (!matches(users[u])) continue;
      (users[u].external ? guests : home).push_back(graph.principal_of_user[graph.user_vertex(t, u)]);
    }
  }
  return home.empty() ? guests : home;
}

std::vector<std::uint32_t> all_tenants(const AccessGraph& graph) {
  std::vector<std::uint32_t> out(graph.tenant_count());
  for (std::uint32_t t = 0; t < out.size(); ++t) out[t] = t;
  return out;
}

std::string describe_resource(const AccessGraph& graph, std::uint32_t resource) {
  const GraphResource& info = graph.resources[resource];
  std::string out = std::string(graph.tenant_id(info.tenant)) + "/" + info.id + " (" + resource_type_name(info.type);
  if (!info.display_name.empty()) out += " " + info.display_name;
  return out + ", " + tenant_label(graph, info.tenant) + ")";
}

std::uint32_t the_resource(const AccessGraph& graph, std::string_view address, const std::vector<std::uint32_t>& found) {
  if (found.size() == 1) return found.front();
  if (found.empty()) throw core::NotFoundError("no resource '" + std::string(address) + "' in the world");
  std::vector<std::string> ids, descriptions;
  for (std::uint32_t r : found) {
    ids.push_back(std::string(graph.tenant_id(graph.resources[r].tenant)) + "/" + graph.resources[r].id);
    descriptions.push_back(describe_resource(graph, r));
  }
  throw core::AmbiguousError(std::string(address), std::move(ids), descriptions);
}

template <typename Matches>
std::vector<std::uint32_t> resources_where(const AccessGraph& graph, Matches matches) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t r = 0; r < graph.resource_count(); ++r)
    if (matches(graph.resources[r])) out.push_back(r);
  return out;
}

}  // namespace

std::uint32_t find_principal(const CompiledWorld& compiled, std::string_view address) {
  const AccessGraph& graph = compiled.graph;
  // Named references, not a structured binding: the lambdas below capture them (clang 14 cannot capture bindings).
  const auto parts = split_address(address);
  const std::string& tenant_part = parts.first;
  const std::string& rest = parts.second;
  const std::string lower_rest = core::to_lower(rest);
  if (!tenant_part.empty()) {
    // "<tenantId>/<userId>" exactly, tried at every '/': an id from the export may hold one itself (homeTenantId
    // and object ids are free strings), and every address the engine prints must find its principal.
    std::vector<std::uint32_t> exact;
    for (auto slash = address.find('/'); slash != std::string_view::npos; slash = address.find('/', slash + 1))
      exact.push_back(principal_by_ids(graph, core::to_lower(address.substr(0, slash)), core::to_lower(address.substr(slash + 1))));
    exact.erase(std::remove(exact.begin(), exact.end(), core::kNone), exact.end());
    if (!exact.empty()) return the_principal(graph, address, exact);
    const std::vector<std::uint32_t> tenants = tenants_named(compiled, tenant_part);
    if (tenants.empty()) throw core::NotFoundError("no tenant '" + tenant_part + "' in the world (user '" + std::string(address) + "')");
    std::vector<std::uint32_t> by_id;
    for (std::uint32_t t : tenants) by_id.push_back(principal_by_ids(graph, std::string(graph.tenant_id(t)), lower_rest));
    by_id.erase(std::remove(by_id.begin(), by_id.end(), core::kNone), by_id.end());
    if (!by_id.empty()) return the_principal(graph, address, by_id);
    return the_principal(graph, address, principals_of_users(compiled, tenants, [&](const core::User& user) {
                           return core::iequals(user.display_name, rest);
                         }));
  }
  if (rest.find('@') != std::string::npos) {
    return the_principal(graph, address, principals_of_users(compiled, all_tenants(graph), [&](const core::User& user) {
                           return core::iequals(user.user_principal_name, rest) || core::iequals(user.mail, rest);
                         }));
  }
  // A bare user id: principals reported with it, and the principals of external objects that have it.
  std::vector<std::uint32_t> found;
  for (std::uint32_t p = 0; p < graph.principals.size(); ++p)
    if (graph.principal_user_id(p) == lower_rest) found.push_back(p);
  for (std::uint32_t t = 0; t < graph.tenant_count(); ++t) {
    const std::uint32_t vertex = graph.find_user_vertex(t, lower_rest);
    if (vertex != core::kNone) found.push_back(graph.principal_of_user[vertex]);
  }
  if (!found.empty()) return the_principal(graph, address, found);
  return the_principal(graph, address, principals_of_users(compiled, all_tenants(graph), [&](const core::User& user) {
                         return core::iequals(user.display_name, rest);
                       }));
}

std::string find_tenant_id(const CompiledWorld& compiled, std::string_view name) {
  const AccessGraph& graph = compiled.graph;
  const std::vector<std::uint32_t> tenants = tenants_named(compiled, std::string(name));
  if (tenants.size() == 1) return std::string(graph.tenant_id(tenants.front()));
  if (tenants.size() > 1) {
    std::vector<std::string> ids, descriptions;
    for (std::uint32_t t : tenants) {
      ids.emplace_back(graph.tenant_id(t));
      descriptions.push_back(ids.back() + " (" + tenant_label(graph, t) + ")");
    }
    throw core::AmbiguousError(std::string(name), std::move(ids), descriptions);
  }
  const std::string lower = core::to_lower(name);
  for (std::uint32_t t = graph.tenant_count(); t < graph.tenant_names.size(); ++t)
    if (graph.tenant_names[t] == lower) return lower;  // a home tenant of principals, outside the world
  throw core::NotFoundError("no tenant '" + std::string(name) + "' in the world (give an id, a name or a domain)");
}

std::vector<std::uint32_t> user_objects_of(const AccessGraph& graph, std::uint32_t principal) {
  std::vector<std::uint32_t> users;
  graph.for_each_user_object(principal, [&](std::uint32_t user) { users.push_back(user); });
  return users;
}

std::uint32_t find_resource(const CompiledWorld& compiled, std::string_view address) {
  const AccessGraph& graph = compiled.graph;
  const auto parts = split_address(address);
  const std::string& tenant_part = parts.first;
  const std::string& rest = parts.second;
  const std::string tenant_id = core::to_lower(tenant_part);
  const std::string id = core::to_lower(rest);
  const auto by_id = resources_where(graph, [&](const GraphResource& resource) {
    return resource.id == id && (tenant_id.empty() || graph.tenant_id(resource.tenant) == tenant_id);
  });
  if (!by_id.empty()) return the_resource(graph, address, by_id);
  if (tenant_part.empty()) {
    return the_resource(graph, address, resources_where(graph, [&](const GraphResource& resource) {
                          return core::iequals(resource.display_name, rest);
                        }));
  }
  const std::vector<std::uint32_t> tenants = tenants_named(compiled, tenant_part);
  return the_resource(graph, address, resources_where(graph, [&](const GraphResource& resource) {
                        return std::find(tenants.begin(), tenants.end(), resource.tenant) != tenants.end() &&
                               (resource.id == id || core::iequals(resource.display_name, rest));
                      }));
}

ResourceRef resource_ref(const AccessGraph& graph, std::uint32_t resource) {
  const GraphResource& info = graph.resources[resource];
  return {std::string(graph.tenant_id(info.tenant)), info.id, resource_type_name(info.type), info.display_name,
          std::string(graph.tenant_display_names[info.tenant])};
}

PrincipalRef principal_ref(const AccessGraph& graph, std::uint32_t principal) {
  const std::uint32_t tenant = graph.principal_tenant(principal);
  return {std::string(graph.principal_tenant_id(principal)), std::string(graph.principal_user_id(principal)),
          graph.principals[principal].linked, std::string(graph.principal_display_name(principal)),
          tenant == core::kNone ? std::string() : std::string(graph.tenant_display_names[tenant])};
}

}  // namespace tenantreach::graph

// explain (spec §10, R8): one path per way in — each user object of the principal in the resource's tenant,
// each direct connect membership — with a shortest witness chain, its verdict and every reason it is refused.
// The verdicts and reasons are the ones the compiler evaluated (the gates and the direct connect entries), so an
// explain reads no directory but those naming the groups of its chains: a guest whose home tenant holds millions
// of users does not make explain decode that tenant.
#include <algorithm>
#include <span>
#include <string>
#include <unordered_map>

#include "graph/lookup.hpp"
#include "graph/queries.hpp"

namespace tenantreach::graph {
namespace {

// A step of a witness chain: "<tenantId>/<objectId>" and the object's displayName.
struct Step {
  std::string address;
  std::string name;
};

Step vertex_step(const CompiledWorld& compiled, std::uint32_t vertex) {
  const AccessGraph& graph = compiled.graph;
  if (graph.is_user(vertex)) {
    const std::string_view tenant_id = graph.tenant_id(graph.tenant_of_user(vertex));
    return {std::string(tenant_id) + "/" + std::string(graph.user_ids[vertex]),
            std::string(graph.user_display_names[vertex])};
  }
  if (graph.is_resource(vertex)) {
    const GraphResource& resource = graph.resources[vertex - graph.user_count - graph.group_count];
    return {std::string(graph.tenant_id(resource.tenant)) + "/" + resource.id, resource.display_name};
  }
  const core::World& world = compiled.model();
  const std::uint32_t t = graph.tenant_of_group(vertex);
  const core::Tenant& tenant = world.directory(t);
  const core::Group& group = tenant.groups[vertex - graph.user_count - graph.tenant_group_offset[t]];
  return {tenant.id + "/" + group.id, group.display_name};
}

void add_step(ExplainedPath& path, Step step) {
  if (!path.steps.empty() && path.steps.back() == step.address) return;
  path.steps.push_back(std::move(step.address));
  path.step_names.push_back(std::move(step.name));
}

// The shared team of a direct connect listing ("<tenantId>/<groupId>"), named when its tenant is in the world.
Step team_step(const core::World& world, std::string_view via_team) {
  const auto slash = via_team.find('/');
  const std::uint32_t tenant = world.tenant_position(via_team.substr(0, slash));
  const core::Group* group =
      tenant != core::kNone ? world.directory(tenant).find_group(via_team.substr(slash + 1)) : nullptr;
  return {std::string(via_team), group != nullptr ? group->display_name : std::string()};
}

// A shortest chain of grant edges from `from` to `to` (breadth-first), or empty when there is none. The
// search only climbs from one user through its groups, so a sparse parent map keeps it independent of the
// size of the graph.
std::vector<std::uint32_t> shortest_chain(const AccessGraph& graph, std::uint32_t from, std::uint32_t to) {
  std::unordered_map<std::uint32_t, std::uint32_t> parent{{from, from}};
  std::vector<std::uint32_t> queue{from};
  for (std::size_t head = 0; head < queue.size() && !parent.count(to); ++head) {
    for (std::uint32_t next : graph.member_of.neighbours(queue[head])) {
      if (parent.emplace(next, queue[head]).second) queue.push_back(next);
    }
  }
  std::vector<std::uint32_t> chain;
  if (!parent.count(to)) return chain;
  for (std::uint32_t v = to; v != from; v = parent[v]) chain.push_back(v);
  chain.push_back(from);
  std::reverse(chain.begin(), chain.end());
  return chain;
}

void add_reasons(const core::Tenant& tenant, std::span<const core::Denial> denials, ExplainedPath& path) {
  for (const core::Denial& denial : denials) {
    Reason reason{std::string(core::denial_name(denial.code)), {}, {}};
    if (denial.policy != core::kNone) {
      reason.policy_id = tenant.conditional_access_policies[denial.policy].id;
      reason.policy_name = tenant.conditional_access_policies[denial.policy].display_name;
    }
    path.reasons.push_back(std::move(reason));
  }
  path.allowed = path.reasons.empty();
}

}  // namespace

Explanation explain(const CompiledWorld& compiled, std::string_view user_address, std::uint32_t resource) {
  const AccessGraph& graph = compiled.graph;
  const core::World& world = compiled.model();
  const std::uint32_t principal = find_principal(compiled, user_address);
  const GraphResource& info = graph.resources[resource];
  const core::Tenant& tenant = world.tenants[info.tenant];
  const std::uint32_t target = graph.resource_vertex(resource);
  const Step user_step{
      std::string(graph.principal_tenant_id(principal)) + "/" + std::string(graph.principal_user_id(principal)),
      std::string(graph.principal_display_name(principal))};

  Explanation result;
  result.user = principal_ref(graph, principal);
  result.resource = resource_ref(graph, resource);
  static constexpr core::Denial kGuestInSharedChannel{core::DenialCode::GuestInSharedChannel};
  static constexpr core::Denial kNotGranted{core::DenialCode::NotGranted};

  for (std::uint32_t user : user_objects_of(graph, principal)) {
    if (graph.tenant_of_user(user) != info.tenant) continue;
    ExplainedPath path;
    path.via = static_cast<Via>(graph.via_of_user[user]);
    add_step(path, user_step);  // a guest object's path starts at its home user; add_step drops a repeat

    const auto refused = graph.refused_of(resource);
    const bool everyone = info.grants_everyone(path.via == kViaInternal);
    std::vector<std::uint32_t> chain = shortest_chain(graph, user, target);
    if (chain.empty() && everyone) chain = {user, target};
    std::span<const core::Denial> denials;
    if (!chain.empty()) {
      denials = graph.closed_gate_reasons(graph.gate_index(info.tenant, user) + info.app_slot);
    } else if (std::find(refused.begin(), refused.end(), user) != refused.end()) {
      chain = {user, target};
      denials = {&kGuestInSharedChannel, 1};
    } else {
      chain = {user};
      denials = {&kNotGranted, 1};
    }
    // A group resource is reached only through its own group, whose step would repeat the resource's (same
    // address, same name): leaving it out spares decoding its tenant's directory to name it.
    if (info.type == ResourceType::Group && chain.size() >= 2 && !graph.is_user(chain[chain.size() - 2]))
      chain.erase(chain.end() - 2);
    for (std::uint32_t vertex : chain) add_step(path, vertex_step(compiled, vertex));
    add_reasons(tenant, denials, path);
    result.paths.push_back(std::move(path));
  }

  const std::string_view who_tenant = graph.principal_tenant_id(principal);
  const std::string_view who_user = graph.principal_user_id(principal);
  for (const DirectConnectEntry& entry : graph.direct_connect_of(resource)) {
    const StringPool& names = graph.direct_connect_names;
    if (names[entry.home_tenant_id] != who_tenant || names[entry.user_id] != who_user) continue;
    ExplainedPath path;
    path.via = kViaB2BDirectConnect;
    add_step(path, user_step);
    if (!names[entry.via_team].empty()) add_step(path, team_step(world, names[entry.via_team]));
    add_step(path, vertex_step(compiled, target));
    add_reasons(tenant, graph.denial_set(entry.denials), path);
    result.paths.push_back(std::move(path));
  }

  if (result.paths.empty()) {
    ExplainedPath path;
    path.via = info.type == ResourceType::SharedChannel ? kViaB2BDirectConnect : kViaB2BCollaboration;
    add_step(path, user_step);
    add_reasons(tenant, {&kNotGranted, 1}, path);
    result.paths.push_back(std::move(path));
  }
  result.reachable = std::any_of(result.paths.begin(), result.paths.end(),
                                 [](const ExplainedPath& path) { return path.allowed; });
  return result;
}

}  // namespace tenantreach::graph

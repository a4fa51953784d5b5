// explain (spec §10, R8): one path per way in — each user object of the principal in the resource's tenant,
// each direct connect membership — with a shortest witness chain, its verdict and every reason it is refused.
#include <algorithm>
#include <string>
#include <unordered_map>

#include "core/access_rules.hpp"
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
  const core::World& world = compiled.model();
  if (graph.is_user(vertex)) {
    const std::uint32_t t = graph.tenant_of_user(vertex);
    const core::Tenant& tenant = world.directory(t);
    const core::User& user = tenant.users[vertex - graph.tenant_user_offset[t]];
    return {tenant.id + "/" + user.id, user.display_name};
  }
  if (graph.is_resource(vertex)) {
    const GraphResource& resource = graph.resources[vertex - graph.user_count - graph.group_count];
    return {world.tenants[resource.tenant].id + "/" + resource.id, resource.display_name};
  }
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
Step team_step(const core::World& world, const std::string& via_team) {
  const auto slash = via_team.find('/');
  const std::uint32_t tenant = world.tenant_position(via_team.substr(0, slash));
  const core::Group* group =
      tenant != core::kNone ? world.directory(tenant).find_group(via_team.substr(slash + 1)) : nullptr;
  return {via_team, group != nullptr ? group->display_name : std::string()};
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

void add_reasons(const core::Tenant& tenant, const std::vector<core::Denial>& denials, ExplainedPath& path) {
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

Explainer::Explainer(const CompiledWorld& compiled)
    : compiled_(compiled), rules_(std::make_unique<core::AccessRules>(compiled.model())) {}

Explainer::~Explainer() = default;

Explanation explain(const CompiledWorld& compiled, std::string_view user_address, std::uint32_t resource) {
  return Explainer(compiled).explain(user_address, resource);
}

Explanation Explainer::explain(std::string_view user_address, std::uint32_t resource) const {
  const CompiledWorld& compiled = compiled_;
  const AccessGraph& graph = compiled.graph;
  const core::World& world = compiled.model();
  const core::AccessRules& rules = *rules_;
  const std::uint32_t principal = find_principal(compiled, user_address);
  const GraphResource& info = graph.resources[resource];
  const core::Tenant& tenant = world.tenants[info.tenant];
  const std::string& app = graph.tenant_apps[info.tenant][info.app_slot];
  const std::uint32_t target = graph.resource_vertex(resource);
  const Step user_step{
      std::string(graph.principal_tenant_id(principal)) + "/" + std::string(graph.principal_user_id(principal)),
      std::string(graph.principal_display_name(principal))};

  Explanation result;
  result.user = principal_ref(graph, principal);
  result.resource = resource_ref(graph, resource);
  std::vector<core::Denial> denials;

  for (std::uint32_t user : user_objects_of(graph, principal)) {
    if (graph.tenant_of_user(user) != info.tenant) continue;
    ExplainedPath path;
    path.via = static_cast<Via>(graph.via_of_user[user]);
    add_step(path, user_step);  // a guest object's path starts at its home user; add_step drops a repeat

    const auto refused = graph.refused_of(resource);
    const bool everyone = info.grants_everyone(path.via == kViaInternal);
    std::vector<std::uint32_t> chain = shortest_chain(graph, user, target);
    if (chain.empty() && everyone) chain = {user, target};
    denials.clear();
    if (!chain.empty()) {
      rules.check_user_object(info.tenant, user - graph.tenant_user_offset[info.tenant], app, denials);
    } else if (std::find(refused.begin(), refused.end(), user) != refused.end()) {
      chain = {user, target};
      denials.push_back({core::DenialCode::GuestInSharedChannel});
    } else {
      chain = {user};
      denials.push_back({core::DenialCode::NotGranted});
    }
    for (std::uint32_t vertex : chain) add_step(path, vertex_step(compiled, vertex));
    add_reasons(tenant, denials, path);
    result.paths.push_back(std::move(path));
  }

  const std::string_view who_tenant = graph.principal_tenant_id(principal);
  const std::string_view who_user = graph.principal_user_id(principal);
  for (const DirectConnectEntry& entry : graph.direct_connect_of(resource)) {
    if (entry.home_tenant_id != who_tenant || entry.user_id != who_user) continue;
    ExplainedPath path;
    path.via = kViaB2BDirectConnect;
    add_step(path, user_step);
    if (!entry.via_team.empty()) add_step(path, team_step(world, entry.via_team));
    add_step(path, vertex_step(compiled, target));
    denials.clear();
    rules.check_direct_connect(info.tenant, entry.home_tenant_id, entry.user_id, app, denials);
    add_reasons(tenant, denials, path);
    result.paths.push_back(std::move(path));
  }

  if (result.paths.empty()) {
    ExplainedPath path;
    path.via = info.type == ResourceType::SharedChannel ? kViaB2BDirectConnect : kViaB2BCollaboration;
    add_step(path, user_step);
    add_reasons(tenant, {{core::DenialCode::NotGranted}}, path);
    result.paths.push_back(std::move(path));
  }
  result.reachable = std::any_of(result.paths.begin(), result.paths.end(),
                                 [](const ExplainedPath& path) { return path.allowed; });
  return result;
}

}  // namespace tenantreach::graph

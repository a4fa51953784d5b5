#include "graph/queries.hpp"

#include <algorithm>
#include <memory>
#include <string>

#include "graph/lookup.hpp"
#include "graph/reach.hpp"

namespace tenantreach::graph {

WhoCanReach make_who_can_reach(const CompiledWorld& compiled, std::uint32_t resource, const std::vector<Reach>& reach,
                               Counts counts) {
  WhoCanReach result;
  result.resource = resource_ref(compiled.graph, resource);
  result.counts = std::move(counts);
  result.principals.reserve(reach.size());
  for (const Reach& r : reach)
    result.principals.push_back({principal_ref(compiled.graph, r.principal), r.via});
  return result;
}

WhoCanReach make_who_can_reach(const CompiledWorld& compiled, WhoCanReachIds answer) {
  return make_who_can_reach(compiled, answer.resource, answer.principals, std::move(answer.counts));
}

WhoCanReachIds who_can_reach(const CompiledWorld& compiled, std::uint32_t resource) {
  // Scratch sized to the graph is kept per thread, so a query costs what it touches, not the graph's size.
  thread_local std::unique_ptr<Reacher> reacher;
  thread_local const AccessGraph* bound = nullptr;
  if (!reacher || bound != &compiled.graph || !reacher->fits(compiled.graph)) {
    reacher = std::make_unique<Reacher>(compiled.graph);
    bound = &compiled.graph;
  }
  const auto& reach = reacher->reach(resource);
  return {resource, reach, count_reach(compiled.graph, reach)};
}

namespace {

// Per-thread scratch of what_can_reach, sized to the graph once (ZeroPages: memory only where queries went):
// visited marks per vertex and path bits per resource, reset only where a query went.
struct WhatScratch {
  explicit WhatScratch(const AccessGraph& graph) : visited(graph.vertex_count()), via(graph.resource_count()) {}
  bool fits(const AccessGraph& graph) const {
    return visited.size() == graph.vertex_count() && via.size() == graph.resource_count();
  }
  void add(std::uint32_t resource, ViaSet bits) {
    if (via[resource] == 0) reached.push_back(resource);
    via[resource] |= bits;
  }

  VisitMarks visited;
  ZeroPages<ViaSet> via;
  std::vector<std::uint32_t> reached;  // resources with via != 0
  std::vector<std::uint32_t> stack;
};

WhatScratch& what_scratch(const AccessGraph& graph) {
  thread_local std::unique_ptr<WhatScratch> scratch;
  thread_local const AccessGraph* bound = nullptr;
  if (!scratch || bound != &graph || !scratch->fits(graph)) {
    scratch = std::make_unique<WhatScratch>(graph);
    bound = &graph;
  }
  return *scratch;
}

}  // namespace

WhatCanReach what_can_reach(const CompiledWorld& compiled, std::string_view user_address) {
  const AccessGraph& graph = compiled.graph;
  const std::uint32_t principal = find_principal(compiled, user_address);
  WhatScratch& scratch = what_scratch(graph);

  // Every user object of the principal is a way in (R6.1, R6.2); walk up its groups to what they are granted.
  for (std::uint32_t user : user_objects_of(graph, principal)) {
    scratch.visited.start_walk();
    scratch.stack.assign(1, user);
    scratch.visited.mark(user);
    while (!scratch.stack.empty()) {
      const std::uint32_t vertex = scratch.stack.back();
      scratch.stack.pop_back();
      for (std::uint32_t container : graph.member_of.neighbours(vertex)) {
        if (!scratch.visited.mark(container)) continue;
        if (!graph.is_resource(container)) {
          scratch.stack.push_back(container);
          continue;
        }
        const std::uint32_t resource = container - graph.user_count - graph.group_count;
        if (graph.gate_open(user, resource)) scratch.add(resource, graph.via_of_user[user]);
      }
    }
    const std::uint32_t tenant = graph.tenant_of_user(user);
    const bool internal = graph.via_of_user[user] == kViaInternal;
    for (std::uint32_t resource : graph.everyone_resources[tenant]) {
      if (graph.resources[resource].grants_everyone(internal) && graph.gate_open(user, resource))
        scratch.add(resource, graph.via_of_user[user]);
    }
  }
  for (std::uint32_t resource = 0; resource < graph.resource_count(); ++resource)
    for (const DirectConnectEntry& entry : graph.direct_connect_of(resource))
      if (entry.allowed && entry.principal == principal) scratch.add(resource, kViaB2BDirectConnect);

  WhatCanReach result;
  result.user = principal_ref(graph, principal);
  std::sort(scratch.reached.begin(), scratch.reached.end());  // resource ids are in output order
  for (std::uint32_t resource : scratch.reached) {
    const ViaSet via = scratch.via[resource];
    scratch.via[resource] = 0;
    ResourceRef ref = resource_ref(graph, resource);
    ++result.counts.total;
    ++result.counts.by_tenant[ref.tenant_id];
    for (const std::string& name : via_names(via)) ++result.counts.by_via[name];
    result.resources.push_back({std::move(ref), via});
  }
  scratch.reached.clear();
  return result;
}

}  // namespace tenantreach::graph

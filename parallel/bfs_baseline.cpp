#include "parallel/bfs_baseline.hpp"

#include <algorithm>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/pending/queue.hpp>

namespace tenantreach::parallel {
namespace {

struct Discoverer : boost::default_bfs_visitor {
  std::vector<std::uint32_t>* discovered;
  template <class Graph> void discover_vertex(std::uint32_t vertex, const Graph&) const {
    discovered->push_back(vertex);
  }
};

}  // namespace

BoostCsr to_boost_members(const graph::AccessGraph& graph) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  edges.reserve(graph.members.targets.size());
  for (std::uint32_t vertex = 0; vertex < graph.vertex_count(); ++vertex)
    for (std::uint32_t member : graph.members.neighbours(vertex)) edges.emplace_back(vertex, member);
  return BoostCsr(boost::edges_are_sorted, edges.begin(), edges.end(), graph.vertex_count());
}

BfsReacher::BfsReacher(const graph::AccessGraph& graph, const BoostCsr& members)
    : graph_(graph),
      members_(members),
      colour_(graph.vertex_count(), boost::white_color),
      paths_(graph.principals.size()) {}

const std::vector<graph::Reach>& BfsReacher::reach(std::uint32_t resource) {
  const graph::GraphResource& info = graph_.resources[resource];
  discovered_.clear();

  boost::queue<std::uint32_t> queue;
  Discoverer visitor;
  visitor.discovered = &discovered_;
  boost::breadth_first_visit(members_, graph_.resource_vertex(resource), queue, visitor,
                             boost::make_iterator_property_map(colour_.begin(), boost::get(boost::vertex_index, members_)));
  for (std::uint32_t vertex : discovered_) {
    if (graph_.is_user(vertex) && graph_.gate_open(vertex, resource))
      paths_.offer(graph_.principal_of_user[vertex], graph_.via_of_user[vertex]);
  }
  if (info.everyone != 0) {
    for (std::uint32_t user = graph_.tenant_user_offset[info.tenant]; user < graph_.tenant_user_offset[info.tenant + 1];
         ++user) {
      const bool internal = graph_.via_of_user[user] == graph::kViaInternal;
      if (info.grants_everyone(internal) && graph_.gate_open(user, resource))
        paths_.offer(graph_.principal_of_user[user], graph_.via_of_user[user]);
    }
  }
  for (const graph::DirectConnectEntry& entry : graph_.direct_connect_of(resource))
    if (entry.allowed) paths_.offer(entry.principal, graph::kViaB2BDirectConnect);
  for (std::uint32_t vertex : discovered_) colour_[vertex] = boost::white_color;
  return paths_.take();
}

}  // namespace tenantreach::parallel

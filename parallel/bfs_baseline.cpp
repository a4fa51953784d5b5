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
      via_(graph.principals.size(), 0) {}

const std::vector<graph::Reach>& BfsReacher::reach(std::uint32_t resource) {
  const graph::GraphResource& info = graph_.resources[resource];
  discovered_.clear();
  touched_.clear();
  auto offer = [&](std::uint32_t principal, graph::ViaSet via) {
    if (via_[principal] == 0) touched_.push_back(principal);
    via_[principal] |= via;
  };

  boost::queue<std::uint32_t> queue;
  Discoverer visitor;
  visitor.discovered = &discovered_;
  boost::breadth_first_visit(members_, graph_.resource_vertex(resource), queue, visitor,
                             boost::make_iterator_property_map(colour_.begin(), boost::get(boost::vertex_index, members_)));
  for (std::uint32_t vertex : discovered_) {
    if (graph_.is_user(vertex) && graph_.gate_open(vertex, resource))
      offer(graph_.principal_of_user[vertex], graph_.via_of_user[vertex]);
  }
  if (info.everyone != 0) {
    for (std::uint32_t user = graph_.tenant_user_offset[info.tenant]; user < graph_.tenant_user_offset[info.tenant + 1];
         ++user) {
      const bool internal = graph_.via_of_user[user] == graph::kViaInternal;
      if (((info.everyone & graph::kEveryone) || internal) && graph_.gate_open(user, resource))
        offer(graph_.principal_of_user[user], graph_.via_of_user[user]);
    }
  }
  for (const graph::DirectConnectEntry& entry : graph_.direct_connect_of(resource))
    if (entry.allowed) offer(entry.principal, graph::kViaB2BDirectConnect);
  for (std::uint32_t vertex : discovered_) colour_[vertex] = boost::white_color;

  std::sort(touched_.begin(), touched_.end());
  result_.clear();
  for (std::uint32_t principal : touched_) {
    result_.push_back({principal, via_[principal]});
    via_[principal] = 0;
  }
  return result_;
}

}  // namespace tenantreach::parallel

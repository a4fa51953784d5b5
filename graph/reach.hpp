// The kernel behind who-can-reach and audit: the principals that reach one resource, with their paths.
// A Reacher owns scratch space sized to the graph (visited stamps, per-principal path bits), so repeated
// queries on one thread allocate nothing; use one Reacher per thread.
#pragma once

#include <cstdint>
#include <vector>

#include "graph/access_graph.hpp"
#include "graph/results.hpp"

namespace tenantreach::graph {

struct Reach {
  std::uint32_t principal;
  ViaSet via;
};

class Reacher {
 public:
  explicit Reacher(const AccessGraph& graph);

  // The principals that reach `resource`, sorted by principal id (the output order of spec §10).
  const std::vector<Reach>& reach(std::uint32_t resource);
  // Whether this scratch was sized for a graph of this shape (a graph rebuilt at the same address may not be).
  bool fits(const AccessGraph& graph) const {
    return visited_.size() == graph.vertex_count() && via_.size() == graph.principals.size();
  }

 private:
  void offer(std::uint32_t principal, ViaSet via);
  void offer_user(std::uint32_t user_vertex, std::uint32_t resource);

  const AccessGraph& graph_;
  std::vector<std::uint32_t> visited_;  // stamp per vertex
  std::uint32_t stamp_ = 0;
  std::vector<ViaSet> via_;             // per principal, zero outside a query
  std::vector<std::uint32_t> stack_;
  std::vector<std::uint32_t> touched_;
  std::vector<Reach> result_;
};

// Counts of spec §10 for a sorted reach list.
Counts count_reach(const AccessGraph& graph, const std::vector<Reach>& reach);

}  // namespace tenantreach::graph

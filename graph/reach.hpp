// The kernel behind who-can-reach and audit: the principals that reach one resource, with their paths.
// A Reacher owns scratch space sized to the graph (visited stamps, per-principal path bits), so repeated
// queries on one thread allocate nothing; use one Reacher per thread. The scratch is ZeroPages: creating a
// Reacher maps it without writing it, and memory is taken only for the pages the queries touch (at most
// 4 bytes per vertex and 1 per principal).
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "graph/access_graph.hpp"
#include "graph/bulk_memory.hpp"
#include "graph/results.hpp"

namespace tenantreach::graph {

struct Reach {
  std::uint32_t principal;
  ViaSet via;
};

// Visited marks over the vertices, cleared in O(1) per walk: a walk's marks carry its stamp, and all of them are
// reset only when the 32-bit stamp wraps. The marks are ZeroPages: a walk that visits a few vertices touches a
// few pages of them.
class VisitMarks {
 public:
  explicit VisitMarks(std::size_t vertices) : stamp_of_(vertices) {}
  std::size_t size() const { return stamp_of_.size(); }
  void start_walk() {
    if (++stamp_ == 0) {
      std::fill(stamp_of_.begin(), stamp_of_.end(), 0);
      stamp_ = 1;
    }
  }
  bool seen(std::uint32_t vertex) const { return stamp_of_[vertex] == stamp_; }
  // True when `vertex` was not yet marked in this walk.
  bool mark(std::uint32_t vertex) {
    if (stamp_of_[vertex] == stamp_) return false;
    stamp_of_[vertex] = stamp_;
    return true;
  }

 private:
  ZeroPages<std::uint32_t> stamp_of_;
  std::uint32_t stamp_ = 0;
};

// The paths found per principal during one query, and which principals have any. Kept across queries (sized to
// the graph's principals once, as ZeroPages); take() hands them out sorted and resets only what the query touched.
class PrincipalPaths {
 public:
  explicit PrincipalPaths(std::size_t principals) : via_(principals) {}
  bool fits(std::size_t principals) const { return via_.size() == principals; }
  void offer(std::uint32_t principal, ViaSet via) {
    if (via_[principal] == 0) touched_.push_back(principal);
    via_[principal] |= via;
  }
  // Every principal offered since the last take(), sorted by principal id (the output order of spec §10).
  const std::vector<Reach>& take();

 private:
  // take() sorts the touched ids (n log n) unless they are at least 1/kScanRatio of all principals: then a pass
  // over via_ (one load per 8 principals where none was touched) is cheaper, and it yields them in id order.
  static constexpr std::size_t kScanRatio = 64;

  ZeroPages<ViaSet> via_;  // zero outside a query
  std::vector<std::uint32_t> touched_;
  std::vector<Reach> result_;
};

class Reacher {
 public:
  explicit Reacher(const AccessGraph& graph);

  // The principals that reach `resource`, sorted by principal id (the output order of spec §10).
  const std::vector<Reach>& reach(std::uint32_t resource);
  // Whether this scratch was sized for a graph of this shape (a graph rebuilt at the same address may not be).
  bool fits(const AccessGraph& graph) const {
    return visited_.size() == graph.vertex_count() && paths_.fits(graph.principals.size());
  }

 private:
  void offer_user(std::uint32_t user_vertex, std::uint32_t resource);

  const AccessGraph& graph_;
  VisitMarks visited_;
  std::vector<std::uint32_t> stack_;
  PrincipalPaths paths_;
};

// Counts of spec §10 for a sorted reach list.
Counts count_reach(const AccessGraph& graph, const std::vector<Reach>& reach);

}  // namespace tenantreach::graph

// The batch engine over a block of resources: the block is clustered (resources sharing their widest grant go
// into one 64-wide batch) and its batches run in parallel with TBB. Shared by audit and diff, which both walk
// the resources in audit order, block by block, so memory stays bounded by the block.
#pragma once

#include <cstdint>
#include <span>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include <tbb/enumerable_thread_specific.h>

#include "graph/access_graph.hpp"
#include "parallel/batch_reach.hpp"

namespace tenantreach::parallel {

// The resources of the given kinds (spec §10 names) and tenants (lower-case ids), in audit order; empty lists
// select everything. Throws core::InputError for a kind that is not one of spec §10.
std::vector<std::uint32_t> selected_resources(const graph::AccessGraph& graph, const std::vector<std::string>& kinds,
                                              const std::vector<std::string>& tenants);

class BlockReach {
 public:
  explicit BlockReach(const graph::AccessGraph& graph);

  const BatchPlan& plan() const { return plan_; }
  // A principal filter of this graph: the paths to keep, and the principal tenants (lower-case ids; empty: all).
  PrincipalFilter principal_filter(graph::ViaSet vias, const std::vector<std::string>& principal_tenants) const;
  // `filter` keeping only the principal tenants in `tenants` (sorted ids) of those it keeps.
  PrincipalFilter narrowed(const PrincipalFilter& filter, const std::vector<std::string_view>& tenants) const;
  // An upper bound of the principals a resource lists (nested groups counted once per path); with a filter of
  // principal tenants, also at most the user objects of those tenants' principals in the resource's tenant.
  std::uint64_t principal_estimate(std::uint32_t resource, const PrincipalFilter& filter = {}) const;

  // out[i] receives the answer for block[i]. `fingerprint_keys` as for BatchReacher::run. Once `stop` is
  // requested, batches of 64 not yet started are skipped and `out` is incomplete.
  void evaluate(std::span<const std::uint32_t> block, Collect collect, const PrincipalFilter& filter,
                std::vector<BatchResult>& out, const FingerprintKeys* fingerprint_keys = nullptr,
                const std::stop_token& stop = {});

 private:
  const graph::AccessGraph& graph_;
  BatchPlan plan_;
  std::vector<std::vector<std::uint32_t>> users_by_rank_;  // per tenant, per principal tenant rank: user objects
  tbb::enumerable_thread_specific<BatchReacher> reachers_;
};

}  // namespace tenantreach::parallel

// The batch audit engine. Up to 64 resources are evaluated in one pass over the reverse graph: each vertex
// carries a 64-bit mask of the batch's resources whose grants contain it, propagated through nested groups
// with a work list (cycles terminate: a vertex is revisited only for bits it has not seen), as in the
// multi-source traversal of Then et al., "The More the Merrier" (VLDB 2015). A group with a million members is
// expanded once per batch instead of once per resource. Counts are kept in bit-sliced lane counters, one per
// (principal tenant, path) category: adding a user's mask updates all 64 resources' counts in a few word
// operations, and principal lists are materialised only when asked for.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/access_graph.hpp"
#include "graph/bulk_memory.hpp"
#include "graph/reach.hpp"
#include "graph/results.hpp"

namespace tenantreach::parallel {

inline constexpr std::size_t kBatchWidth = 64;

// Facts about users that every batch needs, computed once per audit.
struct BatchPlan {
  explicit BatchPlan(const graph::AccessGraph& graph);

  // What collect() needs of a user object, packed so the hot loop reads one 8-byte record per user.
  struct UserFacts {
    std::uint32_t category = 0;  // principal tenant rank * 2 + (path is B2B collaboration)
    // Every gate of the user object is open (the common case: an enabled user no policy stops), so a batch need
    // not look up its gates per resource app.
    bool all_gates_open = true;
    // The principal has several user objects in the same tenant and needs per-principal de-duplication; every
    // other (user, resource) pair is one distinct principal and is counted without a list.
    bool shared_principal = false;
    // Users of a tenant whose gates are not all open mostly share a handful of gate patterns (guests, users a
    // policy blocks): a batch works out the open resources once per pattern. kNone when all gates are open.
    std::uint32_t gate_pattern = core::kNone;
  };

  std::vector<std::uint32_t> user_tenant;  // per user vertex
  std::vector<UserFacts> user_facts;       // per user vertex
  std::vector<std::uint32_t> pattern_user;  // per gate pattern: a user object that has it
  std::vector<std::string> category_tenant;     // per principal tenant rank
  std::vector<std::uint32_t> principal_tenant_rank;
  // Per group or resource vertex (index vertex - user_count): its position in a topological order of the
  // container -> member edges, so a batch expands each group once, after every container that feeds it
  // (members of a cycle get arbitrary ranks; the work list stays correct, it only revisits them).
  std::vector<std::uint32_t> topological_rank;
  // Per group or resource vertex: an upper bound of the user objects it reaches (members of nested groups
  // counted once per path), used to batch resources by their widest grant.
  std::vector<std::uint64_t> reach_estimate;

 private:
  void rank_groups(const graph::AccessGraph& graph);     // topological_rank, reach_estimate
  void describe_users(const graph::AccessGraph& graph);  // everything per user and per principal
};

// Which principals an audit reports (docs/CLI.md, audit filters): the paths it keeps, and the principal
// tenants, by rank (BatchPlan::category_tenant). A principal keeps only its paths in `vias`; one left with no
// path, or of a tenant not allowed, is not reported and not counted.
struct PrincipalFilter {
  graph::ViaSet vias = graph::kViaB2BCollaboration | graph::kViaB2BDirectConnect | graph::kViaInternal;
  std::vector<std::uint8_t> tenant_allowed;  // per principal tenant rank; empty: every tenant

  bool allows_tenant(std::uint32_t rank) const { return tenant_allowed.empty() || tenant_allowed[rank] != 0; }
  // A counting category of BatchPlan::UserFacts: principal tenant rank * 2 + (path is B2B collaboration).
  bool allows_category(std::uint32_t category) const {
    const graph::Via via = category % 2 != 0 ? graph::kViaB2BCollaboration : graph::kViaInternal;
    return (vias & via) != 0 && allows_tenant(category / 2);
  }
  // Keeps the allowed paths of every principal in `reach` and drops those left without one.
  void apply(const BatchPlan& plan, std::vector<graph::Reach>& reach) const;
};

// What a batch computes per resource.
enum class Collect : std::uint8_t {
  Counts,        // counts only (audit): most users are counted in bit-sliced lanes, no lists
  Principals,    // the sorted principal lists, and their counts (audit --principals)
  Lists,         // the sorted principal lists alone (diff compares them; counts would be thrown away)
  Fingerprints,  // no counts, no lists: one hash per (principal, path), combined, which two worlds compare (diff)
  TenantFingerprints,  // likewise, one fingerprint per principal tenant (diff lists only the tenants that differ)
};

struct BatchResult {
  std::vector<graph::Reach> reach;  // sorted by principal; filled only with Collect::Principals and Lists
  graph::Counts counts;             // with Collect::Counts and Principals
  // With Collect::Fingerprints: the exclusive or of fingerprint(hash of the principal, path) over every
  // (principal, path) that reaches the resource (each pair appears once, so none cancels). Equal answers have
  // equal fingerprints; different ones collide with probability about 2^-64.
  std::uint64_t fingerprint = 0;
  // With Collect::TenantFingerprints: (principal tenant id, fingerprint of that tenant's principals), sorted by
  // tenant id; tenants without principals (or whose fingerprint is 0) are left out.
  std::vector<std::pair<std::string_view, std::uint64_t>> tenant_fingerprints;
};

// The term of one (principal, path) in BatchResult::fingerprint; `principal_hash` identifies the principal the
// same way in every world (a hash of its tenant id and user id).
std::uint64_t fingerprint(std::uint64_t principal_hash, graph::Via via);

// What Collect::Fingerprints and TenantFingerprints read, computed once per graph for the resources of the
// tenants marked in `tenants` (per tenant position): only their user objects, and the principals those and the
// tenants' direct connect entries name, get keys (the others stay 0 and must not be evaluated).
struct FingerprintKeys {
  FingerprintKeys(const graph::AccessGraph& graph, const std::vector<std::uint8_t>& tenants);

  std::vector<std::uint64_t> principal_hashes;  // per principal, from its tenant id and user id
  // Per user vertex: the term of its principal and path, so a batch reads it in vertex order (a big group's
  // members are consecutive vertices) instead of jumping to its principal's hash.
  std::vector<std::uint64_t> user_terms;
};

class BatchReacher {
 public:
  BatchReacher(const graph::AccessGraph& graph, const BatchPlan& plan);

  // Evaluates `batch` (at most kBatchWidth resources); out[i] receives the answer for batch[i].
  // `keys` (of this graph) is read with Collect::Fingerprints and TenantFingerprints only.
  void run(std::span<const std::uint32_t> batch, Collect collect, const PrincipalFilter& filter,
           std::span<BatchResult> out, const FingerprintKeys* keys = nullptr);

 private:
  // 64 counters at once, stored as bit planes: bit i of planes[k] is bit k of counter i.
  struct LaneCounters {
    std::array<std::uint64_t, 40> planes{};
    std::uint32_t height = 0;
    void add(std::uint64_t lanes);
    std::uint64_t lane(unsigned i) const;
  };
  struct SlotBits {
    std::uint32_t tenant;
    std::uint32_t slot;
    std::uint64_t bits;
  };
  struct EveryoneBits {
    std::uint32_t tenant;
    std::uint64_t all;       // resources granted to every user object of the tenant
    std::uint64_t internal;  // resources granted to every internal user of the tenant
  };
  struct Event {
    std::uint32_t lane;
    std::uint32_t principal;
    graph::ViaSet via;
  };

  void seed(std::span<const std::uint32_t> batch);
  void seed_everyone();
  void push(std::uint32_t vertex);
  void propagate();
  std::uint64_t open_bits(std::uint32_t user);
  void collect(std::span<const std::uint32_t> batch, Collect mode, const PrincipalFilter& filter,
               std::span<BatchResult> out, const FingerprintKeys* keys);
  void count_category(std::uint32_t category, std::uint64_t bits);
  void reset();

  const graph::AccessGraph& graph_;
  const BatchPlan& plan_;
  // Per vertex, as ZeroPages (a batch's memory is the pages of the vertices it reaches):
  graph::ZeroPages<std::uint64_t> seen_;     // batch resources whose grants reach it
  graph::ZeroPages<std::uint64_t> pending_;  // per group/resource vertex: bits still to pass on to members
  std::vector<std::uint32_t> touched_;  // vertices with seen_ != 0
  std::vector<std::pair<std::uint32_t, std::uint32_t>> worklist_;  // (topological rank, vertex), a min-heap
  std::vector<SlotBits> slot_bits_;
  std::vector<std::uint64_t> pattern_open_;    // per gate pattern: open batch resources, valid for this batch...
  std::vector<std::uint32_t> pattern_batch_;   // ...when its entry equals batch_number_
  std::uint32_t batch_number_ = 0;
  std::vector<EveryoneBits> everyone_bits_;
  std::vector<LaneCounters> counters_;  // per category
  // Fingerprints without a term per (user, resource): byte j of a user's term selects the entry of table j into
  // which its 64-resource mask is xor-ed (8 operations per user, however many resources it reaches);
  // fingerprint_lanes() turns the tables into the 64 fingerprints. Collect::Fingerprints uses one set of
  // tables, Collect::TenantFingerprints one per principal tenant rank (allocated when first used).
  using FingerprintTables = std::array<std::array<std::uint64_t, 256>, 8>;
  std::vector<FingerprintTables> fingerprint_tables_;
  std::vector<std::uint8_t> fingerprint_table_used_;
  std::vector<std::uint32_t> used_fingerprint_tables_;
  void add_fingerprint(std::uint32_t table, std::uint64_t term, std::uint64_t bits);
  std::array<std::uint64_t, kBatchWidth> fingerprint_lanes(std::uint32_t table);
  void collect_fingerprints(Collect mode, std::span<BatchResult> out);
  std::vector<std::uint32_t> used_categories_;
  void sort_events();

  std::vector<Event> events_;  // shared principals and direct connect members, de-duplicated at the end
  std::vector<Event> sorted_events_;         // sort_events' buffer
  std::vector<std::size_t> radix_counts_;    // likewise
};

}  // namespace tenantreach::parallel

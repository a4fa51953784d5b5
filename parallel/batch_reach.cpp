#include "parallel/batch_reach.hpp"

#include <algorithm>
#include <bit>
#include <functional>
#include <string_view>
#include <tuple>
#include <unordered_map>

#include <tbb/blocked_range.h>
#include <tbb/parallel_invoke.h>
#include <tbb/parallel_for.h>

namespace tenantreach::parallel {

using graph::kViaB2BCollaboration;
using graph::kViaInternal;

namespace {

// The members of a group or resource that are groups themselves: a vertex's neighbours are sorted, and user
// vertices come first, so they are the tail after the users.
std::span<const std::uint32_t> group_members(const graph::AccessGraph& graph, std::uint32_t vertex) {
  const auto members = graph.members.neighbours(vertex);
  return {std::lower_bound(members.begin(), members.end(), graph.user_count), members.end()};
}

// Kahn's algorithm over the group and resource vertices of the member CSR (users have no members). Vertices on
// or behind a cycle never reach in-degree zero; they are ranked last, in id order.
std::vector<std::uint32_t> topological_ranks(const graph::AccessGraph& graph) {
  const std::uint32_t first = graph.user_count;
  const std::uint32_t count = graph.vertex_count() - first;
  std::vector<std::uint32_t> in_degree(count);
  for (std::uint32_t i = 0; i < count; ++i)  // every container of a group is a group or a resource
    in_degree[i] = static_cast<std::uint32_t>(graph.member_of.neighbours(first + i).size());
  std::vector<std::uint32_t> rank(count, core::kNone);
  std::vector<std::uint32_t> ready;
  for (std::uint32_t i = 0; i < count; ++i)
    if (in_degree[i] == 0) ready.push_back(i);
  std::uint32_t next = 0;
  while (!ready.empty()) {
    const std::uint32_t i = ready.back();
    ready.pop_back();
    rank[i] = next++;
    for (std::uint32_t member : group_members(graph, first + i))
      if (--in_degree[member - first] == 0) ready.push_back(member - first);
  }
  for (std::uint32_t& r : rank)
    if (r == core::kNone) r = next++;
  return rank;
}

}  // namespace

BatchPlan::BatchPlan(const graph::AccessGraph& graph)
    : user_tenant(graph.user_count),
      user_facts(graph.user_count),
      principal_tenant_rank(graph.principals.size()) {
  // The group order and the user facts are independent: on two threads they are built side by side.
  tbb::parallel_invoke([&] { rank_groups(graph); }, [&] { describe_users(graph); });
}

void BatchPlan::rank_groups(const graph::AccessGraph& graph) {
  topological_rank = topological_ranks(graph);
  // Members rank after their containers (except on cycles), so walking ranks downwards sees members first.
  const std::uint32_t first = graph.user_count;
  std::vector<std::uint32_t> by_rank(topological_rank.size());
  for (std::uint32_t i = 0; i < topological_rank.size(); ++i) by_rank[topological_rank[i]] = i;
  reach_estimate.assign(topological_rank.size(), 0);
  for (auto i = by_rank.rbegin(); i != by_rank.rend(); ++i) {
    const auto groups = group_members(graph, first + *i);
    std::uint64_t estimate = graph.members.neighbours(first + *i).size() - groups.size();  // the user members
    for (std::uint32_t member : groups) estimate += reach_estimate[member - first];
    reach_estimate[*i] = estimate;
  }
}

void BatchPlan::describe_users(const graph::AccessGraph& graph) {
  for (std::uint32_t p = 0; p < graph.principals.size(); ++p) {  // principals are sorted by tenant id
    if (p == 0 || graph.principal_tenant_id(p) != graph.principal_tenant_id(p - 1))
      category_tenant.emplace_back(graph.principal_tenant_id(p));
    principal_tenant_rank[p] = static_cast<std::uint32_t>(category_tenant.size() - 1);
  }
  for (std::uint32_t t = 0; t + 1 < graph.tenant_user_offset.size(); ++t)
    std::fill(user_tenant.begin() + graph.tenant_user_offset[t], user_tenant.begin() + graph.tenant_user_offset[t + 1], t);
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, graph.user_count), [&](const auto& users) {
    for (std::uint32_t u = users.begin(); u != users.end(); ++u) {
      const std::size_t slots = graph.tenant_apps[user_tenant[u]].size();
      const auto gates = graph.gate.begin() + static_cast<std::ptrdiff_t>(graph.gate_index(user_tenant[u], u));
      UserFacts& facts = user_facts[u];
      facts.all_gates_open =
          std::all_of(gates, gates + static_cast<std::ptrdiff_t>(slots), [](std::uint8_t g) { return g != 0; });
      const std::uint32_t principal = graph.principal_of_user[u];
      facts.category = principal_tenant_rank[principal] * 2 + (graph.via_of_user[u] == kViaInternal ? 0 : 1);
    }
  });
  // Only a principal with linked objects has more than one (AccessGraph::linked_user_objects).
  std::vector<std::uint32_t> objects;
  for (auto it = graph.linked_user_objects.begin(); it != graph.linked_user_objects.end();) {
    const std::uint32_t principal = it->principal;
    while (it != graph.linked_user_objects.end() && it->principal == principal) ++it;
    objects.clear();
    graph.for_each_user_object(principal, [&](std::uint32_t user) { objects.push_back(user); });
    for (std::uint32_t user : objects)
      for (std::uint32_t other : objects)
        if (other != user && user_tenant[other] == user_tenant[user]) user_facts[user].shared_principal = true;
  }
  // Gate patterns are found per tenant in parallel (numbered locally), then numbered globally.
  const std::uint32_t tenants = static_cast<std::uint32_t>(graph.tenant_user_offset.size() - 1);
  std::vector<std::vector<std::uint32_t>> tenant_pattern_users(tenants);
  tbb::parallel_for(std::uint32_t{0}, tenants, [&](std::uint32_t t) {
    std::unordered_map<std::string_view, std::uint32_t> patterns;  // gate bytes -> local pattern id
    const std::string_view gates(reinterpret_cast<const char*>(graph.gate.data()), graph.gate.size());
    for (std::uint32_t u = graph.tenant_user_offset[t]; u < graph.tenant_user_offset[t + 1]; ++u) {
      if (user_facts[u].all_gates_open) continue;
      const auto [it, added] = patterns.emplace(gates.substr(graph.gate_index(t, u), graph.tenant_apps[t].size()),
                                                static_cast<std::uint32_t>(tenant_pattern_users[t].size()));
      if (added) tenant_pattern_users[t].push_back(u);
      user_facts[u].gate_pattern = it->second;
    }
  });
  std::vector<std::uint32_t> first_pattern(tenants);
  for (std::uint32_t t = 0; t < tenants; ++t) {
    first_pattern[t] = static_cast<std::uint32_t>(pattern_user.size());
    pattern_user.insert(pattern_user.end(), tenant_pattern_users[t].begin(), tenant_pattern_users[t].end());
  }
  tbb::parallel_for(tbb::blocked_range<std::uint32_t>(0, graph.user_count), [&](const auto& users) {
    for (std::uint32_t u = users.begin(); u != users.end(); ++u)
      if (!user_facts[u].all_gates_open) user_facts[u].gate_pattern += first_pattern[user_tenant[u]];
  });
}

void BatchReacher::LaneCounters::add(std::uint64_t lanes) {
  std::uint32_t k = 0;
  for (; lanes != 0; ++k) {  // ripple-carry addition of one bit into each of the 64 lanes
    const std::uint64_t carry = planes[k] & lanes;
    planes[k] ^= lanes;
    lanes = carry;
  }
  height = std::max(height, k);
}

std::uint64_t BatchReacher::LaneCounters::lane(unsigned i) const {
  std::uint64_t value = 0;
  for (std::uint32_t k = 0; k < height; ++k) value |= ((planes[k] >> i) & 1u) << k;
  return value;
}

BatchReacher::BatchReacher(const graph::AccessGraph& graph, const BatchPlan& plan)
    : graph_(graph),
      plan_(plan),
      seen_(graph.vertex_count()),
      pending_(graph.vertex_count()),
      pattern_open_(plan.pattern_user.size(), 0),
      pattern_batch_(plan.pattern_user.size(), 0),
      counters_(plan.category_tenant.size() * 2) {}

void BatchReacher::push(std::uint32_t vertex) {
  worklist_.emplace_back(plan_.topological_rank[vertex - graph_.user_count], vertex);
  std::push_heap(worklist_.begin(), worklist_.end(), std::greater<>());
}

void BatchReacher::seed(std::span<const std::uint32_t> batch) {
  for (std::size_t i = 0; i < batch.size(); ++i) {
    const std::uint64_t bit = std::uint64_t{1} << i;
    const graph::GraphResource& resource = graph_.resources[batch[i]];
    const std::uint32_t vertex = graph_.resource_vertex(batch[i]);
    if (seen_[vertex] == 0) touched_.push_back(vertex);
    seen_[vertex] |= bit;
    pending_[vertex] |= bit;
    push(vertex);

    auto slot = std::find_if(slot_bits_.begin(), slot_bits_.end(), [&](const SlotBits& s) {
      return s.tenant == resource.tenant && s.slot == resource.app_slot;
    });
    if (slot == slot_bits_.end()) slot_bits_.push_back({resource.tenant, resource.app_slot, bit});
    else slot->bits |= bit;

    if (resource.everyone == 0) continue;
    auto everyone = std::find_if(everyone_bits_.begin(), everyone_bits_.end(),
                                 [&](const EveryoneBits& e) { return e.tenant == resource.tenant; });
    if (everyone == everyone_bits_.end()) everyone = everyone_bits_.insert(everyone_bits_.end(), {resource.tenant, 0, 0});
    (resource.everyone & graph::kEveryone ? everyone->all : everyone->internal) |= bit;
  }
  std::sort(slot_bits_.begin(), slot_bits_.end(), [](const SlotBits& a, const SlotBits& b) { return a.tenant < b.tenant; });
  seed_everyone();
}

// R3.2's everyone grants: one pass over a tenant's user objects serves every such resource of the batch.
void BatchReacher::seed_everyone() {
  for (const EveryoneBits& everyone : everyone_bits_) {
    for (std::uint32_t user = graph_.tenant_user_offset[everyone.tenant];
         user < graph_.tenant_user_offset[everyone.tenant + 1]; ++user) {
      const std::uint64_t bits = everyone.all | (graph_.via_of_user[user] == kViaInternal ? everyone.internal : 0);
      if (bits == 0) continue;
      if (seen_[user] == 0) touched_.push_back(user);
      seen_[user] |= bits;
    }
  }
}

void BatchReacher::propagate() {
  while (!worklist_.empty()) {
    std::pop_heap(worklist_.begin(), worklist_.end(), std::greater<>());
    const std::uint32_t vertex = worklist_.back().second;
    worklist_.pop_back();
    const std::uint64_t bits = pending_[vertex];
    pending_[vertex] = 0;
    for (std::uint32_t member : graph_.members.neighbours(vertex)) {
      const std::uint64_t fresh = bits & ~seen_[member];
      if (fresh == 0) continue;
      if (seen_[member] == 0) touched_.push_back(member);
      seen_[member] |= fresh;
      if (graph_.is_user(member)) continue;  // users have no members
      if (pending_[member] == 0) push(member);
      pending_[member] |= fresh;
    }
  }
}

std::uint64_t BatchReacher::open_bits(std::uint32_t user) {
  const std::uint32_t pattern = plan_.user_facts[user].gate_pattern;
  if (pattern_batch_[pattern] == batch_number_) return pattern_open_[pattern];
  pattern_batch_[pattern] = batch_number_;
  user = plan_.pattern_user[pattern];
  // A user object only reaches resources of its own tenant: only that tenant's slots matter.
  const std::uint32_t tenant = plan_.user_tenant[user];
  auto slot = std::lower_bound(slot_bits_.begin(), slot_bits_.end(), tenant,
                               [](const SlotBits& s, std::uint32_t t) { return s.tenant < t; });
  std::uint64_t open = 0;
  for (; slot != slot_bits_.end() && slot->tenant == tenant; ++slot)
    if (graph_.gate[graph_.gate_index(tenant, user) + slot->slot]) open |= slot->bits;
  return pattern_open_[pattern] = open;
}

void BatchReacher::count_category(std::uint32_t category, std::uint64_t bits) {
  LaneCounters& counter = counters_[category];
  if (counter.height == 0) used_categories_.push_back(category);
  counter.add(bits);
}

void PrincipalFilter::apply(const BatchPlan& plan, std::vector<graph::Reach>& reach) const {
  std::size_t kept = 0;
  for (graph::Reach& r : reach) {
    r.via &= vias;
    if (r.via != 0 && allows_tenant(plan.principal_tenant_rank[r.principal])) reach[kept++] = r;
  }
  reach.resize(kept);
}

std::uint64_t fingerprint(std::uint64_t principal_hash, graph::Via via) {
  // splitmix64's finaliser over the principal's hash and the path: the terms of a sum must look independent.
  std::uint64_t z = principal_hash + 0x9E3779B97F4A7C15ull * (std::uint64_t{via} + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

FingerprintKeys::FingerprintKeys(const graph::AccessGraph& graph, const std::vector<std::uint8_t>& tenants)
    : principal_hashes(graph.principals.size(), 0), user_terms(graph.user_count, 0) {
  std::vector<std::uint8_t> named(graph.principals.size(), 0);
  for (std::uint32_t t = 0; t < graph.tenant_count(); ++t) {
    if (!tenants[t]) continue;
    for (std::uint32_t user = graph.tenant_user_offset[t]; user < graph.tenant_user_offset[t + 1]; ++user)
      named[graph.principal_of_user[user]] = 1;
  }
  for (std::uint32_t r = 0; r < graph.resource_count(); ++r)
    if (tenants[graph.resources[r].tenant])
      for (const graph::DirectConnectEntry& entry : graph.direct_connect_of(r))
        if (entry.principal != core::kNone) named[entry.principal] = 1;
  tbb::parallel_for(std::size_t{0}, principal_hashes.size(), [&](std::size_t p) {
    if (!named[p]) return;
    const auto principal = static_cast<std::uint32_t>(p);
    principal_hashes[p] = std::hash<std::string_view>{}(graph.principal_tenant_id(principal)) * 0x9E3779B97F4A7C15ull ^
                          std::hash<std::string_view>{}(graph.principal_user_id(principal));
  });
  for (std::uint32_t t = 0; t < graph.tenant_count(); ++t) {
    if (!tenants[t]) continue;
    tbb::parallel_for(graph.tenant_user_offset[t], graph.tenant_user_offset[t + 1], [&](std::uint32_t user) {
      user_terms[user] = fingerprint(principal_hashes[graph.principal_of_user[user]],
                                     static_cast<graph::Via>(graph.via_of_user[user]));
    });
  }
}

void BatchReacher::add_fingerprint(std::uint32_t table, std::uint64_t term, std::uint64_t bits) {
  if (table >= fingerprint_tables_.size()) {
    fingerprint_tables_.resize(table + 1);
    fingerprint_table_used_.resize(table + 1, 0);
  }
  if (!fingerprint_table_used_[table]) {
    fingerprint_table_used_[table] = 1;
    used_fingerprint_tables_.push_back(table);
  }
  for (unsigned j = 0; j < 8; ++j) fingerprint_tables_[table][j][(term >> (8 * j)) & 0xFFu] ^= bits;
}

// Bit 8j + b of lane i's fingerprint is the parity, over the users whose mask has bit i, of bit b of byte j of
// their terms: the xor of the table j entries whose index has bit b, read at bit i. Empties the tables.
std::array<std::uint64_t, kBatchWidth> BatchReacher::fingerprint_lanes(std::uint32_t table) {
  std::array<std::uint64_t, 64> planes{};  // planes[8j + b]: bit i is bit 8j + b of lane i's fingerprint
  for (unsigned j = 0; j < 8; ++j) {
    for (unsigned v = 0; v < 256; ++v) {
      const std::uint64_t bits = fingerprint_tables_[table][j][v];
      if (bits == 0) continue;
      for (unsigned rest = v; rest != 0; rest &= rest - 1) planes[8 * j + std::countr_zero(rest)] ^= bits;
    }
    fingerprint_tables_[table][j].fill(0);
  }
  std::array<std::uint64_t, kBatchWidth> lanes{};
  for (unsigned k = 0; k < 64; ++k)
    for (std::uint64_t rest = planes[k]; rest != 0; rest &= rest - 1) lanes[std::countr_zero(rest)] |= std::uint64_t{1} << k;
  return lanes;
}

void BatchReacher::collect_fingerprints(Collect mode, std::span<BatchResult> out) {
  std::sort(used_fingerprint_tables_.begin(), used_fingerprint_tables_.end());  // ranks in tenant id order
  for (std::uint32_t table : used_fingerprint_tables_) {
    fingerprint_table_used_[table] = 0;
    const std::array<std::uint64_t, kBatchWidth> lanes = fingerprint_lanes(table);
    for (std::size_t i = 0; i < out.size(); ++i) {
      if (mode == Collect::Fingerprints) out[i].fingerprint = lanes[i];
      else if (lanes[i] != 0) out[i].tenant_fingerprints.emplace_back(plan_.category_tenant[table], lanes[i]);
    }
  }
  used_fingerprint_tables_.clear();
}

void BatchReacher::collect(std::span<const std::uint32_t> batch, Collect mode, const PrincipalFilter& filter,
                           std::span<BatchResult> out, const FingerprintKeys* keys) {
  const bool with_principals = mode == Collect::Principals || mode == Collect::Lists;
  const bool with_fingerprints = mode == Collect::Fingerprints || mode == Collect::TenantFingerprints;
  // The fingerprint table of a principal tenant rank.
  const auto table_of = [&](std::uint32_t rank) { return mode == Collect::Fingerprints ? 0 : rank; };
  for (std::uint32_t vertex : touched_) {
    if (!graph_.is_user(vertex)) continue;
    const BatchPlan::UserFacts facts = plan_.user_facts[vertex];
    if (!filter.allows_tenant(facts.category / 2)) continue;  // its principal is not reported
    const std::uint64_t bits = seen_[vertex] & (facts.all_gates_open ? ~std::uint64_t{0} : open_bits(vertex));
    if (bits == 0) continue;
    if (with_principals || facts.shared_principal) {
      const std::uint32_t principal = graph_.principal_of_user[vertex];
      const graph::ViaSet via = graph_.via_of_user[vertex];
      for (std::uint64_t rest = bits; rest != 0; rest &= rest - 1)
        events_.push_back({static_cast<std::uint32_t>(std::countr_zero(rest)), principal, via});
    } else if (with_fingerprints) {
      // The principal's only user object in this tenant: one (principal, path) term per resource it reaches.
      if (!filter.allows_category(facts.category)) continue;
      add_fingerprint(table_of(facts.category / 2), keys->user_terms[vertex], bits);
    } else {
      count_category(facts.category, bits);
    }
  }
  for (std::size_t i = 0; i < batch.size(); ++i)
    for (const graph::DirectConnectEntry& entry : graph_.direct_connect_of(batch[i]))
      if (entry.allowed) events_.push_back({static_cast<std::uint32_t>(i), entry.principal, graph::kViaB2BDirectConnect});

  // Categories in ascending order are tenants in ascending id order, so each count map is filled at its end.
  std::sort(used_categories_.begin(), used_categories_.end());
  for (std::size_t i = 0; i < batch.size(); ++i) {
    graph::Counts& counts = out[i].counts;
    counts = {};
    out[i].reach.clear();
    out[i].fingerprint = 0;
    out[i].tenant_fingerprints.clear();
    std::uint64_t by_path[2] = {0, 0};  // internal, B2B collaboration
    for (std::uint32_t category : used_categories_) {
      if (!filter.allows_category(category)) continue;
      const std::uint64_t n = counters_[category].lane(static_cast<unsigned>(i));
      if (n == 0) continue;
      counts.total += n;
      by_path[category % 2] += n;
      const std::string& tenant = plan_.category_tenant[category / 2];
      if (counts.by_tenant.empty() || counts.by_tenant.rbegin()->first != tenant)
        counts.by_tenant.emplace_hint(counts.by_tenant.end(), tenant, 0);
      counts.by_tenant.rbegin()->second += n;
    }
    if (by_path[0] != 0) counts.by_via.emplace(graph::via_name(kViaInternal), by_path[0]);
    if (by_path[1] != 0) counts.by_via.emplace(graph::via_name(kViaB2BCollaboration), by_path[1]);
  }
  // Events name a principal once per way in: merge them per (resource, principal).
  sort_events();
  for (std::size_t e = 0; e < events_.size();) {
    const Event& first = events_[e];
    graph::ViaSet via = 0;
    std::size_t next = e;
    for (; next < events_.size() && events_[next].lane == first.lane && events_[next].principal == first.principal;
         ++next)
      via |= events_[next].via;
    via &= filter.vias;
    if (via == 0 || !filter.allows_tenant(plan_.principal_tenant_rank[first.principal])) {
      e = next;
      continue;
    }
    BatchResult& result = out[first.lane];
    if (with_principals) {
      result.reach.push_back({first.principal, via});
    } else if (with_fingerprints) {
      const std::uint32_t table = table_of(plan_.principal_tenant_rank[first.principal]);
      for (graph::Via path : graph::kAllVias)
        if (via & path)
          add_fingerprint(table, fingerprint(keys->principal_hashes[first.principal], path), std::uint64_t{1} << first.lane);
    } else {
      ++result.counts.total;
      ++result.counts.by_tenant[plan_.category_tenant[plan_.principal_tenant_rank[first.principal]]];
      for (const std::string& name : graph::via_names(via)) ++result.counts.by_via[name];
    }
    e = next;
  }
  if (mode == Collect::Principals)
    for (std::size_t i = 0; i < batch.size(); ++i) out[i].counts = graph::count_reach(graph_, out[i].reach);
  if (with_fingerprints) collect_fingerprints(mode, out.first(batch.size()));
}

// Events in (lane, principal) order. Lists of every principal of 64 large resources run to millions of events,
// where a least-significant-digit radix sort (principal low and high 16 bits, then lane) is several times faster
// than a comparison sort; short lists are sorted directly.
void BatchReacher::sort_events() {
  if (events_.size() < 65536) {
    std::sort(events_.begin(), events_.end(), [](const Event& a, const Event& b) {
      return std::tie(a.lane, a.principal) < std::tie(b.lane, b.principal);
    });
    return;
  }
  sorted_events_.resize(events_.size());
  const auto pass = [&](auto digit, std::size_t radix) {
    radix_counts_.assign(radix + 1, 0);
    for (const Event& event : events_) ++radix_counts_[digit(event) + 1];
    for (std::size_t d = 1; d <= radix; ++d) radix_counts_[d] += radix_counts_[d - 1];
    for (const Event& event : events_) sorted_events_[radix_counts_[digit(event)]++] = event;
    events_.swap(sorted_events_);
  };
  pass([](const Event& e) { return e.principal & 0xFFFFu; }, 65536);
  pass([](const Event& e) { return e.principal >> 16; }, 65536);
  pass([](const Event& e) { return e.lane; }, kBatchWidth);
}

void BatchReacher::reset() {
  for (std::uint32_t vertex : touched_) seen_[vertex] = 0;
  for (std::uint32_t category : used_categories_) counters_[category] = {};
  touched_.clear();
  used_categories_.clear();
  slot_bits_.clear();
  everyone_bits_.clear();
  events_.clear();
}

void BatchReacher::run(std::span<const std::uint32_t> batch, Collect mode, const PrincipalFilter& filter,
                       std::span<BatchResult> out, const FingerprintKeys* keys) {
  ++batch_number_;
  seed(batch);
  propagate();
  collect(batch, mode, filter, out, keys);
  reset();
}

}  // namespace tenantreach::parallel

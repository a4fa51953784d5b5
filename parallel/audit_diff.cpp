#include "parallel/audit_diff.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <span>
#include <string_view>
#include <utility>

#include <tbb/parallel_for.h>

#include "core/model.hpp"
#include "graph/lookup.hpp"
#include "parallel/block_reach.hpp"
#include "parallel/diff_causes.hpp"
#include "parallel/unchanged_tenants.hpp"

namespace tenantreach::parallel {

const char* change_name(ResourceChange change) {
  switch (change) {
    case ResourceChange::Changed: return "changed";
    case ResourceChange::Added: return "added";
    case ResourceChange::Removed: return "removed";
  }
  return "";
}

namespace {

constexpr std::size_t kAbsent = ~std::size_t{0};

// A resource of either world, matched by (tenant id, resource id); kNone on the side that lacks it.
struct ResourcePair {
  std::uint32_t before = core::kNone;
  std::uint32_t after = core::kNone;
};

std::pair<std::string_view, std::string_view> resource_key(const graph::AccessGraph& graph, std::uint32_t r) {
  return {graph.tenant_id(graph.resources[r].tenant), graph.resources[r].id};
}

// Both lists are in audit order, which is (tenant id, resource id) byte order: a merge aligns them.
std::vector<ResourcePair> align(const graph::AccessGraph& before, const std::vector<std::uint32_t>& before_resources,
                                const graph::AccessGraph& after, const std::vector<std::uint32_t>& after_resources) {
  std::vector<ResourcePair> pairs;
  pairs.reserve(std::max(before_resources.size(), after_resources.size()));
  std::size_t i = 0, j = 0;
  while (i < before_resources.size() || j < after_resources.size()) {
    if (j == after_resources.size() ||
        (i < before_resources.size() &&
         resource_key(before, before_resources[i]) < resource_key(after, after_resources[j]))) {
      pairs.push_back({before_resources[i++], core::kNone});
    } else if (i == before_resources.size() ||
               resource_key(after, after_resources[j]) < resource_key(before, before_resources[i])) {
      pairs.push_back({core::kNone, after_resources[j++]});
    } else {
      pairs.push_back({before_resources[i++], after_resources[j++]});
    }
  }
  return pairs;
}

std::pair<std::string_view, std::string_view> principal_key(const graph::AccessGraph& graph, std::uint32_t p) {
  return {graph.principal_tenant_id(p), graph.principal_user_id(p)};
}

// Where each principal of `before` sorts among the principals of `after` (both lists are sorted by identity):
// 2 * (its index in `after`) when `after` has it, else 2 * (the index of the next one) + 1. A principal `q` of
// `after` sorts at 2 * q, so reach lists of the two worlds merge by comparing integers, not strings.
std::vector<std::uint64_t> principal_ranks(const graph::AccessGraph& before, const graph::AccessGraph& after) {
  std::vector<std::uint64_t> ranks(before.principals.size());
  const std::uint32_t count = static_cast<std::uint32_t>(after.principals.size());
  std::uint32_t j = 0;
  for (std::uint32_t p = 0; p < ranks.size(); ++p) {
    const auto key = principal_key(before, p);
    while (j < count && principal_key(after, j) < key) ++j;
    ranks[p] = 2 * std::uint64_t{j} + (j < count && principal_key(after, j) == key ? 0 : 1);
  }
  return ranks;
}

// The principals of one resource in both worlds, merged by identity (both lists are sorted by it).
std::optional<ResourceDiff> compare(const graph::AccessGraph& before, const graph::AccessGraph& after,
                                    const std::vector<std::uint64_t>& ranks, const ResourcePair& pair,
                                    const std::vector<graph::Reach>& old_reach, const std::vector<graph::Reach>& new_reach) {
  ResourceDiff out;
  out.change = pair.before == core::kNone  ? ResourceChange::Added
               : pair.after == core::kNone ? ResourceChange::Removed
                                           : ResourceChange::Changed;
  out.resource = pair.after != core::kNone ? graph::resource_ref(after, pair.after) : graph::resource_ref(before, pair.before);
  std::size_t i = 0, j = 0;
  while (i < old_reach.size() || j < new_reach.size()) {
    const std::uint64_t old_rank = i < old_reach.size() ? ranks[old_reach[i].principal] : ~std::uint64_t{0};
    const std::uint64_t new_rank = j < new_reach.size() ? 2 * std::uint64_t{new_reach[j].principal} : ~std::uint64_t{0};
    const bool take_old = old_rank <= new_rank;
    const bool take_new = new_rank <= old_rank;
    const graph::ViaSet old_via = take_old ? old_reach[i].via : 0;
    const graph::ViaSet new_via = take_new ? new_reach[j].via : 0;
    if (const graph::ViaSet gained = new_via & ~old_via)
      out.gained.push_back({graph::principal_ref(after, new_reach[j].principal), gained, {}});
    if (const graph::ViaSet lost = old_via & ~new_via)
      out.lost.push_back({graph::principal_ref(before, old_reach[i].principal), lost, {}});
    i += take_old ? 1 : 0;
    j += take_new ? 1 : 0;
  }
  if (out.change == ResourceChange::Changed && out.gained.empty() && out.lost.empty()) return std::nullopt;
  return out;
}

// The principal tenants whose fingerprints differ between two sorted lists of them (one side may lack a tenant).
std::vector<std::string_view> differing_tenants(const std::vector<std::pair<std::string_view, std::uint64_t>>& before,
                                                const std::vector<std::pair<std::string_view, std::uint64_t>>& after) {
  std::vector<std::string_view> out;
  std::size_t i = 0, j = 0;
  while (i < before.size() || j < after.size()) {
    if (j == after.size() || (i < before.size() && before[i].first < after[j].first)) {
      out.push_back(before[i++].first);
    } else if (i == before.size() || after[j].first < before[i].first) {
      out.push_back(after[j++].first);
    } else {
      if (before[i].second != after[j].second) out.push_back(after[j].first);
      ++i;
      ++j;
    }
  }
  return out;
}

}  // namespace

void diff(const graph::CompiledWorld& before, const graph::CompiledWorld& after, const DiffOptions& options,
          const DiffSink& sink, const ProgressSink& progress) {
  std::vector<ResourcePair> pairs =
      align(before.graph, selected_resources(before.graph, options.kinds, options.resource_tenants), after.graph,
            selected_resources(after.graph, options.kinds, options.resource_tenants));
  // A change review usually touches a few tenants: the resources of a tenant both worlds hold identically
  // cannot differ, and are not evaluated.
  const std::vector<std::uint8_t> unchanged = unchanged_tenants(before.graph, after.graph);
  std::erase_if(pairs, [&](const ResourcePair& pair) {
    return pair.before != core::kNone && pair.after != core::kNone && unchanged[after.graph.resources[pair.after].tenant];
  });
  if (pairs.empty()) return;
  BlockReach before_reach(before.graph);
  BlockReach after_reach(after.graph);
  const PrincipalFilter before_filter = before_reach.principal_filter(options.vias, options.principal_tenants);
  const PrincipalFilter after_filter = after_reach.principal_filter(options.vias, options.principal_tenants);
  std::vector<std::uint8_t> before_tenants(before.graph.tenant_count(), 0), after_tenants(after.graph.tenant_count(), 0);
  for (const ResourcePair& pair : pairs) {
    if (pair.before != core::kNone) before_tenants[before.graph.resources[pair.before].tenant] = 1;
    if (pair.after != core::kNone) after_tenants[after.graph.resources[pair.after].tenant] = 1;
  }
  const FingerprintKeys before_keys(before.graph, before_tenants);
  const FingerprintKeys after_keys(after.graph, after_tenants);
  const std::vector<std::uint64_t> ranks = principal_ranks(before.graph, after.graph);
  std::optional<DiffCauses> causes;
  if (options.why) causes.emplace(before, after);

  const std::size_t block = std::max<std::size_t>(1, options.block_size);
  std::vector<std::uint32_t> before_block, after_block;
  std::vector<BatchResult> before_results, after_results;
  std::vector<std::optional<ResourceDiff>> changes;
  std::vector<std::vector<std::string_view>> differing;
  // Lists, compares and reports the given pairs (indexes into `pairs`, in order). Fingerprints per principal
  // tenant first say which tenants' principals differ, and only those are listed (a partner setting changes one
  // partner's guests, not the 340,000 employees an "all employees" grant also reaches); the lists go in
  // sub-blocks that end before the principals listed on both sides pass the budget (estimated with each pair's
  // own differing tenants).
  const auto report = [&](const std::vector<std::size_t>& suspects) {
    before_block.clear();
    after_block.clear();
    for (std::size_t suspect : suspects) {
      if (pairs[suspect].before != core::kNone) before_block.push_back(pairs[suspect].before);
      if (pairs[suspect].after != core::kNone) after_block.push_back(pairs[suspect].after);
    }
    before_reach.evaluate(before_block, Collect::TenantFingerprints, before_filter, before_results, &before_keys);
    after_reach.evaluate(after_block, Collect::TenantFingerprints, after_filter, after_results, &after_keys);
    differing.assign(suspects.size(), {});
    const std::vector<std::pair<std::string_view, std::uint64_t>> none;
    for (std::size_t k = 0, b = 0, a = 0; k < suspects.size(); ++k) {
      const ResourcePair& pair = pairs[suspects[k]];
      differing[k] = differing_tenants(pair.before != core::kNone ? before_results[b++].tenant_fingerprints : none,
                                       pair.after != core::kNone ? after_results[a++].tenant_fingerprints : none);
    }
    for (std::size_t first = 0; first < suspects.size();) {
      std::size_t count = 0;
      std::uint64_t listed = 0;
      std::vector<std::string_view> tenants;
      before_block.clear();
      after_block.clear();
      for (; first + count < suspects.size(); ++count) {
        const ResourcePair& pair = pairs[suspects[first + count]];
        const std::vector<std::string_view>& own = differing[first + count];
        const std::uint64_t estimate =
            (pair.before != core::kNone
                 ? before_reach.principal_estimate(pair.before, before_reach.narrowed(before_filter, own))
                 : 0) +
            (pair.after != core::kNone ? after_reach.principal_estimate(pair.after, after_reach.narrowed(after_filter, own))
                                       : 0);
        if (count > 0 && listed + estimate > options.principal_budget) break;
        listed += estimate;
        if (pair.before != core::kNone) before_block.push_back(pair.before);
        if (pair.after != core::kNone) after_block.push_back(pair.after);
        std::vector<std::string_view> merged;
        std::set_union(tenants.begin(), tenants.end(), own.begin(), own.end(), std::back_inserter(merged));
        tenants.swap(merged);
      }
      before_reach.evaluate(before_block, Collect::Lists, before_reach.narrowed(before_filter, tenants), before_results);
      after_reach.evaluate(after_block, Collect::Lists, after_reach.narrowed(after_filter, tenants), after_results);
      // Where each pair's answers are in the two result lists: the blocks hold the present sides in order.
      std::vector<std::pair<std::size_t, std::size_t>> positions(count);
      for (std::size_t k = 0, b = 0, a = 0; k < count; ++k) {
        const ResourcePair& pair = pairs[suspects[first + k]];
        positions[k] = {pair.before != core::kNone ? b++ : kAbsent, pair.after != core::kNone ? a++ : kAbsent};
      }
      changes.assign(count, std::nullopt);
      const std::vector<graph::Reach> nobody;
      tbb::parallel_for(std::size_t{0}, count, [&](std::size_t k) {
        const auto [b, a] = positions[k];
        changes[k] = compare(before.graph, after.graph, ranks, pairs[suspects[first + k]],
                             b != kAbsent ? before_results[b].reach : nobody, a != kAbsent ? after_results[a].reach : nobody);
      });
      for (std::size_t k = 0; k < count; ++k) {
        if (!changes[k]) continue;
        ResourceDiff& change = *changes[k];
        if (causes) {
          const ResourcePair& pair = pairs[suspects[first + k]];
          for (PrincipalChange& gained : change.gained)
            gained.why = causes->gained(pair.before, pair.after, gained.principal, gained.via);
          for (PrincipalChange& lost : change.lost)
            lost.why = causes->lost(pair.before, pair.after, lost.principal, lost.via);
        }
        sink(change);
      }
      first += count;
    }
  };

  std::vector<std::size_t> suspects;
  for (std::size_t first = 0; first < pairs.size();) {
    // First the fingerprints of both sides, block by block (no lists: nearly the cost of counting); only the pairs
    // whose fingerprints differ, or that exist on one side, are then listed.
    const std::size_t count = std::min(block, pairs.size() - first);
    before_block.clear();
    after_block.clear();
    for (std::size_t k = 0; k < count; ++k) {
      const ResourcePair& pair = pairs[first + k];
      if (pair.before != core::kNone) before_block.push_back(pair.before);
      if (pair.after != core::kNone) after_block.push_back(pair.after);
    }
    before_reach.evaluate(before_block, Collect::Fingerprints, before_filter, before_results, &before_keys);
    after_reach.evaluate(after_block, Collect::Fingerprints, after_filter, after_results, &after_keys);
    suspects.clear();
    for (std::size_t k = 0, b = 0, a = 0; k < count; ++k) {
      const ResourcePair& pair = pairs[first + k];
      const bool both = pair.before != core::kNone && pair.after != core::kNone;
      if (!both || before_results[b].fingerprint != after_results[a].fingerprint) suspects.push_back(first + k);
      b += pair.before != core::kNone ? 1 : 0;
      a += pair.after != core::kNone ? 1 : 0;
    }
    report(suspects);
    first += count;
    if (progress) progress(first, pairs.size());
  }
}

}  // namespace tenantreach::parallel

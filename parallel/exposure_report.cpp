#include "parallel/exposure_report.hpp"

#include <algorithm>
#include <ranges>
#include <span>
#include <string>
#include <tuple>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include "core/error.hpp"
#include "graph/lookup.hpp"
#include "graph/reach.hpp"

namespace tenantreach::parallel {
namespace {

std::size_t count_of(const graph::Counts& counts, const char* via) {
  const auto it = counts.by_via.find(via);
  return it == counts.by_via.end() ? 0 : it->second;
}

struct Candidate {
  std::size_t outside = 0;
  std::uint32_t resource = 0;
  graph::Counts counts;
};

// More outside principals first; among equals, audit order.
bool ranks_before(const Candidate& a, const Candidate& b) {
  return a.outside != b.outside ? a.outside > b.outside : a.resource < b.resource;
}

// The N best candidates seen so far, kept as a heap whose front is the weakest.
class TopN {
 public:
  explicit TopN(std::size_t size) : size_(size) {}
  void offer(std::size_t outside, std::uint32_t resource, const graph::Counts& counts) {
    if (outside == 0 || size_ == 0) return;
    if (heap_.size() == size_ && !ranks_before(Candidate{outside, resource, {}}, heap_.front())) return;
    heap_.push_back({outside, resource, counts});
    std::push_heap(heap_.begin(), heap_.end(), ranks_before);
    if (heap_.size() > size_) {
      std::pop_heap(heap_.begin(), heap_.end(), ranks_before);
      heap_.pop_back();
    }
  }
  std::vector<Candidate> sorted() && {
    std::sort(heap_.begin(), heap_.end(), ranks_before);
    return std::move(heap_);
  }

 private:
  std::size_t size_;
  std::vector<Candidate> heap_;
};

ExposedResource exposed(const graph::AccessGraph& graph, const Candidate& candidate) {
  ExposedResource out;
  out.resource = graph::resource_ref(graph, candidate.resource);
  out.outside = candidate.outside;
  out.internal = count_of(candidate.counts, "internal");
  out.b2b_collaboration = count_of(candidate.counts, "b2bCollaboration");
  out.b2b_direct_connect = count_of(candidate.counts, "b2bDirectConnect");
  for (const auto& [tenant, count] : candidate.counts.by_tenant)
    if (tenant != out.resource.tenant_id) out.from_tenants.emplace_back(tenant, count);
  std::stable_sort(out.from_tenants.begin(), out.from_tenants.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

// (resource tenant, denial code, policy index or kNone)
using DenialKey = std::tuple<std::uint32_t, core::DenialCode, std::uint32_t>;
using DenialTally = std::map<DenialKey, std::uint64_t>;

void tally(DenialTally& tally, std::uint32_t tenant, std::span<const core::Denial> denials, std::uint64_t paths) {
  for (const core::Denial& denial : denials) tally[{tenant, denial.code, denial.policy}] += paths;
}

// Per tenant and app slot, the resources granted to everyone, and to everyone except external users (R3.2): added
// to each user's count at once rather than scanned per user (a large tenant has thousands, and as many closed
// users as the audit has principals of it).
struct EveryoneCounts {
  std::vector<std::vector<std::uint64_t>> everyone, internal_only;  // [tenant][slot]
  explicit EveryoneCounts(const graph::AccessGraph& graph)
      : everyone(graph.tenant_count()), internal_only(graph.tenant_count()) {
    for (std::uint32_t t = 0; t < graph.tenant_count(); ++t) {
      everyone[t].assign(graph.tenant_apps[t].size(), 0);
      internal_only[t].assign(graph.tenant_apps[t].size(), 0);
      for (std::uint32_t r : graph.everyone_resources[t]) {
        const graph::GraphResource& info = graph.resources[r];
        if (info.everyone & graph::kEveryone) ++everyone[t][info.app_slot];
        else if (info.everyone & graph::kEveryoneExceptExternalUsers) ++internal_only[t][info.app_slot];
      }
    }
  }
};

// Per user object with a closed gate: the resources of its tenant it is in the grants of (through its groups or an
// everyone grant, each resource once), per app slot, each a refused path with the reasons its gate has (as explain
// reports them; the compiler stored them with the gate). User objects with the same tenant, kind and groups reach
// the same resources, so the walk is done once per such set (on M, 241,348 closed user objects need 81,974 walks).
void tally_user_objects(const graph::AccessGraph& graph, DenialTally& out) {
  const auto all_open = [&](std::uint32_t user) {
    const std::uint32_t tenant = graph.tenant_of_user(user);
    const std::uint8_t* gates = graph.gate.data() + graph.gate_index(tenant, user);
    return std::all_of(gates, gates + graph.tenant_apps[tenant].size(),
                       [](std::uint8_t open) { return open != 0; });
  };
  const auto internal = [&](std::uint32_t user) { return graph.via_of_user[user] == graph::kViaInternal; };
  const auto groups_of = [&](std::uint32_t user) { return graph.member_of.neighbours(user); };
  std::vector<std::uint32_t> closed;
  for (std::uint32_t user = 0; user < graph.user_count; ++user)
    if (!all_open(user)) closed.push_back(user);
  const auto key = [&](std::uint32_t user) { return std::tuple(graph.tenant_of_user(user), internal(user)); };
  const auto same_walk = [&](std::uint32_t a, std::uint32_t b) {
    return key(a) == key(b) && std::ranges::equal(groups_of(a), groups_of(b));
  };
  tbb::parallel_sort(closed.begin(), closed.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (key(a) != key(b)) return key(a) < key(b);
    const auto x = groups_of(a), y = groups_of(b);
    return std::lexicographical_compare(x.begin(), x.end(), y.begin(), y.end());
  });
  std::vector<std::size_t> runs;  // where each set of user objects with the same walk starts
  for (std::size_t i = 0; i < closed.size(); ++i)
    if (i == 0 || !same_walk(closed[i - 1], closed[i])) runs.push_back(i);
  runs.push_back(closed.size());

  const EveryoneCounts everyone(graph);
  struct Scratch {
    explicit Scratch(std::size_t vertices) : marks(vertices) {}
    graph::VisitMarks marks;
    std::vector<std::uint32_t> queue;
    std::vector<std::uint64_t> per_slot;
    DenialTally tally;
  };
  tbb::enumerable_thread_specific<Scratch> scratch([&] { return Scratch(graph.vertex_count()); });
  tbb::parallel_for(std::size_t{0}, runs.size() - 1, [&](std::size_t run) {
    const std::uint32_t first = closed[runs[run]];
    const std::uint32_t tenant = graph.tenant_of_user(first);
    const bool is_internal = internal(first);
    const std::size_t slots = graph.tenant_apps[tenant].size();
    Scratch& local = scratch.local();
    local.per_slot.assign(slots, 0);
    local.marks.start_walk();
    local.queue.assign({first});
    local.marks.mark(first);
    for (std::size_t head = 0; head < local.queue.size(); ++head) {
      for (std::uint32_t next : graph.member_of.neighbours(local.queue[head])) {
        if (!local.marks.mark(next)) continue;
        if (!graph.is_resource(next)) {
          local.queue.push_back(next);
          continue;
        }
        const graph::GraphResource& info = graph.resources[next - graph.user_count - graph.group_count];
        if (!info.grants_everyone(is_internal)) ++local.per_slot[info.app_slot];  // else counted below
      }
    }
    for (std::size_t slot = 0; slot < slots; ++slot)
      local.per_slot[slot] += everyone.everyone[tenant][slot] + (is_internal ? everyone.internal_only[tenant][slot] : 0);
    for (std::size_t i = runs[run]; i < runs[run + 1]; ++i) {
      const std::uint32_t user = closed[i];
      for (std::size_t slot = 0; slot < slots; ++slot) {
        const std::uint64_t gate = graph.gate_index(tenant, user) + slot;
        if (local.per_slot[slot] == 0 || graph.gate[gate] != 0) continue;
        tally(local.tally, tenant, graph.closed_gate_reasons(gate), local.per_slot[slot]);
      }
    }
  });
  for (const Scratch& local : scratch)
    for (const auto& [key, paths] : local.tally) out[key] += paths;
}

// Direct connect memberships that are refused, and guests of the channel's own tenant listed in a shared channel:
// each such guest once, and only when it is not in the channel's grants anyway (explain then shows that path).
void tally_shared_channels(const graph::AccessGraph& graph, DenialTally& out) {
  graph::VisitMarks in_grants(graph.vertex_count());
  std::vector<std::uint32_t> queue;
  for (std::uint32_t resource = 0; resource < graph.resource_count(); ++resource) {
    const graph::GraphResource& info = graph.resources[resource];
    for (const graph::DirectConnectEntry& entry : graph.direct_connect_of(resource))
      if (!entry.allowed) tally(out, info.tenant, graph.denial_set(entry.denials), 1);
    const auto refused = graph.refused_of(resource);
    if (refused.empty()) continue;
    in_grants.start_walk();
    queue.assign({graph.resource_vertex(resource)});
    for (std::size_t head = 0; head < queue.size(); ++head)
      for (std::uint32_t member : graph.members.neighbours(queue[head]))
        if (in_grants.mark(member)) queue.push_back(member);
    std::vector<std::uint32_t> guests(refused.begin(), refused.end());
    std::sort(guests.begin(), guests.end());
    guests.erase(std::unique(guests.begin(), guests.end()), guests.end());
    const auto counted = std::count_if(guests.begin(), guests.end(), [&](std::uint32_t user) {
      return !in_grants.seen(user) && !info.grants_everyone(graph.via_of_user[user] == graph::kViaInternal);
    });
    if (counted != 0)
      tally(out, info.tenant, std::vector<core::Denial>{{core::DenialCode::GuestInSharedChannel}}, static_cast<std::uint64_t>(counted));
  }
}

// Counts from the graph; only the names of Conditional Access policies come from the model (its policies, not its
// directories: a snapshot's report decodes no directory).
std::vector<DenialCount> denial_counts(const graph::CompiledWorld& compiled) {
  DenialTally tally;
  tally_user_objects(compiled.graph, tally);
  tally_shared_channels(compiled.graph, tally);
  const core::World& model = compiled.model();
  std::vector<DenialCount> out;
  for (const auto& [key, paths] : tally) {
    const auto& [tenant, code, policy] = key;
    DenialCount count{std::string(core::denial_name(code)), tenant, {}, {}, paths};
    if (policy != core::kNone) {
      const auto& policies = model.tenants[tenant].conditional_access_policies;
      if (policy >= policies.size())
        throw core::InputError("the compiled graph names Conditional Access policy " + std::to_string(policy) +
                               " of tenant " + std::string(compiled.graph.tenant_id(tenant)) + ", which has " +
                               std::to_string(policies.size()));
      count.policy_id = policies[policy].id;
      count.policy_name = policies[policy].display_name;
    }
    out.push_back(std::move(count));
  }
  std::stable_sort(out.begin(), out.end(), [](const DenialCount& a, const DenialCount& b) { return a.paths > b.paths; });
  return out;
}

}  // namespace

ExposureReport build_exposure_report(const graph::CompiledWorld& compiled, const ExposureOptions& options,
                                     const ProgressSink& progress) {
  const graph::AccessGraph& graph = compiled.graph;
  ExposureReport report;
  report.resources = graph.resource_count();
  for (const graph::GraphResource& resource : graph.resources) ++report.resources_by_kind[resource_type_name(resource.type)];

  TopN most_exposed(options.top), shared_channels(options.top);
  std::map<std::pair<std::string, std::uint32_t>, TenantReach> reach;
  audit_counts(
      compiled, AuditOptions{},
      [&](std::uint32_t resource, const graph::Counts& counts) {
        const std::size_t outside = counts.total - count_of(counts, "internal");
        if (outside == 0) return;
        ++report.reached_from_outside;
        for (const char* via : {"b2bCollaboration", "b2bDirectConnect"})
          if (count_of(counts, via) != 0) ++report.outside_by_via[via];
        const graph::GraphResource& info = graph.resources[resource];
        most_exposed.offer(outside, resource, counts);
        if (info.type == graph::ResourceType::SharedChannel) shared_channels.offer(outside, resource, counts);
        const std::string_view own = graph.tenant_id(info.tenant);
        for (const auto& [tenant, principals] : counts.by_tenant) {
          if (tenant == own) continue;
          TenantReach& entry = reach[{tenant, info.tenant}];
          entry.from = tenant;
          entry.into = info.tenant;
          ++entry.resources;
          entry.principals += principals;
        }
      },
      progress);
  for (const Candidate& candidate : std::move(most_exposed).sorted()) report.most_exposed.push_back(exposed(graph, candidate));
  for (const Candidate& candidate : std::move(shared_channels).sorted())
    report.shared_channels.push_back(exposed(graph, candidate));
  for (auto& [key, entry] : reach) report.tenant_reach.push_back(std::move(entry));
  std::stable_sort(report.tenant_reach.begin(), report.tenant_reach.end(),
                   [](const TenantReach& a, const TenantReach& b) { return a.principals > b.principals; });
  report.denials = denial_counts(compiled);
  return report;
}

}  // namespace tenantreach::parallel

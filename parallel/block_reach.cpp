#include "parallel/block_reach.hpp"

#include <algorithm>
#include <iterator>
#include <numeric>

#include <tbb/parallel_for.h>

#include "core/error.hpp"

namespace tenantreach::parallel {
namespace {

constexpr graph::ResourceType kAllTypes[] = {
    graph::ResourceType::StandardChannel, graph::ResourceType::PrivateChannel, graph::ResourceType::SharedChannel,
    graph::ResourceType::Group,           graph::ResourceType::Site,           graph::ResourceType::Application,
    graph::ResourceType::Container,
};

// A resource is reached only by user objects of its own tenant, so batches are formed per tenant; within a
// tenant, resources that share their largest direct grant (say an "all employees" group) go into the same
// batch, so that group is expanded once for up to 64 of them, and resources granted to everyone come first.
std::uint64_t cluster_key(const graph::AccessGraph& graph, const BatchPlan& plan, std::uint32_t resource) {
  const graph::GraphResource& info = graph.resources[resource];
  const std::uint64_t tenant = std::uint64_t{info.tenant} << 33;
  if (info.everyone != 0) return tenant;
  std::uint32_t widest = graph.resource_vertex(resource);
  std::uint64_t widest_reach = 0;
  for (std::uint32_t source : graph.members.neighbours(graph.resource_vertex(resource))) {
    const std::uint64_t reach = graph.is_user(source) ? 1 : plan.reach_estimate[source - graph.user_count];
    if (reach >= widest_reach) {
      widest_reach = reach;
      widest = source;
    }
  }
  return tenant | (std::uint64_t{1} << 32) | widest;
}

}  // namespace

std::vector<std::uint32_t> selected_resources(const graph::AccessGraph& graph, const std::vector<std::string>& kinds,
                                              const std::vector<std::string>& tenants) {
  std::vector<bool> wanted(std::size(kAllTypes), kinds.empty());
  for (const std::string& kind : kinds) {
    auto it = std::find_if(std::begin(kAllTypes), std::end(kAllTypes),
                           [&](graph::ResourceType type) { return kind == graph::resource_type_name(type); });
    if (it == std::end(kAllTypes))
      throw core::InputError("unknown resource kind '" + kind +
                             "' (one of standardChannel, privateChannel, sharedChannel, group, site, application, "
                             "container)");
    wanted[static_cast<std::size_t>(*it)] = true;
  }
  std::vector<bool> tenant_wanted(graph.tenant_count(), tenants.empty());
  for (const std::string& tenant : tenants) {
    const std::uint32_t position = graph.find_tenant(tenant);
    if (position != core::kNone) tenant_wanted[position] = true;
  }
  std::vector<std::uint32_t> resources;
  for (std::uint32_t r = 0; r < graph.resource_count(); ++r) {
    const graph::GraphResource& resource = graph.resources[r];
    if (wanted[static_cast<std::size_t>(resource.type)] && tenant_wanted[resource.tenant]) resources.push_back(r);
  }
  return resources;
}

BlockReach::BlockReach(const graph::AccessGraph& graph)
    : graph_(graph),
      plan_(graph),
      users_by_rank_(graph.tenant_count(), std::vector<std::uint32_t>(plan_.category_tenant.size(), 0)),
      reachers_([this] { return BatchReacher(graph_, plan_); }) {
  for (std::uint32_t user = 0; user < graph.user_count; ++user)
    ++users_by_rank_[plan_.user_tenant[user]][plan_.user_facts[user].category / 2];
}

PrincipalFilter BlockReach::narrowed(const PrincipalFilter& filter, const std::vector<std::string_view>& tenants) const {
  PrincipalFilter out = filter;
  out.tenant_allowed.assign(plan_.category_tenant.size(), 0);
  for (std::size_t rank = 0; rank < plan_.category_tenant.size(); ++rank)
    out.tenant_allowed[rank] = filter.allows_tenant(static_cast<std::uint32_t>(rank)) &&
                               std::binary_search(tenants.begin(), tenants.end(), plan_.category_tenant[rank]);
  return out;
}

PrincipalFilter BlockReach::principal_filter(graph::ViaSet vias,
                                             const std::vector<std::string>& principal_tenants) const {
  PrincipalFilter out;
  out.vias = vias;
  if (principal_tenants.empty()) return out;
  out.tenant_allowed.assign(plan_.category_tenant.size(), 0);
  for (std::size_t rank = 0; rank < plan_.category_tenant.size(); ++rank)
    for (const std::string& tenant : principal_tenants)
      if (plan_.category_tenant[rank] == tenant) out.tenant_allowed[rank] = 1;
  return out;
}

std::uint64_t BlockReach::principal_estimate(std::uint32_t resource, const PrincipalFilter& filter) const {
  const graph::GraphResource& info = graph_.resources[resource];
  std::uint64_t estimate = plan_.reach_estimate[graph_.resource_vertex(resource) - graph_.user_count];
  if (info.everyone != 0) estimate += graph_.tenant_user_offset[info.tenant + 1] - graph_.tenant_user_offset[info.tenant];
  if (!filter.tenant_allowed.empty()) {
    std::uint64_t allowed_users = 0;
    for (std::uint32_t rank = 0; rank < filter.tenant_allowed.size(); ++rank)
      if (filter.tenant_allowed[rank]) allowed_users += users_by_rank_[info.tenant][rank];
    estimate = std::min(estimate, allowed_users);
  }
  return estimate + graph_.direct_connect_of(resource).size();
}

void BlockReach::evaluate(std::span<const std::uint32_t> block, Collect collect, const PrincipalFilter& filter,
                          std::vector<BatchResult>& out, const FingerprintKeys* fingerprint_keys,
                          const std::stop_token& stop) {
  out.assign(block.size(), {});
  std::vector<std::size_t> order(block.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<std::uint64_t> keys(block.size());
  tbb::parallel_for(std::size_t{0}, block.size(), [&](std::size_t i) { keys[i] = cluster_key(graph_, plan_, block[i]); });
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  const std::size_t batches = (block.size() + kBatchWidth - 1) / kBatchWidth;
  tbb::parallel_for(std::size_t{0}, batches, [&](std::size_t b) {
    if (stop.stop_requested()) return;
    const std::size_t first = b * kBatchWidth;
    const std::size_t count = std::min(kBatchWidth, block.size() - first);
    std::vector<std::uint32_t> batch(count);
    for (std::size_t i = 0; i < count; ++i) batch[i] = block[order[first + i]];
    std::vector<BatchResult> results(count);
    reachers_.local().run(batch, collect, filter, results, fingerprint_keys);
    for (std::size_t i = 0; i < count; ++i) out[order[first + i]] = std::move(results[i]);
  });
}

}  // namespace tenantreach::parallel

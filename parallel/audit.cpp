#include "parallel/audit.hpp"

#include <algorithm>
#include <numeric>
#include <optional>
#include <span>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "core/error.hpp"
#include "graph/queries.hpp"
#include "graph/render.hpp"
#include "parallel/batch_reach.hpp"
#include "parallel/bfs_baseline.hpp"

namespace tenantreach::parallel {
namespace {

constexpr graph::ResourceType kAllTypes[] = {
    graph::ResourceType::StandardChannel, graph::ResourceType::PrivateChannel, graph::ResourceType::SharedChannel,
    graph::ResourceType::Group,           graph::ResourceType::Site,           graph::ResourceType::Application,
    graph::ResourceType::Container,
};

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

// Computes the answers for one block of resources, in block order, with the chosen engine.
class BlockEvaluator {
 public:
  BlockEvaluator(const graph::CompiledWorld& compiled, const AuditOptions& options)
      : compiled_(compiled),
        options_(options),
        plan_(compiled.graph),
        filter_(principal_filter(options.filter)),
        batch_reachers_([this] { return BatchReacher(compiled_.graph, plan_); }),
        boost_members_(options.engine == Engine::Bfs ? to_boost_members(compiled.graph) : BoostCsr()),
        bfs_reachers_([this] { return BfsReacher(compiled_.graph, boost_members_); }) {}

  // An upper bound of the principals a resource lists (nested groups counted once per path).
  std::uint64_t principal_estimate(std::uint32_t resource) const {
    const graph::AccessGraph& graph = compiled_.graph;
    const graph::GraphResource& info = graph.resources[resource];
    std::uint64_t estimate = plan_.reach_estimate[graph.resource_vertex(resource) - graph.user_count];
    if (info.everyone != 0) estimate += graph.tenant_user_offset[info.tenant + 1] - graph.tenant_user_offset[info.tenant];
    return estimate + graph.direct_connect_of(resource).size();
  }

  // Fills out[i] with make(resource, reach, counts) for block[i], or leaves it empty when fewer principals than
  // min_principals reach the resource. Returns false when options.stop was requested: `out` is then incomplete.
  template <class T, class Make>
  bool evaluate(std::span<const std::uint32_t> block, std::vector<std::optional<T>>& out, const Make& make) {
    out.assign(block.size(), std::nullopt);
    const auto keep = [&](std::size_t i, std::uint32_t resource, const std::vector<graph::Reach>& reach,
                          graph::Counts counts) {
      if (counts.total >= options_.filter.min_principals) out[i] = make(resource, reach, std::move(counts));
    };
    if (options_.engine == Engine::Bfs) {
      tbb::parallel_for(std::size_t{0}, block.size(), [&](std::size_t i) {
        if (options_.stop.stop_requested()) return;
        std::vector<graph::Reach> reach = bfs_reachers_.local().reach(block[i]);
        filter_.apply(plan_, reach);
        auto counts = graph::count_reach(compiled_.graph, reach);
        keep(i, block[i], options_.principals ? reach : std::vector<graph::Reach>{}, std::move(counts));
      });
      return !options_.stop.stop_requested();
    }
    std::vector<std::size_t> order(block.size());
    std::iota(order.begin(), order.end(), 0);
    std::vector<std::uint64_t> keys(block.size());
    tbb::parallel_for(std::size_t{0}, block.size(), [&](std::size_t i) { keys[i] = cluster_key(compiled_.graph, plan_, block[i]); });
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
    const std::size_t batches = (block.size() + kBatchWidth - 1) / kBatchWidth;
    tbb::parallel_for(std::size_t{0}, batches, [&](std::size_t b) {
      if (options_.stop.stop_requested()) return;
      const std::size_t first = b * kBatchWidth;
      const std::size_t count = std::min(kBatchWidth, block.size() - first);
      std::vector<std::uint32_t> batch(count);
      for (std::size_t i = 0; i < count; ++i) batch[i] = block[order[first + i]];
      std::vector<BatchResult> results(count);
      batch_reachers_.local().run(batch, options_.principals, filter_, results);
      for (std::size_t i = 0; i < count; ++i)
        keep(order[first + i], batch[i], results[i].reach, std::move(results[i].counts));
    });
    return !options_.stop.stop_requested();
  }

 private:
  PrincipalFilter principal_filter(const AuditFilter& filter) const {
    PrincipalFilter out;
    out.vias = filter.vias;
    if (filter.principal_tenants.empty()) return out;
    out.tenant_allowed.assign(plan_.category_tenant.size(), 0);
    for (std::size_t rank = 0; rank < plan_.category_tenant.size(); ++rank)
      for (const std::string& tenant : filter.principal_tenants)
        if (plan_.category_tenant[rank] == tenant) out.tenant_allowed[rank] = 1;
    return out;
  }

  const graph::CompiledWorld& compiled_;
  const AuditOptions& options_;
  BatchPlan plan_;
  PrincipalFilter filter_;
  tbb::enumerable_thread_specific<BatchReacher> batch_reachers_;
  BoostCsr boost_members_;
  tbb::enumerable_thread_specific<BfsReacher> bfs_reachers_;
};

// Selects, estimates and evaluates block by block; `deliver` receives each block's kept values in audit order.
template <class T, class Make, class Deliver>
AuditSummary run_audit(const graph::CompiledWorld& compiled, const AuditOptions& options, const Make& make,
                       const Deliver& deliver, const ProgressSink& progress) {
  AuditSummary summary;
  const std::vector<std::uint32_t> resources =
      selected_resources(compiled.graph, options.kinds, options.filter.resource_tenants);
  summary.selected = resources.size();
  BlockEvaluator evaluator(compiled, options);
  if (options.on_estimate) {
    // Measured on preset tiny, seed 1: about 250 bytes per resource line, 135 more per listed principal.
    AuditEstimate estimate;
    estimate.resources = resources.size();
    if (options.principals)
      for (std::uint32_t r : resources) estimate.principals += evaluator.principal_estimate(r);
    estimate.bytes = estimate.resources * 250 + estimate.principals * 135;
    options.on_estimate(estimate);
  }
  const std::size_t block = std::max<std::size_t>(1, options.block_size);
  std::vector<std::optional<T>> values;
  for (std::size_t first = 0; first < resources.size();) {
    std::size_t count = 0;
    std::uint64_t listed = 0;
    for (; first + count < resources.size() && count < block; ++count) {
      if (!options.principals) continue;
      const std::uint64_t estimate = evaluator.principal_estimate(resources[first + count]);
      if (count > 0 && listed + estimate > options.principal_budget) break;
      listed += estimate;
    }
    if (!evaluator.evaluate(std::span(resources).subspan(first, count), values, make)) {
      summary.stopped = true;
      return summary;
    }
    for (const std::optional<T>& value : values) {
      if (!value) continue;
      if (options.stop.stop_requested()) {  // perhaps by the sink itself
        summary.stopped = true;
        return summary;
      }
      deliver(*value);
      ++summary.reported;
    }
    first += count;
    summary.evaluated = first;
    if (progress) progress(first, resources.size());
  }
  return summary;
}

// Runs `work` on `threads` worker threads (0: TBB's default).
template <class Work>
AuditSummary with_threads(std::size_t threads, const Work& work) {
  if (threads == 0) return work();
  tbb::task_arena arena(static_cast<int>(threads));
  return arena.execute(work);
}

}  // namespace

AuditSummary audit(const graph::CompiledWorld& compiled, const AuditOptions& options, const LineSink& sink,
                   const ProgressSink& progress) {
  const auto render = [&](std::uint32_t resource, const std::vector<graph::Reach>& reach, graph::Counts counts) {
    const auto result = graph::make_who_can_reach(compiled, resource, reach, std::move(counts));
    switch (options.format) {
      case LineFormat::Text: return graph::to_text(result);
      case LineFormat::Csv: return graph::audit_csv(result, options.principals);
      case LineFormat::Json: break;
    }
    return graph::audit_json(result, options.principals, options.render);
  };
  return with_threads(options.threads,
                      [&] { return run_audit<std::string>(compiled, options, render, sink, progress); });
}

AuditSummary audit_results(const graph::CompiledWorld& compiled, const AuditOptions& options, const ResultSink& sink,
                           const ProgressSink& progress) {
  const auto make = [&](std::uint32_t resource, const std::vector<graph::Reach>& reach, graph::Counts counts) {
    return graph::make_who_can_reach(compiled, resource, reach, std::move(counts));
  };
  return with_threads(options.threads,
                      [&] { return run_audit<graph::WhoCanReach>(compiled, options, make, sink, progress); });
}

AuditSummary audit_counts(const graph::CompiledWorld& compiled, const AuditOptions& options, const CountsSink& sink,
                          const ProgressSink& progress) {
  struct ResourceCounts {
    std::uint32_t resource;
    graph::Counts counts;
  };
  AuditOptions counts_only = options;
  counts_only.principals = false;
  const auto make = [](std::uint32_t resource, const std::vector<graph::Reach>&, graph::Counts counts) {
    return ResourceCounts{resource, std::move(counts)};
  };
  const auto deliver = [&](const ResourceCounts& value) { sink(value.resource, value.counts); };
  return with_threads(options.threads,
                      [&] { return run_audit<ResourceCounts>(compiled, counts_only, make, deliver, progress); });
}

}  // namespace tenantreach::parallel

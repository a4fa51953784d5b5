#include "parallel/audit.hpp"

#include <algorithm>
#include <optional>
#include <span>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "graph/queries.hpp"
#include "graph/render.hpp"
#include "parallel/batch_reach.hpp"
#include "parallel/bfs_baseline.hpp"
#include "parallel/block_reach.hpp"

namespace tenantreach::parallel {
namespace {

// Computes the answers for one block of resources, in block order, with the chosen engine.
class BlockEvaluator {
 public:
  BlockEvaluator(const graph::CompiledWorld& compiled, const AuditOptions& options)
      : compiled_(compiled),
        options_(options),
        block_reach_(compiled.graph),
        filter_(block_reach_.principal_filter(options.filter.vias, options.filter.principal_tenants)),
        boost_members_(options.engine == Engine::Bfs ? to_boost_members(compiled.graph) : BoostCsr()),
        bfs_reachers_([this] { return BfsReacher(compiled_.graph, boost_members_); }) {}

  std::uint64_t principal_estimate(std::uint32_t resource) const { return block_reach_.principal_estimate(resource); }

  // Fills out[i] with make(resource, reach, counts) for block[i], or leaves it empty when fewer principals than
  // min_principals reach the resource. Returns false when options.stop was requested: `out` is then incomplete.
  template <class T, class Make>
  bool evaluate(std::span<const std::uint32_t> block, std::vector<std::optional<T>>& out, const Make& make) {
    out.assign(block.size(), std::nullopt);
    const auto keep = [&](std::size_t i, const std::vector<graph::Reach>& reach, graph::Counts counts) {
      if (counts.total >= options_.filter.min_principals) out[i] = make(block[i], reach, std::move(counts));
    };
    if (options_.engine == Engine::Bfs) {
      tbb::parallel_for(std::size_t{0}, block.size(), [&](std::size_t i) {
        if (options_.stop.stop_requested()) return;
        std::vector<graph::Reach> reach = bfs_reachers_.local().reach(block[i]);
        filter_.apply(block_reach_.plan(), reach);
        auto counts = graph::count_reach(compiled_.graph, reach);
        keep(i, options_.principals ? reach : std::vector<graph::Reach>{}, std::move(counts));
      });
      return !options_.stop.stop_requested();
    }
    std::vector<BatchResult> results;
    block_reach_.evaluate(block, options_.principals ? Collect::Principals : Collect::Counts, filter_, results, {},
                          options_.stop);
    if (options_.stop.stop_requested()) return false;
    tbb::parallel_for(std::size_t{0}, block.size(),
                      [&](std::size_t i) { keep(i, results[i].reach, std::move(results[i].counts)); });
    return true;
  }

 private:
  const graph::CompiledWorld& compiled_;
  const AuditOptions& options_;
  BlockReach block_reach_;
  PrincipalFilter filter_;
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

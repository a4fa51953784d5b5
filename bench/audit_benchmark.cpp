// Full audit (counts per resource, as `audit` prints by default): the batch engine against the BFS baseline,
// each on 1 and 2 threads, and the batch engine filtered to external access (`audit --external`). bench/report.py turns these into ratios measured in the same run.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include "bench/bench_world.hpp"
#include "parallel/audit.hpp"

namespace tenantreach::bench {
namespace {

void BM_Audit(benchmark::State& state, parallel::Engine engine, graph::ViaSet vias) {
  const auto& compiled = compiled_world();
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(state.range(0)));
  parallel::AuditOptions options;
  options.engine = engine;
  options.filter.vias = vias;
  std::size_t bytes = 0;
  for (auto _ : state) {
    bytes = 0;
    parallel::audit(compiled, options, [&](const std::string& line) { bytes += line.size(); });
  }
  state.counters["resources"] = compiled.graph.resource_count();
  state.counters["output_bytes"] = static_cast<double>(bytes);
}
constexpr graph::ViaSet kAllPaths = graph::kViaB2BCollaboration | graph::kViaB2BDirectConnect | graph::kViaInternal;
constexpr graph::ViaSet kExternalPaths = graph::kViaB2BCollaboration | graph::kViaB2BDirectConnect;
BENCHMARK_CAPTURE(BM_Audit, batch, parallel::Engine::Batch, kAllPaths)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_Audit, bfs, parallel::Engine::Bfs, kAllPaths)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
// `audit --external`: the filter is applied inside the batch engine, so it must cost no more than a full audit.
BENCHMARK_CAPTURE(BM_Audit, batch_external, parallel::Engine::Batch, kExternalPaths)
    ->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace tenantreach::bench

// Single queries over a fixed seeded sample: who-can-reach, what-can-reach, explain (median and p99).
#include <benchmark/benchmark.h>

#include "bench/bench_world.hpp"
#include "bench/latency.hpp"
#include "graph/queries.hpp"

namespace tenantreach::bench {
namespace {

void BM_WhoCanReach(benchmark::State& state) {
  const auto& compiled = compiled_world();
  LatencyRecorder latency;
  for (auto _ : state)
    for (std::uint32_t resource : sample_resources())
      latency.time([&] { benchmark::DoNotOptimize(graph::who_can_reach(compiled, resource)); });
  latency.report(state);
}
BENCHMARK(BM_WhoCanReach)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_WhatCanReach(benchmark::State& state) {
  const auto& compiled = compiled_world();
  LatencyRecorder latency;
  for (auto _ : state)
    for (const std::string& user : sample_users())
      latency.time([&] { benchmark::DoNotOptimize(graph::what_can_reach(compiled, user)); });
  latency.report(state);
}
BENCHMARK(BM_WhatCanReach)->Unit(benchmark::kMillisecond)->UseRealTime();

// Pairs where the user gets in: explain finds a shortest chain per way in and reads the verdict of its gate.
void BM_Explain(benchmark::State& state) {
  const auto& compiled = compiled_world();
  LatencyRecorder latency;
  for (auto _ : state)
    for (const auto& [user, resource] : sample_reaching_pairs())
      latency.time([&] { benchmark::DoNotOptimize(graph::explain(compiled, user, resource)); });
  latency.report(state);
}
BENCHMARK(BM_Explain)->Unit(benchmark::kMillisecond)->UseRealTime();

// Pairs drawn independently from the user and resource samples: mostly no way in, a quick not-granted.
void BM_ExplainUnrelated(benchmark::State& state) {
  const auto& compiled = compiled_world();
  const auto& users = sample_users();
  const auto& resources = sample_resources();
  LatencyRecorder latency;
  for (auto _ : state)
    for (std::size_t i = 0; i < 100 && !users.empty() && !resources.empty(); ++i)
      latency.time([&] {
        benchmark::DoNotOptimize(graph::explain(compiled, users[i % users.size()], resources[i % resources.size()]));
      });
  latency.report(state);
}
BENCHMARK(BM_ExplainUnrelated)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace tenantreach::bench

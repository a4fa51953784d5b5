// Ingest (JSON world -> model), compile (model -> access graph), and both (what a snapshot replaces).
#include <benchmark/benchmark.h>

#include "bench/bench_world.hpp"
#include "core/ingest.hpp"

namespace tenantreach::bench {
namespace {

void BM_Ingest(benchmark::State& state) {
  const auto& dir = world_directory();
  for (auto _ : state) benchmark::DoNotOptimize(core::load_world(dir));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * world_directory_bytes()));
}
BENCHMARK(BM_Ingest)->Unit(benchmark::kMillisecond)->UseRealTime();

// What a snapshot replaces: the JSON world to a compiled world, ready for every query.
void BM_IngestAndCompile(benchmark::State& state) {
  const auto& dir = world_directory();
  for (auto _ : state) benchmark::DoNotOptimize(graph::compile(core::load_world(dir)));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * world_directory_bytes()));
}
BENCHMARK(BM_IngestAndCompile)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Compile(benchmark::State& state) {
  const core::World& world = generated_world();
  for (auto _ : state) {
    state.PauseTiming();
    core::World copy = world;
    state.ResumeTiming();
    benchmark::DoNotOptimize(graph::compile(std::move(copy)));
  }
  state.counters["users"] = static_cast<double>(compiled_world().graph.user_count);
}
BENCHMARK(BM_Compile)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace tenantreach::bench

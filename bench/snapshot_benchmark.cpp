// Snapshot save and load; compare BM_SnapshotLoad with BM_Ingest for the "compile once, query many" claim.
#include <filesystem>

#include <benchmark/benchmark.h>

#include "bench/bench_world.hpp"
#include "serialization/snapshot.hpp"

namespace tenantreach::bench {
namespace {

void BM_SnapshotSave(benchmark::State& state) {
  const auto file = snapshot_file().parent_path() / "save.snap";
  const auto source = serialization::describe_world(world_directory());
  for (auto _ : state) serialization::save_snapshot(compiled_world(), source, file);
  const auto size = std::filesystem::file_size(file);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
  state.counters["snapshot_bytes"] = static_cast<double>(size);
}
BENCHMARK(BM_SnapshotSave)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_SnapshotLoad(benchmark::State& state) {
  const auto& file = snapshot_file();
  for (auto _ : state) benchmark::DoNotOptimize(serialization::load_snapshot(file));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * std::filesystem::file_size(file)));
}
BENCHMARK(BM_SnapshotLoad)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace tenantreach::bench

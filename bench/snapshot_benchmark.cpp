// Snapshot save and load. The claims of "compile once, query many" are ratios in bench/report.py: BM_Ingest and
// BM_IngestAndCompile (what a snapshot replaces) against BM_SnapshotLoad (what who-can-reach, what-can-reach
// and audit pay: the graph section and the model index decoded and verified) and BM_SnapshotLoadAndModel
// (what sync-plan and find pay: every model block decoded too, on first use of world()).
#include <filesystem>

#include <malloc.h>

#include <benchmark/benchmark.h>

#include "bench/bench_world.hpp"
#include "graph/bulk_memory.hpp"
#include "serialization/snapshot.hpp"

namespace tenantreach::bench {
namespace {

std::size_t heap_in_use() {
  const struct mallinfo2 info = ::mallinfo2();
  // Small chunks in the arenas, large blocks malloc maps on its own, and the graph's large arrays, which
  // graph::BulkAllocator maps itself.
  return info.uordblks + info.hblkhd + graph::bulk_memory::mapped_bytes();
}

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
  const auto size = std::filesystem::file_size(file);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
  state.counters["snapshot_bytes"] = static_cast<double>(size);
  // The heap a loaded snapshot holds: the graph alone, then with the model decoded.
  const std::size_t before = heap_in_use();
  const graph::CompiledWorld loaded = serialization::load_snapshot(file);
  state.counters["in_memory_graph_bytes"] = static_cast<double>(heap_in_use() - before);
  loaded.world();
  state.counters["in_memory_bytes"] = static_cast<double>(heap_in_use() - before);
  state.counters["users"] = loaded.graph.user_count;
  state.counters["edges"] = static_cast<double>(loaded.graph.members.targets.size());
  const auto csr_bytes = [](const graph::Csr& csr) {
    return csr.offsets.size() * sizeof(csr.offsets[0]) + csr.targets.size() * sizeof(csr.targets[0]);
  };
  state.counters["csr_bytes"] = static_cast<double>(csr_bytes(loaded.graph.members) + csr_bytes(loaded.graph.member_of));
}
BENCHMARK(BM_SnapshotLoad)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_SnapshotLoadAndModel(benchmark::State& state) {
  const auto& file = snapshot_file();
  for (auto _ : state) {
    const graph::CompiledWorld loaded = serialization::load_snapshot(file);
    benchmark::DoNotOptimize(&loaded.world());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * std::filesystem::file_size(file)));
}
BENCHMARK(BM_SnapshotLoadAndModel)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace tenantreach::bench

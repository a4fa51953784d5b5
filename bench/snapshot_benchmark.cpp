// Snapshot save and load. The claims of "compile once, query many" are ratios in bench/report.py: BM_Ingest and
// BM_IngestAndCompile (what a snapshot replaces) against BM_SnapshotLoad (what who-can-reach, what-can-reach
// and audit pay: the graph section and the model index decoded and verified) and BM_SnapshotLoadAndModel
// (what sync-plan and find pay: every model block decoded too, on first use of world()).
#include <filesystem>

#if defined(TENANTREACH_HEAP_JEMALLOC)
#include <jemalloc/jemalloc.h>
#else
#include <malloc.h>
#endif

#include <benchmark/benchmark.h>

#include "bench/bench_world.hpp"
#include "graph/bulk_memory.hpp"
#include "serialization/snapshot.hpp"

namespace tenantreach::bench {
namespace {

// What malloc has handed out and not had back.
std::size_t malloc_in_use() {
#if defined(TENANTREACH_HEAP_JEMALLOC)
  std::uint64_t epoch = 1;  // jemalloc's statistics are refreshed when the epoch advances
  std::size_t size = sizeof epoch;
  ::mallctl("epoch", &epoch, &size, &epoch, size);
  std::size_t allocated = 0;
  size = sizeof allocated;
  ::mallctl("stats.allocated", &allocated, &size, nullptr, 0);
  return allocated;
#else
  const struct mallinfo2 info = ::mallinfo2();
  return info.uordblks + info.hblkhd;  // small chunks in the arenas, and large blocks malloc maps on its own
#endif
}

// The heap: malloc's, and the graph's large arrays, which graph::BulkAllocator maps itself.
std::size_t heap_in_use() { return malloc_in_use() + graph::bulk_memory::mapped_bytes(); }

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

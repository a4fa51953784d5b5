// Per-query latency percentiles, reported as benchmark counters (microseconds).
#pragma once

#include <algorithm>
#include <chrono>
#include <vector>

#include <benchmark/benchmark.h>

namespace tenantreach::bench {

class LatencyRecorder {
 public:
  template <typename Query> void time(Query&& query) {
    const auto start = std::chrono::steady_clock::now();
    query();
    samples_.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
  }
  void report(benchmark::State& state) {
    std::sort(samples_.begin(), samples_.end());
    if (samples_.empty()) return;
    state.counters["median_us"] = samples_[samples_.size() / 2];
    state.counters["p99_us"] = samples_[std::min(samples_.size() - 1, samples_.size() * 99 / 100)];
    state.counters["queries"] = static_cast<double>(samples_.size());
  }

 private:
  std::vector<double> samples_;
};

}  // namespace tenantreach::bench

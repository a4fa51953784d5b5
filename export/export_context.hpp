// What every file's exporter shares: the Graph client, the staging folder, the checkpoint, the options that
// change how a file is fetched, and a progress line on a terminal.
#pragma once

#include <atomic>
#include <cctype>
#include <exception>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "export/checkpoint.hpp"
#include "export/graph_client.hpp"

namespace tenantreach::exporter {

// One line per file: rewritten in place on a terminal while the file is fetched, then printed for good.
class Progress {
 public:
  Progress(bool terminal, bool quiet) : terminal_(terminal), quiet_(quiet) {}
  void update(const std::string& file, std::uint64_t objects);
  void finish(const std::string& line);
  void note(const std::string& line);

 private:
  bool terminal_;
  bool quiet_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point last_{};
};

struct ExportContext {
  GraphClient& graph;
  Checkpoint& checkpoint;
  std::filesystem::path staging;
  std::string tenant_id;
  int concurrency = 4;
  bool keep_going = false;
  Progress& progress;

  // Part of a file could not be fetched: with --keep-going it is recorded and the export goes on.
  void gap_or_throw(const GraphError& error, const std::string& file, const std::string& what,
                    const std::string& impact) const {
    if (!keep_going) throw error;
    checkpoint.add_gap({file, what, error.what(), impact});
  }
};

// Runs task(0..count-1) on at most `workers` threads; the first exception stops the rest and is rethrown.
inline void run_concurrently(std::size_t count, int workers, const std::function<void(std::size_t)>& task) {
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  std::mutex error_mutex;
  auto work = [&] {
    for (std::size_t i; !failed && (i = next++) < count;) {
      try {
        task(i);
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!first_error) first_error = std::current_exception();
        failed = true;
      }
    }
  };
  const std::size_t threads = std::min<std::size_t>(count, static_cast<std::size_t>(std::max(workers, 1)));
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  if (first_error) std::rethrow_exception(first_error);
}

// Graph ids and enum values compare case-insensitively (R1.2); the exporter compares them lower-cased.
inline std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// A Graph collection page as the ingest reads it, one object per line.
inline std::string as_graph_page(const Json& items) {
  std::string out = "{\"value\":[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i == 0 ? "\n" : ",\n") + items[i].dump();
  return out + "\n]}\n";
}

}  // namespace tenantreach::exporter

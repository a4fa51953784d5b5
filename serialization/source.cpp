#include "serialization/source.hpp"

#include <exception>
#include <mutex>
#include <optional>
#include <thread>

#include "core/error.hpp"
#include "core/ingest.hpp"
#include "serialization/snapshot.hpp"

namespace tenantreach::serialization {

graph::CompiledWorld load_source(const std::filesystem::path& source,
                                 const std::function<void(const std::string&)>& progress) {
  const auto say = [&](const std::string& line) {
    if (progress) progress(line);
  };
  if (std::filesystem::is_directory(source)) {
    core::World world = core::load_world(source, progress);
    say("compiling the access graph");
    return graph::compile(std::move(world));
  }
  if (std::filesystem::is_regular_file(source)) {
    say("loading the snapshot");
    return load_snapshot(source);
  }
  throw core::InputError(source.string() + ": no such world directory or snapshot file");
}

std::pair<graph::CompiledWorld, graph::CompiledWorld> load_sources(
    const std::filesystem::path& first, const std::filesystem::path& second,
    const std::function<void(const std::string&)>& progress) {
  std::mutex progress_mutex;
  std::function<void(const std::string&)> serialized_progress;
  if (progress)
    serialized_progress = [&](const std::string& line) {
      const std::lock_guard lock(progress_mutex);
      progress(line);
    };
  std::optional<graph::CompiledWorld> second_world;
  std::exception_ptr second_error;
  std::thread second_loader([&] {
    try {
      second_world.emplace(load_source(second, serialized_progress));
    } catch (...) {
      second_error = std::current_exception();
    }
  });
  std::optional<graph::CompiledWorld> first_world;
  std::exception_ptr first_error;
  try {
    first_world.emplace(load_source(first, serialized_progress));
  } catch (...) {
    first_error = std::current_exception();
  }
  second_loader.join();
  if (first_error) std::rethrow_exception(first_error);
  if (second_error) std::rethrow_exception(second_error);
  return {std::move(*first_world), std::move(*second_world)};
}

}  // namespace tenantreach::serialization

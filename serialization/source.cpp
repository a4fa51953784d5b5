#include "serialization/source.hpp"

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

}  // namespace tenantreach::serialization

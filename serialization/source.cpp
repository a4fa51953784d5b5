#include "serialization/source.hpp"

#include "core/error.hpp"
#include "core/ingest.hpp"
#include "serialization/snapshot.hpp"

namespace tenantreach::serialization {

graph::CompiledWorld load_source(const std::filesystem::path& source) {
  if (std::filesystem::is_directory(source)) return graph::compile(core::load_world(source));
  if (std::filesystem::is_regular_file(source)) return load_snapshot(source);
  throw core::InputError(source.string() + ": no such world directory or snapshot file");
}

}  // namespace tenantreach::serialization

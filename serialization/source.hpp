// A SOURCE of the command line (spec §10): a world directory, or a snapshot file written by `compile`.
#pragma once

#include <filesystem>

#include "graph/compiled_world.hpp"

namespace tenantreach::serialization {

// Throws core::InputError when the world or the snapshot is bad.
graph::CompiledWorld load_source(const std::filesystem::path& source);

}  // namespace tenantreach::serialization

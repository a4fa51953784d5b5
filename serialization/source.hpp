// A SOURCE of the command line (spec §10): a world directory, or a snapshot file written by `compile`.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "graph/compiled_world.hpp"

namespace tenantreach::serialization {

// Throws core::InputError when the world or the snapshot is bad. `progress`, when given, receives a short line
// per phase (and per tenant while a world directory is ingested).
graph::CompiledWorld load_source(const std::filesystem::path& source,
                                 const std::function<void(const std::string&)>& progress = {});

}  // namespace tenantreach::serialization

// A SOURCE of the command line (spec §10): a world directory, or a snapshot file written by `compile`.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <utility>

#include "graph/compiled_world.hpp"

namespace tenantreach::serialization {

// Throws core::InputError when the world or the snapshot is bad. `progress`, when given, receives a short line
// per phase (and per tenant while a world directory is ingested).
graph::CompiledWorld load_source(const std::filesystem::path& source,
                                 const std::function<void(const std::string&)>& progress = {});

// Two SOURCEs at once (diff: OLD and NEW), the second on a thread of its own, so that a diff waits for one load
// rather than two. `progress` is called from both threads, never at the same time. When both fail, the error
// of `first` is the one thrown.
std::pair<graph::CompiledWorld, graph::CompiledWorld> load_sources(
    const std::filesystem::path& first, const std::filesystem::path& second,
    const std::function<void(const std::string&)>& progress = {});

}  // namespace tenantreach::serialization

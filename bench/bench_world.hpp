// The world every benchmark runs on: one generated preset (S by default; --preset=M or L on the command line),
// fixed seed, built once per process and shared. Building it is setup, never part of a measurement.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "core/model.hpp"
#include "graph/compiled_world.hpp"

namespace tenantreach::bench {

inline constexpr std::uint64_t kSeed = 1;

void set_preset(std::string preset);
const std::string& preset();

const core::World& generated_world();             // derive() applied
const graph::CompiledWorld& compiled_world();
const std::filesystem::path& world_directory();    // the generated world written in the R1 format
std::uint64_t world_directory_bytes();
const std::filesystem::path& snapshot_file();      // the compiled world saved as a snapshot

// Fixed, seeded samples for single queries.
const std::vector<std::uint32_t>& sample_resources();  // up to 1,000 resource ids
const std::vector<std::string>& sample_users();        // up to 200 principals, "<tenantId>/<userId>"
// Up to 100 (user, resource) pairs where the user reaches the resource: one principal drawn from the
// who-can-reach answer of each of the first sampled resources that anyone reaches.
const std::vector<std::pair<std::string, std::uint32_t>>& sample_reaching_pairs();

}  // namespace tenantreach::bench

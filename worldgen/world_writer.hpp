// Writes a World as a world directory in the spec §1 format (the inverse of load_world): what load_world reads
// back from the written directory compiles and audits exactly like the World that was written.
//
// Layout: <dir>/tenants/<tenantId>/organization (always), users, groups, crossTenantAccessPolicy/default.json
// (when the tenant has default settings) and crossTenantAccessPolicy/partners, conditionalAccessPolicies,
// channels, resources and crossTenantSync; a list file is written only when it holds something. A list is a Graph
// page ({"value":[...]}, one object per line) in <entity>.json, or one object per line in <entity>.jsonl (R1.1
// allows it for every list file, partners and organization included) when the tenant's Tenant::files_jsonl has
// the entity's bit (ingest sets it for a list read from .jsonl, the property generator at random) or the list
// holds more than WriteOptions::jsonl_threshold objects. Enum values are written in Graph's casing ("Member",
// "AllUsers").
//
// Streaming: no JSON DOM is built; memory beyond the World is one output buffer, so a world of ten million users
// writes in a few seconds per million.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>

#include "core/model.hpp"

namespace tenantreach::worldgen {

struct WriteOptions {
  std::size_t jsonl_threshold = 10000;  // a list with more objects than this is written as .jsonl
};

// Throws std::runtime_error when `dir` exists and is not an empty directory (nothing is ever overwritten).
void check_output_dir(const std::filesystem::path& dir);

// Writes `world` to `dir`. Nothing half-written: the files go to a temporary sibling directory
// (<dir>.tmp-<pid>) that is renamed to `dir` at the end, and removed if anything fails. Throws
// std::runtime_error when `dir` exists and is non-empty, when a write fails, or when the world holds something
// the format cannot express (an unknown Conditional Access narrowing condition). `progress`, when set, is called
// with a short human-readable line as each file is written (and every million objects in a large one).
void write_world(const core::World& world, const std::filesystem::path& dir, const WriteOptions& options = {},
                 const std::function<void(const std::string& what)>& progress = {});

}  // namespace tenantreach::worldgen

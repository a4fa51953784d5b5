// Ingest of a world directory (spec §1): every tenant folder under WORLD/tenants/, its Graph exports parsed
// into the model of core/model.hpp, dangling references collected as warnings, and derive() applied.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>

#include "core/model.hpp"

namespace tenantreach::core {

// Loads WORLD (a directory holding tenants/<tenantId>/...) and returns a complete World: tenants sorted by id,
// every id, enum value, keyword and app id lower-case, World::warnings filled with dangling references
// ("dangling-member", "dangling-grant", "dangling-team", "dangling-channel-member", "dangling-sync-assignment",
// "unknown-tenant", "member-without-userid", "default-inbound-targets") and derive() already applied.
//
// Throws InputError (R1.3) on the first bad input, naming the file relative to world_dir (for example
// "tenants/<id>/users.jsonl"), the location ("line 3" in a .jsonl file, "value[2]" in a Graph page, "[2]" in a
// bare array, "line 4, column 7" for malformed JSON), the field ("members[1].id") and the problem: a missing
// world or tenants directory, a missing organization.json or one whose id differs from its folder name,
// malformed JSON, a missing required field, a wrong type, an object id repeated within a tenant (users and
// groups share one id space), a repeated partner tenantId, both <entity>.json and <entity>.jsonl, or an enum
// value outside the ones the spec lists (accessType, membershipType, resource kind, principalType, userType,
// sync scope and userTypeMapping). Never throws anything else for bad input; never returns half a world.
// `progress`, when given, receives a short line per tenant loaded and one before linking (for long loads).
World load_world(const std::filesystem::path& world_dir,
                 const std::function<void(const std::string&)>& progress = {});

// Texts that stand in for files of a world, by their path relative to it ("tenants/<folder>/users.json", as
// errors name files). Only files that exist are read, so an overlay replaces contents, never adds a file.
using FileOverlay = std::map<std::string, std::string>;

// As above, reading `overlay`'s texts instead of those files (what-if: a patched world, never written).
World load_world(const std::filesystem::path& world_dir, const FileOverlay& overlay,
                 const std::function<void(const std::string&)>& progress = {});

}  // namespace tenantreach::core

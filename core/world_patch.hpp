// what-if patches (docs/CLI.md, "what-if"): a JSON object whose keys are files of a world, relative to it
// ("tenants/<tenantId>/crossTenantAccessPolicy/partners.json"), and whose values are JSON Merge Patches (RFC 7396).
// A file holding one object (crossTenantAccessPolicy/default.json) is merge-patched as a whole. A list file (a
// Graph page, a bare array or .jsonl) is patched per object: the value maps an object's key ("tenantId" in
// partners.json, "id" elsewhere) to a merge patch of that object; null removes the object, and a key the file
// does not hold adds an object (the patch applied to {"<key field>": key}). Arrays inside objects are replaced
// whole, as RFC 7396 says. The result is a core::FileOverlay for load_world: the files are never written.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/ingest.hpp"

namespace tenantreach::core {

// Throws InputError naming `patch_name` and the field: a patch that is not valid JSON or not an object, a path
// that is not a file of the world (or leaves it), a file that is not valid JSON, a list patch that is not an
// object of objects keyed by object, an object key that is not a string.
FileOverlay patch_world_files(const std::filesystem::path& world_dir, std::string_view patch_text,
                              const std::string& patch_name);

}  // namespace tenantreach::core

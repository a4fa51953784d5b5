// What a SOURCE is, for `tenantreach info` and the first line of `audit --header` (provenance): a snapshot's
// engine version, format, creation time, the world it was compiled from (path, content hash, files, bytes), its
// tenants and counts; or a world directory's tenants, their names and files, and its content hash. Nothing is
// ingested or compiled: a snapshot loads only its graph section, a world is read file by file for its hash and
// its organization files for the tenants' names.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "serialization/snapshot.hpp"

namespace tenantreach::serialization {

struct TenantInfo {
  std::string id;                  // the tenant folder's name
  std::string display_name;        // the organization's displayName (empty when it has none)
  std::vector<std::string> files;  // relative to the tenant folder: all of them for a world, those read for a snapshot
};

struct SourceInfo {
  enum class Kind { World, Snapshot };
  Kind kind = Kind::World;
  std::string path;  // as given
  // A snapshot's header: the engine that wrote it, its format and when.
  std::string engine_version;
  std::uint32_t snapshot_format = 0;
  std::string created_at;
  SourceDescription world;  // the world directory itself, or the one the snapshot was compiled from
  std::vector<TenantInfo> tenants;  // in id order
  std::map<std::string, std::size_t> counts;  // a snapshot's `stats` counts (graph::compute_stats)
};

// Throws core::InputError when `source` is neither a world directory nor a snapshot, or is a damaged one.
SourceInfo describe_source(const std::filesystem::path& source);

std::string to_json(const SourceInfo& info);
std::string to_text(const SourceInfo& info);
// One JSON line, {"header": {"engineVersion", "snapshotFormat", "buildType" (of this build), "source": <to_json>}},
// to put first in an audit so that the file says what produced it and from what.
std::string audit_header_json(const SourceInfo& info);

}  // namespace tenantreach::serialization

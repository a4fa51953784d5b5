// Snapshots: a compiled world written once by `compile` and loaded many times (issue "compile once, query
// many"). Layout (docs/ARCHITECTURE.md, "Snapshots"): an 8-byte magic, the format version, a header of our own
// (engine version, when it was written, a description of the source world with a content hash, and the size
// and XXH3-64 checksum of each section), the header's checksum, then two sections: "graph" (the access graph, as
// contiguous blocks: everything who-can-reach, what-can-reach, audit and stats read) and "model" (a cereal binary
// archive of the core::World, which explain and sync-plan read). load_snapshot verifies the checksums of both
// sections before it returns, decodes the graph, and leaves the model to be decoded on the first call of world().
// A snapshot of another format version, a truncated file or a corrupted one is refused with core::InputError
// saying which.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "graph/compiled_world.hpp"

namespace tenantreach::serialization {

inline constexpr std::uint32_t kSnapshotFormatVersion = 4;

// What the snapshot was compiled from: the world directory and a hash of every file in it.
struct SourceDescription {
  std::string path;
  std::uint64_t content_hash = 0;  // XXH3-64 over (relative path, contents) of every file, in path order
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
};

struct SnapshotSection {
  std::string name;  // "graph" or "model"
  std::uint64_t size = 0;
  std::uint64_t checksum = 0;  // XXH3-64 of the section's bytes
};

struct SnapshotHeader {
  std::uint32_t format_version = kSnapshotFormatVersion;
  std::string engine_version;
  std::string created_at;  // UTC, ISO 8601: "2026-12-02T03:20:05Z"
  SourceDescription source;
  std::vector<SnapshotSection> sections;  // in file order
};

SourceDescription describe_world(const std::filesystem::path& world_dir);

// Writes atomically (temporary file, then rename). Throws std::runtime_error when the file cannot be written.
void save_snapshot(const graph::CompiledWorld& compiled, const SourceDescription& source,
                   const std::filesystem::path& file);

// Throws core::InputError for a file that is not a snapshot, of another format version, truncated or corrupted.
// The returned world keeps the file open until its model is decoded (CompiledWorld::world()); that decoding
// reads the model section again and checks it against the same checksum, so a file changed in place since the
// load is refused (core::InputError) rather than decoded.
graph::CompiledWorld load_snapshot(const std::filesystem::path& file, SnapshotHeader* header = nullptr);

}  // namespace tenantreach::serialization

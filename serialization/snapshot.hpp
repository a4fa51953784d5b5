// Snapshots: a compiled world written once by `compile` and loaded many times (issue "compile once, query
// many"). Layout: an 8-byte magic, the format version, a header of our own (engine version, a description of
// the source world with a content hash, payload size, payload checksum, header checksum), then the payload: a
// cereal binary archive of graph::CompiledWorld. Checksums are XXH3-64 (libxxhash). A snapshot of another
// format version, a truncated file or a corrupted one is refused with core::InputError saying which; damaged
// data never reaches the decoder, because both checksums are verified first.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "graph/compiled_world.hpp"

namespace tenantreach::serialization {

inline constexpr std::uint32_t kSnapshotFormatVersion = 1;

// What the snapshot was compiled from: the world directory and a hash of every file in it.
struct SourceDescription {
  std::string path;
  std::uint64_t content_hash = 0;  // XXH3-64 over (relative path, contents) of every file, in path order
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
};

struct SnapshotHeader {
  std::uint32_t format_version = kSnapshotFormatVersion;
  std::string engine_version;
  SourceDescription source;
  std::uint64_t payload_size = 0;
  std::uint64_t payload_checksum = 0;
};

SourceDescription describe_world(const std::filesystem::path& world_dir);

// Writes atomically (temporary file, then rename). Throws std::runtime_error when the file cannot be written.
void save_snapshot(const graph::CompiledWorld& compiled, const SourceDescription& source,
                   const std::filesystem::path& file);

// Throws core::InputError for a file that is not a snapshot, of another format version, truncated or corrupted.
graph::CompiledWorld load_snapshot(const std::filesystem::path& file, SnapshotHeader* header = nullptr);

}  // namespace tenantreach::serialization

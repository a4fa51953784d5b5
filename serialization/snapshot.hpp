// Snapshots: a compiled world written once by `compile` and loaded many times (issue "compile once, query
// many"). Layout (docs/ARCHITECTURE.md, "Snapshots"): an 8-byte magic, the format version, a header of our own
// (engine version, when it was written, a description of the source world with a content hash, and the size
// and XXH3-64 checksum of each section), the header's checksum, then three sections: "graph" (the access graph,
// as contiguous blocks: everything who-can-reach, what-can-reach, audit and stats read), "model index" (size and
// checksum of each model block) and "model" (the core::World as blocks: every tenant's policies in one, then one
// per tenant for its directory; model_codec.hpp). load_snapshot verifies the header, the graph and the model
// index before it returns; a model block is verified when it is decoded: the policies on first use of
// CompiledWorld::model() or world(), a tenant's directory when it is first read. A snapshot of another format
// version, a truncated file or a corrupted one is refused with core::InputError saying which.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "graph/compiled_world.hpp"

namespace tenantreach::serialization {

inline constexpr std::uint32_t kSnapshotFormatVersion = 15;

// What the snapshot was compiled from: the world directory and a hash of every file in it.
struct SourceDescription {
  std::string path;
  std::uint64_t content_hash = 0;  // XXH3-64 over (relative path, contents) of every file, in path order
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
};

struct SnapshotSection {
  std::string name;  // "graph", "model index" or "model"
  std::uint64_t size = 0;
  std::uint64_t checksum = 0;  // XXH3-64 of the section's bytes; for "model", of its blocks' checksums
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
// The returned world keeps the file open: its model blocks are read from it when first needed, each checked
// against the checksum the verified index gives, so a block damaged or changed in place since the load is
// refused (core::InputError, from model(), world() or core::World::directory) rather than decoded.
graph::CompiledWorld load_snapshot(const std::filesystem::path& file, SnapshotHeader* header = nullptr);

}  // namespace tenantreach::serialization

// The model (core::World) in a snapshot, as blocks that are decoded separately (docs/ARCHITECTURE.md,
// "Snapshots"): a "model" section holding one block with the policies of every tenant and the world's warnings (a
// cereal binary archive: archive.hpp), then one block per tenant with its directory (users and groups as columns,
// then channels and resources: directory_block.hpp); and a small "model index" section before it with the size and
// XXH3-64 of every block. The index is verified and read at load; a block is read and verified against its
// checksum when it is decoded, so explain reads the policies and the directories of the few tenants its pair
// touches, not the whole model.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"
#include "serialization/archive.hpp"
#include "serialization/section_io.hpp"

namespace tenantreach::serialization {

// Sizes and checksums of the blocks: [0] the policies, [1 + t] the directory of tenant t.
struct ModelIndex {
  std::vector<std::uint64_t> sizes;
  std::vector<std::uint64_t> checksums;
};

// Reads the index section; throws core::InputError when it is malformed.
ModelIndex decode_model_index(SectionReader& reader);

// What the header records as the checksum of the "model" section: XXH3-64 of the blocks' checksums, so that the
// header vouches for the index and the index for each block.
std::uint64_t model_blocks_checksum(const ModelIndex& index);

std::uint64_t model_blocks_size(const ModelIndex& index);

// Encodes the "model" section, the tenants' directory blocks in parallel, and hands each block to `write` in
// order as soon as it and the blocks before it are done, so that only the blocks in flight are held in memory
// (the whole encoded model is about 3 GB on preset L, at the peak of `compile`). Returns their index. `names` are
// the user ids and display names of the graph saved with it: a user's that equals them is not written again.
ModelIndex write_model(const core::World& world, const GraphUserNames& names,
                       const std::function<void(std::string_view block)>& write);

// The "model index" section of `index`: its length depends only on the number of blocks.
std::string encode_model_index(const ModelIndex& index);

// The model of a snapshot whose "model" section starts at `offset` of `file`: reads and verifies the policies
// block now, and returns a world whose directories are decoded on first use (core::World::directory), each
// block verified before it is decoded. Throws core::InputError for a block that fails its checksum or does not
// decode.
// `names` are the user ids and display names of the snapshot's graph: a decoded user's id and displayName point
// into them (core::StringArena::refer) when they are equal, as they are in a snapshot that passed its checksums.
core::World open_model(std::shared_ptr<const ReadOnlyFile> file, std::uint64_t offset, ModelIndex index,
                       GraphUserNames names);

}  // namespace tenantreach::serialization

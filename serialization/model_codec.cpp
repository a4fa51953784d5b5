#include "serialization/model_codec.hpp"

#include <istream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <string_view>

#include <cereal/archives/binary.hpp>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>
#include <xxhash.h>

#include "core/error.hpp"
#include "serialization/archive.hpp"
#include "serialization/directory_block.hpp"

namespace tenantreach::serialization {
namespace {

// A cereal binary archive written into a string by `encode(archive)`.
template <class Encode> std::string write_archive(Encode encode) {
  std::ostringstream stream(std::ios::binary);
  {
    cereal::BinaryOutputArchive archive(stream);
    encode(archive);
  }
  return std::move(stream).str();
}

// Reads `bytes` as a cereal binary archive with `decode(archive)`, which must read every byte; throws
// std::runtime_error (cereal's, or for bytes left over) when it does not decode.
template <class Decode> void read_archive(std::string_view bytes, Decode decode) {
  struct MemoryBuffer : std::streambuf {
    explicit MemoryBuffer(std::string_view bytes) {
      char* begin = const_cast<char*>(bytes.data());  // read-only use: std::streambuf wants char*
      setg(begin, begin, begin + bytes.size());
    }
    std::streamsize left() { return egptr() - gptr(); }
  } buffer(bytes);
  std::istream in(&buffer);
  cereal::BinaryInputArchive archive(in);
  decode(archive);
  if (buffer.left() != 0) throw std::runtime_error(std::to_string(buffer.left()) + " bytes left after the archive");
}

class ModelBlocks {
 public:
  ModelBlocks(std::shared_ptr<const ReadOnlyFile> file, std::uint64_t offset, ModelIndex index)
      : file_(std::move(file)), index_(std::move(index)), offsets_(index_.sizes.size()) {
    for (std::size_t b = 0; b < offsets_.size(); ++b)
      offsets_[b] = (b == 0 ? offset : offsets_[b - 1] + index_.sizes[b - 1]);
  }

  // Reads block `b`, checks it against the index, and hands its bytes to `decode`. `what` names the block in
  // messages ("the policies", "the directory of tenant <id>").
  template <typename Decode> void decode(std::size_t b, const std::string& what, Decode decode) const {
    const std::string& name = file_->path();
    const std::size_t size = index_.sizes[b];
    // Mapped where it lies (the page cache's pages, no copy), else read.
    const MappedBytes mapped = file_->view(offsets_[b], size);
    std::unique_ptr<char[]> copy;
    const char* bytes = mapped.data();
    if (bytes == nullptr) {
      copy = std::make_unique_for_overwrite<char[]>(size);  // pread fills it: no zero-filling first
      if (file_->read_at(offsets_[b], copy.get(), size) != size)
        throw core::InputError(name + ": snapshot is truncated (the file shrank after it was loaded; " + what +
                               " cannot be read)");
      bytes = copy.get();
    }
    if (XXH3_64bits(bytes, size) != index_.checksums[b])
      throw core::InputError(name + ": snapshot is corrupted (model checksum mismatch in " + what +
                             ": the file was damaged, or changed after it was loaded)");
    try {
      decode(std::string_view(bytes, size));
    } catch (const std::exception& error) {
      throw core::InputError(name + ": snapshot model cannot be decoded (" + what + "): " + error.what());
    }
  }

  std::size_t tenants() const { return index_.sizes.size() - 1; }

 private:
  std::shared_ptr<const ReadOnlyFile> file_;
  ModelIndex index_;
  std::vector<std::uint64_t> offsets_;
};

class SnapshotDirectories : public core::DirectorySource {
 public:
  SnapshotDirectories(std::shared_ptr<const ModelBlocks> blocks, GraphUserNames names)
      : DirectorySource(blocks->tenants()), blocks_(std::move(blocks)), names_(std::move(names)) {}

 private:
  void decode(std::uint32_t position, core::Tenant& tenant) const override {
    core::Tenant decoded;
    decoded.id = tenant.id;  // conversation members of its own users share their ids (ConversationMemberTexts)
    const core::UserNames names = names_.of_tenant(position);
    blocks_->decode(1 + position, "the directory of tenant " + tenant.id,
                    [&](std::string_view block) { decode_directory(block, decoded, names); });
    // Only now, with every part decoded, does the tenant change: a failed decode leaves it as it was.
    tenant.strings->adopt(std::move(*decoded.strings));
    tenant.users = std::move(decoded.users);
    tenant.groups = std::move(decoded.groups);
    tenant.objects = std::move(decoded.objects);
    tenant.channels = std::move(decoded.channels);
    tenant.resources = std::move(decoded.resources);
  }

  std::shared_ptr<const ModelBlocks> blocks_;
  GraphUserNames names_;
};

}  // namespace

ModelIndex write_model(const core::World& world, const GraphUserNames& names,
                       const std::function<void(std::string_view block)>& write) {
  ModelIndex index;
  const auto record = [&](const std::string& block) {
    index.sizes.push_back(block.size());
    index.checksums.push_back(XXH3_64bits(block.data(), block.size()));
    write(block);
  };
  record(write_archive([&](cereal::BinaryOutputArchive& archive) {
    archive(static_cast<std::uint64_t>(world.tenants.size()));
    for (const core::Tenant& tenant : world.tenants)
      core::serialize_policies(archive, const_cast<core::Tenant&>(tenant));  // serialize() is shared by save and load
    archive(const_cast<std::vector<core::Warning>&>(world.warnings));
  }));
  std::size_t next = 0;
  const std::size_t in_flight = 2 * static_cast<std::size_t>(tbb::this_task_arena::max_concurrency());
  tbb::parallel_pipeline(
      in_flight,
      tbb::make_filter<void, std::size_t>(tbb::filter_mode::serial_in_order,
                                          [&](tbb::flow_control& control) -> std::size_t {
                                            if (next == world.tenants.size()) control.stop();
                                            return next++;
                                          }) &
          tbb::make_filter<std::size_t, std::string>(tbb::filter_mode::parallel,
                                                     [&](std::size_t t) {
                                                       return encode_directory(
                                                           world.tenants[t],
                                                           names.of_tenant(static_cast<std::uint32_t>(t)));
                                                     }) &
          tbb::make_filter<std::string, void>(tbb::filter_mode::serial_in_order, record));
  return index;
}

std::string encode_model_index(const ModelIndex& index) {
  SectionWriter writer;
  writer.array(index.sizes);
  writer.array(index.checksums);
  return std::move(writer.bytes());
}

ModelIndex decode_model_index(SectionReader& reader) {
  ModelIndex index;
  reader.array(index.sizes);
  reader.array(index.checksums);
  if (index.sizes.empty() || index.sizes.size() != index.checksums.size())
    reader.fail("the block index does not list the policies and one directory per tenant");
  return index;
}

std::uint64_t model_blocks_checksum(const ModelIndex& index) {
  return XXH3_64bits(index.checksums.data(), index.checksums.size() * sizeof(std::uint64_t));
}

std::uint64_t model_blocks_size(const ModelIndex& index) {
  std::uint64_t total = 0;
  for (std::uint64_t size : index.sizes) total += size;
  return total;
}

core::World open_model(std::shared_ptr<const ReadOnlyFile> file, std::uint64_t offset, ModelIndex index,
                       GraphUserNames names) {
  auto blocks = std::make_shared<const ModelBlocks>(std::move(file), offset, std::move(index));
  core::World world;
  blocks->decode(0, "the policies", [&](std::string_view block) {
    read_archive(block, [&](cereal::BinaryInputArchive& archive) {
      std::uint64_t tenants = 0;
      archive(tenants);
      if (tenants != blocks->tenants())
        throw std::runtime_error(std::to_string(tenants) + " tenants, but the index has " +
                                 std::to_string(blocks->tenants()) + " directories");
      world.tenants.resize(tenants);
      for (core::Tenant& tenant : world.tenants) core::serialize_policies(archive, tenant);
      archive(world.warnings);
    });
  });
  for (std::uint32_t t = 0; t < world.tenants.size(); ++t) {
    core::Tenant& tenant = world.tenants[t];
    world.tenant_index.emplace(tenant.id, t);
    for (std::uint32_t p = 0; p < tenant.partners.size(); ++p) tenant.partner_index.emplace(tenant.partners[p].tenant_id, p);
    tenant.directory_present = false;
  }
  world.directory_source = std::make_shared<const SnapshotDirectories>(std::move(blocks), std::move(names));
  return world;
}

}  // namespace tenantreach::serialization

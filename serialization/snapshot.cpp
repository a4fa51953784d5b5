#include "serialization/snapshot.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <streambuf>
#include <vector>

#include <cereal/archives/binary.hpp>
#include <xxhash.h>

#include "core/derive.hpp"
#include "core/error.hpp"
#include "serialization/archive.hpp"
#include "serialization/atomic_file.hpp"

namespace tenantreach::serialization {
namespace {

constexpr char kMagic[8] = {'T', 'R', 'E', 'A', 'C', 'H', 'S', 'N'};

// Little-endian field encoding of the header, independent of cereal so the header can be read (and its
// version refused) even when a future payload layout differs.
class HeaderWriter {
 public:
  void u32(std::uint32_t v) { raw(&v, sizeof v); }
  void u64(std::uint64_t v) { raw(&v, sizeof v); }
  void text(const std::string& s) {
    u32(static_cast<std::uint32_t>(s.size()));
    raw(s.data(), s.size());
  }
  std::string& bytes() { return bytes_; }

 private:
  void raw(const void* data, std::size_t size) { bytes_.append(static_cast<const char*>(data), size); }
  std::string bytes_;
};

class HeaderReader {
 public:
  HeaderReader(const std::vector<char>& data, std::size_t offset, const std::string& file)
      : data_(data), offset_(offset), file_(file) {}
  std::uint32_t u32() { return number<std::uint32_t>(); }
  std::uint64_t u64() { return number<std::uint64_t>(); }
  std::string text() {
    const std::uint32_t size = u32();
    need(size);
    std::string s(data_.data() + offset_, size);
    offset_ += size;
    return s;
  }
  std::size_t offset() const { return offset_; }

 private:
  template <typename T> T number() {
    need(sizeof(T));
    T v;
    std::memcpy(&v, data_.data() + offset_, sizeof v);
    offset_ += sizeof v;
    return v;
  }
  void need(std::size_t size) const {
    if (data_.size() - offset_ < size)
      throw core::InputError(file_ + ": snapshot is truncated (its header ends early, at byte " +
                             std::to_string(data_.size()) + ")");
  }
  const std::vector<char>& data_;
  std::size_t offset_;
  const std::string& file_;
};

struct MemoryBuffer : std::streambuf {
  MemoryBuffer(const char* data, std::size_t size) {
    char* begin = const_cast<char*>(data);  // read-only use: std::streambuf wants char*
    setg(begin, begin, begin + size);
  }
};

std::vector<char> read_all(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  if (!in) throw core::InputError(file.string() + ": cannot open");
  const auto size = static_cast<std::size_t>(in.tellg());
  std::vector<char> data(size);
  in.seekg(0);
  in.read(data.data(), static_cast<std::streamsize>(size));
  if (!in) throw core::InputError(file.string() + ": cannot read");
  return data;
}

}  // namespace

SourceDescription describe_world(const std::filesystem::path& world_dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(world_dir))
    if (entry.is_regular_file()) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  SourceDescription source;
  source.path = world_dir.string();
  XXH3_state_t* state = XXH3_createState();
  XXH3_64bits_reset(state);
  std::vector<char> buffer(1 << 20);
  for (const auto& file : files) {
    const std::string relative = std::filesystem::relative(file, world_dir).generic_string();
    XXH3_64bits_update(state, relative.c_str(), relative.size() + 1);
    std::ifstream in(file, std::ios::binary);
    while (in) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      const auto got = static_cast<std::size_t>(in.gcount());
      XXH3_64bits_update(state, buffer.data(), got);
      source.bytes += got;
    }
    ++source.files;
  }
  source.content_hash = XXH3_64bits_digest(state);
  XXH3_freeState(state);
  return source;
}

void save_snapshot(const graph::CompiledWorld& compiled, const SourceDescription& source,
                   const std::filesystem::path& file) {
  std::ostringstream payload_stream(std::ios::binary);
  {
    cereal::BinaryOutputArchive archive(payload_stream);
    archive(const_cast<graph::CompiledWorld&>(compiled));  // cereal's serialize() is shared by save and load
  }
  const std::string payload = std::move(payload_stream).str();

  HeaderWriter header;
  header.text(TENANTREACH_VERSION);
  header.text(source.path);
  header.u64(source.content_hash);
  header.u64(source.files);
  header.u64(source.bytes);
  header.u64(payload.size());
  header.u64(XXH3_64bits(payload.data(), payload.size()));
  const std::uint64_t header_checksum = XXH3_64bits(header.bytes().data(), header.bytes().size());

  AtomicFile out(file);
  out.write({kMagic, sizeof kMagic});
  const std::uint32_t version = kSnapshotFormatVersion;
  const std::uint32_t header_size = static_cast<std::uint32_t>(header.bytes().size());
  out.write({reinterpret_cast<const char*>(&version), sizeof version});
  out.write({reinterpret_cast<const char*>(&header_size), sizeof header_size});
  out.write(header.bytes());
  out.write({reinterpret_cast<const char*>(&header_checksum), sizeof header_checksum});
  out.write(payload);
  out.commit();
}

graph::CompiledWorld load_snapshot(const std::filesystem::path& file, SnapshotHeader* header_out) {
  const std::string name = file.string();
  const std::vector<char> data = read_all(file);
  if (data.size() < sizeof kMagic || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0)
    throw core::InputError(name + ": not a tenantreach snapshot (bad magic)");

  HeaderReader reader(data, sizeof kMagic, name);
  SnapshotHeader header;
  header.format_version = reader.u32();
  if (header.format_version != kSnapshotFormatVersion)
    throw core::InputError(name + ": snapshot format version " + std::to_string(header.format_version) +
                           ", but this build reads version " + std::to_string(kSnapshotFormatVersion) +
                           "; compile the world again");
  const std::uint32_t header_size = reader.u32();
  const std::size_t header_begin = reader.offset();
  if (data.size() - header_begin < header_size + sizeof(std::uint64_t))
    throw core::InputError(name + ": snapshot is truncated (its header ends early)");
  std::uint64_t header_checksum;
  std::memcpy(&header_checksum, data.data() + header_begin + header_size, sizeof header_checksum);
  if (XXH3_64bits(data.data() + header_begin, header_size) != header_checksum)
    throw core::InputError(name + ": snapshot is corrupted (header checksum mismatch)");

  header.engine_version = reader.text();
  header.source.path = reader.text();
  header.source.content_hash = reader.u64();
  header.source.files = reader.u64();
  header.source.bytes = reader.u64();
  header.payload_size = reader.u64();
  header.payload_checksum = reader.u64();
  const std::size_t payload_begin = header_begin + header_size + sizeof header_checksum;
  const std::size_t available = data.size() - payload_begin;
  if (available < header.payload_size)
    throw core::InputError(name + ": snapshot is truncated (payload of " + std::to_string(header.payload_size) +
                           " bytes, " + std::to_string(available) + " present)");
  if (available > header.payload_size)
    throw core::InputError(name + ": snapshot is corrupted (" + std::to_string(available - header.payload_size) +
                           " bytes after the payload)");
  if (XXH3_64bits(data.data() + payload_begin, header.payload_size) != header.payload_checksum)
    throw core::InputError(name + ": snapshot is corrupted (payload checksum mismatch)");

  graph::CompiledWorld compiled;
  try {
    MemoryBuffer buffer(data.data() + payload_begin, header.payload_size);
    std::istream in(&buffer);
    cereal::BinaryInputArchive archive(in);
    archive(compiled);
  } catch (const std::exception& error) {
    throw core::InputError(name + ": snapshot payload cannot be decoded: " + error.what());
  }
  core::build_indexes(compiled.world);
  if (header_out != nullptr) *header_out = std::move(header);
  return compiled;
}

}  // namespace tenantreach::serialization

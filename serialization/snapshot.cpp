#include "serialization/snapshot.hpp"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <streambuf>
#include <vector>

#include <xxhash.h>

#include "core/error.hpp"
#include "serialization/atomic_file.hpp"
#include "serialization/graph_codec.hpp"
#include "serialization/model_codec.hpp"
#include "serialization/section_io.hpp"
#include "serialization/version.hpp"

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
  HeaderReader(const std::vector<char>& data, const std::string& file) : data_(data), file_(file) {}
  std::uint32_t u32() { return number<std::uint32_t>(); }
  std::uint64_t u64() { return number<std::uint64_t>(); }
  std::string text() {
    const std::uint32_t size = u32();
    need(size);
    std::string s(data_.data() + offset_, size);
    offset_ += size;
    return s;
  }

 private:
  template <typename T> T number() {
    need(sizeof(T));
    T v;
    std::memcpy(&v, data_.data() + offset_, sizeof v);
    offset_ += sizeof v;
    return v;
  }
  void need(std::size_t size) const {
    if (data_.size() - offset_ < size) throw core::InputError(file_ + ": snapshot is truncated (its header ends early)");
  }
  const std::vector<char>& data_;
  std::size_t offset_ = 0;
  const std::string& file_;
};

constexpr std::size_t kPrefixSize = sizeof kMagic + 2 * sizeof(std::uint32_t);  // magic, version, header size
const char* const kSectionNames[] = {"graph", "model index", "model"};

// XXH3-64 of a byte range of the file, read in chunks that stay in cache.
std::uint64_t checksum_range(const ReadOnlyFile& file, std::uint64_t offset, std::uint64_t size, const char* what) {
  SectionReader reader(file, offset, size, what);
  std::vector<char> chunk(std::min<std::uint64_t>(size, 1 << 20));
  while (reader.remaining() != 0)
    reader.read(chunk.data(), static_cast<std::size_t>(std::min<std::uint64_t>(reader.remaining(), chunk.size())));
  return reader.finish();
}

// Decodes a section while its checksum is computed; a mismatch discards what was decoded before it is used.
// Damage usually trips a structural check before the running checksum is complete: that is reported as the
// checksum mismatch it is.
template <typename Decode>
void decode_section(const ReadOnlyFile& file, std::uint64_t offset, const SnapshotSection& info, const std::string& label,
                    Decode decode) {
  const std::string what = label + " section";
  const auto mismatch = [&] {
    return core::InputError(file.path() + ": snapshot is corrupted (" + label + " checksum mismatch)");
  };
  SectionReader reader(file, offset, info.size, what);
  try {
    decode(reader);
  } catch (const core::InputError&) {
    if (checksum_range(file, offset, info.size, what.c_str()) != info.checksum) throw mismatch();
    throw;
  }
  if (reader.finish() != info.checksum) throw mismatch();
}

std::string utc_now_iso8601() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  ::gmtime_r(&now, &utc);
  char text[sizeof "2026-12-02T03:20:05Z"];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
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
  const core::World& world = compiled.world();
  const std::string created_at = utc_now_iso8601();
  struct SectionSummary {
    std::uint64_t size = 0, checksum = 0;
  };
  SectionSummary sections[std::size(kSectionNames)];
  const auto header_bytes = [&] {
    HeaderWriter header;
    header.text(std::string(engine_version()));
    header.text(created_at);
    header.text(source.path);
    header.u64(source.content_hash);
    header.u64(source.files);
    header.u64(source.bytes);
    header.u32(std::size(sections));
    for (std::size_t i = 0; i < std::size(sections); ++i) {
      header.text(kSectionNames[i]);
      header.u64(sections[i].size);
      header.u64(sections[i].checksum);
    }
    std::string bytes = std::move(header.bytes());
    const std::uint64_t checksum = XXH3_64bits(bytes.data(), bytes.size());
    bytes.append(reinterpret_cast<const char*>(&checksum), sizeof checksum);
    return bytes;
  };

  // The header and the model index hold the sizes and checksums of what follows them, and neither changes length
  // with its numbers: both are written with zeros first and again at the end, so that the graph section and the
  // model blocks go to the file as they are made instead of all being held until the header can be written.
  const std::uint64_t index_size = encode_model_index({std::vector<std::uint64_t>(1 + world.tenants.size()),
                                                       std::vector<std::uint64_t>(1 + world.tenants.size())})
                                       .size();
  sections[1].size = index_size;
  const std::string placeholder = header_bytes();
  const std::uint64_t header_end = kPrefixSize + placeholder.size();

  AtomicFile out(file);
  out.write({kMagic, sizeof kMagic});
  const std::uint32_t version = kSnapshotFormatVersion;
  const std::uint32_t header_size = static_cast<std::uint32_t>(placeholder.size() - sizeof(std::uint64_t));
  out.write({reinterpret_cast<const char*>(&version), sizeof version});
  out.write({reinterpret_cast<const char*>(&header_size), sizeof header_size});
  out.write(placeholder);
  out.write(std::string(aligned_up(header_end) - header_end, '\0'));  // the graph section's arrays can be mapped
  {
    SectionWriter graph_section([&](std::string_view bytes) { out.write(bytes); });
    encode_graph(compiled.graph, graph_section);
    graph_section.finish();
    sections[0] = {graph_section.size(), graph_section.checksum()};
  }
  const std::uint64_t index_offset = aligned_up(header_end) + sections[0].size;
  out.write(std::string(index_size, '\0'));
  const GraphUserNames names{compiled.graph.user_ids, compiled.graph.user_display_names,
                             compiled.graph.tenant_user_offset};
  const ModelIndex index = write_model(world, names, [&](std::string_view block) { out.write(block); });
  sections[2] = {model_blocks_size(index), model_blocks_checksum(index)};
  const std::string index_bytes = encode_model_index(index);
  sections[1].checksum = XXH3_64bits(index_bytes.data(), index_bytes.size());
  const std::string header = header_bytes();
  if (index_bytes.size() != index_size || header.size() != placeholder.size())
    throw std::logic_error("save_snapshot: the header or the model index changed length");
  out.write_at(kPrefixSize, header);
  out.write_at(index_offset, index_bytes);
  out.commit();
}

graph::CompiledWorld load_snapshot(const std::filesystem::path& path, SnapshotHeader* header_out) {
  const std::string name = path.string();
  auto file = std::make_shared<const ReadOnlyFile>(name);

  // The fixed prefix: magic, format version (refused by name before anything else is read), header size.
  char prefix[kPrefixSize] = {};
  const std::size_t prefix_size = file->read_at(0, prefix, sizeof prefix);
  if (prefix_size < sizeof kMagic || std::memcmp(prefix, kMagic, sizeof kMagic) != 0)
    throw core::InputError(name + ": not a tenantreach snapshot (bad magic); expected a world directory, or a "
                           "snapshot written by `tenantreach compile`");
  if (prefix_size < kPrefixSize) throw core::InputError(name + ": snapshot is truncated (its header ends early)");
  SnapshotHeader header;
  std::memcpy(&header.format_version, prefix + sizeof kMagic, sizeof(std::uint32_t));
  if (header.format_version != kSnapshotFormatVersion)
    throw core::InputError(name + ": snapshot format version " + std::to_string(header.format_version) +
                           ", but this build reads version " + std::to_string(kSnapshotFormatVersion) +
                           "; compile the world again");
  std::uint32_t header_size;
  std::memcpy(&header_size, prefix + sizeof kMagic + sizeof(std::uint32_t), sizeof header_size);

  // The header and its checksum.
  if (file->size() - kPrefixSize < std::uint64_t{header_size} + sizeof(std::uint64_t))
    throw core::InputError(name + ": snapshot is truncated (its header ends early)");
  std::vector<char> header_bytes(header_size);
  std::uint64_t header_checksum;
  if (file->read_at(kPrefixSize, header_bytes.data(), header_size) != header_size ||
      file->read_at(kPrefixSize + header_size, &header_checksum, sizeof header_checksum) != sizeof header_checksum)
    throw core::InputError(name + ": snapshot is truncated (its header ends early)");
  if (XXH3_64bits(header_bytes.data(), header_size) != header_checksum)
    throw core::InputError(name + ": snapshot is corrupted (header checksum mismatch)");

  HeaderReader reader(header_bytes, name);
  header.engine_version = reader.text();
  header.created_at = reader.text();
  header.source.path = reader.text();
  header.source.content_hash = reader.u64();
  header.source.files = reader.u64();
  header.source.bytes = reader.u64();
  const std::uint32_t section_count = reader.u32();
  if (section_count != std::size(kSectionNames))
    throw core::InputError(name + ": snapshot is corrupted (" + std::to_string(section_count) + " sections, expected " +
                           std::to_string(std::size(kSectionNames)) + ")");
  std::uint64_t offsets[std::size(kSectionNames)];
  const std::uint64_t header_end = kPrefixSize + header_size + sizeof header_checksum;
  std::uint64_t end = aligned_up(header_end);
  for (std::uint32_t i = 0; i < section_count; ++i) {
    SnapshotSection section;
    section.name = reader.text();
    section.size = reader.u64();
    section.checksum = reader.u64();
    if (section.name != kSectionNames[i])
      throw core::InputError(name + ": snapshot is corrupted (section '" + section.name + "' where '" +
                             kSectionNames[i] + "' was expected)");
    if (section.size > file->size()) section.size = file->size();  // reported as truncated just below
    offsets[i] = end;
    end += section.size;
    header.sections.push_back(std::move(section));
  }

  // Sizes before checksums, checksums of every section before anything is answered.
  if (file->size() < end)
    throw core::InputError(name + ": snapshot is truncated (" + std::to_string(end) + " bytes announced, " +
                           std::to_string(file->size()) + " present)");
  if (file->size() > end)
    throw core::InputError(name + ": snapshot is corrupted (" + std::to_string(file->size() - end) +
                           " bytes after the last section)");
  // The padding before the graph section is in no checksum: it must be zeros, so that no byte of the file goes
  // unchecked.
  std::vector<char> padding(offsets[0] - header_end);
  file->read_at(header_end, padding.data(), padding.size());
  if (std::any_of(padding.begin(), padding.end(), [](char c) { return c != 0; }))
    throw core::InputError(name + ": snapshot is corrupted (the padding before the graph section is not zeros)");
  const SnapshotSection& graph_info = header.sections[0];
  const SnapshotSection& index_info = header.sections[1];
  const SnapshotSection& model_info = header.sections[2];

  // The model index: verified and read now; it vouches for each model block, verified when decoded.
  ModelIndex index;
  decode_section(*file, offsets[1], index_info, "model index",
                 [&](SectionReader& reader) { index = decode_model_index(reader); });
  if (model_blocks_checksum(index) != model_info.checksum || model_blocks_size(index) != model_info.size)
    throw core::InputError(name + ": snapshot is corrupted (model checksum mismatch: the index disagrees with the header)");

  graph::AccessGraph graph;
  decode_section(*file, offsets[0], graph_info, "graph", [&](SectionReader& reader) { decode_graph(reader, graph); });

  // The model's user ids and display names point into the graph's pools (copies share them) instead of copying.
  GraphUserNames names{graph.user_ids, graph.user_display_names, graph.tenant_user_offset};
  graph::CompiledWorld compiled(
      [file, offset = offsets[2], index = std::move(index), names = std::move(names)] {
        return open_model(file, offset, index, names);
      },
      std::move(graph));
  if (header_out != nullptr) *header_out = std::move(header);
  return compiled;
}

}  // namespace tenantreach::serialization

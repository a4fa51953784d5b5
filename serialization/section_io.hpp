// The byte level of snapshot sections (internal to tenantreach_serialization). A section is written into memory
// or streamed to the file (SectionWriter with a sink), and read back straight from the file: small fields through a
// 64 KiB buffer, arrays of kMappedArrayBytes or more into a graph::BulkVector mapped from the file (copy-on-write,
// no copy: bulk_memory::AdoptedBlock), other large arrays with pread() directly into the vector that keeps them.
// The reader computes the section's XXH3-64 over every byte it consumes; its caller compares it with the header
// before anything read is used. Every count is checked against the bytes left in the section before anything is
// allocated, so damaged counts cannot ask for more memory than the file holds.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "graph/bulk_memory.hpp"
#include "graph/string_pool.hpp"

struct XXH3_state_s;

namespace tenantreach::serialization {

// An array of kMappedArrayBytes or more starts on a kArrayAlignment boundary of its section (zero padding after its
// count), and a section that holds such arrays starts on one of the file, so the reader can map the array where
// it lies. 64 KiB is a multiple of every page size Linux uses; the padding is under 64 KiB per array of 64 KiB or
// more. Mapping rather than copying the arrays from 64 KiB up (format 9; 2 MiB before) took a fifth off `audit` of
// preset S from its snapshot (docs/DECISIONS.md, "Snapshot arrays are mapped, not copied").
inline constexpr std::size_t kMappedArrayBytes = graph::bulk_memory::kMappedBlock;
inline constexpr std::size_t kArrayAlignment = 64 * 1024;

constexpr std::uint64_t aligned_up(std::uint64_t offset) {
  return (offset + kArrayAlignment - 1) / kArrayAlignment * kArrayAlignment;
}

// Bytes of a file mapped read-only (ReadOnlyFile::view), unmapped when it goes; data() is nullptr when the bytes
// could not be mapped.
class MappedBytes {
 public:
  MappedBytes() = default;
  MappedBytes(void* base, std::size_t length, std::size_t skip)
      : base_(base), length_(length), data_(static_cast<const char*>(base) + skip) {}
  ~MappedBytes();
  MappedBytes(const MappedBytes&) = delete;
  MappedBytes& operator=(const MappedBytes&) = delete;
  const char* data() const { return data_; }

 private:
  void* base_ = nullptr;
  std::size_t length_ = 0;
  const char* data_ = nullptr;
};

// A file opened for reading, closed when the last owner lets it go.
class ReadOnlyFile {
 public:
  explicit ReadOnlyFile(const std::string& path);  // throws core::InputError when it cannot be opened
  ~ReadOnlyFile();
  ReadOnlyFile(const ReadOnlyFile&) = delete;
  ReadOnlyFile& operator=(const ReadOnlyFile&) = delete;

  std::uint64_t size() const { return size_; }
  const std::string& path() const { return path_; }
  // Reads up to `size` bytes at `offset`; returns how many were read (fewer only at the end of the file).
  std::size_t read_at(std::uint64_t offset, void* out, std::size_t size) const;
  // A private (copy-on-write) mapping of `size` bytes at `offset`, a multiple of the page size; nullptr when the
  // file cannot be mapped. The mapping is `size` rounded up to the page size long; the caller unmaps it.
  void* map(std::uint64_t offset, std::size_t size) const;
  // `size` bytes at `offset` (any offset) mapped read-only and populated; empty (data() nullptr) when they cannot
  // be mapped, or the file is now shorter than they need, so that the caller's read reports it.
  MappedBytes view(std::uint64_t offset, std::size_t size) const;

 private:
  std::string path_;
  int fd_ = -1;
  std::uint64_t size_ = 0;
};

// Writes a section: into memory (bytes()), or, given a sink, to the sink as it goes, in chunks of at least
// 1 MiB (a large array straight from where it lies), so that the section is never held whole (`compile` of
// preset L: 1.5 GB, and more while a growing buffer is copied to a larger one).
class SectionWriter {
 public:
  SectionWriter();
  explicit SectionWriter(std::function<void(std::string_view)> sink);
  ~SectionWriter();
  SectionWriter(const SectionWriter&) = delete;
  SectionWriter& operator=(const SectionWriter&) = delete;

  void u8(std::uint8_t v) { raw(&v, sizeof v); }
  void u32(std::uint32_t v) { raw(&v, sizeof v); }
  void u64(std::uint64_t v) { raw(&v, sizeof v); }
  template <typename T, typename Allocator> void array(const std::vector<T, Allocator>& values) {
    static_assert(std::is_trivially_copyable_v<T> && std::has_unique_object_representations_v<T>,
                  "arrays are written as raw bytes: no padding allowed");
    u64(values.size());
    if (values.size() * sizeof(T) >= kMappedArrayBytes) zeros(aligned_up(size_) - size_);
    raw(values.data(), values.size() * sizeof(T));
  }
  // A string table: its bytes, then the width of every string when they share one (ids), else 0 and the offsets.
  void pool(const graph::StringPool& pool) {
    array(pool.bytes());
    const std::uint32_t width = pool.common_width();
    u32(width);
    if (width == 0) array(pool.offsets());
  }
  template <typename Strings> void strings(const Strings& values) {  // any range of std::string-likes
    graph::StringPool pool;
    for (const auto& value : values) pool.add(value);
    this->pool(pool);
  }
  // Without a sink: the section's bytes.
  std::string& bytes() { return bytes_; }
  // With a sink: hands over what is buffered. Then size() and checksum() describe the whole section.
  void finish();
  std::uint64_t size() const { return size_; }
  std::uint64_t checksum() const;  // XXH3-64 of the section

 private:
  void raw(const void* data, std::size_t size);
  void zeros(std::size_t size);

  std::function<void(std::string_view)> sink_;
  std::string bytes_;
  std::uint64_t size_ = 0;
  XXH3_state_s* state_;
};

class SectionReader {
 public:
  // `what` names the section in messages ("snapshot.snap: graph section").
  SectionReader(const ReadOnlyFile& file, std::uint64_t offset, std::uint64_t size, std::string what);
  ~SectionReader();

  void read(void* out, std::size_t size);
  std::uint8_t u8() { return number<std::uint8_t>(); }
  std::uint32_t u32() { return number<std::uint32_t>(); }
  std::uint64_t u64() { return number<std::uint64_t>(); }
  // A large graph::BulkVector of a trivially default-constructible type is mapped from the file where the file
  // allows it (resize() then leaves the elements unwritten; a type with default member initialisers would write
  // them over the mapping), else it is read into fresh memory; a std::vector is zero-filled by resize() first.
  template <typename T, typename Allocator> void array(std::vector<T, Allocator>& values) {
    static_assert(std::is_trivially_copyable_v<T>);
    const std::uint64_t count = u64();
    if (count > remaining() / sizeof(T)) fail("an array runs past the end of the section");
    const std::size_t bytes = static_cast<std::size_t>(count) * sizeof(T);
    if (bytes >= kMappedArrayBytes) {
      skip(aligned_up(consumed_) - consumed_);
      if (count > remaining() / sizeof(T)) fail("an array runs past the end of the section");
    }
    values = std::vector<T, Allocator>();
    if constexpr (std::is_same_v<Allocator, graph::BulkAllocator<T>> && std::is_trivially_default_constructible_v<T>) {
      if (void* block = bytes >= kMappedArrayBytes ? map(bytes) : nullptr) {
        graph::bulk_memory::AdoptedBlock adopted(block, bytes);
        values.resize(count);  // from empty to `count`: one allocation, which takes the mapping
        if (!adopted.taken()) fail("a mapped array was not adopted");
        return;
      }
    }
    values.resize(count);
    read(values.data(), bytes);
  }
  void pool(graph::StringPool& pool) {
    array(pool.bytes());
    const std::uint32_t width = u32();
    if (width != 0) {
      if (!pool.make_uniform(width)) fail("a string table of uniform width is malformed");
      return;
    }
    array(pool.offsets());
    if (!pool.well_formed()) fail("a string table is malformed");
  }
  std::vector<std::string> strings() {
    graph::StringPool pool;
    this->pool(pool);
    std::vector<std::string> out;
    out.reserve(pool.size());
    for (std::uint32_t i = 0; i < pool.size(); ++i) out.emplace_back(pool[i]);
    return out;
  }
  std::uint64_t remaining() const { return size_ - consumed_; }
  // The XXH3-64 of the section; throws when the section was not read to its last byte.
  std::uint64_t finish();
  [[noreturn]] void fail(const std::string& why) const;

 private:
  template <typename T> T number() {
    T v;
    read(&v, sizeof v);
    return v;
  }
  void fill();
  void read_direct(void* out, std::size_t size);
  void skip(std::size_t size);
  // The next `size` bytes of the section mapped from the file (and hashed), or nullptr where they cannot be.
  void* map(std::size_t size);

  const ReadOnlyFile& file_;
  std::uint64_t offset_;     // of the section in the file
  std::uint64_t size_;       // of the section
  std::uint64_t fetched_ = 0;   // bytes of the section read from the file (and hashed)
  std::uint64_t consumed_ = 0;  // bytes handed to the decoder
  std::string what_;
  std::vector<char> buffer_;
  std::size_t buffer_begin_ = 0, buffer_end_ = 0;
  XXH3_state_s* state_;
};

}  // namespace tenantreach::serialization

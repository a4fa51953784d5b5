// serialization/section_io.hpp: a section reads back what was written with the checksum of its bytes; an array of
// kMappedArrayBytes or more read into a graph::BulkVector is a copy-on-write mapping of the file where the section
// lies on a page boundary, and read into memory where it does not, with the same values and checksum either way;
// a string table whose strings share a width is written and read without offsets.
#include <gtest/gtest.h>
#include <xxhash.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "graph/bulk_memory.hpp"
#include "serialization/section_io.hpp"
#include "support/fixtures.hpp"

namespace tenantreach::serialization {
namespace {

constexpr std::size_t kLargeCount = 300'000;  // 2.4 MB of uint64: over kMappedArrayBytes and a huge page
constexpr std::size_t kMediumCount = 20'000;   // 80 KB of uint32: over kMappedArrayBytes, under a huge page

// Default member initialisers: resize() writes them, so an array of these is read, never mapped.
struct Initialised {
  std::uint64_t value = 99;
};

// Strings of one width (as exported ids are), written without offsets; and strings of several widths.
graph::StringPool uniform_pool() {
  graph::StringPool pool;
  for (int i = 100; i < 200; ++i) pool.add("id-" + std::to_string(i));
  return pool;
}
graph::StringPool varying_pool() {
  graph::StringPool pool;
  for (const char* text : {"abc", "abd", "", "x"}) pool.add(text);
  return pool;
}

void write_section(SectionWriter& out) {
  out.u32(7);
  graph::BulkVector<std::uint64_t> large(kLargeCount);
  std::iota(large.begin(), large.end(), 0u);
  out.array(large);
  graph::BulkVector<std::uint32_t> medium(kMediumCount);
  std::iota(medium.begin(), medium.end(), 5u);
  out.array(medium);
  out.array(std::vector<std::uint32_t>{1, 2, 3});
  out.pool(uniform_pool());
  out.pool(varying_pool());
  out.array(std::vector<std::uint64_t>(large.begin(), large.end()));
  graph::BulkVector<Initialised> initialised(kLargeCount);
  for (std::size_t i = 0; i < kLargeCount; ++i) initialised[i].value = i;
  out.array(initialised);
}

std::string section_bytes() {
  SectionWriter out;
  write_section(out);
  return out.bytes();
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string read_file(const std::filesystem::path& path) {
  std::ostringstream bytes;
  bytes << std::ifstream(path, std::ios::binary).rdbuf();
  return bytes.str();
}

// Whether `address` lies in a mapping of `path` (/proc/self/maps).
bool mapped_from(const void* address, const std::filesystem::path& path) {
  std::ifstream maps("/proc/self/maps");
  const auto at = reinterpret_cast<std::uintptr_t>(address);
  for (std::string line; std::getline(maps, line);) {
    std::uintptr_t begin = 0, end = 0;
    char dash = 0;
    std::istringstream fields(line);
    fields >> std::hex >> begin >> dash >> end;
    if (begin <= at && at < end && line.find(path.string()) != std::string::npos) return true;
  }
  return false;
}

struct Decoded {
  graph::BulkVector<std::uint64_t> large;
  graph::BulkVector<std::uint32_t> medium;
  std::vector<std::uint32_t> small;
  graph::StringPool uniform, varying;
  std::vector<std::uint64_t> large_copy;
  graph::BulkVector<Initialised> initialised;
  std::uint64_t checksum = 0;
};

Decoded decode(const ReadOnlyFile& file, std::uint64_t offset, std::uint64_t size) {
  SectionReader in(file, offset, size, "test section");
  EXPECT_EQ(in.u32(), 7u);
  Decoded decoded;
  in.array(decoded.large);
  in.array(decoded.medium);
  in.array(decoded.small);
  in.pool(decoded.uniform);
  in.pool(decoded.varying);
  in.array(decoded.large_copy);
  in.array(decoded.initialised);
  decoded.checksum = in.finish();
  return decoded;
}

void expect_values(const Decoded& decoded) {
  ASSERT_EQ(decoded.large.size(), kLargeCount);
  for (std::size_t i = 0; i < kLargeCount; i += 997) ASSERT_EQ(decoded.large[i], i);
  EXPECT_EQ(decoded.large.back(), kLargeCount - 1);
  ASSERT_EQ(decoded.medium.size(), kMediumCount);
  EXPECT_EQ(decoded.medium.front(), 5u);
  EXPECT_EQ(decoded.medium.back(), kMediumCount + 4);
  EXPECT_EQ(decoded.small, (std::vector<std::uint32_t>{1, 2, 3}));
  const std::pair<const graph::StringPool*, graph::StringPool> pools[] = {{&decoded.uniform, uniform_pool()},
                                                                          {&decoded.varying, varying_pool()}};
  for (const auto& [pool, expected] : pools) {
    ASSERT_EQ(pool->size(), expected.size());
    for (std::uint32_t i = 0; i < expected.size(); ++i) EXPECT_EQ((*pool)[i], expected[i]);
  }
  EXPECT_EQ(decoded.uniform.uniform_width(), 6u);  // read without offsets
  EXPECT_TRUE(decoded.uniform.offsets().empty());
  EXPECT_EQ(decoded.varying.uniform_width(), 0u);
  EXPECT_TRUE(std::equal(decoded.large.begin(), decoded.large.end(), decoded.large_copy.begin(), decoded.large_copy.end()));
  ASSERT_EQ(decoded.initialised.size(), kLargeCount);
  for (std::size_t i = 0; i < kLargeCount; i += 997) ASSERT_EQ(decoded.initialised[i].value, i);
}

TEST(SectionIo, PadsLargeArraysToTheirAlignment) {
  const std::string bytes = section_bytes();
  // u32, count, padding to 64 KiB, the large array; the medium one, padded too; then a small array unpadded; then
  // the copy, padded again.
  const std::size_t large_at = kArrayAlignment;
  std::uint64_t first;
  std::memcpy(&first, bytes.data() + large_at + sizeof first, sizeof first);
  EXPECT_EQ(first, 1u);
  const std::size_t medium_at = aligned_up(large_at + kLargeCount * sizeof(std::uint64_t) + sizeof(std::uint64_t));
  std::uint32_t medium_first;
  std::memcpy(&medium_first, bytes.data() + medium_at, sizeof medium_first);
  EXPECT_EQ(medium_first, 5u);
  EXPECT_EQ(bytes.size() % 8, 0u);
  EXPECT_EQ((bytes.size() - kLargeCount * sizeof(Initialised)) % kArrayAlignment, 0u);
}

TEST(SectionIo, AWriterWithASinkHandsOverTheSameBytesInChunks) {
  std::string streamed;
  std::size_t chunks = 0;
  SectionWriter out([&](std::string_view bytes) {
    streamed.append(bytes);
    ++chunks;
  });
  write_section(out);
  out.finish();
  const std::string bytes = section_bytes();
  EXPECT_EQ(streamed, bytes);
  EXPECT_GT(chunks, 1u);
  EXPECT_EQ(out.size(), bytes.size());
  EXPECT_EQ(out.checksum(), XXH3_64bits(bytes.data(), bytes.size()));
  EXPECT_TRUE(out.bytes().empty());  // nothing kept
}

TEST(SectionIo, ALargeBulkArrayOnAPageBoundaryIsMappedCopyOnWrite) {
  testing::TempDir dir;
  const auto path = dir.path() / "section";
  const std::string bytes = section_bytes();
  write_file(path, bytes);
  const ReadOnlyFile file(path.string());
  Decoded decoded = decode(file, 0, bytes.size());
  expect_values(decoded);
  EXPECT_EQ(decoded.checksum, XXH3_64bits(bytes.data(), bytes.size()));
  EXPECT_TRUE(mapped_from(decoded.large.data(), path));
  EXPECT_TRUE(mapped_from(decoded.medium.data(), path));
  EXPECT_FALSE(mapped_from(decoded.small.data(), path));
  EXPECT_FALSE(mapped_from(decoded.large_copy.data(), path));  // a std::vector is always read
  EXPECT_FALSE(mapped_from(decoded.initialised.data(), path));

  decoded.large[0] = 42;  // the vector's own page from now on; the file is not written
  EXPECT_EQ(read_file(path), bytes);
  decoded.large.push_back(1);  // growing leaves the mapping for fresh memory
  EXPECT_EQ(decoded.large[0], 42u);
  EXPECT_FALSE(mapped_from(decoded.large.data(), path));
}

TEST(SectionIo, ALargeBulkArrayOffAPageBoundaryIsRead) {
  testing::TempDir dir;
  const auto path = dir.path() / "section";
  const std::string bytes = section_bytes();
  write_file(path, std::string(24, 'x') + bytes);
  const ReadOnlyFile file(path.string());
  const Decoded decoded = decode(file, 24, bytes.size());
  expect_values(decoded);
  EXPECT_EQ(decoded.checksum, XXH3_64bits(bytes.data(), bytes.size()));
  EXPECT_FALSE(mapped_from(decoded.large.data(), path));
  EXPECT_FALSE(mapped_from(decoded.medium.data(), path));
}

}  // namespace
}  // namespace tenantreach::serialization

// graph/bulk_memory.hpp: BulkVector keeps std::vector's behaviour where code relies on it (explicit zeros,
// copies, growth), and ZeroPages reads as zeros, keeps what is written, and moves; VisitMarks over ZeroPages
// starts every walk clean.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <utility>

#include "graph/bulk_memory.hpp"
#include "graph/reach.hpp"

namespace tenantreach::graph {
namespace {

TEST(BulkVector, ZerosWhenAskedAndKeepsValuesThroughGrowth) {
  BulkVector<std::uint32_t> values;
  values.assign(3 << 20, 0);  // 12 MiB: a huge-page block
  EXPECT_TRUE(std::all_of(values.begin(), values.end(), [](std::uint32_t v) { return v == 0; }));
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(values.data()) % bulk_memory::kHugePage, 0u);
  std::iota(values.begin(), values.end(), 0u);
  values.push_back(7);  // reallocates and moves every element
  EXPECT_EQ(values[12345], 12345u);
  EXPECT_EQ(values.back(), 7u);
  BulkVector<std::uint32_t> copy = values;
  EXPECT_EQ(copy, values);
  values.resize(2);  // shrinking keeps the prefix
  EXPECT_EQ(values, (BulkVector<std::uint32_t>{0, 1}));
}

TEST(BulkVector, BlocksFromKMappedBlockUpAreMappingsOfTheirOwn) {
  const std::size_t before = bulk_memory::mapped_bytes();
  BulkVector<char> small(bulk_memory::kMappedBlock - 1);
  EXPECT_EQ(bulk_memory::mapped_bytes(), before);  // malloc's
  BulkVector<char> medium(bulk_memory::kMappedBlock);
  EXPECT_EQ(bulk_memory::mapped_bytes(), before + bulk_memory::kMappedBlock);
  medium.back() = 'm';
  medium.resize(3 * bulk_memory::kMappedBlock);  // a larger mapping; the first is unmapped
  EXPECT_EQ(medium[bulk_memory::kMappedBlock - 1], 'm');
  EXPECT_EQ(bulk_memory::mapped_bytes(), before + 3 * bulk_memory::kMappedBlock);
}

class AdoptedBlockOfSize : public testing::TestWithParam<std::size_t> {};

// 3 MiB: a huge-page block; 100 KiB: a block of its own under a huge page.
INSTANTIATE_TEST_SUITE_P(Sizes, AdoptedBlockOfSize, testing::Values(std::size_t{3} << 20, std::size_t{100} << 10));

TEST_P(AdoptedBlockOfSize, IsTakenByTheNextAllocationOfItsSizeOnly) {
  const std::size_t kBytes = GetParam();
  void* block = bulk_memory::map_zero_pages(kBytes);  // any mapping of the size: munmap releases it
  {
    bulk_memory::AdoptedBlock adopted(block, kBytes);
    BulkVector<char> other;
    other.resize(kBytes + 1);  // another size: fresh memory
    EXPECT_NE(other.data(), block);
    EXPECT_FALSE(adopted.taken());
    BulkVector<char> values;
    values.resize(kBytes);
    EXPECT_EQ(values.data(), block);
    EXPECT_TRUE(adopted.taken());
    values[kBytes - 1] = 'z';
  }
  EXPECT_THROW(bulk_memory::AdoptedBlock(nullptr, 4096), std::logic_error);  // under kMappedBlock: malloc's
}

TEST(ZeroPages, ReadsAsZerosKeepsWritesAndMoves) {
  ZeroPages<std::uint64_t> pages(1 << 20);
  ASSERT_EQ(pages.size(), 1u << 20);
  EXPECT_EQ(pages[0], 0u);
  EXPECT_EQ(pages[(1 << 20) - 1], 0u);
  pages[4242] = 99;
  ZeroPages<std::uint64_t> moved = std::move(pages);
  EXPECT_EQ(moved.size(), 1u << 20);
  EXPECT_EQ(moved[4242], 99u);
  EXPECT_EQ(pages.size(), 0u);  // a moved-from ZeroPages is empty
  ZeroPages<std::uint8_t> empty(0);
  EXPECT_EQ(empty.size(), 0u);
}

TEST(VisitMarks, EachWalkStartsClean) {
  VisitMarks marks(1000);
  marks.start_walk();
  EXPECT_TRUE(marks.mark(10));
  EXPECT_FALSE(marks.mark(10));
  EXPECT_TRUE(marks.seen(10));
  marks.start_walk();
  EXPECT_FALSE(marks.seen(10));
  EXPECT_TRUE(marks.mark(10));
}

}  // namespace
}  // namespace tenantreach::graph

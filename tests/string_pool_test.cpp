#include "graph/string_pool.hpp"

#include <gtest/gtest.h>

namespace tenantreach::graph {
namespace {

TEST(StringPool, ReadsBackWhatWasAdded) {
  StringPool pool;
  EXPECT_EQ(pool.size(), 0u);
  EXPECT_EQ(pool.add("a"), 0u);
  EXPECT_EQ(pool.add(""), 1u);
  EXPECT_EQ(pool.add("ccc"), 2u);
  EXPECT_EQ(pool[0], "a");
  EXPECT_EQ(pool[1], "");
  EXPECT_EQ(pool[2], "ccc");
  EXPECT_TRUE(pool.well_formed());
  pool.offsets().back() = 5;
  EXPECT_FALSE(pool.well_formed());
}

// Copies share the strings until one of them changes; the bytes a keep_alive() holds stay where they were.
TEST(StringPool, CopiesShareUntilOneIsWritten) {
  StringPool pool;
  pool.add("u1");
  const StringPool copy = pool;
  EXPECT_EQ(copy[0].data(), pool[0].data());
  const std::string_view before = pool[0];
  const auto kept = pool.keep_alive();
  pool.add("u2");
  EXPECT_NE(pool[0].data(), before.data());  // written: a storage of its own
  EXPECT_EQ(copy.size(), 1u);
  EXPECT_EQ(copy[0].data(), before.data());
  EXPECT_EQ(pool[1], "u2");

  StringPool alone;
  alone.add("x");
  const std::string_view x = alone[0];
  const auto x_kept = alone.keep_alive();
  alone = StringPool{};
  EXPECT_EQ(x, "x");  // still readable: x_kept holds it
}

// Strings of one width can drop their offsets; a string of another width added after brings them back.
TEST(StringPool, StringsOfOneWidthNeedNoOffsets) {
  StringPool pool;
  EXPECT_EQ(pool.common_width(), 0u);  // empty
  for (const char* id : {"aa", "bb", "cc"}) pool.add(id);
  EXPECT_EQ(pool.common_width(), 2u);
  const StringPool copy = pool;
  EXPECT_FALSE(pool.make_uniform(4));  // 6 bytes are not a whole number of 4-byte strings
  ASSERT_TRUE(pool.make_uniform(2));
  EXPECT_TRUE(pool.offsets().empty());
  EXPECT_TRUE(pool.well_formed());
  EXPECT_EQ(pool.size(), 3u);
  EXPECT_EQ(pool[1], "bb");
  EXPECT_EQ(copy.uniform_width(), 0u);  // a copy is not changed
  EXPECT_EQ(copy[2], "cc");
  EXPECT_EQ(pool.add("long"), 3u);
  EXPECT_EQ(pool.uniform_width(), 0u);
  EXPECT_EQ(pool.common_width(), 0u);
  EXPECT_EQ(pool[0], "aa");
  EXPECT_EQ(pool[2], "cc");
  EXPECT_EQ(pool[3], "long");
  EXPECT_TRUE(pool.well_formed());
  StringPool empties;
  empties.add("");
  empties.add("");
  EXPECT_EQ(empties.common_width(), 0u);  // width 0 is not uniform: its count would be lost
}

}  // namespace
}  // namespace tenantreach::graph

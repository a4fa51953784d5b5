#include "core/string_arena.hpp"

#include <gtest/gtest.h>

#include "core/text.hpp"

#include <sstream>
#include <string>
#include <vector>

namespace tenantreach::core {
namespace {

TEST(ToLower, IntoABufferLowersAsciiOnlyAndReusesTheBuffer) {
  std::string buffer;
  EXPECT_EQ(to_lower("Ada@Contoso.COM", buffer), "ada@contoso.com");
  EXPECT_EQ(to_lower("\xC3\x89X", buffer), "\xC3\x89x");  // UTF-8 bytes stay as they are
  EXPECT_EQ(buffer, "\xC3\x89x");
  EXPECT_EQ(to_lower("", buffer), "");
}

TEST(StringArena, TextsReadBackWhatWasAdded) {
  StringArena strings;
  const Text a = strings.add("Alice@Contoso.com");
  const Text empty = strings.add("");
  EXPECT_EQ(a, "Alice@Contoso.com");
  EXPECT_EQ(a.size(), 17u);
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(empty, "");
  EXPECT_EQ(Text{}, empty);
  EXPECT_EQ(strings.add_lower("Alice@Contoso.COM"), "alice@contoso.com");
}

// Many strings fill many blocks: every Text keeps pointing at its own bytes.
TEST(StringArena, TextsStayValidAsBlocksAreAdded) {
  StringArena strings;
  std::vector<Text> texts;
  for (int i = 0; i < 20000; ++i) texts.push_back(strings.add("user-" + std::to_string(i) + "@example.com"));
  for (int i = 0; i < 20000; ++i) ASSERT_EQ(texts[static_cast<std::size_t>(i)], "user-" + std::to_string(i) + "@example.com");
  EXPECT_GE(strings.allocated_bytes(), std::size_t{20000} * 20);
}

// The 16 bits of size in a Text end at 65,534: longer strings carry their size in the arena.
TEST(StringArena, StringsOfAnySize) {
  StringArena strings;
  for (std::size_t size : {std::size_t{65534}, std::size_t{65535}, std::size_t{65536}, std::size_t{1} << 20}) {
    const std::string text(size, 'x');
    const Text stored = strings.add(text);
    EXPECT_EQ(stored.size(), size);
    EXPECT_EQ(stored, text);
  }
  EXPECT_EQ(strings.add("after"), "after");  // the block in use was not consumed by the large ones
}

TEST(StringArena, AdoptedTextsOutliveTheirArena) {
  StringArena kept;
  Text moved;
  {
    StringArena range;
    moved = range.add("parsed by another thread");
    kept.adopt(std::move(range));
  }
  EXPECT_EQ(moved, "parsed by another thread");
  EXPECT_EQ(kept.add("more"), "more");
}

// refer() points a Text at bytes kept elsewhere and keeps their owner alive as long as the arena, or the arena
// that adopts it; a string too long to carry its size in the Text is copied.
TEST(StringArena, ReferredTextsKeepTheirOwnerAlive) {
  auto owner = std::make_shared<std::string>("outside-id");
  const std::weak_ptr<std::string> watch = owner;
  Text text, long_text;
  const std::string long_string(70000, 'x');  // over the 65,535 bytes a Text can size itself
  {
    StringArena adopter;
    {
      StringArena strings;
      text = strings.refer(*owner, owner);
      EXPECT_EQ(text.data(), owner->data());  // not copied
      strings.refer(*owner, owner);           // the same owner is held once
      long_text = strings.refer(long_string, owner);
      EXPECT_NE(long_text.data(), long_string.data());
      EXPECT_TRUE(strings.refer("", owner).empty());
      adopter.adopt(std::move(strings));
    }
    owner.reset();
    EXPECT_FALSE(watch.expired());
    EXPECT_EQ(text, "outside-id");
    EXPECT_EQ(long_text, long_string);
  }
  EXPECT_TRUE(watch.expired());
}

TEST(StringArena, TextsCompareAndPrintAsStrings) {
  StringArena strings;
  const Text b = strings.add("b");
  const Text a = strings.add("a");
  EXPECT_LT(a, b);
  EXPECT_EQ(b, std::string("b"));
  EXPECT_EQ("x" + b + "y", "xby");
  std::ostringstream out;
  out << a;
  EXPECT_EQ(out.str(), "a");
}

}  // namespace
}  // namespace tenantreach::core

// Splitting a `.jsonl` text into line ranges for parallel parsing (core/json_collection.hpp): the ranges cover the
// text in order, cut only after a newline, and number their first lines as a serial read would.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/json_collection.hpp"

namespace tenantreach::core::json {
namespace {

std::string lines_of(std::size_t count, std::size_t width) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) text += std::string(width - 1 + i % 3, 'x') + "\n";
  return text;
}

void expect_whole_lines_in_order(const std::string& text, const std::vector<LineRange>& ranges) {
  std::size_t next = 0, line = 1;
  for (const LineRange& range : ranges) {
    EXPECT_EQ(range.begin, next);
    EXPECT_LT(range.begin, range.end);
    EXPECT_EQ(range.first_line, line);
    if (range.end < text.size()) {
      EXPECT_EQ(text[range.end - 1], '\n') << "a range ends inside a line";
    }
    const auto newlines = static_cast<std::size_t>(std::count(text.begin() + range.begin, text.begin() + range.end, '\n'));
    EXPECT_EQ(range.newlines, newlines);
    line += newlines;
    next = range.end;
  }
  EXPECT_EQ(next, text.size());
}

TEST(SplitLines, RangesCoverTheTextInWholeLinesNumberedFromOne) {
  for (std::size_t parts : {1, 2, 3, 7, 64}) {
    const std::string text = lines_of(1000, 20);
    const std::vector<LineRange> ranges = split_lines(text, parts);
    EXPECT_LE(ranges.size(), parts);
    EXPECT_GE(ranges.size(), std::min<std::size_t>(parts, 2));
    expect_whole_lines_in_order(text, ranges);
  }
}

TEST(SplitLines, ALastLineWithoutNewlineAndLinesLongerThanAPartStayWhole) {
  const std::string text = std::string(500, 'a') + "\n" + std::string(10, 'b') + "\n" + std::string(700, 'c');
  const std::vector<LineRange> ranges = split_lines(text, 8);
  expect_whole_lines_in_order(text, ranges);
  ASSERT_EQ(ranges.size(), 2u);  // the first cut falls in the long first line; the second, past the last newline
  EXPECT_EQ(ranges.back().first_line, 2u);
}

TEST(SplitLines, AnEmptyTextHasNoRange) { EXPECT_TRUE(split_lines("", 4).empty()); }

}  // namespace
}  // namespace tenantreach::core::json

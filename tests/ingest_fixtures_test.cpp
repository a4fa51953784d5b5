// The shared fixtures: every bad-input world fails with an InputError naming what its expect.json lists
// (R1.3); every random world loads (R1.1).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/ingest.hpp"
#include "core/text.hpp"

namespace tenantreach::core {
namespace {

namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(TENANTREACH_SHARED_DIR) / "fixtures";

std::vector<fs::path> fixture_dirs(const fs::path& root) {
  std::vector<fs::path> dirs;
  std::error_code ec;
  for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_directory() && fs::is_directory(it->path() / "world")) dirs.push_back(it->path());
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

// The strings of expect.json's "stderrContains" list (plain JSON strings, simple escapes).
std::vector<std::string> stderr_contains(const fs::path& expect) {
  std::ifstream in(expect);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::vector<std::string> out;
  std::size_t key = text.find("\"stderrContains\"");
  if (key == std::string::npos) return out;
  std::size_t open = text.find('[', key);
  std::size_t close = text.find(']', open);
  if (open == std::string::npos || close == std::string::npos) return out;
  for (std::size_t i = open + 1; i < close; ++i) {
    if (text[i] != '"') continue;
    std::string item;
    for (++i; i < close && text[i] != '"'; ++i) {
      if (text[i] == '\\' && i + 1 < close) ++i;
      item += text[i];
    }
    out.push_back(item);
  }
  return out;
}

TEST(IngestFixturesR1_3, BadInputWorldsFailWithTheExpectedMessage) {
  const auto dirs = fixture_dirs(kFixtures / "bad-input");
  ASSERT_FALSE(dirs.empty()) << "no fixtures under " << kFixtures;
  for (const fs::path& dir : dirs) {
    SCOPED_TRACE(dir.filename().string());
    const auto expected = stderr_contains(dir / "expect.json");
    EXPECT_FALSE(expected.empty());
    try {
      load_world(dir / "world");
      ADD_FAILURE() << "loaded without an InputError";
    } catch (const InputError& error) {
      for (const std::string& needle : expected) {
        EXPECT_TRUE(icontains(error.what(), needle)) << "message: " << error.what() << "\nmissing: " << needle;
      }
    }
  }
}

TEST(IngestFixturesR1_1, RandomWorldsLoad) {
  const auto dirs = fixture_dirs(kFixtures / "random");
  ASSERT_FALSE(dirs.empty()) << "no fixtures under " << kFixtures;
  for (const fs::path& dir : dirs) {
    SCOPED_TRACE(dir.filename().string());
    try {
      World world = load_world(dir / "world");
      EXPECT_FALSE(world.tenants.empty());
    } catch (const InputError& error) {
      ADD_FAILURE() << error.what();
    }
  }
}

}  // namespace
}  // namespace tenantreach::core

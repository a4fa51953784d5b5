// R1.3 "bad input is reported, never guessed past" and "never crash": a shared fixture world with one file
// damaged at random (bytes flipped, deleted, duplicated, or the file cut short) either loads and compiles or
// is refused with core::InputError naming a file, never anything else. Seeds are fixed; under the sanitizer
// build this also checks that no damage makes ingest read out of bounds.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/error.hpp"
#include "core/ingest.hpp"
#include "graph/compiled_world.hpp"
#include "support/fixtures.hpp"

namespace tenantreach {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> files_under(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) files.push_back(fs::relative(entry.path(), dir));
  std::sort(files.begin(), files.end());
  return files;
}

// One random edit of `text`, of the kinds a truncated download or a hand edit produces.
std::string damaged(std::string text, std::mt19937_64& random) {
  if (text.empty()) return "{";
  const std::size_t at = random() % text.size();
  switch (random() % 5) {
    case 0: text[at] = static_cast<char>(random() % 256); break;                  // any byte
    case 1: text[at] = "{}[]\",:0a \n\\"[random() % 12]; break;                   // a JSON-significant one
    case 2: text.erase(at, 1 + random() % 16); break;                             // bytes lost
    case 3: text.insert(at, text.substr(at, 1 + random() % 32)); break;           // bytes repeated
    default: text.resize(at); break;                                              // cut short
  }
  return text;
}

TEST(IngestMutationR1_3, DamagedFilesLoadOrAreRefusedNeverAnythingElse) {
  const fs::path source = testing::shared_dir() / "fixtures" / "random" / "seed-1002" / "world";
  const std::vector<fs::path> files = files_under(source);
  ASSERT_FALSE(files.empty());
  std::mt19937_64 random(20261123);
  int refused = 0;
  for (int round = 0; round < 150; ++round) {
    testing::TempDir dir;
    const fs::path world = dir.path() / "world";
    fs::copy(source, world, fs::copy_options::recursive);
    const fs::path victim = world / files[random() % files.size()];
    const std::string text = damaged(testing::read_file(victim), random);
    std::ofstream(victim, std::ios::binary | std::ios::trunc) << text;
    try {
      const graph::CompiledWorld compiled = graph::compile(core::load_world(world));
      EXPECT_GT(compiled.graph.vertex_count(), 0u);
    } catch (const core::InputError& error) {
      ++refused;
      EXPECT_FALSE(error.file().empty()) << "round " << round << ": " << error.what();
    } catch (const std::exception& error) {
      ADD_FAILURE() << "round " << round << " (" << victim.filename() << "): not an InputError: " << error.what();
    }
  }
  EXPECT_GT(refused, 50);  // most damage must be noticed, or the edits are not reaching the parser
}

}  // namespace
}  // namespace tenantreach

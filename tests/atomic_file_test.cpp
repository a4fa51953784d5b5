// Output files (issue 10, "nothing left behind"): an AtomicFile leaves either the whole file or nothing, a
// failure names the OS reason, check_output_path refuses a bad -o before any work, and the temporary files
// registered for a signal handler are the ones it removes.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include <sys/resource.h>
#include <unistd.h>

#include "serialization/atomic_file.hpp"
#include "serialization/temporary_files.hpp"
#include "support/fixtures.hpp"

namespace tenantreach {
namespace {

namespace fs = std::filesystem;
using serialization::AtomicFile;
using serialization::check_output_path;

fs::path temporary_of(const fs::path& target) { return target.string() + ".tmp-" + std::to_string(::getpid()); }

// The message of the std::runtime_error that `action` throws ("" when it throws none).
template <typename Action> std::string error_of(Action action) {
  try {
    action();
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  return "";
}

TEST(AtomicFile, CommitRenamesTheWholeFileIntoPlace) {
  testing::TempDir dir;
  const fs::path target = dir.path() / "a.jsonl";
  AtomicFile file(target);
  file.write("one\n");
  file.write("two\n");
  EXPECT_FALSE(fs::exists(target));
  file.commit();
  EXPECT_EQ(testing::read_file(target), "one\ntwo\n");
  EXPECT_FALSE(fs::exists(temporary_of(target)));
}

TEST(AtomicFile, DestroyedWithoutCommitRemovesItsTemporaryFile) {
  testing::TempDir dir;
  const fs::path target = dir.path() / "a.jsonl";
  {
    AtomicFile file(target);
    file.write("half of it");
    EXPECT_TRUE(fs::exists(temporary_of(target)));
  }
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(AtomicFile, ACreationFailureNamesTheTargetAndTheOsReason) {
  testing::TempDir dir;
  const fs::path target = dir.path() / "nodir" / "a.jsonl";
  EXPECT_EQ(error_of([&] { AtomicFile file(target); }),
            "cannot write " + target.string() + ": No such file or directory");
}

TEST(AtomicFile, AWriteFailureNamesTheOsReasonAtOnceAndLeavesNothing) {
  testing::TempDir dir;
  const fs::path target = dir.path() / "a.jsonl";
  // A file size limit makes the write fail (EFBIG) as a full disk would (ENOSPC); SIGXFSZ would kill the test.
  rlimit saved{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  const auto saved_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit small = saved;
  small.rlim_cur = 4096;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  const std::string error = error_of([&] {
    AtomicFile file(target);
    const std::string block(1 << 16, 'x');
    for (int i = 0; i < 16; ++i) file.write(block);
  });
  ::setrlimit(RLIMIT_FSIZE, &saved);
  std::signal(SIGXFSZ, saved_handler);
  EXPECT_EQ(error, "cannot write " + target.string() + ": File too large");
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(AtomicFile, ARenameFailureNamesTheOsReasonAndLeavesNothing) {
  testing::TempDir dir;
  const fs::path target = dir.path() / "taken";
  fs::create_directories(target / "inside");
  const std::string error = error_of([&] {
    AtomicFile file(target);
    file.write("data");
    file.commit();
  });
  EXPECT_EQ(error, "cannot write " + target.string() + ": Is a directory");
  EXPECT_FALSE(fs::exists(temporary_of(target)));
}

TEST(CheckOutputPath, AcceptsANewOrExistingFileInAWritableDirectory) {
  testing::TempDir dir;
  EXPECT_NO_THROW(check_output_path(dir.path() / "new.jsonl"));
  std::ofstream(dir.path() / "old.jsonl") << "x";
  EXPECT_NO_THROW(check_output_path(dir.path() / "old.jsonl"));
  EXPECT_NO_THROW(check_output_path("relative-name-in-the-working-directory.jsonl"));
}

TEST(CheckOutputPath, RefusesADirectory) {
  testing::TempDir dir;
  EXPECT_EQ(error_of([&] { check_output_path(dir.path()); }), "cannot write " + dir.path().string() + ": is a directory");
}

TEST(CheckOutputPath, RefusesAMissingParentDirectory) {
  testing::TempDir dir;
  const fs::path path = dir.path() / "nodir" / "a.jsonl";
  EXPECT_EQ(error_of([&] { check_output_path(path); }),
            "cannot write " + path.string() + ": directory " + (dir.path() / "nodir").string() + " does not exist");
}

TEST(CheckOutputPath, RefusesAParentThatIsAFile) {
  testing::TempDir dir;
  std::ofstream(dir.path() / "file") << "x";
  const fs::path path = dir.path() / "file" / "a.jsonl";
  EXPECT_EQ(error_of([&] { check_output_path(path); }),
            "cannot write " + path.string() + ": " + (dir.path() / "file").string() + " is not a directory");
}

TEST(CheckOutputPath, RefusesAParentThatIsNotWritable) {
  if (::geteuid() == 0) GTEST_SKIP() << "root may write into any directory";
  testing::TempDir dir;
  const fs::path locked = dir.path() / "locked";
  fs::create_directory(locked);
  fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
  const fs::path path = locked / "a.jsonl";
  const std::string error = error_of([&] { check_output_path(path); });
  fs::permissions(locked, fs::perms::owner_all);
  EXPECT_EQ(error, "cannot write " + path.string() + ": directory " + locked.string() +
                       " is not writable (Permission denied)");
}

TEST(CheckOutputPath, RefusesAnEmptyName) {
  EXPECT_EQ(error_of([] { check_output_path(""); }), "cannot write an output file with an empty name");
}

TEST(TemporaryFiles, TheSignalCleanupRemovesTheRegisteredFilesAndNoOthers) {
  testing::TempDir dir;
  const fs::path registered = dir.path() / "registered.tmp";
  const fs::path released = dir.path() / "released.tmp";
  const fs::path unregistered = dir.path() / "unregistered.tmp";
  serialization::RegisteredTemporaryFile keep_registered(registered);
  serialization::RegisteredTemporaryFile to_release(released);
  to_release.release();
  for (const fs::path& file : {registered, released, unregistered}) std::ofstream(file) << "x";
  // What a SIGINT/SIGTERM handler does. Its slot stays taken afterwards, as in a process about to exit.
  serialization::remove_registered_temporary_files();
  EXPECT_FALSE(fs::exists(registered));
  EXPECT_TRUE(fs::exists(released));
  EXPECT_TRUE(fs::exists(unregistered));
}

}  // namespace
}  // namespace tenantreach

// SIGTERM or SIGINT during `audit -o` removes the temporary file and exits with 143 or 130 (issue 10, "nothing
// left behind"). The real command runs on a generated world and is stopped mid-write, deterministically: its
// temporary file (<target>.tmp-<pid>) is made a FIFO before it starts, and the test reads from it only enough to
// know the audit is writing. The audit's output is many times the pipe's capacity, so the command is then
// blocked in a write, its temporary file open, when the signal arrives.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "worldgen/generator.hpp"
#include "worldgen/world_writer.hpp"
#include "support/fixtures.hpp"

namespace tenantreach {
namespace {

namespace fs = std::filesystem;

// Starts `tenantreach arguments...` with stdout and stderr discarded, held until release() so the caller can
// prepare files that depend on its pid.
class HeldCommand {
 public:
  explicit HeldCommand(const std::vector<std::string>& arguments) {
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(TENANTREACH_CLI));
    for (const std::string& argument : arguments) argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    int go[2];
    if (::pipe(go) != 0) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ == 0) {  // only async-signal-safe calls between fork and exec
      ::close(go[1]);
      char byte;
      if (::read(go[0], &byte, 1) != 1) ::_exit(126);
      const int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, STDOUT_FILENO);
      ::dup2(null, STDERR_FILENO);
      ::execv(TENANTREACH_CLI, argv.data());
      ::_exit(127);
    }
    ::close(go[0]);
    go_ = go[1];
  }
  ~HeldCommand() {
    if (go_ >= 0) ::close(go_);
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  pid_t pid() const { return pid_; }
  void release() {
    ASSERT_EQ(::write(go_, "g", 1), 1);
    ::close(go_);
    go_ = -1;
  }
  // The wait status, once the command has exited (blocking when `block`), else nothing.
  std::optional<int> wait(bool block) {
    int status = 0;
    if (::waitpid(pid_, &status, block ? 0 : WNOHANG) != pid_) return std::nullopt;
    exited_ = true;
    return status;
  }

 private:
  pid_t pid_ = -1;
  int go_ = -1;
  bool exited_ = false;
};

class SignalCleanup : public ::testing::TestWithParam<int> {};

TEST_P(SignalCleanup, ASignalDuringAuditOutputRemovesTheTemporaryFileAndExitsWith128PlusItsNumber) {
  const int signal_number = GetParam();
  testing::TempDir scratch;
  const fs::path world = scratch.path() / "world";
  worldgen::write_world(worldgen::generate_world({"tiny", 1}), world);  // its audit --principals writes about 170 KB
  const fs::path out_dir = scratch.path() / "out";
  fs::create_directory(out_dir);

  HeldCommand audit({"audit", world.string(), "--principals", "-o", (out_dir / "a.jsonl").string()});
  const std::string temporary = (out_dir / ("a.jsonl.tmp-" + std::to_string(audit.pid()))).string();
  ASSERT_EQ(::mkfifo(temporary.c_str(), 0600), 0);
  // Opened before the command runs, so its open() for writing does not wait for a reader.
  const int reader = ::open(temporary.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(reader, 0);
  ASSERT_GE(::fcntl(reader, F_SETPIPE_SZ, 4096), 0);
  audit.release();

  // Wait for the first bytes of the audit.
  pollfd readable{reader, POLLIN, 0};
  for (int waited_ms = 0; ::poll(&readable, 1, 100) == 0; waited_ms += 100) {
    ASSERT_FALSE(audit.wait(false).has_value()) << "the audit ended before it wrote anything";
    ASSERT_LT(waited_ms, 120'000) << "the audit wrote nothing in two minutes";
  }
  char first_bytes[16];
  ASSERT_GT(::read(reader, first_bytes, sizeof first_bytes), 0);

  ASSERT_EQ(::kill(audit.pid(), signal_number), 0);
  const int status = *audit.wait(true);
  ::close(reader);  // only now: closing it earlier would kill a writing command with SIGPIPE
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status) << " instead of exiting";
  EXPECT_EQ(WEXITSTATUS(status), 128 + signal_number);
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(out_dir)) left.push_back(entry.path().filename().string());
  EXPECT_EQ(left, std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(TermAndInt, SignalCleanup, ::testing::Values(SIGTERM, SIGINT),
                         [](const ::testing::TestParamInfo<int>& info) {
                           return std::string(info.param == SIGTERM ? "SIGTERM" : "SIGINT");
                         });

}  // namespace
}  // namespace tenantreach

// Where the shared fixtures live, and running the tenantreach binary from tests.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace tenantreach::testing {

std::filesystem::path shared_dir();
// The sub-directories of shared/fixtures/<kind>, sorted, as names (e.g. "seed-1001").
std::vector<std::string> fixture_names(const std::string& kind);

std::string read_file(const std::filesystem::path& path);

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the tenantreach binary with `arguments` (each quoted for the shell), capturing both streams.
CommandResult run_cli(const std::vector<std::string>& arguments);
// The same with another program file (a copy of the binary, say).
CommandResult run_program(const std::filesystem::path& program, const std::vector<std::string>& arguments);

// A fresh directory under the system temporary directory, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace tenantreach::testing

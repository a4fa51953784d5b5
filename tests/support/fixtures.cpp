#include "support/fixtures.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

#include <sys/wait.h>
#include <unistd.h>

namespace tenantreach::testing {
namespace {

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::filesystem::path shared_dir() { return TENANTREACH_SHARED_DIR; }

std::vector<std::string> fixture_names(const std::string& kind) {
  std::vector<std::string> names;
  const auto dir = shared_dir() / "fixtures" / kind;
  if (!std::filesystem::is_directory(dir)) return names;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

CommandResult run_cli(const std::vector<std::string>& arguments) { return run_program(TENANTREACH_CLI, arguments); }

CommandResult run_program(const std::filesystem::path& program, const std::vector<std::string>& arguments) {
  TempDir scratch;
  std::string command = quoted(program.string());
  for (const std::string& argument : arguments) command += " " + quoted(argument);
  command += " > " + quoted((scratch.path() / "out").string()) + " 2> " + quoted((scratch.path() / "err").string());
  const int status = std::system(command.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = read_file(scratch.path() / "out");
  result.err = read_file(scratch.path() / "err");
  return result;
}

TempDir::TempDir() {
  static std::atomic<unsigned> counter{0};
  std::random_device entropy;
  path_ = std::filesystem::temp_directory_path() /
          ("tenantreach-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
           std::to_string(entropy()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace tenantreach::testing

// The temporary files of the AtomicFiles that are open, kept where a signal handler can find them: a fixed table
// of path buffers, claimed and released with atomics, never allocated or locked. The library installs no
// handler (embedders decide what a signal does); one that wants an interrupted run to leave nothing behind
// calls remove_registered_temporary_files() from its SIGINT/SIGTERM handler, as the CLI does
// (cli/signal_cleanup.cpp).
#pragma once

#include <filesystem>

namespace tenantreach::serialization {

// Registers `path` (made absolute, so a later chdir does not matter) for the lifetime of this object, or until
// release(). Register before creating the file: a signal between creating and registering would leave it behind.
// When all slots are taken, or the path is longer than PATH_MAX, the file is simply not registered: it is then
// still removed by AtomicFile on every ordinary exit path, only not on a signal.
class RegisteredTemporaryFile {
 public:
  explicit RegisteredTemporaryFile(const std::filesystem::path& path);
  ~RegisteredTemporaryFile() { release(); }
  RegisteredTemporaryFile(const RegisteredTemporaryFile&) = delete;
  RegisteredTemporaryFile& operator=(const RegisteredTemporaryFile&) = delete;

  void release();

 private:
  int slot_ = -1;
};

// Unlinks every registered file. Async-signal-safe: only atomics and unlink(2).
void remove_registered_temporary_files() noexcept;

}  // namespace tenantreach::serialization

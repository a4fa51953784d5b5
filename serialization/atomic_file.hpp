// Writes a file so that readers see either nothing or the whole of it: the data goes to a temporary file
// beside the target (<target>.tmp-<pid>), which commit() renames over it. A writer destroyed without commit()
// removes its temporary file, so a failed run leaves nothing half-written (R1.3). The temporary file is also
// registered for removal by a signal handler (serialization/temporary_files.hpp), for embedders that install one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "serialization/temporary_files.hpp"

namespace tenantreach::serialization {

// Throws std::runtime_error naming `path` and the problem when no file can be written there: the path is empty,
// names a directory, or its parent directory does not exist, is not a directory or is not writable. For callers
// to check an output before spending minutes on the work that fills it.
void check_output_path(const std::filesystem::path& path);

class AtomicFile {
 public:
  // Throws std::runtime_error ("cannot write <target>: <OS reason>") when the temporary file cannot be created.
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  // Throws std::runtime_error with the OS reason as soon as a write fails (a full disk), not at commit().
  void write(std::string_view data);
  // Overwrites bytes written before, at `offset`; later writes go on at the end.
  void write_at(std::uint64_t offset, std::string_view data);
  // Flushes, checks every write succeeded, and renames into place. Throws std::runtime_error, with the OS
  // reason, on failure.
  void commit();

 private:
  [[noreturn]] void fail(int error) const;

  std::filesystem::path target_;
  std::filesystem::path temporary_;
  RegisteredTemporaryFile registration_;  // before stream_: registered before the file exists
  std::ofstream stream_;
  bool committed_ = false;
};

}  // namespace tenantreach::serialization

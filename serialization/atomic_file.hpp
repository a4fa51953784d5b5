// Writes a file so that readers see either nothing or the whole of it: the data goes to a temporary file
// beside the target, which commit() renames over it. A writer destroyed without commit() removes its
// temporary file, so a failed run leaves nothing half-written (R1.3).
#pragma once

#include <filesystem>
#include <fstream>
#include <string_view>

namespace tenantreach::serialization {

class AtomicFile {
 public:
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ofstream& stream() { return stream_; }
  void write(std::string_view data) { stream_.write(data.data(), static_cast<std::streamsize>(data.size())); }
  // Flushes, checks every write succeeded, and renames into place. Throws std::runtime_error on failure.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temporary_;
  std::ofstream stream_;
  bool committed_ = false;
};

}  // namespace tenantreach::serialization

#include "serialization/atomic_file.hpp"

#include <cerrno>
#include <stdexcept>
#include <system_error>

#include <unistd.h>

namespace tenantreach::serialization {
namespace {

std::string os_reason(int error) { return std::generic_category().message(error); }

}  // namespace

void check_output_path(const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  if (path.empty()) throw std::runtime_error("cannot write an output file with an empty name");
  const std::string cannot = "cannot write " + path.string() + ": ";
  std::error_code error;
  if (fs::is_directory(path, error)) throw std::runtime_error(cannot + "is a directory");
  const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const fs::file_status status = fs::status(parent, error);
  if (error && error != std::errc::no_such_file_or_directory)
    throw std::runtime_error(cannot + parent.string() + ": " + error.message());
  if (!fs::exists(status)) throw std::runtime_error(cannot + "directory " + parent.string() + " does not exist");
  if (!fs::is_directory(status)) throw std::runtime_error(cannot + parent.string() + " is not a directory");
  if (::access(parent.c_str(), W_OK | X_OK) != 0)
    throw std::runtime_error(cannot + "directory " + parent.string() + " is not writable (" + os_reason(errno) + ")");
}

AtomicFile::AtomicFile(std::filesystem::path target)
    : target_(std::move(target)),
      temporary_(target_.string() + ".tmp-" + std::to_string(::getpid())),
      registration_(temporary_) {
  errno = 0;
  stream_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!stream_) fail(errno);
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  stream_.close();
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

void AtomicFile::write(std::string_view data) {
  stream_.write(data.data(), static_cast<std::streamsize>(data.size()));
  if (!stream_) fail(errno);
}

void AtomicFile::write_at(std::uint64_t offset, std::string_view data) {
  stream_.seekp(static_cast<std::streamoff>(offset));
  write(data);
  stream_.seekp(0, std::ios::end);
  if (!stream_) fail(errno);
}

void AtomicFile::commit() {
  stream_.flush();
  if (!stream_) fail(errno);
  stream_.close();
  if (!stream_) fail(errno);
  std::error_code error;
  std::filesystem::rename(temporary_, target_, error);
  if (error) fail(error.value());
  registration_.release();
  committed_ = true;
}

void AtomicFile::fail(int error) const {
  throw std::runtime_error("cannot write " + target_.string() + ": " +
                           (error != 0 ? os_reason(error) : std::string("the write failed")));
}

}  // namespace tenantreach::serialization

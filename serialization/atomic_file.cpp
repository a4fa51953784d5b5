#include "serialization/atomic_file.hpp"

#include <stdexcept>
#include <system_error>

#include <unistd.h>

namespace tenantreach::serialization {

AtomicFile::AtomicFile(std::filesystem::path target)
    : target_(std::move(target)),
      temporary_(target_.string() + ".tmp-" + std::to_string(::getpid())),
      stream_(temporary_, std::ios::binary | std::ios::trunc) {
  if (!stream_) throw std::runtime_error("cannot write " + temporary_.string());
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  stream_.close();
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

void AtomicFile::commit() {
  stream_.flush();
  stream_.close();
  if (!stream_) throw std::runtime_error("writing " + temporary_.string() + " failed");
  std::filesystem::rename(temporary_, target_);
  committed_ = true;
}

}  // namespace tenantreach::serialization

#include "export/staging.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace tenantreach::exporter {
namespace {

[[noreturn]] void fail(const std::string& what, const fs::path& path) {
  throw std::runtime_error("cannot " + what + " " + path.string() + ": " + std::strerror(errno));
}

std::FILE* open_private(const fs::path& path, int flags, const char* mode) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0600);
  if (fd < 0) fail("create", path);
  std::FILE* file = ::fdopen(fd, mode);
  if (file == nullptr) {
    ::close(fd);
    fail("open", path);
  }
  return file;
}

}  // namespace

fs::path tenant_dir(const fs::path& world, const std::string& tenant_id) { return world / "tenants" / tenant_id; }

fs::path staging_dir(const fs::path& world, const std::string& tenant_id) {
  return world / "tenants" / ("." + tenant_id + ".export-partial");
}

void create_private_dir(const fs::path& dir) {
  if (dir.empty() || fs::is_directory(dir)) return;
  create_private_dir(dir.parent_path());
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) fail("create the directory", dir);
}

void write_file_atomically(const fs::path& file, const std::string& content) {
  create_private_dir(file.parent_path());
  const fs::path temporary = file.string() + ".tmp";
  std::FILE* out = open_private(temporary, O_WRONLY | O_CREAT | O_TRUNC, "w");
  const bool written = std::fwrite(content.data(), 1, content.size(), out) == content.size();
  if (std::fclose(out) != 0 || !written) fail("write", temporary);
  if (::rename(temporary.c_str(), file.c_str()) != 0) fail("rename into place", file);
}

void install_tenant(const fs::path& staging, const fs::path& target) {
  if (fs::exists(target)) {
    if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) != 0)
      fail("swap in the new tenant folder", target);
    fs::remove_all(staging);  // now the previous export
    return;
  }
  if (::rename(staging.c_str(), target.c_str()) != 0) fail("move the tenant folder into place", target);
}

StreamedFile::StreamedFile(fs::path file, std::uint64_t resume_at_bytes)
    : file_(std::move(file)), part_(file_.string() + ".part"), bytes_(resume_at_bytes) {
  create_private_dir(file_.parent_path());
  out_ = open_private(part_, O_WRONLY | O_CREAT, "w");
  if (::ftruncate(::fileno(out_), static_cast<off_t>(resume_at_bytes)) != 0) fail("truncate", part_);
  if (std::fseek(out_, static_cast<long>(resume_at_bytes), SEEK_SET) != 0) fail("seek in", part_);
}

StreamedFile::~StreamedFile() {
  if (out_ != nullptr) std::fclose(out_);
}

void StreamedFile::write_line(const std::string& line) {
  if (std::fwrite(line.data(), 1, line.size(), out_) != line.size() || std::fputc('\n', out_) == EOF)
    fail("write", part_);
  bytes_ += line.size() + 1;
}

std::uint64_t StreamedFile::flush() {
  if (std::fflush(out_) != 0) fail("write", part_);
  return bytes_;
}

void StreamedFile::finish() {
  flush();
  if (std::fclose(out_) != 0) fail("write", part_);
  out_ = nullptr;
  if (::rename(part_.c_str(), file_.c_str()) != 0) fail("rename into place", file_);
}

}  // namespace tenantreach::exporter

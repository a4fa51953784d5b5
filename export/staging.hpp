// Where a tenant is written while it is exported, and how it goes into place: a private staging folder beside
// the tenant's folder (hidden from the ingest by its leading dot), files written to a temporary name and
// renamed, and the whole folder swapped in with one rename at the end. Everything is owner-only: it holds
// personal data.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

namespace tenantreach::exporter {

namespace fs = std::filesystem;

fs::path tenant_dir(const fs::path& world, const std::string& tenant_id);
fs::path staging_dir(const fs::path& world, const std::string& tenant_id);

// Creates `dir` and its missing parents with mode 0700 (existing parents are left as they are).
void create_private_dir(const fs::path& dir);

// Writes `content` to `file` through a temporary file beside it, mode 0600.
void write_file_atomically(const fs::path& file, const std::string& content);

// Puts `staging` in the place of `target` in one rename (an existing target is swapped out, then removed), so
// a reader sees the old tenant or the new one, never a mix.
void install_tenant(const fs::path& staging, const fs::path& target);

// A file written line by line, kept as "<name>.part" until finish(): an interrupted export can reopen it
// at the length its checkpoint recorded and continue.
class StreamedFile {
 public:
  StreamedFile(fs::path file, std::uint64_t resume_at_bytes);
  ~StreamedFile();
  StreamedFile(const StreamedFile&) = delete;
  StreamedFile& operator=(const StreamedFile&) = delete;

  void write_line(const std::string& line);
  // Flushes to the kernel and returns the length so far: what a checkpoint records.
  std::uint64_t flush();
  void finish();

 private:
  fs::path file_;
  fs::path part_;
  std::FILE* out_ = nullptr;
  std::uint64_t bytes_ = 0;
};

}  // namespace tenantreach::exporter

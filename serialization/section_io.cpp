#include "serialization/section_io.hpp"

#include <algorithm>
#include <cerrno>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include "core/error.hpp"

namespace tenantreach::serialization {
namespace {
constexpr std::size_t kBufferSize = 64 * 1024;
using graph::bulk_memory::page_size;

// A private read-only mapping of `length` bytes at `offset` (a multiple of the page size), its pages mapped from
// the page cache in one call rather than a page fault each; nullptr when the file cannot be mapped.
void* populated_mapping(int fd, std::uint64_t offset, std::size_t length) {
  void* block = ::mmap(nullptr, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, static_cast<off_t>(offset));
  return block == MAP_FAILED ? nullptr : block;
}
}  // namespace

ReadOnlyFile::ReadOnlyFile(const std::string& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw core::InputError(path + ": cannot open");
  struct stat info {};
  if (::fstat(fd_, &info) != 0) {
    ::close(fd_);
    throw core::InputError(path + ": cannot read");
  }
  size_ = static_cast<std::uint64_t>(info.st_size);
}

ReadOnlyFile::~ReadOnlyFile() { ::close(fd_); }

std::size_t ReadOnlyFile::read_at(std::uint64_t offset, void* out, std::size_t size) const {
  std::size_t done = 0;
  while (done < size) {
    const ::ssize_t got = ::pread(fd_, static_cast<char*>(out) + done, size - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw core::InputError(path_ + ": cannot read");
    if (got == 0) break;
    done += static_cast<std::size_t>(got);
  }
  return done;
}

void* ReadOnlyFile::map(std::uint64_t offset, std::size_t size) const {
  // Populated read-only (populating a writable private mapping would copy every page), then made writable: a
  // page written later is copied then.
  void* block = populated_mapping(fd_, offset, size);
  if (block == nullptr) return nullptr;
  if (::mprotect(block, size, PROT_READ | PROT_WRITE) != 0) {
    ::munmap(block, size);
    return nullptr;
  }
  return block;
}

MappedBytes ReadOnlyFile::view(std::uint64_t offset, std::size_t size) const {
  struct stat info {};
  if (size == 0 || ::fstat(fd_, &info) != 0 || static_cast<std::uint64_t>(info.st_size) < offset + size) return {};
  const std::uint64_t start = offset / page_size() * page_size();
  const std::size_t length = static_cast<std::size_t>(offset - start) + size;
  void* base = populated_mapping(fd_, start, length);
  if (base == nullptr) return {};
  return MappedBytes(base, length, static_cast<std::size_t>(offset - start));
}

MappedBytes::~MappedBytes() {
  if (base_ != nullptr) ::munmap(base_, length_);
}

namespace {
constexpr std::size_t kSinkChunk = std::size_t{1} << 20;

XXH3_state_s* new_state() {
  XXH3_state_s* state = XXH3_createState();
  if (state == nullptr) throw std::bad_alloc();
  XXH3_64bits_reset(state);
  return state;
}
}  // namespace

SectionWriter::SectionWriter() : state_(new_state()) {}

SectionWriter::SectionWriter(std::function<void(std::string_view)> sink) : sink_(std::move(sink)), state_(new_state()) {}

SectionWriter::~SectionWriter() { XXH3_freeState(state_); }

void SectionWriter::raw(const void* data, std::size_t size) {
  XXH3_64bits_update(state_, data, size);
  size_ += size;
  if (sink_ && size >= kSinkChunk) {
    finish();
    sink_({static_cast<const char*>(data), size});
    return;
  }
  bytes_.append(static_cast<const char*>(data), size);
  if (sink_ && bytes_.size() >= kSinkChunk) finish();
}

void SectionWriter::zeros(std::size_t size) {
  const std::string padding(size, '\0');
  raw(padding.data(), padding.size());
}

void SectionWriter::finish() {
  if (!sink_ || bytes_.empty()) return;
  sink_(bytes_);
  bytes_.clear();
}

std::uint64_t SectionWriter::checksum() const { return XXH3_64bits_digest(state_); }

SectionReader::SectionReader(const ReadOnlyFile& file, std::uint64_t offset, std::uint64_t size, std::string what)
    : file_(file), offset_(offset), size_(size), what_(std::move(what)), buffer_(kBufferSize), state_(XXH3_createState()) {
  if (state_ == nullptr) throw std::bad_alloc();
  XXH3_64bits_reset(state_);
}

SectionReader::~SectionReader() { XXH3_freeState(state_); }

void SectionReader::fail(const std::string& why) const {
  throw core::InputError(file_.path() + ": snapshot is corrupted (" + what_ + ": " + why + ")");
}

void SectionReader::read_direct(void* out, std::size_t size) {
  const std::size_t got = file_.read_at(offset_ + fetched_, out, size);
  if (got != size)
    throw core::InputError(file_.path() + ": snapshot is truncated (" + what_ + " ends early: the file shrank while it was read)");
  XXH3_64bits_update(state_, out, size);
  fetched_ += size;
}

void SectionReader::fill() {
  const std::size_t size = static_cast<std::size_t>(std::min<std::uint64_t>(kBufferSize, size_ - fetched_));
  buffer_begin_ = 0;
  buffer_end_ = 0;
  read_direct(buffer_.data(), size);
  buffer_end_ = size;
}

void SectionReader::read(void* out, std::size_t size) {
  if (size > remaining()) fail("a field runs past the end of the section");
  char* to = static_cast<char*>(out);
  const std::size_t buffered = std::min(size, buffer_end_ - buffer_begin_);
  if (buffered != 0) std::memcpy(to, buffer_.data() + buffer_begin_, buffered);
  buffer_begin_ += buffered;
  consumed_ += buffered;
  to += buffered;
  size -= buffered;
  if (size == 0) return;
  if (size >= kBufferSize) {  // a large array: straight from the file into its place
    read_direct(to, size);
    consumed_ += size;
    return;
  }
  fill();
  std::memcpy(to, buffer_.data(), size);
  buffer_begin_ = size;
  consumed_ += size;
}

void SectionReader::skip(std::size_t size) {
  char scratch[256];
  while (size != 0) {
    const std::size_t part = std::min(size, sizeof scratch);
    read(scratch, part);
    size -= part;
  }
}

void* SectionReader::map(std::size_t size) {
  // Bytes the buffer holds were hashed when it was filled; the mapping hashes the rest, in file order.
  const std::size_t buffered = buffer_end_ - buffer_begin_;
  const std::uint64_t at = offset_ + consumed_;
  if (size > remaining() || buffered > size || at % page_size() != 0) return nullptr;
  void* block = file_.map(at, size);
  if (block == nullptr) return nullptr;
  XXH3_64bits_update(state_, static_cast<const char*>(block) + buffered, size - buffered);
  buffer_begin_ = buffer_end_ = 0;
  consumed_ += size;
  fetched_ = consumed_;
  return block;
}

std::uint64_t SectionReader::finish() {
  if (consumed_ != size_) fail(std::to_string(size_ - consumed_) + " bytes left over");
  return XXH3_64bits_digest(state_);
}

}  // namespace tenantreach::serialization

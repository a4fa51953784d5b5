#include "graph/bulk_memory.hpp"

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <utility>

#include <sys/mman.h>
#include <unistd.h>

namespace tenantreach::graph::bulk_memory {
namespace {

std::atomic<std::size_t> mapped{0};

struct Adoption {
  void* block = nullptr;
  std::size_t bytes = 0;
};
thread_local Adoption adoption;

std::size_t round_up(std::size_t bytes, std::size_t to) { return (bytes + to - 1) / to * to; }

}  // namespace

std::size_t page_size() {
  static const std::size_t size = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  return size;
}

void* allocate(std::size_t bytes) {
  if (bytes < kMappedBlock) {
    if (void* block = std::malloc(bytes == 0 ? 1 : bytes)) return block;
    throw std::bad_alloc();
  }
  if (adoption.block != nullptr && adoption.bytes == bytes) {
    mapped.fetch_add(round_up(bytes, page_size()), std::memory_order_relaxed);
    return std::exchange(adoption.block, nullptr);
  }
  const std::size_t size = round_up(bytes, page_size());
  if (bytes < kHugePage) {
    void* block = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (block == MAP_FAILED) throw std::bad_alloc();
    mapped.fetch_add(size, std::memory_order_relaxed);
    return block;
  }
  // A mapping of its own, starting on a 2 MiB boundary so every whole 2 MiB of it can be a huge page: map 2 MiB
  // more than needed, then unmap the slack on both sides. The advice is only advice (the kernel may have huge
  // pages disabled, or none free), so its failure is not an error.
  void* raw = ::mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto raw_begin = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t begin = round_up(raw_begin, kHugePage);
  if (begin != raw_begin) ::munmap(raw, begin - raw_begin);
  if (const std::uintptr_t slack = raw_begin + kHugePage - begin; slack != 0)
    ::munmap(reinterpret_cast<void*>(begin + size), slack);
#ifdef MADV_HUGEPAGE
  ::madvise(reinterpret_cast<void*>(begin), size, MADV_HUGEPAGE);
#endif
  mapped.fetch_add(size, std::memory_order_relaxed);
  return reinterpret_cast<void*>(begin);
}

void release(void* block, std::size_t bytes) noexcept {
  if (bytes < kMappedBlock) {
    std::free(block);
    return;
  }
  const std::size_t size = round_up(bytes, page_size());
  ::munmap(block, size);
  mapped.fetch_sub(size, std::memory_order_relaxed);
}

std::size_t mapped_bytes() { return mapped.load(std::memory_order_relaxed); }

void* map_zero_pages(std::size_t bytes) {
  if (bytes == 0) return nullptr;
  void* pages = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (pages == MAP_FAILED) throw std::bad_alloc();
  return pages;
}

void unmap_zero_pages(void* pages, std::size_t bytes) noexcept {
  if (pages != nullptr) ::munmap(pages, bytes);
}

AdoptedBlock::AdoptedBlock(void* block, std::size_t bytes) {
  if (bytes < kMappedBlock)
    throw std::logic_error("bulk_memory::AdoptedBlock: a block under kMappedBlock is not a mapping");
  adoption = {block, bytes};
}

AdoptedBlock::~AdoptedBlock() {
  if (adoption.block != nullptr) ::munmap(adoption.block, round_up(adoption.bytes, page_size()));
  adoption = {};
}

bool AdoptedBlock::taken() const { return adoption.block == nullptr; }

}  // namespace tenantreach::graph::bulk_memory

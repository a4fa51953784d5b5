#include "graph/bulk_memory.hpp"

#include <cstdlib>

#include <sys/mman.h>

namespace tenantreach::graph::bulk_memory {

void* allocate(std::size_t bytes) {
  if (bytes < kHugePage) {
    if (void* block = std::malloc(bytes == 0 ? 1 : bytes)) return block;
    throw std::bad_alloc();
  }
  // Aligned, so every whole 2 MiB of the block can be a huge page; the advice is only advice (the kernel may have
  // huge pages disabled, or none free), so its failure is not an error.
  void* block = nullptr;
  if (::posix_memalign(&block, kHugePage, bytes) != 0) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
  ::madvise(block, bytes, MADV_HUGEPAGE);
#endif
  return block;
}

void release(void* block) noexcept { std::free(block); }

void* map_zero_pages(std::size_t bytes) {
  if (bytes == 0) return nullptr;
  void* pages = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (pages == MAP_FAILED) throw std::bad_alloc();
  return pages;
}

void unmap_zero_pages(void* pages, std::size_t bytes) noexcept {
  if (pages != nullptr) ::munmap(pages, bytes);
}

}  // namespace tenantreach::graph::bulk_memory

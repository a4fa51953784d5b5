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

}  // namespace tenantreach::graph::bulk_memory

// Memory for the graph's large arrays and for per-thread scratch sized to the graph, so that start-up pays for
// what a command reads and a query pays for what it touches (issue 9, item 4; measured in bench/RESULTS.md,
// "Start-up").
//
// BulkVector<T>: a std::vector whose resize() default-initialises (trivial elements are left unwritten, so a
// snapshot's arrays are read straight into fresh memory instead of being zero-filled first), and whose blocks of
// 64 KiB or more are mappings of their own (so that a snapshot's arrays of that size can be mappings of its file);
// those of 2 MiB or more are 2 MiB-aligned and advised as transparent huge pages (one page fault per 2 MiB instead
// of 512).
// Code that needs zeros says so: assign(n, 0). A snapshot's large arrays are mapped from its file instead
// (bulk_memory::AdoptedBlock): private copy-on-write mappings of the page cache, so a vector written to after the
// load gets its own copy of the pages it writes.
//
// ZeroPages<T>: a fixed-size array of zeros whose pages the kernel supplies on first touch, for scratch indexed by
// vertex or principal: creating one costs a mapping, not a pass over the graph, and a query that touches a few
// hundred vertices faults in a few pages.
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace tenantreach::graph {

namespace bulk_memory {
// Blocks of at least kMappedBlock bytes are mappings of their own, smaller ones come from malloc; blocks of at least
// kHugePage are aligned to it and advised as huge pages.
inline constexpr std::size_t kMappedBlock = std::size_t{64} << 10;
inline constexpr std::size_t kHugePage = std::size_t{2} << 20;
std::size_t page_size();  // the system's
void* allocate(std::size_t bytes);  // throws std::bad_alloc
void release(void* block, std::size_t bytes) noexcept;  // `bytes` as given to allocate
// The bytes of the blocks of kMappedBlock or more now allocated (mappings malloc statistics do not see).
std::size_t mapped_bytes();
void* map_zero_pages(std::size_t bytes);  // throws std::bad_alloc; nullptr for 0 bytes
void unmap_zero_pages(void* pages, std::size_t bytes) noexcept;

// Hands a mapping made elsewhere (a snapshot's array mapped from its file) to the next allocate(bytes) on this
// thread, so that a BulkVector resized from empty to exactly that size keeps the mapping instead of fresh memory
// the bytes would be copied into. `block` must be a mapping of `bytes` rounded up to the page size, `bytes` at
// least kMappedBlock: release() unmaps it like the blocks allocate() maps. A block nobody took is unmapped when the
// AdoptedBlock goes.
class AdoptedBlock {
 public:
  AdoptedBlock(void* block, std::size_t bytes);  // throws std::logic_error for a block under kMappedBlock
  ~AdoptedBlock();
  AdoptedBlock(const AdoptedBlock&) = delete;
  AdoptedBlock& operator=(const AdoptedBlock&) = delete;
  bool taken() const;
};
}  // namespace bulk_memory

template <typename T> class BulkAllocator {
  static_assert(alignof(T) <= alignof(std::max_align_t));

 public:
  using value_type = T;

  BulkAllocator() = default;
  template <typename U> BulkAllocator(const BulkAllocator<U>&) noexcept {}

  T* allocate(std::size_t count) {
    if (count > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    return static_cast<T*>(bulk_memory::allocate(count * sizeof(T)));
  }
  void deallocate(T* block, std::size_t count) noexcept { bulk_memory::release(block, count * sizeof(T)); }

  // Default-initialisation where std::allocator value-initialises: resize(n) leaves trivial elements unwritten.
  template <typename U> void construct(U* at) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(at)) U;
  }
  template <typename U, typename... Args> void construct(U* at, Args&&... args) {
    std::construct_at(at, std::forward<Args>(args)...);
  }

  friend bool operator==(const BulkAllocator&, const BulkAllocator&) { return true; }
};

template <typename T> using BulkVector = std::vector<T, BulkAllocator<T>>;

template <typename T> class ZeroPages {
  static_assert(std::is_trivial_v<T>, "zero bytes must be a valid T");

 public:
  ZeroPages() = default;
  explicit ZeroPages(std::size_t size)
      : data_(static_cast<T*>(bulk_memory::map_zero_pages(size * sizeof(T)))), size_(size) {}
  ~ZeroPages() { bulk_memory::unmap_zero_pages(data_, size_ * sizeof(T)); }
  ZeroPages(ZeroPages&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}
  ZeroPages& operator=(ZeroPages&& other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    return *this;
  }

  std::size_t size() const { return size_; }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }
  T* begin() { return data_; }
  T* end() { return data_ + size_; }

 private:
  T* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace tenantreach::graph

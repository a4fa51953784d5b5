#include "serialization/temporary_files.hpp"

#include <atomic>
#include <climits>
#include <cstring>

#include <unistd.h>

namespace tenantreach::serialization {
namespace {

// A slot goes Free -> Writing -> Ready -> Free for its owner. The signal handler takes a Ready slot by moving it
// to Removing, so its path cannot be released and rewritten by another thread while the handler reads it.
enum SlotState : int { kFree, kWriting, kReady, kRemoving };

struct Slot {
  std::atomic<int> state{kFree};
  char path[PATH_MAX] = {};
};

constexpr int kSlotCount = 16;  // the CLI holds one file at a time; embedders rarely more
Slot slots[kSlotCount];
static_assert(std::atomic<int>::is_always_lock_free, "a signal handler may only use lock-free atomics");

}  // namespace

RegisteredTemporaryFile::RegisteredTemporaryFile(const std::filesystem::path& path) {
  const std::string absolute = std::filesystem::absolute(path).string();
  if (absolute.size() >= PATH_MAX) return;
  for (int i = 0; i < kSlotCount; ++i) {
    int expected = kFree;
    if (!slots[i].state.compare_exchange_strong(expected, kWriting, std::memory_order_acquire)) continue;
    std::memcpy(slots[i].path, absolute.c_str(), absolute.size() + 1);
    slots[i].state.store(kReady, std::memory_order_release);
    slot_ = i;
    return;
  }
}

void RegisteredTemporaryFile::release() {
  if (slot_ < 0) return;
  // Fails only when a signal handler is removing the file: the process is then about to exit.
  int expected = kReady;
  slots[slot_].state.compare_exchange_strong(expected, kFree, std::memory_order_release);
  slot_ = -1;
}

void remove_registered_temporary_files() noexcept {
  for (Slot& slot : slots) {
    int expected = kReady;
    if (slot.state.compare_exchange_strong(expected, kRemoving, std::memory_order_acquire)) ::unlink(slot.path);
  }
}

}  // namespace tenantreach::serialization

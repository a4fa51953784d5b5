#include "support/lasting_text.hpp"

#include <mutex>

namespace tenantreach::testing {

core::Text lasting_text(std::string_view text) {
  static std::mutex mutex;
  static core::StringArena strings;
  const std::lock_guard lock(mutex);
  return strings.add(text);
}

}  // namespace tenantreach::testing

#include <chrono>
#include <iostream>

#include "export/export_context.hpp"

namespace tenantreach::exporter {

void Progress::update(const std::string& file, std::uint64_t objects) {
  if (!terminal_ || quiet_) return;
  std::lock_guard lock(mutex_);
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  std::cerr << "\r\033[K  " << file << ": " << objects << " so far" << std::flush;
}

void Progress::finish(const std::string& line) {
  if (quiet_) return;
  std::lock_guard lock(mutex_);
  std::cerr << (terminal_ ? "\r\033[K  " : "  ") << line << std::endl;
}

void Progress::note(const std::string& line) {
  if (quiet_) return;
  std::lock_guard lock(mutex_);
  std::cerr << (terminal_ ? "\r\033[K" : "") << line << std::endl;
}

}  // namespace tenantreach::exporter

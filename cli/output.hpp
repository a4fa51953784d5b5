// Where a command's result goes: `-o FILE` (written atomically; a signal or an error leaves nothing behind) or
// stdout. CSV rows end with CRLF (RFC 4180), everything else with LF.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "serialization/atomic_file.hpp"

namespace tenantreach::cli {

enum class Format { Json, Text, Csv };

class Output {
 public:
  // Checks the path first, so a bad -o fails before any work starts.
  Output(const std::string& path, Format format);
  void line(std::string_view text);
  // Renames the file into place (or flushes stdout); a failure names the OS reason.
  void finish();

 private:
  std::optional<serialization::AtomicFile> file_;
  const char* line_end_;
};

}  // namespace tenantreach::cli

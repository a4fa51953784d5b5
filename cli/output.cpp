#include "cli/output.hpp"

#include <iostream>

namespace tenantreach::cli {

Output::Output(const std::string& path, Format format) : line_end_(format == Format::Csv ? "\r\n" : "\n") {
  if (path.empty()) return;
  serialization::check_output_path(path);
  file_.emplace(path);
}

void Output::line(std::string_view text) {
  if (file_) {
    file_->write(text);
    file_->write(line_end_);
  } else {
    std::cout << text << line_end_;
  }
}

void Output::finish() {
  if (file_) file_->commit();
  std::cout.flush();
}

}  // namespace tenantreach::cli

// Errors at the library boundary. Bad input is an InputError (the CLI maps it to exit code 2); a query
// naming something the world does not hold is a NotFoundError (exit code 1). Embedders catch these by type.
#pragma once

#include <stdexcept>
#include <string>

namespace tenantreach::core {

class InputError : public std::runtime_error {
 public:
  // file: path relative to the world; location: "line 3" or "value[2]" (may be empty); field: the JSON field.
  InputError(std::string file, std::string location, std::string field, std::string problem);
  explicit InputError(std::string message);

  const std::string& file() const { return file_; }
  const std::string& location() const { return location_; }
  const std::string& field() const { return field_; }

 private:
  std::string file_, location_, field_;
};

class NotFoundError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace tenantreach::core

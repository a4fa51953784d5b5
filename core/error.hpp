// Errors at the library boundary. Bad input is an InputError (the CLI maps it to exit code 2); a query
// naming something the world does not hold is a NotFoundError (exit code 1). Embedders catch these by type.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

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

// A name that fits several objects. what() says so and lists the candidates (at most ten of them, with ids);
// candidates() holds every one, as "<tenantId>/<id>". The CLI exits 1, as for NotFoundError.
class AmbiguousError : public NotFoundError {
 public:
  AmbiguousError(const std::string& what_was_asked, std::vector<std::string> candidates,
                 const std::vector<std::string>& descriptions);
  const std::vector<std::string>& candidates() const { return candidates_; }

 private:
  std::vector<std::string> candidates_;
};

}  // namespace tenantreach::core

#include "core/error.hpp"

namespace tenantreach::core {
namespace {
std::string compose(const std::string& file, const std::string& location, const std::string& field,
                    const std::string& problem) {
  std::string message = file;
  if (!location.empty()) message += ": " + location;
  if (!field.empty()) message += ": field '" + field + "'";
  return message + ": " + problem;
}
}  // namespace

InputError::InputError(std::string file, std::string location, std::string field, std::string problem)
    : std::runtime_error(compose(file, location, field, problem)),
      file_(std::move(file)),
      location_(std::move(location)),
      field_(std::move(field)) {}

InputError::InputError(std::string message) : std::runtime_error(std::move(message)) {}

}  // namespace tenantreach::core

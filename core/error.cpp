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

namespace {
constexpr std::size_t kListedCandidates = 10;

std::string ambiguity(const std::string& what_was_asked, const std::vector<std::string>& descriptions) {
  std::string message = "'" + what_was_asked + "' is ambiguous: it names " + std::to_string(descriptions.size()) +
                        " objects; write one of";
  for (std::size_t i = 0; i < descriptions.size() && i < kListedCandidates; ++i) message += "\n  " + descriptions[i];
  if (descriptions.size() > kListedCandidates)
    message += "\n  ... and " + std::to_string(descriptions.size() - kListedCandidates) + " more";
  return message;
}
}  // namespace

AmbiguousError::AmbiguousError(const std::string& what_was_asked, std::vector<std::string> candidates,
                               const std::vector<std::string>& descriptions)
    : NotFoundError(ambiguity(what_was_asked, descriptions)), candidates_(std::move(candidates)) {}

}  // namespace tenantreach::core

#include "tenantreach/error.hpp"

#include <utility>

namespace tenantreach {

// Out-of-line constructors and destructors anchor each class's vtable and type info in the library, so a shared
// build has one type per error and catch clauses in the host match it.
Error::Error(const std::string& message) : std::runtime_error(message) {}
Error::~Error() = default;

InputError::InputError(const std::string& message, std::string file, std::string location, std::string field)
    : Error(message), file_(std::move(file)), location_(std::move(location)), field_(std::move(field)) {}
InputError::~InputError() = default;

NotFoundError::NotFoundError(const std::string& message) : Error(message) {}
NotFoundError::~NotFoundError() = default;

AmbiguousError::AmbiguousError(const std::string& message, std::vector<std::string> candidates)
    : NotFoundError(message), candidates_(std::move(candidates)) {}
AmbiguousError::~AmbiguousError() = default;

}  // namespace tenantreach

// Errors of the tenantreach API. Every error the library reports is a tenantreach::Error; catch the subclasses
// to tell bad input from an unknown name. Other exceptions (std::bad_alloc, or one thrown by your own audit
// callback) pass through unchanged.
//
// Thread safety: plain values; copy and read them from any thread.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "tenantreach/export.hpp"

namespace tenantreach {

class TENANTREACH_API Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message);
  ~Error() override;
};

// Bad world input (spec R1.3), a damaged, foreign or changed snapshot, a path that is neither a world directory nor
// a snapshot, or an audit option the world cannot satisfy (an unknown resource kind). The CLI exits 2 on these.
class TENANTREACH_API InputError : public Error {
 public:
  InputError(const std::string& message, std::string file, std::string location, std::string field);
  ~InputError() override;
  // The file relative to the world directory (empty when the problem is not in one file).
  const std::string& file() const noexcept { return file_; }
  // "value[2]", "[2]", "line 3", "line 4, column 7", or empty.
  const std::string& location() const noexcept { return location_; }
  // The JSON field, as a full path such as "grants[0].principalType"; may be empty.
  const std::string& field() const noexcept { return field_; }

 private:
  std::string file_, location_, field_;
};

// A resource, user or tenant that the world does not hold. The CLI exits 1.
class TENANTREACH_API NotFoundError : public Error {
 public:
  explicit NotFoundError(const std::string& message);
  ~NotFoundError() override;
};

// A name that fits several objects; what() lists up to ten of them with their ids.
class TENANTREACH_API AmbiguousError : public NotFoundError {
 public:
  AmbiguousError(const std::string& message, std::vector<std::string> candidates);
  ~AmbiguousError() override;
  // Every object the name fits, as "<tenantId>/<id>".
  const std::vector<std::string>& candidates() const noexcept { return candidates_; }

 private:
  std::vector<std::string> candidates_;
};

}  // namespace tenantreach

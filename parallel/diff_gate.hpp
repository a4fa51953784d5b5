// The gate of a change review (docs/CLI.md, diff --fail-on): how many principal changes of the kinds named
// ("gained-external", "gained", "lost") a diff reports, so that a pipeline, or an embedder, can refuse a
// configuration change that opens access to outsiders.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "parallel/audit_diff.hpp"

namespace tenantreach::parallel {

class DiffGate {
 public:
  // Throws core::InputError for a kind that is not one of the three.
  explicit DiffGate(const std::vector<std::string>& fail_on);

  // Counts the matching changes of one resource: each gained principal once if "gained" is named, or if
  // "gained-external" is and a path other than internal was gained; each lost principal if "lost" is named.
  void add(const ResourceDiff& change);
  std::size_t failing() const { return failing_; }

 private:
  bool gained_ = false;
  bool gained_external_ = false;
  bool lost_ = false;
  std::size_t failing_ = 0;
};

}  // namespace tenantreach::parallel

// The single-resource and single-user queries of spec §10 over a compiled world.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "graph/compiled_world.hpp"
#include "graph/reach.hpp"
#include "graph/results.hpp"

namespace tenantreach::core {
class AccessRules;
}

namespace tenantreach::graph {

// "<tenantId>/<objectId>" or a bare object id that is unique in the world (R2.1). Throws core::NotFoundError.
std::uint32_t find_resource(const CompiledWorld& compiled, std::string_view address);

WhoCanReach who_can_reach(const CompiledWorld& compiled, std::uint32_t resource);
// A who-can-reach answer from a reach list computed by any engine (the list may be empty when only counts
// are wanted).
WhoCanReach make_who_can_reach(const CompiledWorld& compiled, std::uint32_t resource, const std::vector<Reach>& reach,
                               Counts counts);

// USER names a principal as R2.3 reports it; an external object linked to a home user answers for that user.
// Throws core::NotFoundError when the world knows no such principal.
WhatCanReach what_can_reach(const CompiledWorld& compiled, std::string_view user_address);

// Builds the policy evaluator (R4-R7) once; keep one to explain many (user, resource) pairs.
class Explainer {
 public:
  explicit Explainer(const CompiledWorld& compiled);
  ~Explainer();
  Explanation explain(std::string_view user_address, std::uint32_t resource) const;

 private:
  const CompiledWorld& compiled_;
  std::unique_ptr<const core::AccessRules> rules_;
};

// One-off: Explainer(compiled).explain(user_address, resource).
Explanation explain(const CompiledWorld& compiled, std::string_view user_address, std::uint32_t resource);

}  // namespace tenantreach::graph

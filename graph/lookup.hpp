// Resolving the names users type (spec §10) to graph ids, and graph ids back to result values.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "graph/compiled_world.hpp"
#include "graph/results.hpp"

namespace tenantreach::graph {

// "<tenantId>/<userId>" of a principal as R2.3 reports it, or of an external object linked to one.
// Throws core::NotFoundError.
std::uint32_t find_principal(const CompiledWorld& compiled, std::string_view address);

// The user objects through which a principal can be in a grant: its own object and its guest objects.
std::span<const std::uint32_t> user_objects_of(const AccessGraph& graph, std::uint32_t principal);

// From the graph alone: neither needs the model.
ResourceRef resource_ref(const AccessGraph& graph, std::uint32_t resource);
PrincipalRef principal_ref(const AccessGraph& graph, std::uint32_t principal);

}  // namespace tenantreach::graph

// Resolving the names users type to graph ids (spec §10 addresses, and the friendlier ones of docs/CLI.md), and
// graph ids back to result values.
//
// A USER is "<tenantId>/<userId>" (a principal as R2.3 reports it, or an external object linked to one); a bare
// user id unique in the world; a userPrincipalName or mail address (case-insensitive; home users before guest
// objects); or "<tenant>/<display name>", where <tenant> is a tenant's id, organization displayName or verified
// domain. A RESOURCE is "<tenantId>/<id>", a bare id unique in the world, "<tenant>/<display name>", or a
// display name unique in the world. Ids are tried first, and only a failed id lookup reads the model (names,
// addresses and domains live there), so id addresses never decode a snapshot's model.
//
// Throws core::NotFoundError when nothing matches, core::AmbiguousError (a NotFoundError listing the
// candidates) when several do.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/compiled_world.hpp"
#include "graph/results.hpp"

namespace tenantreach::graph {

std::uint32_t find_principal(const CompiledWorld& compiled, std::string_view address);

// A tenant named by id, organization displayName or verified domain (world tenants), or the id of a tenant
// outside the world that principals come from. Returns its id, lower-case.
std::string find_tenant_id(const CompiledWorld& compiled, std::string_view name);

// The user objects through which a principal can be in a grant, ascending: its own object and its guest objects.
std::vector<std::uint32_t> user_objects_of(const AccessGraph& graph, std::uint32_t principal);

// From the graph alone: neither needs the model.
ResourceRef resource_ref(const AccessGraph& graph, std::uint32_t resource);
PrincipalRef principal_ref(const AccessGraph& graph, std::uint32_t principal);

}  // namespace tenantreach::graph

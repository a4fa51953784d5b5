// Which tenants two compiled worlds hold identically, as far as reach is concerned. A resource is reached only
// through the user objects, groups, gates and direct connect entries of its own tenant (the compiler adds no
// edge across tenants), so when all of those compare equal, every resource of the tenant has the same
// principals with the same paths in both worlds and diff need not evaluate it.
#pragma once

#include <cstdint>
#include <vector>

#include "graph/access_graph.hpp"

namespace tenantreach::parallel {

// Per tenant of `after` (by position): 1 when `before` has a tenant with the same id whose users (ids,
// principal identities, paths, gates), groups and their members, resources (ids, kinds, app slots, everyone
// grants, members, direct connect entries) and app slots equal it after renumbering vertices within the tenant.
// Equal tenants give equal answers for every resource: the comparison is exact, not a hash.
std::vector<std::uint8_t> unchanged_tenants(const graph::AccessGraph& before, const graph::AccessGraph& after);

}  // namespace tenantreach::parallel

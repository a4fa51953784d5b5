// The single-resource and single-user queries of spec §10 over a compiled world.
#pragma once

#include <cstdint>
#include <string_view>

#include "graph/compiled_world.hpp"
#include "graph/reach.hpp"
#include "graph/results.hpp"

namespace tenantreach::graph {

// "<tenantId>/<objectId>" or a bare object id that is unique in the world (R2.1). Throws core::NotFoundError.
std::uint32_t find_resource(const CompiledWorld& compiled, std::string_view address);

// A who-can-reach answer in graph ids, as the query computes it. Giving every principal its names (four strings
// each) costs many times the walk on resources that hundreds of thousands reach (bench/RESULTS.md, "who-can-reach
// p99 on M"), so the query leaves them in the graph: principal_ref (graph/lookup.hpp) reads one, and
// make_who_can_reach gives the whole answer with names.
struct WhoCanReachIds {
  std::uint32_t resource = 0;
  std::vector<Reach> principals;  // sorted by principal id: by tenant id, then user id (spec §10)
  Counts counts;
};

WhoCanReachIds who_can_reach(const CompiledWorld& compiled, std::uint32_t resource);
// A who-can-reach answer with names, from a reach list computed by any engine (the list may be empty when only
// counts are wanted), or from who_can_reach's answer.
WhoCanReach make_who_can_reach(const CompiledWorld& compiled, std::uint32_t resource, const std::vector<Reach>& reach,
                               Counts counts);
WhoCanReach make_who_can_reach(const CompiledWorld& compiled, WhoCanReachIds answer);

// USER names a principal as R2.3 reports it; an external object linked to a home user answers for that user.
// Throws core::NotFoundError when the world knows no such principal.
WhatCanReach what_can_reach(const CompiledWorld& compiled, std::string_view user_address);

// Every path from USER to RESOURCE with its verdict and reasons, as the compiler evaluated them (R6, R8). Reads
// the directory of a tenant only to name the groups of a chain (or a shared team) that lie in it.
Explanation explain(const CompiledWorld& compiled, std::string_view user_address, std::uint32_t resource);

}  // namespace tenantreach::graph

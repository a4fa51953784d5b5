// Copies the graph's result values into the public value types of include/tenantreach/results.hpp, and internal
// errors into the public ones. The public types never include an internal header, so this is the one place that
// knows both.
#pragma once

#include "graph/results.hpp"
#include "graph/stats.hpp"
#include "tenantreach/results.hpp"

namespace tenantreach::api {

ViaSet to_public(graph::ViaSet via);
Via to_public_via(graph::Via via);
graph::Via to_graph(Via via);
Resource to_public(graph::ResourceRef resource);
Principal to_public(graph::PrincipalRef principal);
Counts to_public(graph::Counts counts);
WhoCanReach to_public(graph::WhoCanReach result);
WhatCanReach to_public(graph::WhatCanReach result);
Explanation to_public(graph::Explanation result);
Stats to_public(graph::Stats stats);

// Runs `work`, rethrowing core::InputError, core::NotFoundError and core::AmbiguousError as their public
// counterparts (everything else passes through).
[[noreturn]] void rethrow_public();  // inside a catch block

template <class Work>
auto translating_errors(const Work& work) -> decltype(work()) {
  try {
    return work();
  } catch (...) {
    rethrow_public();
  }
}

}  // namespace tenantreach::api

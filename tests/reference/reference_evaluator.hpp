// A deliberately plain reference evaluator of the access model (spec R2–R7), used by the tests as an oracle
// for the compiled engine. It applies the rules directly per (principal candidate, resource), recomputes every
// derived fact (R1.4 external, R5.1 links, R4.1 effective settings) from the raw fields of the model, and uses
// nothing of the engine: only core/model.hpp, core/text.hpp and the result value types of graph/results.hpp.
// It favours obvious correctness over speed (quadratic is fine; worlds in tests are small).
#pragma once

#include <string>
#include <vector>

#include "core/model.hpp"
#include "graph/results.hpp"

namespace tenantreach::reference {

// One entry per resource of the world (R2.1: every channel, every resources.json entry, every Unified group),
// sorted by tenant id then resource id; principals sorted by (tenantId, userId); counts as spec §10 says.
std::vector<graph::WhoCanReach> evaluate_world(const core::World& world);

// The spec name of one path ("b2bCollaboration", "b2bDirectConnect", "internal"); independent of the graph
// library's via_name so that the reference can be built on its own.
const char* reference_via_name(graph::Via via);

// A readable description of how two answers for one resource differ (resource, each principal present in only one
// of them or with different `via` / `linked`, counts), or "" when they agree. Display names are not compared.
std::string describe_difference(const graph::WhoCanReach& left, const graph::WhoCanReach& right,
                                const std::string& left_name, const std::string& right_name);

}  // namespace tenantreach::reference

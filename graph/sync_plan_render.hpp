// The sync plan of R9 (core/sync_plan.hpp) as one JSON document (one line, no trailing newline) and as text
// for people. The shape is documented in docs/SYNC-PLAN.md.
#pragma once

#include <string>

#include "core/sync_plan.hpp"

namespace tenantreach::graph {

// {"jobs":[{"sourceTenantId","targetTenantId","jobId","active",("inactiveReason"),"existing":[...],
//   "toCreate":[...],"toSoftDelete":[...],"counts":{"existing","toCreate","toSoftDelete"}}]}
std::string to_json(const core::SyncPlan& plan);
std::string to_text(const core::SyncPlan& plan);

}  // namespace tenantreach::graph

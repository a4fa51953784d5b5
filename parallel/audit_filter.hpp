// An audit filter from the names a person gives (the options of `tenantreach audit`, the API's AuditOptions):
// the one place that turns --via, --external and tenant names into a parallel::AuditFilter.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "graph/compiled_world.hpp"
#include "graph/results.hpp"
#include "parallel/audit.hpp"

namespace tenantreach::parallel {

struct AuditFilterRequest {
  std::vector<graph::Via> vias;               // only these paths; empty: all of them (--via)
  bool external = false;                      // every path but internal (--external)
  std::vector<std::string> resource_tenants;  // by id, organization displayName or verified domain
  std::vector<std::string> principal_tenants;
  std::uint64_t min_principals = 0;
};

// The paths that `vias` and `external` keep (diff uses this alone: it looks tenants up in two worlds).
graph::ViaSet kept_vias(const std::vector<graph::Via>& vias, bool external);

// The tenants are looked up in `compiled` (graph::find_tenant_id: core::NotFoundError, core::AmbiguousError).
AuditFilter make_audit_filter(const graph::CompiledWorld& compiled, const AuditFilterRequest& request);

}  // namespace tenantreach::parallel

#include "parallel/audit_filter.hpp"

#include "graph/lookup.hpp"

namespace tenantreach::parallel {

graph::ViaSet kept_vias(const std::vector<graph::Via>& vias, bool external) {
  graph::ViaSet kept = graph::kViaB2BCollaboration | graph::kViaB2BDirectConnect | graph::kViaInternal;
  if (!vias.empty()) {
    kept = 0;
    for (graph::Via via : vias) kept |= via;
  }
  if (external) kept &= static_cast<graph::ViaSet>(~graph::kViaInternal);
  return kept;
}

AuditFilter make_audit_filter(const graph::CompiledWorld& compiled, const AuditFilterRequest& request) {
  AuditFilter filter;
  filter.vias = kept_vias(request.vias, request.external);
  for (const std::string& tenant : request.resource_tenants)
    filter.resource_tenants.push_back(graph::find_tenant_id(compiled, tenant));
  for (const std::string& tenant : request.principal_tenants)
    filter.principal_tenants.push_back(graph::find_tenant_id(compiled, tenant));
  filter.min_principals = request.min_principals;
  return filter;
}

}  // namespace tenantreach::parallel

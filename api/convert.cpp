#include "api/convert.hpp"

#include <exception>
#include <utility>

#include "core/error.hpp"
#include "tenantreach/error.hpp"

namespace tenantreach::api {

ViaSet to_public(graph::ViaSet via) {
  ViaSet out;
  if (via & graph::kViaB2BCollaboration) out.insert(Via::B2BCollaboration);
  if (via & graph::kViaB2BDirectConnect) out.insert(Via::B2BDirectConnect);
  if (via & graph::kViaInternal) out.insert(Via::Internal);
  return out;
}

Via to_public_via(graph::Via via) {
  switch (via) {
    case graph::kViaB2BCollaboration: return Via::B2BCollaboration;
    case graph::kViaB2BDirectConnect: return Via::B2BDirectConnect;
    case graph::kViaInternal: break;
  }
  return Via::Internal;
}

graph::Via to_graph(Via via) {
  switch (via) {
    case Via::B2BCollaboration: return graph::kViaB2BCollaboration;
    case Via::B2BDirectConnect: return graph::kViaB2BDirectConnect;
    case Via::Internal: break;
  }
  return graph::kViaInternal;
}

namespace {

Reason to_public(graph::Reason reason) {
  return {std::move(reason.code), std::move(reason.policy_id), std::move(reason.policy_name)};
}

Path to_public(graph::ExplainedPath path) {
  Path out;
  out.via = to_public_via(path.via);
  out.allowed = path.allowed;
  out.steps.reserve(path.steps.size());
  for (std::size_t i = 0; i < path.steps.size(); ++i)
    out.steps.push_back({std::move(path.steps[i]), i < path.step_names.size() ? std::move(path.step_names[i]) : ""});
  for (graph::Reason& reason : path.reasons) out.reasons.push_back(to_public(std::move(reason)));
  return out;
}

}  // namespace

Resource to_public(graph::ResourceRef resource) {
  return {std::move(resource.tenant_id), std::move(resource.id), std::move(resource.kind),
          std::move(resource.display_name), std::move(resource.tenant_name)};
}

Principal to_public(graph::PrincipalRef principal) {
  return {std::move(principal.tenant_id), std::move(principal.user_id), principal.linked,
          std::move(principal.display_name), std::move(principal.tenant_name)};
}

Counts to_public(graph::Counts counts) {
  return {counts.total, std::move(counts.by_via), std::move(counts.by_tenant)};
}

WhoCanReach to_public(graph::WhoCanReach result) {
  WhoCanReach out;
  out.resource = to_public(std::move(result.resource));
  out.counts = to_public(std::move(result.counts));
  out.principals.reserve(result.principals.size());
  for (graph::PrincipalReach& reach : result.principals)
    out.principals.push_back({to_public(std::move(reach.principal)), to_public(reach.via)});
  return out;
}

WhatCanReach to_public(graph::WhatCanReach result) {
  WhatCanReach out;
  out.user = to_public(std::move(result.user));
  out.counts = to_public(std::move(result.counts));
  out.resources.reserve(result.resources.size());
  for (graph::ResourceReach& reach : result.resources)
    out.resources.push_back({to_public(std::move(reach.resource)), to_public(reach.via)});
  return out;
}

Explanation to_public(graph::Explanation result) {
  Explanation out;
  out.user = to_public(std::move(result.user));
  out.resource = to_public(std::move(result.resource));
  out.reachable = result.reachable;
  for (graph::ExplainedPath& path : result.paths) out.paths.push_back(to_public(std::move(path)));
  return out;
}

Stats to_public(graph::Stats stats) {
  Stats out;
  out.counts = std::move(stats.counts);
  out.warnings = std::move(stats.warnings);
  for (core::Warning& warning : stats.warning_list)
    out.warning_list.push_back({std::move(warning.code), std::move(warning.message)});
  out.sources = std::move(stats.sources);
  return out;
}

void rethrow_public() {
  try {
    throw;
  } catch (const core::InputError& error) {
    throw InputError(error.what(), error.file(), error.location(), error.field());
  } catch (const core::AmbiguousError& error) {
    throw AmbiguousError(error.what(), error.candidates());
  } catch (const core::NotFoundError& error) {
    throw NotFoundError(error.what());
  }
}

}  // namespace tenantreach::api

#include "parallel/diff_causes.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "graph/lookup.hpp"

namespace tenantreach::parallel {
namespace {

// The vertex of a "<tenantId>/<objectId>" explain step in a world (a user object, a group or a resource), or
// kNone when the world does not hold it.
std::uint32_t vertex_of(const graph::CompiledWorld& compiled, std::string_view address) {
  const graph::AccessGraph& graph = compiled.graph;
  const std::size_t slash = address.find('/');
  if (slash == std::string_view::npos) return core::kNone;
  const std::uint32_t tenant = graph.find_tenant(address.substr(0, slash));
  if (tenant == core::kNone) return core::kNone;
  const std::string id(address.substr(slash + 1));
  const std::uint32_t user = graph.find_user_vertex(tenant, id);
  if (user != core::kNone) return user;
  const core::Tenant& model = compiled.world().tenants[tenant];
  const std::optional<core::ObjectRef> object = model.find_object(id);
  if (object && object->kind == core::MemberKind::Group) return graph.group_vertex(tenant, object->index);
  for (std::uint32_t r : graph.everyone_resources[tenant])  // cheap first: resources granted to everyone
    if (graph.resources[r].id == id) return graph.resource_vertex(r);
  const auto first = std::lower_bound(graph.resources.begin(), graph.resources.end(), std::pair(tenant, std::string_view(id)),
                                      [&](const graph::GraphResource& resource, const auto& key) {
                                        return std::pair(resource.tenant, std::string_view(resource.id)) < key;
                                      });
  if (first != graph.resources.end() && first->tenant == tenant && first->id == id)
    return graph.resource_vertex(static_cast<std::uint32_t>(first - graph.resources.begin()));
  return core::kNone;
}

bool has_edge(const graph::AccessGraph& graph, std::uint32_t member, std::uint32_t container) {
  const auto containers = graph.member_of.neighbours(member);
  return std::binary_search(containers.begin(), containers.end(), container);
}

std::optional<graph::Explanation> explain(const graph::CompiledWorld& compiled, const std::string& principal,
                                          std::uint32_t resource) {
  try {
    return graph::explain(compiled, principal, resource);
  } catch (const core::NotFoundError&) {
    return std::nullopt;
  }
}

// The cross-tenant settings that decide between `tenant` and `partner` in `world`: its partner entry, or its
// default settings when it has none (R4.1).
std::string setting_of(const core::World& world, const std::string& tenant, const std::string& partner) {
  const core::Tenant* model = world.find_tenant(tenant);
  if (model != nullptr && model->find_partner(partner) != nullptr)
    return "partner entry of " + tenant + " for " + partner;
  return "default settings of " + tenant + " (no partner entry for " + partner + ")";
}

// The step of a path that is the user object it goes through: the principal's own object (step 0) for an internal
// path or an unlinked guest, the guest object (step 1) for a linked principal's B2B collaboration path.
std::size_t user_object_step(const graph::ExplainedPath& path, const graph::PrincipalRef& principal) {
  return path.via == graph::kViaB2BCollaboration && principal.linked && path.steps.size() > 1 ? 1 : 0;
}

const graph::ExplainedPath* matching_path(const graph::Explanation& explanation, const graph::ExplainedPath& path,
                                          const graph::PrincipalRef& principal) {
  for (const graph::ExplainedPath& candidate : explanation.paths) {
    if (candidate.via != path.via) continue;
    // A path through the principal's own object is the only one of its kind; a guest path is told by its guest
    // object (step 1); a direct connect path by its team, and the "not granted" path of a principal without any
    // way in matches it.
    if (path.via != graph::kViaB2BDirectConnect && user_object_step(path, principal) == 0) return &candidate;
    if (candidate.steps.size() >= 2 && path.steps.size() >= 2 && candidate.steps[1] == path.steps[1]) return &candidate;
    if (path.via == graph::kViaB2BDirectConnect && candidate.steps.size() < 2) return &candidate;
  }
  return nullptr;
}

void add(std::vector<Cause>& causes, Cause cause) {
  const bool known = std::any_of(causes.begin(), causes.end(), [&](const Cause& c) {
    return c.kind == cause.kind && c.detail == cause.detail;
  });
  if (!known) causes.push_back(std::move(cause));
}

}  // namespace

DiffCauses::DiffCauses(const graph::CompiledWorld& before, const graph::CompiledWorld& after)
    : before_(before), after_(after) {}

std::vector<Cause> DiffCauses::gained(std::uint32_t before_resource, std::uint32_t after_resource,
                                      const graph::PrincipalRef& principal, graph::ViaSet via) const {
  if (before_resource == core::kNone) return {{"resource-added", "the resource is new", {}, {}}};
  return compare({after_, after_resource}, {before_, before_resource}, true,
                 principal, via);
}

std::vector<Cause> DiffCauses::lost(std::uint32_t before_resource, std::uint32_t after_resource,
                                    const graph::PrincipalRef& principal, graph::ViaSet via) const {
  if (after_resource == core::kNone) return {{"resource-removed", "the resource is gone", {}, {}}};
  return compare({before_, before_resource}, {after_, after_resource}, false,
                 principal, via);
}

std::vector<Cause> DiffCauses::compare(const Side& open, const Side& closed, bool gained,
                                       const graph::PrincipalRef& principal, graph::ViaSet via) const {
  const std::string address = principal.tenant_id + "/" + principal.user_id;
  const auto when = [gained](const char* if_gained, const char* if_lost) { return gained ? if_gained : if_lost; };
  std::vector<Cause> causes;
  const auto now = explain(open.compiled, address, open.resource);
  if (!now) return causes;
  const auto then = explain(closed.compiled, address, closed.resource);
  if (!then) return {{when("principal-added", "principal-removed"), address, {}, {}}};
  const std::string& resource_tenant = now->resource.tenant_id;
  const core::World& after_world = after_.world();

  for (const graph::ExplainedPath& path : now->paths) {
    if (!path.allowed || (path.via & via) == 0) continue;
    const graph::ExplainedPath* old = matching_path(*then, path, principal);
    const bool ungranted = old == nullptr || std::any_of(old->reasons.begin(), old->reasons.end(),
                                                         [](const graph::Reason& reason) { return reason.code == "not-granted"; });
    if (path.via == graph::kViaB2BDirectConnect && ungranted) {
      add(causes, {when("membership-added", "membership-removed"),
                   "shared channel listing" + (path.steps.size() > 2 ? " through team " + path.steps[1] : std::string()),
                   {}, {}});
      continue;
    }
    if (old == nullptr) {
      // A guest object that the other world does not link to the principal, or does not hold at all.
      const std::string& entry = path.steps[1];
      if (vertex_of(closed.compiled, entry) != core::kNone)
        add(causes, {when("guest-linked", "guest-unlinked"), "guest object " + entry, {}, {}});
      else
        add(causes, {when("principal-added", "principal-removed"), "guest object " + entry, {}, {}});
      continue;
    }
    const std::size_t first = user_object_step(path, principal);
    if (path.via != graph::kViaB2BDirectConnect && (ungranted || old->steps != path.steps)) {
      // The first edge of the chain that the other world lacks; a chain without such an edge goes through an
      // "everyone" grant (or a direct connect listing) that changed.
      std::string edge;
      for (std::size_t i = first; i + 1 < path.steps.size() && edge.empty(); ++i) {
        const std::uint32_t member = vertex_of(closed.compiled, path.steps[i]);
        const std::uint32_t container = vertex_of(closed.compiled, path.steps[i + 1]);
        const bool granted_here = has_edge(open.compiled.graph, vertex_of(open.compiled, path.steps[i]),
                                           vertex_of(open.compiled, path.steps[i + 1]));
        if (member == core::kNone || container == core::kNone || !has_edge(closed.compiled.graph, member, container))
          edge = path.steps[i] + (granted_here ? " in " : " (everyone grant) in ") + path.steps[i + 1];
      }
      if (!edge.empty() || ungranted) {
        add(causes, {when("membership-added", "membership-removed"), edge.empty() ? "grant changed" : edge, {}, {}});
        continue;
      }
    }
    for (const graph::Reason& reason : old->reasons) {
      const std::string& code = reason.code;
      const std::string& principal_tenant = principal.tenant_id;
      if (code == "account-disabled")
        add(causes, {when("account-enabled", "account-disabled"), "user object " + path.steps[first], {}, {}});
      else if (code == "home-account-disabled")
        add(causes, {when("home-account-enabled", "home-account-disabled"), "home user " + address, {}, {}});
      else if (code == "inbound-blocked")
        add(causes, {when("inbound-allowed", "inbound-blocked"), setting_of(after_world, resource_tenant, principal_tenant), {}, {}});
      else if (code == "outbound-blocked")
        add(causes, {when("outbound-allowed", "outbound-blocked"), setting_of(after_world, principal_tenant, resource_tenant), {}, {}});
      else if (code.rfind("ca-", 0) == 0)
        add(causes, {when("ca-policy-lifted", "ca-policy-applies"), code, reason.policy_id, reason.policy_name});
      else
        add(causes, {"user-type-changed", code, {}, {}});
    }
  }
  return causes;
}

}  // namespace tenantreach::parallel

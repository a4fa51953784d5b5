// The causes of a change (diff --why): for a principal that gained (or lost) paths into a resource, the explain
// verdicts of both worlds are compared path by path, and each path that opened (or closed) is given the gate
// that flipped. Kinds, each with a short detail naming the object, setting or policy:
//   resource-added / resource-removed        the resource exists in one world only
//   principal-added / principal-removed      the principal (or the guest object it comes through) exists in one world only
//   membership-added / membership-removed    a grant or membership edge on the path (the first one that differs)
//   guest-linked / guest-unlinked            a guest object now links (no longer links) to the principal (R5)
//   account-enabled / account-disabled, home-account-enabled / home-account-disabled
//   inbound-allowed / inbound-blocked, outbound-allowed / outbound-blocked   the cross-tenant setting that decides
//                                            (a partner entry, or the default settings when there is none)
//   ca-policy-lifted / ca-policy-applies     a Conditional Access policy, with its id and name
//   user-type-changed                        not-internal-member or guest-in-shared-channel flipped
#pragma once

#include <cstdint>
#include <vector>

#include "graph/compiled_world.hpp"
#include "graph/queries.hpp"
#include "parallel/audit_diff.hpp"

namespace tenantreach::parallel {

class DiffCauses {
 public:
  DiffCauses(const graph::CompiledWorld& before, const graph::CompiledWorld& after);

  // The resources are graph indexes in each world (core::kNone where the resource does not exist); `via` holds
  // the paths that were gained (or lost).
  std::vector<Cause> gained(std::uint32_t before_resource, std::uint32_t after_resource,
                            const graph::PrincipalRef& principal, graph::ViaSet via) const;
  std::vector<Cause> lost(std::uint32_t before_resource, std::uint32_t after_resource,
                          const graph::PrincipalRef& principal, graph::ViaSet via) const;

 private:
  struct Side {
    const graph::CompiledWorld& compiled;
    std::uint32_t resource;
  };
  // `open` is the world where the paths exist, `closed` the one where they do not.
  std::vector<Cause> compare(const Side& open, const Side& closed, bool gained, const graph::PrincipalRef& principal,
                             graph::ViaSet via) const;

  const graph::CompiledWorld& before_;
  const graph::CompiledWorld& after_;
};

}  // namespace tenantreach::parallel

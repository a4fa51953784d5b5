// Conditional Access (R7): which enabled policies of the resource tenant apply to a sign-in, and whether the
// principal can possibly satisfy their grant controls given the cross-tenant trust.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/cross_tenant.hpp"
#include "core/denial.hpp"
#include "core/membership.hpp"
#include "core/model.hpp"

namespace tenantreach::core {

// The user kinds of R7 (otherExternalUser, which no principal has, is not modelled). ServiceProvider is never a
// sign-in's kind on its own: a B2B collaboration principal of a service-provider partner may also be one.
enum class UserKind : std::uint8_t {
  Internal,
  InternalGuest,
  B2BCollaborationGuest,
  B2BCollaborationMember,
  B2BDirectConnectUser,
  ServiceProvider,
};

std::string_view user_kind_name(UserKind kind);  // as in guestOrExternalUserTypes, lower-case

struct SignIn {
  UserKind kind;
  std::uint32_t object = kNone;      // the user object in the resource tenant (kNone for direct connect)
  std::string_view home_tenant;      // empty when the home tenant is unknown (unlinked external users)
  const EffectiveTrust* trust;       // cfg(T, home).inboundTrust, or T's default when the home is unknown
  // T's partner entry for the home tenant says isServiceProvider: the principal may sign in as a
  // serviceProvider user too (R7), so a policy applies only if it applies under both kinds.
  bool may_be_service_provider = false;
};

// The policies of a tenant that may apply to sign-ins into `app`: those R7.1's state, narrowing and application
// conditions let through, which depend on the app alone. Found once per (tenant, app), then checked per user.
struct AppPolicies {
  std::string_view app;
  std::vector<std::uint32_t> policies;  // indices into Tenant::conditional_access_policies, in order
};
AppPolicies app_policies(const Tenant& tenant, std::string_view app);

// Appends one denial per policy of `app` (of `tenant`) that applies to the sign-in and cannot be satisfied (R7).
void check_conditional_access(std::uint32_t tenant_position, const Tenant& tenant, const SignIn& sign_in,
                              const AppPolicies& app, const TransitiveMembership& membership,
                              std::vector<Denial>& out);

}  // namespace tenantreach::core

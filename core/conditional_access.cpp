#include "core/conditional_access.hpp"

#include "core/apps.hpp"

#include <algorithm>
#include <optional>

namespace tenantreach::core {
namespace {

bool has(const std::vector<std::string>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

struct Subject {
  std::uint32_t tenant_position;
  const Tenant& tenant;
  const SignIn& sign_in;
  const TransitiveMembership& membership;
};

bool object_listed(const Subject& s, const std::vector<std::string>& users, const std::vector<std::string>& groups) {
  if (s.sign_in.object == kNone) return false;
  if (has(users, s.tenant.users[s.sign_in.object].id)) return true;
  return std::any_of(groups.begin(), groups.end(), [&](const std::string& group) {
    return s.membership.contains(s.tenant_position, group, s.sign_in.object);
  });
}

// What cannot be decided (an unknown home tenant against an enumerated list, an externalTenants of unknown kind)
// is a match in an exclusion and none in an inclusion (R0); `for_exclusion` selects which.
bool guests_listed(const Subject& s, UserKind kind, const std::optional<GuestsOrExternalUsers>& guests,
                   bool for_exclusion) {
  if (!guests || kind == UserKind::Internal) return false;
  if (!has(guests->types, user_kind_name(kind))) return false;
  if (kind == UserKind::InternalGuest) return true;  // externalTenants is not consulted (R7.2)
  switch (guests->tenants_kind()) {
    case ExternalTenantsKind::All: return true;
    case ExternalTenantsKind::Undecidable: return for_exclusion;
    case ExternalTenantsKind::Enumerated: break;
  }
  if (s.sign_in.home_tenant.empty()) return for_exclusion;
  return has(guests->external_tenants->members, s.sign_in.home_tenant);
}

bool users_listed(const Subject& s, UserKind kind, const std::vector<std::string>& users,
                  const std::vector<std::string>& groups, const std::optional<GuestsOrExternalUsers>& guests,
                  bool for_exclusion) {
  if (has(users, "all")) return true;
  if (has(users, "guestsorexternalusers") && kind != UserKind::Internal) return true;
  return object_listed(s, users, groups) || guests_listed(s, kind, guests, for_exclusion);
}

// R7.3: Office365 names the suite, so it includes the Office365 app and the suite's own app ids; a suite app id
// listed against an Office365 resource cannot be decided.
bool app_listed(const std::vector<std::string>& apps, std::string_view app, bool for_exclusion) {
  if (has(apps, "all") || has(apps, app)) return true;
  if (has(apps, kOffice365) && (app == kOffice365 || is_office365_suite_app(app))) return true;
  if (app != kOffice365) return false;
  return for_exclusion && std::any_of(apps.begin(), apps.end(), is_office365_suite_app);
}

bool applies_as(const ConditionalAccessPolicy& policy, const Subject& s, UserKind kind) {
  return users_listed(s, kind, policy.include_users, policy.include_groups, policy.include_guests_or_external_users,
                      false) &&
         !users_listed(s, kind, policy.exclude_users, policy.exclude_groups, policy.exclude_guests_or_external_users,
                       true);
}

// R7.1's conditions on the policy and the app.
bool applies_to_app(const ConditionalAccessPolicy& policy, std::string_view app) {
  return policy.state == "enabled" && policy.narrowing_condition.empty() &&
         app_listed(policy.include_applications, app, false) && !app_listed(policy.exclude_applications, app, true);
}

// R7.1's conditions on the user, for a policy that applies to the app; a principal that may sign in as a service
// provider user is covered only by a policy that applies to it under both kinds (R7).
bool applies_to_user(const ConditionalAccessPolicy& policy, const Subject& s) {
  return applies_as(policy, s, s.sign_in.kind) &&
         (!s.sign_in.may_be_service_provider || applies_as(policy, s, UserKind::ServiceProvider));
}

enum class PathClass { Internal, Collaboration, DirectConnect };

PathClass path_class(UserKind kind) {
  switch (kind) {
    case UserKind::Internal:
    case UserKind::InternalGuest: return PathClass::Internal;
    case UserKind::B2BCollaborationGuest:
    case UserKind::B2BCollaborationMember:
    case UserKind::ServiceProvider: return PathClass::Collaboration;
    case UserKind::B2BDirectConnectUser: return PathClass::DirectConnect;
  }
  return PathClass::Internal;
}

// The reason a control cannot be satisfied on this path, or nullopt when it can (R7.4's table).
std::optional<DenialCode> control_failure(std::string_view control, PathClass path, const EffectiveTrust& trust) {
  const bool internal = path == PathClass::Internal;
  if (control == "block") return DenialCode::CaBlock;
  if (control == "mfa" || control == "authenticationstrength") {
    return (path != PathClass::DirectConnect || trust.mfa_accepted) ? std::nullopt
                                                                     : std::optional(DenialCode::CaMfaUntrusted);
  }
  if (control == "compliantdevice") {
    return (internal || trust.compliant_device_accepted) ? std::nullopt
                                                          : std::optional(DenialCode::CaDeviceUntrusted);
  }
  if (control == "domainjoineddevice") {
    return (internal || trust.hybrid_joined_device_accepted) ? std::nullopt
                                                              : std::optional(DenialCode::CaDeviceUntrusted);
  }
  if (control == "approvedapplication" || control == "compliantapplication") {
    return internal ? std::nullopt : std::optional(DenialCode::CaUnsupportedControl);
  }
  if (control == "termsofuse") {
    return path != PathClass::DirectConnect ? std::nullopt : std::optional(DenialCode::CaUnsupportedControl);
  }
  return std::nullopt;  // passwordChange and controls we do not know are satisfiable
}

// When a policy cannot be satisfied, the most telling of its failing controls names it.
DenialCode stronger(DenialCode a, DenialCode b) { return static_cast<int>(a) <= static_cast<int>(b) ? a : b; }

std::optional<DenialCode> unsatisfiable(const ConditionalAccessPolicy& policy, const SignIn& sign_in) {
  const PathClass path = path_class(sign_in.kind);
  std::optional<DenialCode> reason;
  bool any_satisfiable = false;
  for (const std::string& control : policy.controls) {
    const auto failure = control_failure(control, path, *sign_in.trust);
    if (!failure) {
      any_satisfiable = true;
    } else {
      reason = reason ? stronger(*reason, *failure) : *failure;
    }
  }
  // Session controls never make a policy unsatisfiable (R7.4).
  const bool grant_ok = policy.controls.empty() || (policy.operator_and ? !reason : any_satisfiable);
  return grant_ok ? std::nullopt : reason;
}

}  // namespace

std::string_view user_kind_name(UserKind kind) {
  switch (kind) {
    case UserKind::Internal: return "internal";
    case UserKind::InternalGuest: return "internalguest";
    case UserKind::B2BCollaborationGuest: return "b2bcollaborationguest";
    case UserKind::B2BCollaborationMember: return "b2bcollaborationmember";
    case UserKind::B2BDirectConnectUser: return "b2bdirectconnectuser";
    case UserKind::ServiceProvider: return "serviceprovider";
  }
  return "";
}

AppPolicies app_policies(const Tenant& tenant, std::string_view app) {
  AppPolicies out{app, {}};
  const auto& policies = tenant.conditional_access_policies;
  for (std::uint32_t p = 0; p < policies.size(); ++p)
    if (applies_to_app(policies[p], app)) out.policies.push_back(p);
  return out;
}

void check_conditional_access(std::uint32_t tenant_position, const Tenant& tenant, const SignIn& sign_in,
                              const AppPolicies& app, const TransitiveMembership& membership,
                              std::vector<Denial>& out) {
  const Subject subject{tenant_position, tenant, sign_in, membership};
  for (std::uint32_t p : app.policies) {
    const ConditionalAccessPolicy& policy = tenant.conditional_access_policies[p];
    if (!applies_to_user(policy, subject)) continue;
    if (auto reason = unsatisfiable(policy, sign_in)) out.push_back(Denial{*reason, p});
  }
}

}  // namespace tenantreach::core

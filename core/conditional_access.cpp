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

// `for_exclusion` selects the R0 reading of an enumerated tenant list when the home tenant is unknown.
bool guests_listed(const Subject& s, const std::optional<GuestsOrExternalUsers>& guests, bool for_exclusion) {
  if (!guests || s.sign_in.kind == UserKind::Internal) return false;
  if (!has(guests->types, user_kind_name(s.sign_in.kind))) return false;
  if (s.sign_in.kind == UserKind::InternalGuest || !guests->enumerated) return true;
  if (s.sign_in.home_tenant.empty()) return for_exclusion;
  return has(guests->tenants, s.sign_in.home_tenant);
}

bool users_listed(const Subject& s, const std::vector<std::string>& users, const std::vector<std::string>& groups,
                  const std::optional<GuestsOrExternalUsers>& guests, bool for_exclusion) {
  if (has(users, "all")) return true;
  if (has(users, "guestsorexternalusers") && s.sign_in.kind != UserKind::Internal) return true;
  return object_listed(s, users, groups) || guests_listed(s, guests, for_exclusion);
}

bool app_listed(const std::vector<std::string>& apps, std::string_view app, bool for_exclusion) {
  if (has(apps, "all") || has(apps, app)) return true;
  if (app != kOffice365) return false;
  if (has(apps, kOffice365)) return true;
  return for_exclusion && std::any_of(apps.begin(), apps.end(), is_office365_suite_app);
}

bool applies(const ConditionalAccessPolicy& policy, const Subject& s, std::string_view app) {
  return policy.state == "enabled" && policy.narrowing_condition.empty() &&
         users_listed(s, policy.include_users, policy.include_groups, policy.include_guests_or_external_users,
                      false) &&
         !users_listed(s, policy.exclude_users, policy.exclude_groups, policy.exclude_guests_or_external_users,
                       true) &&
         app_listed(policy.include_applications, app, false) && !app_listed(policy.exclude_applications, app, true);
}

enum class PathClass { Internal, Collaboration, DirectConnect };

PathClass path_class(UserKind kind) {
  switch (kind) {
    case UserKind::Internal:
    case UserKind::InternalGuest: return PathClass::Internal;
    case UserKind::B2BCollaborationGuest:
    case UserKind::B2BCollaborationMember: return PathClass::Collaboration;
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
  const bool grant_ok = policy.controls.empty() || (policy.operator_and ? !reason : any_satisfiable);
  if (!grant_ok) return reason;
  if (path == PathClass::DirectConnect && policy.session_controls_enabled) return DenialCode::CaUnsupportedControl;
  return std::nullopt;
}

}  // namespace

std::string_view user_kind_name(UserKind kind) {
  switch (kind) {
    case UserKind::Internal: return "internal";
    case UserKind::InternalGuest: return "internalguest";
    case UserKind::B2BCollaborationGuest: return "b2bcollaborationguest";
    case UserKind::B2BCollaborationMember: return "b2bcollaborationmember";
    case UserKind::B2BDirectConnectUser: return "b2bdirectconnectuser";
  }
  return "";
}

void check_conditional_access(std::uint32_t tenant_position, const Tenant& tenant, const SignIn& sign_in,
                              std::string_view app, const TransitiveMembership& membership,
                              std::vector<Denial>& out) {
  const Subject subject{tenant_position, tenant, sign_in, membership};
  const auto& policies = tenant.conditional_access_policies;
  for (std::uint32_t p = 0; p < policies.size(); ++p) {
    if (!applies(policies[p], subject, app)) continue;
    if (auto reason = unsatisfiable(policies[p], sign_in)) out.push_back(Denial{*reason, p});
  }
}

}  // namespace tenantreach::core

#include "core/cross_tenant.hpp"

#include "core/apps.hpp"

#include <algorithm>

namespace tenantreach::core {
namespace {

TargetList all_targets(AccessType access, std::string keyword, std::string type) {
  return TargetList{access, {Target{std::move(keyword), std::move(type)}}};
}

EffectiveAccess service_default_access(AccessType access) {
  return {all_targets(access, "allusers", "user"), all_targets(access, "allapplications", "application")};
}

EffectiveAccess inherit(const std::optional<AccessSetting>& setting, const EffectiveAccess& base) {
  if (!setting) return base;
  return {setting->users_and_groups.value_or(base.users_and_groups),
          setting->applications.value_or(base.applications)};
}

EffectiveSettings overlay(const CrossTenantSettings& written, const EffectiveSettings& base) {
  EffectiveSettings out;
  out.b2b_collaboration_inbound = inherit(written.b2b_collaboration_inbound, base.b2b_collaboration_inbound);
  out.b2b_collaboration_outbound = inherit(written.b2b_collaboration_outbound, base.b2b_collaboration_outbound);
  out.b2b_direct_connect_inbound = inherit(written.b2b_direct_connect_inbound, base.b2b_direct_connect_inbound);
  out.b2b_direct_connect_outbound = inherit(written.b2b_direct_connect_outbound, base.b2b_direct_connect_outbound);
  out.inbound_trust = base.inbound_trust;
  if (written.inbound_trust) {
    const InboundTrust& trust = *written.inbound_trust;
    out.inbound_trust.mfa_accepted = trust.is_mfa_accepted.value_or(base.inbound_trust.mfa_accepted);
    out.inbound_trust.compliant_device_accepted =
        trust.is_compliant_device_accepted.value_or(base.inbound_trust.compliant_device_accepted);
    out.inbound_trust.hybrid_joined_device_accepted =
        trust.is_hybrid_azure_ad_joined_device_accepted.value_or(base.inbound_trust.hybrid_joined_device_accepted);
  }
  out.consent_inbound_allowed = written.consent_inbound_allowed.value_or(base.consent_inbound_allowed);
  out.consent_outbound_allowed = written.consent_outbound_allowed.value_or(base.consent_outbound_allowed);
  return out;
}

// A target the engine cannot decide counts as a match in an allowed list and as none in a blocked list (R0).
bool undecidable_match(AccessType access) { return access == AccessType::Allowed; }

// R4.3: a target typed `user` or `group` is that; one without a type is whichever its id names (ids are unique in
// a directory, so trying both is exact); any other type matches nothing.
bool user_matches(const TargetList& list, const HomeUser& user, const TransitiveMembership& membership) {
  if (list.targets_missing) return undecidable_match(list.access_type);
  for (const Target& target : list.targets) {
    if (target.target == "allusers") return true;
    const bool untyped = target.target_type.empty();
    const bool may_be_user = untyped || target.target_type == "user";
    const bool may_be_group = untyped || target.target_type == "group";
    if (may_be_user && target.target == user.id) return true;
    if (!may_be_group) continue;
    if (user.tenant == kNone) {
      if (undecidable_match(list.access_type)) return true;
    } else if (user.user != kNone && membership.contains(user.tenant, target.target, user.user)) {
      return true;
    }
  }
  return false;
}

bool app_matches(const TargetList& list, std::string_view app) {
  if (list.targets_missing) return undecidable_match(list.access_type);
  const bool office365 = app == kOffice365;
  const bool in_suite = office365 || is_office365_suite_app(app);
  for (const Target& target : list.targets) {
    const std::string& name = target.target;
    if (name == "allapplications" || name == app) return true;
    if (in_suite && (name == "office365" || name == "allmicrosoftapps")) return true;
    if (office365 && is_office365_suite_app(name) && undecidable_match(list.access_type)) return true;
  }
  return false;
}

}  // namespace

EffectiveSettings service_default_settings() {
  EffectiveSettings settings;
  settings.b2b_collaboration_inbound = service_default_access(AccessType::Allowed);
  settings.b2b_collaboration_outbound = service_default_access(AccessType::Allowed);
  settings.b2b_direct_connect_inbound = service_default_access(AccessType::Blocked);
  settings.b2b_direct_connect_outbound = service_default_access(AccessType::Blocked);
  return settings;
}

EffectiveSettings effective_settings(const Tenant& tenant, const CrossTenantSettings* partner) {
  EffectiveSettings settings = service_default_settings();
  if (tenant.has_default_settings) settings = overlay(tenant.default_settings, settings);
  if (partner != nullptr) settings = overlay(*partner, settings);
  return settings;
}

bool access_verdict(const EffectiveAccess& setting, const HomeUser& user, std::string_view app,
                    const TransitiveMembership& membership) {
  const bool u = user_matches(setting.users_and_groups, user, membership);
  const bool a = app_matches(setting.applications, app);
  const bool users_allowed = setting.users_and_groups.access_type == AccessType::Allowed;
  const bool apps_allowed = setting.applications.access_type == AccessType::Allowed;
  if (users_allowed && apps_allowed) return u && a;
  if (users_allowed) return u && !a;
  if (apps_allowed) return !u && a;
  return !(u && a);
}

CrossTenantTable::CrossTenantTable(const World& world) {
  defaults_.reserve(world.tenants.size());
  partners_.resize(world.tenants.size());
  for (std::uint32_t t = 0; t < world.tenants.size(); ++t) {
    const Tenant& tenant = world.tenants[t];
    defaults_.push_back(effective_settings(tenant, nullptr));
    for (const CrossTenantSettings& partner : tenant.partners)
      partners_[t].emplace(partner.tenant_id, effective_settings(tenant, &partner));
  }
}

const EffectiveSettings& CrossTenantTable::get(std::uint32_t tenant, std::string_view partner_tenant_id) const {
  const auto& partners = partners_[tenant];
  auto it = partners.find(std::string(partner_tenant_id));
  return it == partners.end() ? defaults_[tenant] : it->second;
}

}  // namespace tenantreach::core

// Cross-tenant access settings (R4): the effective configuration of a tenant toward a partner, with the
// partner entry inheriting property by property from the default and the default from the service default,
// and the verdict of one inbound or outbound setting for one user and one app.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/membership.hpp"
#include "core/model.hpp"

namespace tenantreach::core {

struct EffectiveAccess {
  TargetList users_and_groups;
  TargetList applications;
};

struct EffectiveTrust {
  bool mfa_accepted = false;
  bool compliant_device_accepted = false;
  bool hybrid_joined_device_accepted = false;
};

struct EffectiveSettings {
  EffectiveAccess b2b_collaboration_inbound, b2b_collaboration_outbound;
  EffectiveAccess b2b_direct_connect_inbound, b2b_direct_connect_outbound;
  EffectiveTrust inbound_trust;
  bool consent_inbound_allowed = false;
  bool consent_outbound_allowed = false;
  // Identity synchronization is not here: only a partner entry can allow it (R9.1), so it never inherits.
};

// R4.2.
EffectiveSettings service_default_settings();
// R4.1: `partner` may be null (no partner entry: the tenant's default applies).
EffectiveSettings effective_settings(const Tenant& tenant, const CrossTenantSettings* partner);

// A user as cross-tenant targets see it: its id in its home tenant, and where that tenant is in the world.
struct HomeUser {
  std::uint32_t tenant = kNone;  // kNone: the home tenant is not in the world (group targets undecidable, R0)
  std::uint32_t user = kNone;    // index in that tenant, when known
  std::string_view id;
};

// R4.3 + R4.4: does the setting let this user use this app?
bool access_verdict(const EffectiveAccess& setting, const HomeUser& user, std::string_view app,
                    const TransitiveMembership& membership);

// The effective settings of every tenant toward every partner, computed once (cfg(T, P) of R4.1).
class CrossTenantTable {
 public:
  explicit CrossTenantTable(const World& world);
  const EffectiveSettings& get(std::uint32_t tenant, std::string_view partner_tenant_id) const;
  const EffectiveSettings& default_of(std::uint32_t tenant) const { return defaults_[tenant]; }

 private:
  std::vector<EffectiveSettings> defaults_;
  std::vector<std::unordered_map<std::string, EffectiveSettings>> partners_;
};

}  // namespace tenantreach::core

#include "core/access_rules.hpp"

#include <string>

#include "core/conditional_access.hpp"

namespace tenantreach::core {

AccessRules::AccessRules(const World& world) : world_(world), membership_(world), settings_(world) {}

HomeUser AccessRules::home_user(std::string_view tenant_id, std::string_view user_id) const {
  HomeUser home;
  home.id = user_id;
  home.tenant = world_.tenant_position(std::string(tenant_id));
  if (home.tenant != kNone) home.user = world_.directory(home.tenant).user_index(std::string(user_id));
  return home;
}

void AccessRules::check_user_object(std::uint32_t tenant, std::uint32_t user, std::string_view app,
                                    std::vector<Denial>& out) const {
  check_user_object(tenant, user, app_policies(world_.tenants[tenant], app), out);
}

void AccessRules::check_user_object(std::uint32_t tenant, std::uint32_t user, const AppPolicies& app,
                                    std::vector<Denial>& out) const {
  const Tenant& resource_tenant = world_.directory(tenant);
  const User& object = resource_tenant.users[user];
  if (!object.account_enabled) out.push_back({DenialCode::AccountDisabled});

  if (!object.external) {  // R6.1
    const UserKind kind = object.user_type == UserType::Guest ? UserKind::InternalGuest : UserKind::Internal;
    const SignIn sign_in{kind, user, resource_tenant.id, &settings_.default_of(tenant).inbound_trust};
    check_conditional_access(tenant, resource_tenant, sign_in, app, membership_, out);
    return;
  }

  const UserKind kind =
      object.user_type == UserType::Member ? UserKind::B2BCollaborationMember : UserKind::B2BCollaborationGuest;
  if (object.link_rule == LinkRule::None) {  // R5.2: no cross-tenant settings, T's default trust
    const SignIn sign_in{kind, user, {}, &settings_.default_of(tenant).inbound_trust};
    check_conditional_access(tenant, resource_tenant, sign_in, app, membership_, out);
    return;
  }

  // R6.2 for a linked object; R6.4 when the home tenant is not in the world.
  const Text home_tenant_id = object.extras->linked_tenant_id;
  const HomeUser home = home_user(home_tenant_id, object.extras->linked_user_id);
  if (home.tenant != kNone) {
    if (!world_.directory(home.tenant).users[home.user].account_enabled)
      out.push_back({DenialCode::HomeAccountDisabled});
    const EffectiveSettings& outbound = settings_.get(home.tenant, resource_tenant.id);
    if (!access_verdict(outbound.b2b_collaboration_outbound, home, app.app, membership_))
      out.push_back({DenialCode::OutboundBlocked});
  }
  const EffectiveSettings& inbound = settings_.get(tenant, home_tenant_id);
  if (!access_verdict(inbound.b2b_collaboration_inbound, home, app.app, membership_))
    out.push_back({DenialCode::InboundBlocked});
  const CrossTenantSettings* partner = resource_tenant.find_partner(home_tenant_id);
  const SignIn sign_in{kind, user, home_tenant_id, &inbound.inbound_trust,
                       partner != nullptr && partner->is_service_provider};
  check_conditional_access(tenant, resource_tenant, sign_in, app, membership_, out);
}

void AccessRules::check_direct_connect(std::uint32_t tenant, std::string_view home_tenant,
                                       std::string_view user_id, std::string_view app,
                                       std::vector<Denial>& out) const {
  check_direct_connect(tenant, home_tenant, user_id, app_policies(world_.tenants[tenant], app), out);
}

void AccessRules::check_direct_connect(std::uint32_t tenant, std::string_view home_tenant,
                                       std::string_view user_id, const AppPolicies& app,
                                       std::vector<Denial>& out) const {
  const Tenant& resource_tenant = world_.directory(tenant);
  const HomeUser home = home_user(home_tenant, user_id);
  if (home.tenant != kNone) {
    if (home.user == kNone || world_.directory(home.tenant).users[home.user].external) {
      out.push_back({DenialCode::NotInternalMember});
      return;
    }
    if (!world_.directory(home.tenant).users[home.user].account_enabled)
      out.push_back({DenialCode::HomeAccountDisabled});
    const EffectiveSettings& outbound = settings_.get(home.tenant, resource_tenant.id);
    if (!access_verdict(outbound.b2b_direct_connect_outbound, home, app.app, membership_))
      out.push_back({DenialCode::OutboundBlocked});
  }
  const EffectiveSettings& inbound = settings_.get(tenant, home_tenant);
  if (!access_verdict(inbound.b2b_direct_connect_inbound, home, app.app, membership_))
    out.push_back({DenialCode::InboundBlocked});
  const SignIn sign_in{UserKind::B2BDirectConnectUser, kNone, home_tenant, &inbound.inbound_trust};
  check_conditional_access(tenant, resource_tenant, sign_in, app, membership_, out);
}

}  // namespace tenantreach::core

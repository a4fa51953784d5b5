// The gates of the three paths of R6. Given a way in (a user object of the resource tenant, or a direct
// connect candidate), each check lists why the path is refused; an empty list means the path is open.
// The graph compiler evaluates these once per (user object, app) into tables; explain calls them directly.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/conditional_access.hpp"
#include "core/cross_tenant.hpp"
#include "core/denial.hpp"
#include "core/membership.hpp"
#include "core/model.hpp"

namespace tenantreach::core {

class AccessRules {
 public:
  explicit AccessRules(const World& world);

  // R6.1 (internal user objects) and R6.2 (external user objects, linked or not) for object `user` of
  // tenant `tenant` reaching a resource of that tenant whose app is `app`.
  void check_user_object(std::uint32_t tenant, std::uint32_t user, std::string_view app,
                         std::vector<Denial>& out) const;
  // The same, with the app's policies found once for many users (core::app_policies of tenant `tenant`).
  void check_user_object(std::uint32_t tenant, std::uint32_t user, const AppPolicies& app,
                         std::vector<Denial>& out) const;

  // R6.3 and R6.4 for the direct connect candidate (home_tenant, user_id) in a shared channel of `tenant`.
  void check_direct_connect(std::uint32_t tenant, std::string_view home_tenant, std::string_view user_id,
                            std::string_view app, std::vector<Denial>& out) const;
  void check_direct_connect(std::uint32_t tenant, std::string_view home_tenant, std::string_view user_id,
                            const AppPolicies& app, std::vector<Denial>& out) const;

  const World& world() const { return world_; }
  const TransitiveMembership& membership() const { return membership_; }
  const CrossTenantTable& settings() const { return settings_; }

 private:
  HomeUser home_user(std::string_view tenant_id, std::string_view user_id) const;

  const World& world_;
  TransitiveMembership membership_;
  CrossTenantTable settings_;
};

}  // namespace tenantreach::core

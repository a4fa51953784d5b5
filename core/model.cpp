#include "core/model.hpp"

namespace tenantreach::core {

std::uint32_t Tenant::user_index(const std::string& id) const {
  auto it = objects.find(id);
  return (it != objects.end() && it->second.kind == MemberKind::User) ? it->second.index : kNone;
}

std::uint32_t Tenant::group_index(const std::string& id) const {
  auto it = objects.find(id);
  return (it != objects.end() && it->second.kind == MemberKind::Group) ? it->second.index : kNone;
}

const User* Tenant::find_user(const std::string& id) const {
  std::uint32_t index = user_index(id);
  return index == kNone ? nullptr : &users[index];
}

const Group* Tenant::find_group(const std::string& id) const {
  std::uint32_t index = group_index(id);
  return index == kNone ? nullptr : &groups[index];
}

const CrossTenantSettings* Tenant::find_partner(const std::string& tenant_id) const {
  auto it = partner_index.find(tenant_id);
  return it == partner_index.end() ? nullptr : &partners[it->second];
}

std::uint32_t World::tenant_position(const std::string& id) const {
  auto it = tenant_index.find(id);
  return it == tenant_index.end() ? kNone : it->second;
}

const Tenant* World::find_tenant(const std::string& id) const {
  std::uint32_t position = tenant_position(id);
  return position == kNone ? nullptr : &tenants[position];
}

}  // namespace tenantreach::core

#include "core/membership.hpp"

#include <algorithm>

#include <tbb/parallel_for.h>

namespace tenantreach::core {
namespace {

std::vector<std::uint32_t> collect_users(const Tenant& tenant, std::uint32_t root) {
  std::vector<std::uint8_t> seen_group(tenant.groups.size(), 0);
  std::vector<std::uint8_t> seen_user(tenant.users.size(), 0);
  std::vector<std::uint32_t> stack{root};
  std::vector<std::uint32_t> users;
  seen_group[root] = 1;
  while (!stack.empty()) {
    const std::uint32_t group = stack.back();
    stack.pop_back();
    for (const MemberRef& member : tenant.groups[group].members) {
      if (!member.resolved()) continue;
      const std::uint32_t index = member.index();
      if (member.kind() == MemberKind::Group) {
        if (!seen_group[index]) {
          seen_group[index] = 1;
          stack.push_back(index);
        }
      } else if (!seen_user[index]) {
        seen_user[index] = 1;
        users.push_back(index);
      }
    }
  }
  std::sort(users.begin(), users.end());
  return users;
}

void add_targets(const std::optional<AccessSetting>& setting, std::vector<std::string>& ids) {
  if (!setting || !setting->users_and_groups) return;
  for (const Target& target : setting->users_and_groups->targets)
    if (target.target_type != "user" && target.target != "allusers") ids.push_back(target.target);
}

void add_settings(const CrossTenantSettings& settings, std::vector<std::string>& ids) {
  add_targets(settings.b2b_collaboration_inbound, ids);
  add_targets(settings.b2b_collaboration_outbound, ids);
  add_targets(settings.b2b_direct_connect_inbound, ids);
  add_targets(settings.b2b_direct_connect_outbound, ids);
}

}  // namespace

TransitiveMembership::TransitiveMembership(const World& world) : world_(world) {
  // Cross-tenant group targets name groups of whichever tenant is the user's home: look in every tenant.
  std::vector<std::string> target_ids;
  for (const Tenant& tenant : world.tenants) {
    if (tenant.has_default_settings) add_settings(tenant.default_settings, target_ids);
    for (const CrossTenantSettings& partner : tenant.partners) add_settings(partner, target_ids);
  }
  std::sort(target_ids.begin(), target_ids.end());
  target_ids.erase(std::unique(target_ids.begin(), target_ids.end()), target_ids.end());
  std::vector<std::uint64_t> wanted;
  for (std::uint32_t t = 0; t < world.tenants.size(); ++t) {
    // A lazily loaded world's undecoded tenants stay so: their closures are computed on demand, if ever asked for.
    if (!world.directory_decoded(t)) continue;
    const Tenant& tenant = world.tenants[t];
    auto want = [&](const std::string& id) {
      const std::uint32_t group = tenant.group_index(id);
      if (group != kNone) wanted.push_back(key(t, group));
    };
    for (const std::string& id : target_ids) want(id);
    for (const ConditionalAccessPolicy& policy : tenant.conditional_access_policies) {
      for (const std::string& id : policy.include_groups) want(id);
      for (const std::string& id : policy.exclude_groups) want(id);
    }
  }
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  std::vector<std::vector<std::uint32_t>> closures(wanted.size());
  tbb::parallel_for(std::size_t{0}, wanted.size(), [&](std::size_t i) {
    closures[i] = collect_users(world.tenants[wanted[i] >> 32], static_cast<std::uint32_t>(wanted[i]));
  });
  for (std::size_t i = 0; i < wanted.size(); ++i) referenced_.emplace(wanted[i], std::move(closures[i]));
}

const std::vector<std::uint32_t>& TransitiveMembership::users_of(std::uint32_t tenant, std::uint32_t group) const {
  const std::uint64_t key = TransitiveMembership::key(tenant, group);
  if (auto it = referenced_.find(key); it != referenced_.end()) return it->second;
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(key);
    if (it != cache_.end()) return *it->second;
  }
  auto users = std::make_unique<std::vector<std::uint32_t>>(collect_users(world_.directory(tenant), group));
  std::lock_guard lock(mutex_);
  auto [it, inserted] = cache_.emplace(key, std::move(users));
  return *it->second;
}

bool TransitiveMembership::contains(std::uint32_t tenant, const std::string& group_id, std::uint32_t user) const {
  const std::uint32_t group = world_.directory(tenant).group_index(group_id);
  if (group == kNone) return false;
  const auto& users = users_of(tenant, group);
  return std::binary_search(users.begin(), users.end(), user);
}

}  // namespace tenantreach::core

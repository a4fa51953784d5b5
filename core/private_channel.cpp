#include "core/private_channel.hpp"

namespace tenantreach::core {

PrivateChannelMembers::PrivateChannelMembers(const World& world) : world_(world), by_home_(world.tenants.size()) {
  for (std::uint32_t t = 0; t < world.tenants.size(); ++t) {
    const Tenant& tenant = world.tenants[t];
    bool needed = false;
    for (const Channel& channel : tenant.channels) {
      if (channel.type != ChannelType::Private) continue;
      for (const ConversationMember& member : channel.members) needed = needed || names_other_tenant(member, tenant.id);
    }
    if (!needed) continue;
    for (std::uint32_t u = 0; u < tenant.users.size(); ++u) {
      const User& user = tenant.users[u];
      if (user.link_rule != LinkRule::None)
        by_home_[t][user.extras->linked_tenant_id + "/" + user.extras->linked_user_id].push_back(u);
    }
  }
}

void PrivateChannelMembers::resolve(std::uint32_t tenant, const ConversationMember& member,
                                    std::vector<std::uint32_t>& out) const {
  const Tenant& channel_tenant = world_.tenants[tenant];
  const std::uint32_t own = channel_tenant.user_index(member.user_id);
  if (own != kNone) {
    out.push_back(own);
    return;
  }
  if (!names_other_tenant(member, channel_tenant.id)) return;
  const auto& index = by_home_[tenant];
  auto it = index.find(member.tenant_id + "/" + member.user_id);
  if (it != index.end()) out.insert(out.end(), it->second.begin(), it->second.end());
}

}  // namespace tenantreach::core

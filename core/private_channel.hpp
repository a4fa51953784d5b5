// R3.3 for private channels: which user objects of the channel's tenant a conversation member stands for.
// Teams may list a guest by its home identity (the guest's home tenantId and home userId) instead of by its
// guest object; such a member stands for every external user object of the channel's tenant that links (R5)
// to that identity. Needs a derived world (links filled in).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/model.hpp"

namespace tenantreach::core {

class PrivateChannelMembers {
 public:
  // Indexes the linked external objects of the tenants whose private channels list members of other tenants.
  explicit PrivateChannelMembers(const World& world);

  // Appends to `out` the indexes (in world.tenants[tenant].users) of the objects `member` stands for: the user
  // object of that id in the channel's tenant, whatever the member's tenantId; else, for a member of another
  // tenant, the external objects linked to (tenantId, userId). Nothing for a member that stands for nobody.
  void resolve(std::uint32_t tenant, const ConversationMember& member, std::vector<std::uint32_t>& out) const;

 private:
  const World& world_;
  // Per tenant: "<home tenant id>/<home user id>" -> linked external objects of that tenant.
  std::vector<std::unordered_map<std::string, std::vector<std::uint32_t>>> by_home_;
};

// Whether `member` of a private channel of `tenant_id` names another tenant (R3.3: resolved by home identity).
inline bool names_other_tenant(const ConversationMember& member, const std::string& tenant_id) {
  return !member.tenant_id.empty() && member.tenant_id != tenant_id;
}

}  // namespace tenantreach::core

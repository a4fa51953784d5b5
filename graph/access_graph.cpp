#include "graph/access_graph.hpp"

#include <algorithm>

namespace tenantreach::graph {

const char* resource_type_name(ResourceType type) {
  switch (type) {
    case ResourceType::StandardChannel: return "standardChannel";
    case ResourceType::PrivateChannel: return "privateChannel";
    case ResourceType::SharedChannel: return "sharedChannel";
    case ResourceType::Group: return "group";
    case ResourceType::Site: return "site";
    case ResourceType::Application: return "application";
    case ResourceType::Container: return "container";
  }
  return "unknown";
}

namespace {
std::uint32_t tenant_by_offset(const std::vector<std::uint32_t>& offsets, std::uint32_t index) {
  auto it = std::upper_bound(offsets.begin(), offsets.end(), index);
  return static_cast<std::uint32_t>(it - offsets.begin()) - 1;
}
}  // namespace

std::uint32_t AccessGraph::tenant_of_user(std::uint32_t vertex) const {
  return tenant_by_offset(tenant_user_offset, vertex);
}

std::uint32_t AccessGraph::tenant_of_group(std::uint32_t vertex) const {
  return tenant_by_offset(tenant_group_offset, vertex - user_count);
}

}  // namespace tenantreach::graph

#include "graph/access_graph.hpp"

#include <algorithm>

namespace tenantreach::graph {
namespace {

std::uint32_t principal_key(std::uint32_t principal) { return principal; }
std::uint32_t principal_key(const LinkedUserObject& object) { return object.principal; }

}  // namespace

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

std::span<const core::Denial> AccessGraph::closed_gate_reasons(std::uint64_t gate_index) const {
  const auto it = std::lower_bound(closed_gates.begin(), closed_gates.end(), gate_index);
  if (it == closed_gates.end() || *it != gate_index) return {};
  return denial_set(closed_gate_denials[static_cast<std::size_t>(it - closed_gates.begin())]);
}

std::uint32_t AccessGraph::find_tenant(std::string_view tenant_id) const {
  std::uint32_t low = 0, high = tenant_count();
  while (low < high) {
    const std::uint32_t middle = low + (high - low) / 2;
    if (tenant_names[middle] < tenant_id) low = middle + 1;
    else high = middle;
  }
  return low < tenant_count() && tenant_names[low] == tenant_id ? low : core::kNone;
}

std::uint32_t AccessGraph::find_user_vertex(std::uint32_t tenant, std::string_view user_id) const {
  const auto first = user_id_order.begin() + tenant_user_offset[tenant];
  const auto last = user_id_order.begin() + tenant_user_offset[tenant + 1];
  const auto it = std::lower_bound(first, last, user_id,
                                   [&](std::uint32_t vertex, std::string_view id) { return user_ids[vertex] < id; });
  return it != last && user_ids[*it] == user_id ? *it : core::kNone;
}

std::span<const LinkedUserObject> AccessGraph::linked_objects_of(std::uint32_t principal) const {
  const auto by_principal = [](const auto& a, const auto& b) { return principal_key(a) < principal_key(b); };
  const auto [first, last] =
      std::equal_range(linked_user_objects.begin(), linked_user_objects.end(), principal, by_principal);
  return {first, last};
}

std::uint32_t AccessGraph::tenant_of_group(std::uint32_t vertex) const {
  return tenant_by_offset(tenant_group_offset, vertex - user_count);
}

}  // namespace tenantreach::graph

// The compiled access graph. Vertices are dense 32-bit ids: every user object of every tenant, then every
// group, then every resource (in audit order: tenant id, then resource id). An edge runs from a member to what
// it is a member of or granted: user -> group, group -> group, user/group -> resource. Walking `members`
// (the reverse CSR) from a resource yields the user objects in its grants (R3); walking `member_of` from a
// user yields what it is granted. Policy gates (R4, R5, R7) are precompiled: gate[gate_base[user] + slot]
// says whether that user object's path is open toward a resource of its tenant whose app has that slot.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "graph/csr.hpp"
#include "graph/results.hpp"

namespace tenantreach::graph {

enum class ResourceType : std::uint8_t {
  StandardChannel,
  PrivateChannel,
  SharedChannel,
  Group,
  Site,
  Application,
  Container,
};

const char* resource_type_name(ResourceType type);

enum EveryoneGrant : std::uint8_t { kEveryone = 1, kEveryoneExceptExternalUsers = 2 };

struct GraphResource {
  std::uint32_t tenant = 0;  // position in World::tenants
  std::string id;
  std::string display_name;
  ResourceType type = ResourceType::Site;
  std::uint32_t app_slot = 0;  // index into AccessGraph::tenant_apps[tenant]
  std::uint8_t everyone = 0;   // EveryoneGrant bits
};

// A principal as R2.3 reports it.
struct Principal {
  std::string tenant_id;
  std::string user_id;
  bool linked = true;
  std::uint32_t tenant = core::kNone;  // position of tenant_id in the world, kNone when not in it
};

// A candidate of a shared channel from another tenant (R3.4 (b), (c)), with its compiled verdict (R6.3).
struct DirectConnectEntry {
  std::string home_tenant_id;
  std::string user_id;
  std::string via_team;  // "<tenantId>/<groupId>" of the sharedWithTeams entry, empty for a direct member
  std::uint32_t principal = core::kNone;  // kNone when no principal has that identity (refused)
  bool allowed = false;
};

struct AccessGraph {
  std::uint32_t user_count = 0;
  std::uint32_t group_count = 0;
  std::vector<std::uint32_t> tenant_user_offset;   // size tenants + 1
  std::vector<std::uint32_t> tenant_group_offset;  // size tenants + 1

  Csr member_of;  // member -> container
  Csr members;    // container -> member

  std::vector<GraphResource> resources;
  std::vector<std::vector<std::string>> tenant_apps;  // per tenant: the distinct apps of its resources
  std::vector<std::vector<std::uint32_t>> everyone_resources;  // per tenant: resources with an everyone grant

  std::vector<std::uint64_t> gate_base;  // per user vertex
  std::vector<std::uint8_t> gate;        // 1: the path of this user object is open

  std::vector<Principal> principals;  // sorted by tenant id, then user id: sorting ids sorts the output
  std::vector<std::uint32_t> principal_of_user;  // per user vertex
  std::vector<std::uint8_t> via_of_user;         // per user vertex: the Via of its path
  Csr principal_users;                           // principal -> its user objects (own and guest objects)

  std::vector<std::uint64_t> direct_connect_offsets;  // per resource, into direct_connect
  std::vector<DirectConnectEntry> direct_connect;
  std::vector<std::uint64_t> refused_offsets;  // per resource, into refused_members
  std::vector<std::uint32_t> refused_members;  // own-tenant guests listed in a shared channel (explain only)

  std::uint32_t resource_count() const { return static_cast<std::uint32_t>(resources.size()); }
  std::uint32_t vertex_count() const { return user_count + group_count + resource_count(); }
  std::uint32_t user_vertex(std::uint32_t tenant, std::uint32_t user) const {
    return tenant_user_offset[tenant] + user;
  }
  std::uint32_t group_vertex(std::uint32_t tenant, std::uint32_t group) const {
    return user_count + tenant_group_offset[tenant] + group;
  }
  std::uint32_t resource_vertex(std::uint32_t resource) const { return user_count + group_count + resource; }
  bool is_user(std::uint32_t vertex) const { return vertex < user_count; }
  bool is_resource(std::uint32_t vertex) const { return vertex >= user_count + group_count; }
  std::uint32_t tenant_of_user(std::uint32_t vertex) const;
  std::uint32_t tenant_of_group(std::uint32_t vertex) const;
  bool gate_open(std::uint32_t user_vertex, std::uint32_t resource) const {
    return gate[gate_base[user_vertex] + resources[resource].app_slot] != 0;
  }
  std::span<const DirectConnectEntry> direct_connect_of(std::uint32_t resource) const {
    return {direct_connect.data() + direct_connect_offsets[resource],
            direct_connect.data() + direct_connect_offsets[resource + 1]};
  }
  std::span<const std::uint32_t> refused_of(std::uint32_t resource) const {
    return {refused_members.data() + refused_offsets[resource], refused_members.data() + refused_offsets[resource + 1]};
  }
};

}  // namespace tenantreach::graph

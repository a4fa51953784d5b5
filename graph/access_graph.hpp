// The compiled access graph. Vertices are dense 32-bit ids: every user object of every tenant, then every
// group, then every resource (in audit order: tenant id, then resource id). An edge runs from a member to what
// it is a member of or granted: user -> group, group -> group, user/group -> resource. Walking `members`
// (the reverse CSR) from a resource yields the user objects in its grants (R3); walking `member_of` from a
// user yields what it is granted. Policy gates (R4, R5, R7) are precompiled: gate[gate_index(tenant, user) + slot]
// says whether that user object's path is open toward a resource of its tenant whose app has that slot.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/denial.hpp"
#include "core/model.hpp"
#include "graph/bulk_memory.hpp"
#include "graph/csr.hpp"
#include "graph/results.hpp"
#include "graph/string_pool.hpp"

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

  // R3.2: whether an everyone grant of this resource holds a user object of its tenant (internal or not).
  bool grants_everyone(bool internal) const {
    return (everyone & kEveryone) || (internal && (everyone & kEveryoneExceptExternalUsers));
  }
};

// A principal as R2.3 reports it. Its ids live in the graph's string pools (AccessGraph::principal_tenant_id,
// principal_user_id): a principal is 12 plain bytes, so a snapshot stores all of them as one block.
// Trivial (no default member initialisers), so a snapshot's array of them is mapped rather than read
// (serialization/section_io.hpp): value-initialise one, `Principal{}`, for the zero padding.
struct Principal {
  // Index into AccessGraph::tenant_names, which lists the world's tenants first, in world order: under
  // tenant_count() it is the position of the principal's tenant in the world (AccessGraph::principal_tenant).
  std::uint32_t tenant_name;
  // In the world: the principal's own user vertex; otherwise an index into AccessGraph::outside_user_ids.
  std::uint32_t id;
  bool linked;
  std::uint8_t reserved[3];  // explicit padding, always zero
};
static_assert(std::is_trivial_v<Principal> && sizeof(Principal) == 12);

// A user object that is not its principal's own (AccessGraph::principals: Principal::id): an external object
// linked to its home user (R5), or an object of a principal outside the world.
struct LinkedUserObject {
  std::uint32_t principal;
  std::uint32_t user;  // its vertex
};
static_assert(std::is_trivial_v<LinkedUserObject> && sizeof(LinkedUserObject) == 8);

// A candidate of a shared channel from another tenant (R3.4 (b), (c)), with its compiled verdict (R6.3).
// Its strings are indexes into AccessGraph::direct_connect_names, where each distinct one is held once (a
// candidate is often one of a few users, of a few tenants, through a few teams).
struct DirectConnectEntry {
  std::uint32_t home_tenant_id = 0;
  std::uint32_t user_id = 0;
  std::uint32_t via_team = 0;  // "<tenantId>/<groupId>" of the sharedWithTeams entry, empty for a direct member
  std::uint32_t principal = core::kNone;  // kNone when no principal has that identity (refused)
  bool allowed = false;
  std::uint32_t denials = 0;  // AccessGraph::denial_set: the reasons R6.3 and R6.4 give (empty when allowed)
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

  // Per tenant + 1: where its user objects' gates start in `gate`, tenant_apps[t].size() bytes per user object in
  // vertex order (gate_index). Per tenant rather than per user vertex: 4 bytes per user object less.
  std::vector<Offset> tenant_gate_base;
  BulkVector<std::uint8_t> gate;  // 1: the path of this user object is open

  // Why paths are refused (R8), so that the report counts denials from the graph alone: distinct lists of
  // reasons, list k being denial_reasons[denial_set_offsets[k], denial_set_offsets[k + 1]) (list 0 is empty);
  // each closed gate (closed_gates: ascending indices into `gate`) names its list in closed_gate_denials, each
  // direct connect entry in DirectConnectEntry::denials.
  std::vector<std::uint64_t> denial_set_offsets;
  std::vector<core::Denial> denial_reasons;
  std::vector<Offset> closed_gates;
  std::vector<std::uint32_t> closed_gate_denials;

  // Identities, so that who-can-reach, what-can-reach and audit answer without the model (core::World).
  StringPool tenant_names;  // the world's tenants in world order, then the other tenants principals come from
  StringPool tenant_display_names;  // per world tenant: its organization's displayName
  StringPool user_ids;               // per user vertex
  StringPool user_display_names;     // per user vertex
  BulkVector<std::uint32_t> user_id_order;  // per tenant, its user vertices sorted by id (find_user_vertex)
  StringPool outside_user_ids;       // user ids of principals whose tenant is not in the world

  BulkVector<Principal> principals;  // sorted by tenant id, then user id: sorting ids sorts the output
  BulkVector<std::uint32_t> principal_of_user;   // per user vertex
  BulkVector<std::uint8_t> via_of_user;          // per user vertex: the Via of its path
  // Sorted by principal, then user: with its own object, a principal's user objects (for_each_user_object). Most
  // principals have one, their own: a CSR over every principal cost 8 bytes per user object, this 8 per linked one.
  BulkVector<LinkedUserObject> linked_user_objects;

  std::vector<std::uint64_t> direct_connect_offsets;  // per resource, into direct_connect
  std::vector<DirectConnectEntry> direct_connect;
  StringPool direct_connect_names;  // the strings of the direct connect entries, each once
  std::vector<std::uint64_t> refused_offsets;  // per resource, into refused_members
  std::vector<std::uint32_t> refused_members;  // own-tenant guests listed in a shared channel (explain only)

  // What `stats` reports of the model, summarised at compile time so that a snapshot answers `stats` without
  // decoding its model: counts by name ("users.internal", "groups.memberships", ...) and the compile warnings.
  std::vector<std::pair<std::string, std::uint64_t>> model_counts;
  std::vector<core::Warning> warnings;
  // Per world tenant, the files it was read from (core::Tenant::source_files): where its settings came from.
  std::vector<std::vector<std::string>> tenant_source_files;

  std::uint32_t tenant_count() const { return static_cast<std::uint32_t>(tenant_user_offset.size() - 1); }
  std::string_view tenant_id(std::uint32_t tenant) const { return tenant_names[tenant]; }  // a world tenant
  std::string_view principal_tenant_id(std::uint32_t principal) const {
    return tenant_names[principals[principal].tenant_name];
  }
  // The user objects through which a principal can be in a grant, ascending: its own object (a principal in the
  // world whose own object is its way in) and the objects linked to it.
  template <class Visit> void for_each_user_object(std::uint32_t principal, Visit&& visit) const {
    const std::span<const LinkedUserObject> linked = linked_objects_of(principal);
    std::uint32_t own = core::kNone;
    if (principal_tenant(principal) != core::kNone && principal_of_user[principals[principal].id] == principal)
      own = principals[principal].id;
    for (const LinkedUserObject& object : linked) {
      if (own < object.user) visit(std::exchange(own, core::kNone));
      visit(object.user);
    }
    if (own != core::kNone) visit(own);
  }
  std::span<const LinkedUserObject> linked_objects_of(std::uint32_t principal) const;
  // The position in the world of the principal's tenant, kNone when it is not in the world.
  std::uint32_t principal_tenant(std::uint32_t principal) const {
    const std::uint32_t name = principals[principal].tenant_name;
    return name < tenant_count() ? name : core::kNone;
  }
  std::string_view principal_user_id(std::uint32_t principal) const {
    const Principal& p = principals[principal];
    return principal_tenant(principal) != core::kNone ? user_ids[p.id] : outside_user_ids[p.id];
  }
  std::string_view principal_display_name(std::uint32_t principal) const {  // empty outside the world
    const Principal& p = principals[principal];
    return principal_tenant(principal) != core::kNone ? user_display_names[p.id] : std::string_view{};
  }
  // The position of a world tenant by id, or kNone (binary search: world tenants are sorted by id).
  std::uint32_t find_tenant(std::string_view tenant_id) const;
  // The user vertex of a user object of a world tenant by id, or kNone.
  std::uint32_t find_user_vertex(std::uint32_t tenant, std::string_view user_id) const;

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
  // The first gate of `user_vertex`, a user object of `tenant`; its slot s is gate[gate_index(...) + s].
  std::uint64_t gate_index(std::uint32_t tenant, std::uint32_t user_vertex) const {
    const std::uint64_t position = user_vertex - tenant_user_offset[tenant];
    return tenant_gate_base[tenant] + position * tenant_apps[tenant].size();
  }
  // `user_vertex` is a user object of the resource's tenant: membership and grants stay inside a tenant, so no
  // other user object reaches the resource.
  bool gate_open(std::uint32_t user_vertex, std::uint32_t resource) const {
    const GraphResource& info = resources[resource];
    return gate[gate_index(info.tenant, user_vertex) + info.app_slot] != 0;
  }
  std::span<const core::Denial> denial_set(std::uint32_t set) const {
    return {denial_reasons.data() + denial_set_offsets[set], denial_reasons.data() + denial_set_offsets[set + 1]};
  }
  // The reasons of the closed gate gate[gate_index] (binary search in closed_gates); empty for an open gate.
  std::span<const core::Denial> closed_gate_reasons(std::uint64_t gate_index) const;
  std::span<const DirectConnectEntry> direct_connect_of(std::uint32_t resource) const {
    return {direct_connect.data() + direct_connect_offsets[resource],
            direct_connect.data() + direct_connect_offsets[resource + 1]};
  }
  std::span<const std::uint32_t> refused_of(std::uint32_t resource) const {
    return {refused_members.data() + refused_offsets[resource], refused_members.data() + refused_offsets[resource + 1]};
  }
};

}  // namespace tenantreach::graph

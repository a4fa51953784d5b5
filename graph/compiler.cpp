// From the model to the access graph: vertices, grant edges (R3), principals (R2.3), and the policy gates
// (R4-R7) evaluated once per user object and app.
#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>

#include "core/access_rules.hpp"
#include "core/private_channel.hpp"
#include "graph/compiled_world.hpp"
#include "graph/denial_sets.hpp"

namespace tenantreach::graph {
namespace {

using core::kNone;
using Edge = std::pair<std::uint32_t, std::uint32_t>;

// Where a resource comes from in the model, before resources are put in audit order.
struct ResourceSource {
  std::uint32_t tenant;
  ResourceType type;
  std::uint32_t index;  // into Tenant::channels, groups or resources
  std::string_view id;
};

// The first 8 bytes of an id (zero-padded) as a big-endian number: ids ordered by it are ordered by those bytes
// as std::string_view compares them, so a sort compares the strings only where it ties.
std::uint64_t id_prefix(std::string_view id) {
  std::uint64_t prefix = 0;
  for (std::size_t i = 0; i < 8; ++i) prefix = prefix << 8 | (i < id.size() ? static_cast<unsigned char>(id[i]) : 0u);
  return prefix;
}

ResourceType channel_type(core::ChannelType type) {
  switch (type) {
    case core::ChannelType::Standard: return ResourceType::StandardChannel;
    case core::ChannelType::Private: return ResourceType::PrivateChannel;
    case core::ChannelType::Shared: return ResourceType::SharedChannel;
  }
  return ResourceType::StandardChannel;
}

ResourceType resource_kind_type(core::ResourceKind kind) {
  switch (kind) {
    case core::ResourceKind::Site: return ResourceType::Site;
    case core::ResourceKind::Application: return ResourceType::Application;
    case core::ResourceKind::Container: return ResourceType::Container;
  }
  return ResourceType::Site;
}

class Compiler {
 public:
  Compiler(const core::World& world, AccessGraph& graph)
      : world_(world), graph_(graph), rules_(world), private_members_(world) {
    denial_sets_.intern({});
  }

  void run() {
    lay_out_vertices();
    collect_resources();
    std::vector<Edge> edges;
    add_group_edges(edges);
    for (std::uint32_t r = 0; r < graph_.resource_count(); ++r) add_resource_edges(r, edges);
    graph_.member_of = Csr::from_edges(graph_.vertex_count(), std::move(edges));
    graph_.members = graph_.member_of.reversed();
    collect_principals();
    compile_gates();
    compile_direct_connect_verdicts();
    const std::vector<std::uint32_t> renumbered =
        std::move(denial_sets_).release(graph_.denial_set_offsets, graph_.denial_reasons);
    for (std::uint32_t& set : graph_.closed_gate_denials) set = renumbered[set];
    for (DirectConnectEntry& entry : graph_.direct_connect) entry.denials = renumbered[entry.denials];
    summarize_model();
  }

 private:
  void lay_out_vertices() {
    const std::size_t tenants = world_.tenants.size();
    graph_.tenant_user_offset.assign(tenants + 1, 0);
    graph_.tenant_group_offset.assign(tenants + 1, 0);
    for (std::size_t t = 0; t < tenants; ++t) {
      graph_.tenant_user_offset[t + 1] =
          graph_.tenant_user_offset[t] + static_cast<std::uint32_t>(world_.tenants[t].users.size());
      graph_.tenant_group_offset[t + 1] =
          graph_.tenant_group_offset[t] + static_cast<std::uint32_t>(world_.tenants[t].groups.size());
    }
    graph_.user_count = graph_.tenant_user_offset[tenants];
    graph_.group_count = graph_.tenant_group_offset[tenants];
    lay_out_identities();
  }

  // The ids and display names the queries print, in the graph, so they answer without the model.
  void lay_out_identities() {
    for (const core::Tenant& tenant : world_.tenants) {
      graph_.tenant_names.add(tenant.id);
      graph_.tenant_display_names.add(tenant.display_name);
    }
    std::size_t id_bytes = 0, name_bytes = 0;
    for (const core::Tenant& tenant : world_.tenants)
      for (const core::User& user : tenant.users) {
        id_bytes += user.id.size();
        name_bytes += user.display_name.size();
      }
    graph_.user_ids.bytes().reserve(id_bytes);
    graph_.user_ids.offsets().reserve(graph_.user_count + 1);
    graph_.user_display_names.bytes().reserve(name_bytes);
    graph_.user_display_names.offsets().reserve(graph_.user_count + 1);
    for (const core::Tenant& tenant : world_.tenants)
      for (const core::User& user : tenant.users) {
        graph_.user_ids.add(user.id);
        graph_.user_display_names.add(user.display_name);
      }
    // Sorted by id, then vertex: the first of two objects with one id wins, as in Tenant::objects. The ids' first
    // 8 bytes, kept beside each vertex, settle most comparisons without reading the strings.
    graph_.user_id_order.resize(graph_.user_count);
    std::vector<std::pair<std::uint64_t, std::uint32_t>> order(graph_.user_count);
    tbb::parallel_for(std::uint32_t{0}, graph_.user_count,
                      [&](std::uint32_t v) { order[v] = {id_prefix(graph_.user_ids[v]), v}; });
    for (std::uint32_t t = 0; t < world_.tenants.size(); ++t)
      tbb::parallel_sort(order.begin() + graph_.tenant_user_offset[t], order.begin() + graph_.tenant_user_offset[t + 1],
                         [&](const auto& a, const auto& b) {
                           return std::tuple(a.first, graph_.user_ids[a.second], a.second) <
                                  std::tuple(b.first, graph_.user_ids[b.second], b.second);
                         });
    for (std::uint32_t v = 0; v < graph_.user_count; ++v) graph_.user_id_order[v] = order[v].second;
  }

  // R2.1: channels, resources.json entries and Microsoft 365 groups, in audit order.
  void collect_resources() {
    for (std::uint32_t t = 0; t < world_.tenants.size(); ++t) {
      const core::Tenant& tenant = world_.tenants[t];
      for (std::uint32_t i = 0; i < tenant.channels.size(); ++i)
        sources_.push_back({t, channel_type(tenant.channels[i].type), i, tenant.channels[i].id});
      for (std::uint32_t i = 0; i < tenant.groups.size(); ++i)
        if (tenant.groups[i].unified) sources_.push_back({t, ResourceType::Group, i, tenant.groups[i].id.view()});
      for (std::uint32_t i = 0; i < tenant.resources.size(); ++i)
        sources_.push_back({t, resource_kind_type(tenant.resources[i].kind), i, tenant.resources[i].id});
    }
    std::stable_sort(sources_.begin(), sources_.end(), [](const ResourceSource& a, const ResourceSource& b) {
      return std::tie(a.tenant, a.id) < std::tie(b.tenant, b.id);
    });
    graph_.tenant_apps.assign(world_.tenants.size(), {});
    graph_.everyone_resources.assign(world_.tenants.size(), {});
    graph_.resources.reserve(sources_.size());
    for (const ResourceSource& source : sources_) {
      GraphResource resource;
      resource.tenant = source.tenant;
      resource.id = source.id;
      resource.type = source.type;
      const core::Tenant& tenant = world_.tenants[source.tenant];
      std::string app = "office365";  // R2.2
      if (source.type == ResourceType::Group) {
        resource.display_name = tenant.groups[source.index].display_name;
      } else if (source.type == ResourceType::Site || source.type == ResourceType::Application ||
                 source.type == ResourceType::Container) {
        resource.display_name = tenant.resources[source.index].display_name;
        app = tenant.resources[source.index].app_id;
      } else {
        resource.display_name = tenant.channels[source.index].display_name;
      }
      auto& apps = graph_.tenant_apps[source.tenant];
      auto slot = std::find(apps.begin(), apps.end(), app);
      resource.app_slot = static_cast<std::uint32_t>(slot - apps.begin());
      if (slot == apps.end()) apps.push_back(app);
      graph_.resources.push_back(std::move(resource));
    }
  }

  std::uint32_t user_vertex_of(std::uint32_t tenant, std::string_view id) const {
    const std::uint32_t user = world_.tenants[tenant].user_index(id);
    return user == kNone ? kNone : graph_.user_vertex(tenant, user);
  }

  std::uint32_t group_vertex_of(std::uint32_t tenant, std::string_view id) const {
    const std::uint32_t group = world_.tenants[tenant].group_index(id);
    return group == kNone ? kNone : graph_.group_vertex(tenant, group);
  }

  // R1.3 groups: nesting is transitive; dangling members were reported by ingest and are left out here.
  void add_group_edges(std::vector<Edge>& edges) const {
    for (std::uint32_t t = 0; t < world_.tenants.size(); ++t) {
      const core::Tenant& tenant = world_.tenants[t];
      for (std::uint32_t g = 0; g < tenant.groups.size(); ++g) {
        const std::uint32_t container = graph_.group_vertex(t, g);
        for (const core::MemberRef& member : tenant.groups[g].members) {
          if (!member.resolved()) continue;
          edges.emplace_back(member.kind() == core::MemberKind::User ? graph_.user_vertex(t, member.index())
                                                                     : graph_.group_vertex(t, member.index()),
                             container);
        }
      }
    }
  }

  void add_resource_edges(std::uint32_t r, std::vector<Edge>& edges) {
    const ResourceSource& source = sources_[r];
    const core::Tenant& tenant = world_.tenants[source.tenant];
    const std::uint32_t vertex = graph_.resource_vertex(r);
    auto add = [&](std::uint32_t from) {
      if (from != kNone) edges.emplace_back(from, vertex);
    };
    switch (source.type) {
      case ResourceType::Group:  // R3.1
        add(graph_.group_vertex(source.tenant, source.index));
        break;
      case ResourceType::Site:
      case ResourceType::Application:
      case ResourceType::Container:  // R3.2
        for (const core::Grant& grant : tenant.resources[source.index].grants) {
          switch (grant.type) {
            case core::GrantType::User: add(user_vertex_of(source.tenant, grant.principal_id)); break;
            case core::GrantType::Group: add(group_vertex_of(source.tenant, grant.principal_id)); break;
            case core::GrantType::Everyone: graph_.resources[r].everyone |= kEveryone; break;
            case core::GrantType::EveryoneExceptExternalUsers:
              graph_.resources[r].everyone |= kEveryoneExceptExternalUsers;
              break;
          }
        }
        if (graph_.resources[r].everyone != 0) graph_.everyone_resources[source.tenant].push_back(r);
        break;
      case ResourceType::StandardChannel:  // R3.3
        add(group_vertex_of(source.tenant, tenant.channels[source.index].team_id));
        break;
      case ResourceType::PrivateChannel:  // R3.3
        for (const core::ConversationMember& member : tenant.channels[source.index].members) {
          objects_.clear();
          private_members_.resolve(source.tenant, member, objects_);
          for (std::uint32_t user : objects_) add(graph_.user_vertex(source.tenant, user));
        }
        break;
      case ResourceType::SharedChannel:
        add_shared_channel(r, edges);
        break;
    }
    graph_.direct_connect_offsets.push_back(graph_.direct_connect.size());
    graph_.refused_offsets.push_back(graph_.refused_members.size());
  }

  // R3.4: members of the channel's tenant must be internal users with userType Member; members of other
  // tenants are direct connect candidates; sharedWithTeams entries contribute their allowed members, or else
  // the direct internal members of the shared team.
  void add_shared_channel(std::uint32_t r, std::vector<Edge>& edges) {
    const ResourceSource& source = sources_[r];
    const core::Tenant& tenant = world_.tenants[source.tenant];
    const core::Channel& channel = tenant.channels[source.index];
    // Views: a team's members are the group's Texts, copied only for a candidate from another tenant.
    auto add_member = [&](std::string_view member_tenant, std::string_view user_id, std::string_view via_team) {
      if (member_tenant != tenant.id) {
        graph_.direct_connect.push_back({direct_connect_name(member_tenant), direct_connect_name(user_id),
                                         direct_connect_name(via_team), kNone, false});
        return;
      }
      const std::uint32_t vertex = user_vertex_of(source.tenant, user_id);
      if (vertex == kNone) return;
      const core::User& user = tenant.users[vertex - graph_.tenant_user_offset[source.tenant]];
      if (!user.external && user.user_type == core::UserType::Member) {
        edges.emplace_back(vertex, graph_.resource_vertex(r));
      } else {
        graph_.refused_members.push_back(vertex);
      }
    };
    for (const core::ConversationMember& member : channel.members)
      add_member(member.tenant_id.empty() ? tenant.id : member.tenant_id, member.user_id, {});
    for (const core::SharedWithTeam& team : channel.shared_with_teams) {
      const std::string& team_tenant = team.tenant_id.empty() ? tenant.id : team.tenant_id;
      const std::string via_team = team_tenant + "/" + team.team_id;
      if (team.allowed_members) {
        for (const core::ConversationMember& member : *team.allowed_members)
          add_member(member.tenant_id.empty() ? team_tenant : member.tenant_id, member.user_id, via_team);
        continue;
      }
      const core::Tenant* home = world_.find_tenant(team_tenant);
      const core::Group* group = home ? home->find_group(team.team_id) : nullptr;
      if (group == nullptr) continue;
      for (const core::MemberRef& member : group->members) {
        if (member.kind() != core::MemberKind::User || !member.resolved()) continue;
        const core::User& user = home->users[member.index()];
        if (!user.external) add_member(team_tenant, user.id, via_team);
      }
    }
  }

  // R2.3: internal users, the home users of linked external objects (possibly in tenants not in the world),
  // unlinked external objects, and direct connect members from tenants not in the world.
  // Sets the sort fields of principal keys (collect_principals): the rank of each tenant id among the distinct
  // ones, and the id_prefix of each user id.
  template <typename Key> static void rank_keys(std::vector<Key>& keys) {
    std::vector<std::string_view> tenants;
    for (const Key& key : keys)
      if (tenants.empty() || tenants.back() != key.tenant_id) tenants.push_back(key.tenant_id);
    std::sort(tenants.begin(), tenants.end());
    tenants.erase(std::unique(tenants.begin(), tenants.end()), tenants.end());
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, keys.size()), [&](const tbb::blocked_range<std::size_t>& range) {
      std::string_view last;
      std::uint32_t rank = 0;
      for (std::size_t k = range.begin(); k < range.end(); ++k) {
        Key& key = keys[k];
        if (k == range.begin() || key.tenant_id != last) {
          last = key.tenant_id;
          rank = static_cast<std::uint32_t>(std::lower_bound(tenants.begin(), tenants.end(), last) - tenants.begin());
        }
        key.tenant_rank = rank;
        key.user_prefix = id_prefix(key.user_id);
      }
    });
  }

  void collect_principals() {
    // Every user object that is its own principal (internal, or external and unlinked) and every identity in
    // a tenant not in the world; sorted by (tenant id, user id), so principal ids sort output.
    struct Key {
      std::string_view tenant_id, user_id;
      std::uint32_t vertex;  // the principal's own user object, kNone outside the world
      bool linked;
      // The sort order, (tenant id, user id), mostly settled without reading the strings: the tenant id's rank
      // among all tenant ids, then the user id's first 8 bytes as a big-endian number.
      std::uint32_t tenant_rank = 0;
      std::uint64_t user_prefix = 0;
    };
    std::vector<Key> keys;
    keys.reserve(graph_.user_count);
    for (std::uint32_t t = 0; t < world_.tenants.size(); ++t) {
      const core::Tenant& tenant = world_.tenants[t];
      for (std::uint32_t u = 0; u < tenant.users.size(); ++u) {
        const core::User& user = tenant.users[u];
        if (!user.external || user.link_rule == core::LinkRule::None)
          keys.push_back({tenant.id, user.id, graph_.user_vertex(t, u), !user.external});
        else if (world_.tenant_position(user.extras->linked_tenant_id) == kNone)
          keys.push_back({user.extras->linked_tenant_id, user.extras->linked_user_id, kNone, true});
      }
    }
    const StringPool& names = graph_.direct_connect_names;  // complete: every entry is added
    for (const DirectConnectEntry& entry : graph_.direct_connect)
      if (world_.tenant_position(names[entry.home_tenant_id]) == kNone)
        keys.push_back({names[entry.home_tenant_id], names[entry.user_id], kNone, true});
    rank_keys(keys);
    auto identity = [](const Key& key) { return std::tie(key.tenant_id, key.user_id); };
    tbb::parallel_sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
      return std::tie(a.tenant_rank, a.user_prefix, a.user_id) < std::tie(b.tenant_rank, b.user_prefix, b.user_id);
    });
    keys.erase(std::unique(keys.begin(), keys.end(), [&](const Key& a, const Key& b) { return identity(a) == identity(b); }),
               keys.end());

    std::vector<std::uint32_t> principal_of_vertex(graph_.user_count, kNone);
    graph_.principals.reserve(keys.size());
    std::uint32_t tenant = kNone;  // the world position of the keys' tenant, looked up where the tenant changes
    for (std::size_t k = 0; k < keys.size(); ++k) {
      const Key& key = keys[k];
      const auto number = static_cast<std::uint32_t>(graph_.principals.size());
      if (k == 0 || key.tenant_rank != keys[k - 1].tenant_rank) tenant = world_.tenant_position(key.tenant_id);
      Principal principal{};
      principal.linked = key.linked;
      if (tenant != kNone) {  // a user object of the world is its own principal
        principal.tenant_name = tenant;
        principal.id = key.vertex;
        principal_of_vertex[key.vertex] = number;
      } else {  // keys are sorted by tenant id: one name per run of an outside tenant
        if (graph_.tenant_names.size() == world_.tenants.size() ||
            graph_.tenant_names[graph_.tenant_names.size() - 1] != key.tenant_id)
          graph_.tenant_names.add(key.tenant_id);
        principal.tenant_name = graph_.tenant_names.size() - 1;
        principal.id = graph_.outside_user_ids.add(key.user_id);
      }
      graph_.principals.push_back(principal);
    }
    // The principal of an identity: the home user's own object in the world, or a key outside it.
    auto find = [&](std::string_view tenant_id, std::string_view user_id) -> std::uint32_t {
      const std::uint32_t home = world_.tenant_position(tenant_id);
      if (home != kNone) {
        const std::uint32_t user = world_.tenants[home].user_index(user_id);
        return user == kNone ? kNone : principal_of_vertex[graph_.user_vertex(home, user)];
      }
      auto it = std::lower_bound(keys.begin(), keys.end(), std::tie(tenant_id, user_id),
                                 [&](const Key& key, const auto& wanted) {
                                   return identity(key) < std::tuple<std::string_view, std::string_view>(wanted);
                                 });
      return it != keys.end() && it->tenant_id == tenant_id && it->user_id == user_id
                 ? static_cast<std::uint32_t>(it - keys.begin())
                 : kNone;
    };

    graph_.principal_of_user.assign(principal_of_vertex.begin(), principal_of_vertex.end());
    graph_.via_of_user.assign(graph_.user_count, 0);
    for (std::uint32_t t = 0; t < world_.tenants.size(); ++t) {
      const core::Tenant& tenant = world_.tenants[t];
      for (std::uint32_t u = 0; u < tenant.users.size(); ++u) {
        const core::User& user = tenant.users[u];
        const std::uint32_t vertex = graph_.user_vertex(t, u);
        if (user.external && user.link_rule != core::LinkRule::None)
          graph_.principal_of_user[vertex] = find(user.extras->linked_tenant_id, user.extras->linked_user_id);
        graph_.via_of_user[vertex] = user.external ? kViaB2BCollaboration : kViaInternal;
      }
    }
    // In vertex order, so sorted by principal and then user once sorted stably by principal.
    for (std::uint32_t vertex = 0; vertex < graph_.user_count; ++vertex) {
      const std::uint32_t principal = graph_.principal_of_user[vertex];
      if (principal == kNone) continue;
      if (graph_.principal_tenant(principal) != kNone && graph_.principals[principal].id == vertex) continue;
      graph_.linked_user_objects.push_back(LinkedUserObject{principal, vertex});
    }
    std::stable_sort(graph_.linked_user_objects.begin(), graph_.linked_user_objects.end(),
                     [](const LinkedUserObject& a, const LinkedUserObject& b) { return a.principal < b.principal; });
    for (DirectConnectEntry& entry : graph_.direct_connect) {  // R6.3: only an internal user is a member
      const std::string_view home_tenant_id = names[entry.home_tenant_id], user_id = names[entry.user_id];
      const std::uint32_t home = world_.tenant_position(home_tenant_id);
      const core::User* user = home == kNone ? nullptr : world_.tenants[home].find_user(user_id);
      entry.principal = (user != nullptr && user->external) ? kNone : find(home_tenant_id, user_id);
    }
  }

  void summarize_model() {
    std::map<std::string, std::uint64_t> c;
    c["tenants"] = world_.tenants.size();
    for (const core::Tenant& tenant : world_.tenants) {
      for (const core::User& user : tenant.users) {
        ++c["users"];
        if (!user.external) {
          ++c[user.user_type == core::UserType::Guest ? "users.internalGuest" : "users.internal"];
          continue;
        }
        switch (user.link_rule) {
          case core::LinkRule::HomeIds: ++c["users.external.linkedByHomeIds"]; break;
          case core::LinkRule::Mail: ++c["users.external.linkedByMail"]; break;
          case core::LinkRule::Upn: ++c["users.external.linkedByUpn"]; break;
          case core::LinkRule::None: ++c["users.external.unlinked"]; break;
        }
      }
      c["groups"] += tenant.groups.size();
      for (const core::Group& group : tenant.groups) {
        c["groups.memberships"] += group.members.size();
        if (group.unified) ++c["groups.unified"];
        if (group.team) ++c["groups.teams"];
      }
      c["partnerSettings"] += tenant.partners.size();
      c["conditionalAccessPolicies"] += tenant.conditional_access_policies.size();
      c["crossTenantSyncJobs"] += tenant.sync_jobs.size();
    }
    graph_.model_counts.assign(c.begin(), c.end());
    graph_.warnings = world_.warnings;
    graph_.tenant_source_files.clear();
    for (const core::Tenant& tenant : world_.tenants) graph_.tenant_source_files.push_back(tenant.source_files());
  }

  void compile_gates() {
    graph_.tenant_gate_base.assign(1, 0);
    std::uint64_t size = 0;
    for (std::uint32_t t = 0; t < world_.tenants.size(); ++t) {
      const std::uint64_t users = graph_.tenant_user_offset[t + 1] - graph_.tenant_user_offset[t];
      size += users * graph_.tenant_apps[t].size();
      graph_.tenant_gate_base.push_back(checked_offset(size, "policy gates (user objects times their tenant's apps)"));
    }
    graph_.gate.assign(size, 0);
    struct Closed {
      DenialSets sets;
      std::vector<std::pair<std::uint64_t, std::uint32_t>> gates;  // (gate index, set in `sets`)
    };
    tbb::enumerable_thread_specific<Closed> closed;
    tbb::parallel_for(std::uint32_t{0}, static_cast<std::uint32_t>(world_.tenants.size()), [&](std::uint32_t t) {
      if (graph_.tenant_apps[t].empty()) return;
      std::vector<core::AppPolicies> apps;
      for (const std::string& app : graph_.tenant_apps[t]) apps.push_back(core::app_policies(world_.tenants[t], app));
      const std::uint32_t first = graph_.tenant_user_offset[t];
      tbb::parallel_for(first, graph_.tenant_user_offset[t + 1], [&](std::uint32_t vertex) {
        std::vector<core::Denial> denials;
        for (std::size_t slot = 0; slot < apps.size(); ++slot) {
          denials.clear();
          rules_.check_user_object(t, vertex - first, apps[slot], denials);
          const std::uint64_t index = graph_.gate_index(t, vertex) + slot;
          graph_.gate[index] = denials.empty() ? 1 : 0;
          if (denials.empty()) continue;
          Closed& local = closed.local();
          local.gates.emplace_back(index, local.sets.intern(denials));
        }
      });
    });
    std::vector<std::pair<std::uint64_t, std::uint32_t>> gates;
    for (Closed& local : closed) {
      const std::vector<std::uint32_t> here = denial_sets_.merge(local.sets);
      for (const auto& [index, set] : local.gates) gates.emplace_back(index, here[set]);
    }
    std::sort(gates.begin(), gates.end());
    graph_.closed_gates.resize(gates.size());
    graph_.closed_gate_denials.resize(gates.size());
    for (std::size_t i = 0; i < gates.size(); ++i) std::tie(graph_.closed_gates[i], graph_.closed_gate_denials[i]) = gates[i];
  }

  // The index of `text` in graph_.direct_connect_names, added the first time it is asked for.
  std::uint32_t direct_connect_name(std::string_view text) {
    const auto it = direct_connect_name_index_.find(text);
    if (it != direct_connect_name_index_.end()) return it->second;
    const std::uint32_t index = graph_.direct_connect_names.add(text);
    direct_connect_name_index_.emplace(std::string(text), index);
    return index;
  }

  // The verdicts are found in parallel and their reasons interned after, in entry order.
  void compile_direct_connect_verdicts() {
    std::vector<std::vector<core::Denial>> reasons(graph_.direct_connect.size());
    tbb::parallel_for(std::uint32_t{0}, graph_.resource_count(), [&](std::uint32_t r) {
      const GraphResource& resource = graph_.resources[r];
      const std::uint64_t first = graph_.direct_connect_offsets[r], last = graph_.direct_connect_offsets[r + 1];
      if (first == last) return;
      const core::AppPolicies app = core::app_policies(
          world_.tenants[resource.tenant], graph_.tenant_apps[resource.tenant][resource.app_slot]);
      for (std::uint64_t e = first; e < last; ++e) {
        DirectConnectEntry& entry = graph_.direct_connect[e];
        rules_.check_direct_connect(resource.tenant, graph_.direct_connect_names[entry.home_tenant_id],
                                    graph_.direct_connect_names[entry.user_id], app, reasons[e]);
        entry.allowed = entry.principal != kNone && reasons[e].empty();
      }
    });
    for (std::size_t e = 0; e < reasons.size(); ++e) graph_.direct_connect[e].denials = denial_sets_.intern(reasons[e]);
  }

  const core::World& world_;
  AccessGraph& graph_;
  core::AccessRules rules_;
  core::PrivateChannelMembers private_members_;
  std::vector<std::uint32_t> objects_;  // scratch for private_members_.resolve
  std::vector<ResourceSource> sources_;
  DenialSets denial_sets_;  // list 0 is the empty one (constructor)
  std::unordered_map<std::string, std::uint32_t, core::StringHash, std::equal_to<>> direct_connect_name_index_;
};

}  // namespace

CompiledWorld compile(core::World world) {
  AccessGraph graph;
  graph.direct_connect_offsets.push_back(0);
  graph.refused_offsets.push_back(0);
  Compiler(world, graph).run();
  return CompiledWorld(std::move(world), std::move(graph));  // moving the world keeps its elements in place
}

}  // namespace tenantreach::graph

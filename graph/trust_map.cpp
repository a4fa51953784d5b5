#include "graph/trust_map.hpp"

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <tuple>
#include <utility>

#include "core/sync_plan.hpp"

namespace tenantreach::graph {
namespace {

// Which truth values a target list can take over all users (or apps): {true}, {false} or both.
struct Possible {
  bool can_match = false;
  bool can_miss = false;
};

Possible possible_matches(const core::TargetList& list, const char* everything) {
  if (list.targets_missing) return {true, true};
  if (list.targets.empty()) return {false, true};
  const bool all = std::any_of(list.targets.begin(), list.targets.end(),
                               [&](const core::Target& target) { return target.target == everything; });
  return all ? Possible{true, false} : Possible{true, true};
}

bool verdict(bool users_allowed, bool apps_allowed, bool u, bool a) {  // R4.4
  if (users_allowed && apps_allowed) return u && a;
  if (users_allowed) return u && !a;
  if (apps_allowed) return !u && a;
  return !(u && a);
}

const core::EffectiveAccess& outbound_of(const core::EffectiveSettings& settings, Via kind) {
  return kind == kViaB2BCollaboration ? settings.b2b_collaboration_outbound : settings.b2b_direct_connect_outbound;
}

const core::EffectiveAccess& inbound_of(const core::EffectiveSettings& settings, Via kind) {
  return kind == kViaB2BCollaboration ? settings.b2b_collaboration_inbound : settings.b2b_direct_connect_inbound;
}

using Pair = std::pair<std::uint32_t, std::uint32_t>;
Pair pair_of(std::uint32_t a, std::uint32_t b) { return {std::min(a, b), std::max(a, b)}; }

}  // namespace

const char* openness_name(Openness openness) {
  switch (openness) {
    case Openness::Allowed: return "allowed";
    case Openness::Partly: return "partly";
    case Openness::Blocked: break;
  }
  return "blocked";
}

Openness openness_of(const core::EffectiveAccess& setting) {
  const Possible users = possible_matches(setting.users_and_groups, "allusers");
  const Possible apps = possible_matches(setting.applications, "allapplications");
  const bool users_allowed = setting.users_and_groups.access_type == core::AccessType::Allowed;
  const bool apps_allowed = setting.applications.access_type == core::AccessType::Allowed;
  bool some_true = false, some_false = false;
  for (bool u : {true, false}) {
    if (!(u ? users.can_match : users.can_miss)) continue;
    for (bool a : {true, false}) {
      if (!(a ? apps.can_match : apps.can_miss)) continue;
      (verdict(users_allowed, apps_allowed, u, a) ? some_true : some_false) = true;
    }
  }
  if (some_true && some_false) return Openness::Partly;
  return some_true ? Openness::Allowed : Openness::Blocked;
}

Openness both(Openness outbound, Openness inbound) {
  if (outbound == Openness::Blocked || inbound == Openness::Blocked) return Openness::Blocked;
  if (outbound == Openness::Allowed && inbound == Openness::Allowed) return Openness::Allowed;
  return Openness::Partly;
}

TrustMap build_trust_map(const CompiledWorld& compiled) {
  const core::World& world = compiled.model();  // settings and sync jobs: no directory is read
  TrustMap map;
  for (const core::Tenant& tenant : world.tenants) {
    const core::EffectiveSettings defaults = core::effective_settings(tenant, nullptr);
    TrustTenant node;
    node.id = tenant.id;
    node.name = tenant.display_name;
    node.collaboration_inbound = openness_of(defaults.b2b_collaboration_inbound);
    node.collaboration_outbound = openness_of(defaults.b2b_collaboration_outbound);
    node.direct_connect_inbound = openness_of(defaults.b2b_direct_connect_inbound);
    node.direct_connect_outbound = openness_of(defaults.b2b_direct_connect_outbound);
    node.partner_entries = tenant.partners.size();
    map.tenants.push_back(std::move(node));
  }

  std::map<std::string, std::uint32_t> outside;  // sync targets not in the world, by id
  auto position_of = [&](const std::string& tenant_id) {
    const std::uint32_t position = world.tenant_position(tenant_id);
    if (position != core::kNone) return position;
    auto [it, added] = outside.emplace(tenant_id, static_cast<std::uint32_t>(map.tenants.size()));
    if (added) {
      TrustTenant node;
      node.id = tenant_id;
      node.in_world = false;
      map.tenants.push_back(std::move(node));
    }
    return it->second;
  };

  std::set<Pair> pairs;  // world tenants that configure each other
  for (std::uint32_t t = 0; t < world.tenants.size(); ++t) {
    const core::Tenant& tenant = world.tenants[t];
    for (const core::CrossTenantSettings& partner : tenant.partners) {
      const std::uint32_t p = world.tenant_position(partner.tenant_id);
      if (p != core::kNone && p != t) pairs.insert(pair_of(t, p));
    }
    for (const core::SyncJob& job : tenant.sync_jobs) {
      const std::uint32_t target = position_of(job.target_tenant_id);
      if (target < world.tenants.size() && target != t) pairs.insert(pair_of(t, target));
      SyncEdge edge;
      edge.from = t;
      edge.to = target;
      edge.job_id = job.id;
      edge.inactive_reason =
          std::string(core::first_missing_sync_switch(tenant, world.find_tenant(job.target_tenant_id), job.target_tenant_id));
      edge.active = edge.inactive_reason.empty();
      map.syncs.push_back(std::move(edge));
    }
  }
  std::stable_sort(map.syncs.begin(), map.syncs.end(), [](const SyncEdge& a, const SyncEdge& b) {
    return std::tie(a.from, a.job_id) < std::tie(b.from, b.job_id);
  });

  for (const auto& [a, b] : pairs) {
    for (const auto& [from, to] : {Pair{a, b}, Pair{b, a}}) {
      const core::Tenant& home = world.tenants[from];
      const core::Tenant& host = world.tenants[to];
      const core::EffectiveSettings out = core::effective_settings(home, home.find_partner(host.id));
      const core::EffectiveSettings in = core::effective_settings(host, host.find_partner(home.id));
      for (Via kind : {kViaB2BCollaboration, kViaB2BDirectConnect}) {
        TrustEdge edge;
        edge.from = from;
        edge.to = to;
        edge.kind = kind;
        edge.outbound = openness_of(outbound_of(out, kind));
        edge.inbound = openness_of(inbound_of(in, kind));
        edge.effective = both(edge.outbound, edge.inbound);
        edge.trust = in.inbound_trust;
        map.edges.push_back(edge);
      }
    }
  }
  return map;
}

TrustMap top_pairs(const TrustMap& map, const PairWeight& weight, std::size_t max_pairs) {
  std::set<Pair> pairs;
  for (const TrustEdge& edge : map.edges) pairs.insert(pair_of(edge.from, edge.to));
  for (const SyncEdge& edge : map.syncs) pairs.insert(pair_of(edge.from, edge.to));
  if (pairs.size() <= max_pairs) return map;

  std::vector<std::pair<std::uint64_t, Pair>> ranked;
  for (const Pair& pair : pairs) ranked.emplace_back(weight(pair.first, pair.second), pair);
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  ranked.resize(max_pairs);
  std::set<Pair> kept;
  for (const auto& entry : ranked) kept.insert(entry.second);

  std::vector<std::uint32_t> renumbered(map.tenants.size(), core::kNone);
  for (const Pair& pair : kept) renumbered[pair.first] = renumbered[pair.second] = 0;
  TrustMap out;
  for (std::uint32_t t = 0; t < map.tenants.size(); ++t) {
    if (renumbered[t] == core::kNone) continue;
    renumbered[t] = static_cast<std::uint32_t>(out.tenants.size());
    out.tenants.push_back(map.tenants[t]);
  }
  for (TrustEdge edge : map.edges) {
    if (!kept.count(pair_of(edge.from, edge.to))) continue;
    edge.from = renumbered[edge.from];
    edge.to = renumbered[edge.to];
    out.edges.push_back(edge);
  }
  for (SyncEdge edge : map.syncs) {
    if (!kept.count(pair_of(edge.from, edge.to))) continue;
    edge.from = renumbered[edge.from];
    edge.to = renumbered[edge.to];
    out.syncs.push_back(std::move(edge));
  }
  out.omitted_pairs = map.omitted_pairs + pairs.size() - kept.size();
  return out;
}

PairWeight openness_weight(const TrustMap& map) {
  auto weights = std::make_shared<std::map<Pair, std::uint64_t>>();
  for (const TrustEdge& edge : map.edges)
    if (edge.effective != Openness::Blocked) ++(*weights)[pair_of(edge.from, edge.to)];
  for (const SyncEdge& edge : map.syncs)
    if (edge.active) ++(*weights)[pair_of(edge.from, edge.to)];
  return [weights](std::uint32_t a, std::uint32_t b) {
    const auto it = weights->find(pair_of(a, b));
    return it == weights->end() ? std::uint64_t{0} : it->second;
  };
}

}  // namespace tenantreach::graph

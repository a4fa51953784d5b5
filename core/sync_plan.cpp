#include "core/sync_plan.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_map>

#include "core/cross_tenant.hpp"

namespace tenantreach::core {
namespace {

bool in_scope_user(const User& user) { return !user.external && user.account_enabled; }

// The linked objects of one target tenant, grouped by the tenant of their home user:
// home tenant id -> (home user id, object id) pairs.
using LinksByHomeTenant = std::unordered_map<std::string, std::vector<SyncLink>>;

LinksByHomeTenant linked_objects(const Tenant& target) {
  LinksByHomeTenant links;
  for (const User& user : target.users) {
    if (!user.external || user.link_rule == LinkRule::None) continue;
    links[user.extras->linked_tenant_id.str()].push_back(SyncLink{user.extras->linked_user_id.str(), user.id.str()});
  }
  return links;
}

// Reads the directories (World::directory) of the source and target only for an active job: from a snapshot,
// sync-plan decodes the tenants with active jobs, not the world.
SyncJobPlan plan_job(const World& world, std::uint32_t source_position, const SyncJob& job,
                     std::unordered_map<std::uint32_t, LinksByHomeTenant>& link_cache) {
  const Tenant& source = world.tenants[source_position];
  SyncJobPlan plan;
  plan.source_tenant_id = source.id;
  plan.target_tenant_id = job.target_tenant_id;
  plan.job_id = job.id;
  const std::uint32_t target_position = world.tenant_position(job.target_tenant_id);
  const Tenant* target = target_position == kNone ? nullptr : &world.tenants[target_position];
  plan.target_in_world = target != nullptr;
  plan.inactive_reason = std::string(first_missing_sync_switch(source, target, job.target_tenant_id));
  plan.active = plan.inactive_reason.empty();
  if (!plan.active) return plan;
  world.directory(source_position);  // decodes it into `source` when the world was loaded without it
  if (target != nullptr) world.directory(target_position);

  std::vector<bool> in_scope(source.users.size(), false);
  const std::vector<std::uint32_t> scope = sync_scope(source, job);
  for (std::uint32_t u : scope) in_scope[u] = true;
  std::vector<bool> linked(source.users.size(), false);

  if (target != nullptr) {
    auto cached = link_cache.find(target_position);
    if (cached == link_cache.end()) cached = link_cache.emplace(target_position, linked_objects(*target)).first;
    auto links = cached->second.find(source.id);
    if (links != cached->second.end()) {
      for (const SyncLink& link : links->second) {
        // A link always names an internal user of S after derive (R5.1); a user of S that is gone counts as
        // no longer in scope.
        const std::uint32_t u = source.user_index(link.source_user_id);
        if (u != kNone && in_scope[u]) {
          linked[u] = true;
          plan.existing.push_back(link);
        } else {
          plan.to_soft_delete.push_back(link);
        }
      }
    }
  }
  for (std::uint32_t u : scope) {
    if (!linked[u]) plan.to_create.push_back(SyncCreate{source.users[u].id.str(), job.user_type_mapping});
  }

  std::sort(plan.existing.begin(), plan.existing.end(), [](const SyncLink& a, const SyncLink& b) {
    return std::tie(a.source_user_id, a.target_object_id) < std::tie(b.source_user_id, b.target_object_id);
  });
  std::sort(plan.to_create.begin(), plan.to_create.end(),
            [](const SyncCreate& a, const SyncCreate& b) { return a.source_user_id < b.source_user_id; });
  std::sort(plan.to_soft_delete.begin(), plan.to_soft_delete.end(), [](const SyncLink& a, const SyncLink& b) {
    return std::tie(a.target_object_id, a.source_user_id) < std::tie(b.target_object_id, b.source_user_id);
  });
  return plan;
}

}  // namespace

std::string_view first_missing_sync_switch(const Tenant& source, const Tenant* target,
                                           const std::string& target_tenant_id) {
  // cfg(T, S): unknown when T is not in the world; the missing side allows (R0).
  bool sync_inbound = true;
  bool consent_inbound = true;
  if (target != nullptr) {
    const CrossTenantSettings* entry = target->find_partner(source.id);
    const EffectiveSettings inbound = effective_settings(*target, entry);
    // R9.1: only T's partner entry for S can allow sync; default.json never does.
    sync_inbound = entry != nullptr && entry->user_sync_inbound_allowed.value_or(false);
    consent_inbound = inbound.consent_inbound_allowed;
  }
  const EffectiveSettings outbound = effective_settings(source, source.find_partner(target_tenant_id));
  if (!sync_inbound) return kSyncInboundSwitch;
  if (!outbound.consent_outbound_allowed) return kConsentOutboundSwitch;
  if (!consent_inbound) return kConsentInboundSwitch;
  return {};
}

std::vector<std::uint32_t> sync_scope(const Tenant& source, const SyncJob& job) {
  std::vector<bool> chosen(source.users.size(), false);
  if (job.scope_all) {
    chosen.assign(source.users.size(), true);
  } else {
    for (const std::string& id : job.assigned_users) {
      const std::uint32_t u = source.user_index(id);
      if (u != kNone) chosen[u] = true;
    }
    for (const std::string& id : job.assigned_groups) {
      const Group* group = source.find_group(id);
      if (group == nullptr) continue;
      for (const MemberRef& member : group->members) {
        // direct members only: no nesting (R9.2)
        if (member.kind() == MemberKind::User && member.resolved()) chosen[member.index()] = true;
      }
    }
  }
  std::vector<std::uint32_t> scope;
  for (std::uint32_t u = 0; u < source.users.size(); ++u) {
    if (chosen[u] && in_scope_user(source.users[u])) scope.push_back(u);
  }
  return scope;
}

SyncPlan plan_sync(const World& world) {
  SyncPlan plan;
  std::unordered_map<std::uint32_t, LinksByHomeTenant> link_cache;  // target tenant -> its linked objects
  for (std::uint32_t t = 0; t < world.tenants.size(); ++t) {
    for (const SyncJob& job : world.tenants[t].sync_jobs) plan.jobs.push_back(plan_job(world, t, job, link_cache));
  }
  std::stable_sort(plan.jobs.begin(), plan.jobs.end(), [](const SyncJobPlan& a, const SyncJobPlan& b) {
    return std::tie(a.source_tenant_id, a.job_id, a.target_tenant_id) <
           std::tie(b.source_tenant_id, b.job_id, b.target_tenant_id);
  });
  return plan;
}

}  // namespace tenantreach::core

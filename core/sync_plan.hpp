// Cross-tenant synchronization projection (spec §9, R9.1-R9.3): for every outbound sync job of every
// tenant, whether it is active, and when it is, which in-scope users already have a linked object in the
// target tenant, which would be created, and which linked objects would be soft-deleted.
// The output shape and the decisions are in docs/SYNC-PLAN.md.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model.hpp"

namespace tenantreach::core {

// The switches of R9.1, in the order they are checked; an inactive job names the first one that is off.
inline constexpr std::string_view kSyncInboundSwitch = "userSyncInbound.isSyncAllowed";                   // cfg(T, S)
inline constexpr std::string_view kConsentOutboundSwitch = "automaticUserConsentSettings.outboundAllowed";  // cfg(S, T)
inline constexpr std::string_view kConsentInboundSwitch = "automaticUserConsentSettings.inboundAllowed";    // cfg(T, S)

// An in-scope user of S and its linked object in T (existing), or a linked object in T whose user of S is
// no longer in scope (to soft-delete). Ids are lower-case.
struct SyncLink {
  std::string source_user_id;
  std::string target_object_id;
};

// An in-scope user of S with no linked object in T: provisioning would create one of this userType.
struct SyncCreate {
  std::string source_user_id;
  UserType user_type = UserType::Member;
};

struct SyncJobPlan {
  std::string source_tenant_id;
  std::string target_tenant_id;
  std::string job_id;
  bool target_in_world = true;  // false: cfg(T, S) is unknown and assumed to allow (R0)
  bool active = false;
  std::string inactive_reason;  // one of the three switches above; empty when active
  // Empty for an inactive job (R9.3 plans active jobs only).
  std::vector<SyncLink> existing;        // sorted by source user id, then target object id
  std::vector<SyncCreate> to_create;     // sorted by source user id
  std::vector<SyncLink> to_soft_delete;  // sorted by target object id, then source user id
};

struct SyncPlan {
  std::vector<SyncJobPlan> jobs;  // sorted by source tenant id, then job id, then target tenant id
};

// R9.1: empty when the job of `source` toward `target_tenant_id` is active, else the first switch that is off.
// `target` is null when the target tenant is not in the world: its side is assumed to allow (R0).
std::string_view first_missing_sync_switch(const Tenant& source, const Tenant* target,
                                           const std::string& target_tenant_id);

// R9.2: the indexes (into source.users, ascending) of the internal, enabled users the job covers: every
// one when the scope is all, else those assigned directly or direct user members of an assigned group.
std::vector<std::uint32_t> sync_scope(const Tenant& source, const SyncJob& job);

// R9: the plan of every job of every tenant of a derived world (core::derive has run). Reads the directories of
// the tenants of active jobs only (World::directory), so a lazily loaded world decodes no other.
SyncPlan plan_sync(const World& world);

}  // namespace tenantreach::core

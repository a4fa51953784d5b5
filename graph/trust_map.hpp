// The tenant trust map: how the tenants of a world let each other's users in (R4), drawn from their cross-tenant
// access settings. One edge per direction and path kind between two tenants that configure each other (a partner
// entry on either side) or are joined by a synchronization job (R9.1). An edge runs the way users go: from their
// home tenant to the tenant whose resources they use; it combines the home tenant's outbound setting with the
// resource tenant's inbound setting and carries what the resource tenant trusts of the home tenant's claims.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/cross_tenant.hpp"
#include "graph/compiled_world.hpp"
#include "graph/results.hpp"

namespace tenantreach::graph {

// What a setting lets through, over every user and app: everyone, some (its targets decide), or no one.
enum class Openness : std::uint8_t { Allowed, Partly, Blocked };
const char* openness_name(Openness openness);  // "allowed", "partly", "blocked"

// R4.4 summarised over all users and apps: a list naming AllUsers / AllApplications matches all, an empty list
// matches none, anything else (or a list whose targets the export omits) matches some.
Openness openness_of(const core::EffectiveAccess& setting);
// Both sides must let a user through (R6.2, R6.3).
Openness both(Openness outbound, Openness inbound);

struct TrustTenant {
  std::string id;
  std::string name;     // the organization's displayName; empty outside the world
  bool in_world = true;  // false: only the target of a synchronization job
  // Its default configuration (default.json over the service default, R4.1-R4.2), toward tenants without a
  // partner entry.
  Openness collaboration_inbound = Openness::Blocked, collaboration_outbound = Openness::Blocked;
  Openness direct_connect_inbound = Openness::Blocked, direct_connect_outbound = Openness::Blocked;
  std::size_t partner_entries = 0;
};

struct TrustEdge {
  std::uint32_t from = 0;  // the users' home tenant (index into TrustMap::tenants)
  std::uint32_t to = 0;    // the resource tenant
  Via kind = kViaB2BCollaboration;  // kViaB2BCollaboration or kViaB2BDirectConnect
  Openness outbound = Openness::Blocked;  // cfg(from, to).<kind>Outbound
  Openness inbound = Openness::Blocked;   // cfg(to, from).<kind>Inbound
  Openness effective = Openness::Blocked;
  core::EffectiveTrust trust;  // cfg(to, from).inboundTrust: the claims of `from` that `to` accepts (R7.4)
};

struct SyncEdge {
  std::uint32_t from = 0;  // the job's source tenant
  std::uint32_t to = 0;    // its target tenant
  std::string job_id;
  bool active = false;
  std::string inactive_reason;  // the first switch of R9.1 that is off; empty when active
};

struct TrustMap {
  std::vector<TrustTenant> tenants;  // world tenants in world order, then sync targets outside the world
  std::vector<TrustEdge> edges;      // by pair (lower index first), then direction, then kind
  std::vector<SyncEdge> syncs;       // by source tenant, then job id
  std::size_t omitted_pairs = 0;     // pairs that top_pairs left out
};

// Reads the model (cross-tenant settings and sync jobs).
TrustMap build_trust_map(const CompiledWorld& compiled);

// Weight of the tenant pair {a, b} (indexes into TrustMap::tenants) for top_pairs.
using PairWeight = std::function<std::uint64_t(std::uint32_t a, std::uint32_t b)>;

// The map restricted to the `max_pairs` tenant pairs of highest weight (ties: the pair that comes first), with
// only the tenants those pairs touch, so a map of a hundred tenants stays legible. Counts what it leaves out.
TrustMap top_pairs(const TrustMap& map, const PairWeight& weight, std::size_t max_pairs);

// A weight from the settings alone: the pair's edges that let someone through, and its active sync jobs.
PairWeight openness_weight(const TrustMap& map);

}  // namespace tenantreach::graph

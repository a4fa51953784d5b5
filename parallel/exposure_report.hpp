// What an exposure report shows, gathered from one audit of counts and the compiled policy gates: how many
// resources are reached from outside their tenant and by which path, the most exposed resources, which tenants
// reach into which, and which denial reasons and Conditional Access policies refuse the most ways in. Tables are
// bounded (top N), so the report of a world of millions of users stays small.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "graph/compiled_world.hpp"
#include "graph/results.hpp"
#include "parallel/audit.hpp"

namespace tenantreach::parallel {

// A resource and the principals that reach it from outside its tenant: users of other tenants (B2B
// collaboration, direct connect) and guest objects linked to nobody.
struct ExposedResource {
  graph::ResourceRef resource;
  std::size_t outside = 0;
  std::size_t internal = 0;
  std::size_t b2b_collaboration = 0;
  std::size_t b2b_direct_connect = 0;
  // Principals per home tenant id other than the resource's own, largest first (unlinked guests are counted in
  // `outside` only: their home is unknown).
  std::vector<std::pair<std::string, std::size_t>> from_tenants;
};

// Users of tenant `from` reaching resources of tenant `into` (from != into).
struct TenantReach {
  std::string from;        // a tenant id, in the world or not
  std::uint32_t into = 0;  // a world tenant (position)
  std::size_t resources = 0;   // resources of `into` that at least one user of `from` reaches
  std::size_t principals = 0;  // (principal, resource) pairs
};

// Refused ways in (an explain path: a user object in a resource's grants, or a direct connect membership, that
// policy or state refuses) by reason; Conditional Access reasons per policy.
struct DenialCount {
  std::string code;  // R8
  std::uint32_t tenant = 0;   // the resource tenant (whose policy or setting refuses)
  std::string policy_id;      // Conditional Access reasons only
  std::string policy_name;
  std::uint64_t paths = 0;
};

struct ExposureReport {
  std::size_t resources = 0;
  std::size_t reached_from_outside = 0;                // resources with at least one outside principal
  std::map<std::string, std::size_t> outside_by_via;   // resources reached by at least one principal via that path
  std::map<std::string, std::size_t> resources_by_kind;
  std::vector<ExposedResource> most_exposed;           // top N by outside principals, every kind
  std::vector<ExposedResource> shared_channels;        // top N shared channels by outside principals
  std::vector<TenantReach> tenant_reach;               // every pair with reach, by principals, largest first
  std::vector<DenialCount> denials;                    // by paths, largest first
};

struct ExposureOptions {
  std::size_t top = 50;  // rows of the two resource tables
};

// Runs the batch audit (counts only); the denial reasons are the compiled ones (AccessGraph::closed_gates, direct
// connect entries), and the model is read for the names of Conditional Access policies only (policies, no
// directory: from a snapshot the report decodes no directory).
ExposureReport build_exposure_report(const graph::CompiledWorld& compiled, const ExposureOptions& options = {},
                                     const ProgressSink& progress = {});

}  // namespace tenantreach::parallel

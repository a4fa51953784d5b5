// Change review (docs/CLI.md, diff and what-if): which principals gained or lost which paths into which
// resources between two compiled worlds, and optionally why. Resources are matched by (tenant id, resource id);
// those of tenants both worlds hold identically are skipped, the others are evaluated by the batch engine on
// aligned blocks in audit order, first as fingerprints (a hash per resource, computed without lists), then, for
// the pairs whose fingerprints differ, as fingerprints per principal tenant, and as principal lists of the
// tenants whose fingerprints differ, merged by principal identity. Memory is bounded by a block, as for audit
// --principals.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "graph/compiled_world.hpp"
#include "graph/results.hpp"
#include "parallel/audit.hpp"

namespace tenantreach::parallel {

enum class ResourceChange : std::uint8_t { Changed, Added, Removed };
const char* change_name(ResourceChange change);  // "changed", "added", "removed"

// Why a principal gained or lost its way into a resource: the gate that flipped between the two explain
// verdicts (DiffCauses in diff_causes.hpp lists the kinds).
struct Cause {
  std::string kind;         // e.g. "membership-added", "inbound-blocked", "ca-policy-applies"
  std::string detail;       // for people: which object, setting or policy
  std::string policy_id;    // Conditional Access causes only
  std::string policy_name;  // likewise
};

struct PrincipalChange {
  graph::PrincipalRef principal;  // as who-can-reach reports it (in the world where it has the paths)
  graph::ViaSet via = 0;          // only the paths gained (or lost)
  std::vector<Cause> why;         // with DiffOptions::why
};

struct ResourceDiff {
  graph::ResourceRef resource;  // from the newer world, unless the resource was removed
  ResourceChange change = ResourceChange::Changed;
  std::vector<PrincipalChange> gained;  // sorted by tenant id, then user id
  std::vector<PrincipalChange> lost;
};

struct DiffOptions {
  std::vector<std::string> kinds;  // resource kinds of spec §10; empty: all
  // As the audit filters: the paths compared, resource and principal tenants (lower-case ids; empty: all).
  graph::ViaSet vias = graph::kViaB2BCollaboration | graph::kViaB2BDirectConnect | graph::kViaInternal;
  std::vector<std::string> resource_tenants;
  std::vector<std::string> principal_tenants;
  bool why = false;  // compute the causes of every change (explains each changed pair in both worlds)
  std::size_t block_size = 8192;
  // Resources whose fingerprints differ are listed in sub-blocks that end before this many principal entries
  // (estimated, over both worlds; see AuditOptions).
  std::uint64_t principal_budget = 4'000'000;
};

using DiffSink = std::function<void(const ResourceDiff& change)>;

// Calls `sink` once per changed, added or removed resource, in audit order (tenant id, then resource id), on
// the calling thread. Unchanged resources produce nothing; a resource that appeared or disappeared is reported
// even when nobody reaches it. Throws core::InputError for an unknown kind.
void diff(const graph::CompiledWorld& before, const graph::CompiledWorld& after, const DiffOptions& options,
          const DiffSink& sink, const ProgressSink& progress = {});

}  // namespace tenantreach::parallel

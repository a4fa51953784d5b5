// Options and outcome of World::audit: every resource (or those the filters keep), each handed to a callback as a
// WhoCanReach value, in audit order (tenant id, then resource id).
//
// Thread safety: plain values. The callback runs on the thread that called audit, one resource at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <stop_token>
#include <string>
#include <vector>

#include "tenantreach/results.hpp"

namespace tenantreach {

// The filters of `tenantreach audit` (docs/CLI.md); they compose (all must hold). Counts and principal lists are
// those of the principals that pass.
struct AuditOptions {
  // Resource kinds of spec §10 (e.g. "sharedChannel"); empty: all. An unknown kind is an InputError.
  std::vector<std::string> kinds;
  // Only these paths; empty: all of them (--via).
  std::vector<Via> vias;
  // Every path but internal: users of other tenants, and guest objects that link to nobody (--external).
  bool external = false;
  // Tenants by id, organization displayName or verified domain; empty: every tenant. An unknown tenant is a
  // NotFoundError, a name that fits several an AmbiguousError.
  std::vector<std::string> resource_tenants;
  std::vector<std::string> principal_tenants;
  // Only resources that at least this many principals (after the filters) reach.
  std::uint64_t min_principals = 0;
  // List the principals of each resource, not only the counts. Memory of the audit then grows with the principal
  // lists of one block of resources (bounded by an internal budget of about 4 million entries).
  bool principals = false;
  // Worker threads; 0: one per core.
  std::size_t threads = 0;
  // Request stop to end the audit early: it is checked before each batch of 64 resources, the results of the
  // current block (up to 8192 resources) are dropped, and audit returns with AuditSummary::cancelled set.
  std::stop_token stop;
};

struct AuditSummary {
  std::size_t selected = 0;   // resources of the chosen kinds and resource tenants
  std::size_t evaluated = 0;  // of those, evaluated before the end (all, unless cancelled)
  std::size_t reported = 0;   // handed to the callback (those that passed min_principals)
  bool cancelled = false;
};

// Receives each reported resource. An exception it throws ends the audit and reaches the caller of audit.
using AuditCallback = std::function<void(const WhoCanReach& resource)>;

}  // namespace tenantreach

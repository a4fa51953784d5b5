// Synthetic worlds, built in memory (the `generate` command writes them out in the R1 format).
// Deterministic per (preset, seed) on every platform: the generator draws from std::mt19937_64 through its own
// uniform helpers (std::uniform_int_distribution's output differs between standard libraries).
//
// Presets:
//   tiny      3 tenants, about 300 users in all, a little of everything; for examples and smoke tests.
//   property  2-5 tenants with 5-30 users each and deliberately adversarial variety (every linking rule and its
//             ambiguities, disabled and internal guests, group cycles, channels with members from tenants not in
//             the world, inherited cross-tenant settings, every CA condition and control) and the spec v1.1
//             features (lists marked for .jsonl in Tenant::files_jsonl, untyped targets, target lists without
//             targets, suite app ids, every externalTenants spelling, service-provider partners, private-channel
//             members given by home identity); for property tests. Rates: docs/GENERATOR.md.
//   S, M, L   realistic worlds for benchmarks: 10 tenants / 100k users, 40 / 1M, 100 / 10M user objects (guests
//             included; lower-case names work too). One hub tenant holds 32-38% of the users, the others are
//             Zipf-sized; about 5% of the user objects are guests, linked to home users of other tenants by mail, by
//             UPN and by home ids, or to nobody; per tenant an org tree of department groups (up to 7 levels) under
//             an "All Employees" group, groups ~ users/10 (a few cycles), Microsoft 365 groups and teams with
//             standard, private and shared channels (direct connect members from partners), hub-and-spoke plus
//             sparse-mesh partner settings, typical Conditional Access policies, and resources ~ users/20 in all.
//             Every UPN and mail address is unique. Parameters, times and memory: docs/GENERATOR.md.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/model.hpp"

namespace tenantreach::worldgen {

struct GeneratorOptions {
  std::string preset = "tiny";
  std::uint64_t seed = 1;
  // Called with a short human-readable line per phase and per tenant (the realistic presets only); may be empty.
  std::function<void(const std::string&)> progress = {};
};

// Throws std::invalid_argument for an unknown preset. The world is complete: derive() has run.
core::World generate_world(const GeneratorOptions& options);

}  // namespace tenantreach::worldgen

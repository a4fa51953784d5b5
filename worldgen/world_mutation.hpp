// Known differences for change review (diff, what-if): a copy of a world with N realistic changes, and the list
// of them, so tests and benchmarks can check that a diff reports what each change did (docs/GENERATOR.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace tenantreach::worldgen {

enum class MutationKind : std::uint8_t {
  PartnerSetting,   // one access setting of a partner entry (or the defaults) flips between allowed and blocked
  InboundTrust,     // a partner entry now accepts the device claims a refused guest needs (else MFA trust flips)
  MemberAdded,      // a user of the tenant becomes a direct member of a group
  MemberRemoved,    // a direct user member leaves a group
  PolicyEnabled,    // a Conditional Access policy that was not enforced becomes "enabled"
  AccountDisabled,  // an enabled user object is disabled
};

inline constexpr MutationKind kAllMutationKinds[] = {MutationKind::PartnerSetting, MutationKind::InboundTrust,
                                                     MutationKind::MemberAdded,    MutationKind::MemberRemoved,
                                                     MutationKind::PolicyEnabled,  MutationKind::AccountDisabled};

const char* mutation_name(MutationKind kind);  // "partner-setting", "inbound-trust", "member-added", ...

struct Mutation {
  MutationKind kind;
  std::string tenant_id;  // the tenant whose files change
  std::string object_id;  // the partner tenant, group, policy or user
  std::string detail;     // what changed, for people
};

// One JSON object per mutation: {"kind", "tenantId", "objectId", "detail"}.
std::string to_json(const Mutation& mutation);

// Applies up to `changes` mutations drawn with `seed` (kinds in turn from `kinds`, or all kinds when empty) to
// `world`, which must have been through derive(); kinds the world offers no candidate for are skipped. No id, user
// type or address changes, so the derived facts stay valid and the world can be compiled or written as it is.
std::vector<Mutation> mutate_world(core::World& world, std::uint64_t seed, std::size_t changes,
                                   const std::vector<MutationKind>& kinds = {});

}  // namespace tenantreach::worldgen

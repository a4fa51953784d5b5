// Transitive group membership of users, for the group targets of cross-tenant settings (R4.3) and the group
// conditions of Conditional Access (R7.2). Closures are computed on first use and cached; safe to call from
// many threads. Cycles and deep nesting are legal input: the walk is iterative with a visited set.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/model.hpp"

namespace tenantreach::core {

class TransitiveMembership {
 public:
  // Precomputes, in parallel, the closure of every group a policy can ask about (Conditional Access group
  // conditions, cross-tenant group targets), so the gate compiler reads them without taking a lock. In a lazily
  // loaded world only the tenants whose directory is decoded are precomputed.
  explicit TransitiveMembership(const World& world);

  // Is user `user` (index in tenant `tenant`) a transitive member of the group with id `group_id` there?
  bool contains(std::uint32_t tenant, const std::string& group_id, std::uint32_t user) const;

  // The user indices of tenant `tenant` that are transitive members of group `group` (sorted).
  const std::vector<std::uint32_t>& users_of(std::uint32_t tenant, std::uint32_t group) const;

 private:
  static std::uint64_t key(std::uint32_t tenant, std::uint32_t group) {
    return (static_cast<std::uint64_t>(tenant) << 32) | group;
  }

  const World& world_;
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> referenced_;  // immutable after construction
  mutable std::mutex mutex_;  // guards cache_: closures of groups no policy names (asked for by tests, tools)
  mutable std::unordered_map<std::uint64_t, std::unique_ptr<std::vector<std::uint32_t>>> cache_;
};

}  // namespace tenantreach::core

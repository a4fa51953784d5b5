// Distinct lists of denial reasons (R8), interned so that the graph can say why each closed gate and each refused
// direct connect membership is refused with one 32-bit index, and the report can count denials without the
// model's rules (and so without decoding a snapshot's directories). The compiler finds reasons in parallel: each
// thread interns into its own DenialSets, and the graph's lists are their union (merge).
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <vector>

#include "core/denial.hpp"

namespace tenantreach::graph {

class DenialSets {
 public:
  // The index of `denials` (in the order given), adding it when it is new. Not thread-safe.
  std::uint32_t intern(std::span<const core::Denial> denials);
  // Interns every list of `other`; returns the index here of each of its lists.
  std::vector<std::uint32_t> merge(const DenialSets& other);

  std::uint32_t size() const { return static_cast<std::uint32_t>(offsets_.size() - 1); }
  std::span<const core::Denial> at(std::uint32_t set) const {
    return {reasons_.data() + offsets_[set], reasons_.data() + offsets_[set + 1]};
  }

  // Hands the lists over as the graph stores them (AccessGraph::denial_set_offsets, denial_reasons), numbered in
  // the order of their reasons (codes, then policies; the empty list first) rather than in the order they were
  // interned, which depends on how threads were scheduled: the same world compiles to the same bytes. Returns
  // the new number of each list.
  std::vector<std::uint32_t> release(std::vector<std::uint64_t>& offsets, std::vector<core::Denial>& reasons) &&;

 private:
  std::map<std::vector<std::uint64_t>, std::uint32_t> index_;  // (code << 32 | policy) per reason
  std::vector<std::uint64_t> offsets_{0};
  std::vector<core::Denial> reasons_;
};

}  // namespace tenantreach::graph

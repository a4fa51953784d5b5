#include "graph/denial_sets.hpp"

#include <utility>

namespace tenantreach::graph {

std::uint32_t DenialSets::intern(std::span<const core::Denial> denials) {
  std::vector<std::uint64_t> key;
  key.reserve(denials.size());
  for (const core::Denial& denial : denials) key.push_back(std::uint64_t{static_cast<std::uint8_t>(denial.code)} << 32 | denial.policy);
  const auto [it, added] = index_.try_emplace(std::move(key), size());
  if (added) {
    reasons_.insert(reasons_.end(), denials.begin(), denials.end());
    offsets_.push_back(reasons_.size());
  }
  return it->second;
}

std::vector<std::uint32_t> DenialSets::merge(const DenialSets& other) {
  std::vector<std::uint32_t> here(other.size());
  for (std::uint32_t set = 0; set < other.size(); ++set) here[set] = intern(other.at(set));
  return here;
}

void DenialSets::release(std::vector<std::uint64_t>& offsets, std::vector<core::Denial>& reasons) && {
  offsets = std::move(offsets_);
  reasons = std::move(reasons_);
  index_.clear();
}

}  // namespace tenantreach::graph

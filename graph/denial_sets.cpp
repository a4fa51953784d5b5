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

std::vector<std::uint32_t> DenialSets::release(std::vector<std::uint64_t>& offsets,
                                               std::vector<core::Denial>& reasons) && {
  std::vector<std::uint32_t> renumbered(size());
  offsets.assign(1, 0);
  reasons.clear();
  for (const auto& [key, set] : index_) {  // a std::map: in the order of the reasons
    renumbered[set] = static_cast<std::uint32_t>(offsets.size() - 1);
    const std::span<const core::Denial> list = at(set);
    reasons.insert(reasons.end(), list.begin(), list.end());
    offsets.push_back(reasons.size());
  }
  index_.clear();
  offsets_.assign(1, 0);
  reasons_.clear();
  return renumbered;
}

}  // namespace tenantreach::graph

#include "graph/reach.hpp"

#include <algorithm>
#include <cstring>

namespace tenantreach::graph {

const std::vector<Reach>& PrincipalPaths::take() {
  result_.clear();
  if (touched_.size() * kScanRatio < via_.size()) {
    std::sort(touched_.begin(), touched_.end());
    for (std::uint32_t principal : touched_) {
      result_.push_back({principal, via_[principal]});
      via_[principal] = 0;
    }
  } else {  // a pass over the path bits, eight at a time, finds them in id order without sorting
    result_.reserve(touched_.size());
    const auto take_one = [&](std::size_t principal) {
      if (via_[principal] == 0) return;
      result_.push_back({static_cast<std::uint32_t>(principal), via_[principal]});
      via_[principal] = 0;
    };
    std::size_t p = 0;
    for (; p + 8 <= via_.size(); p += 8) {
      std::uint64_t word;
      std::memcpy(&word, &via_[p], sizeof word);
      if (word != 0)
        for (std::size_t q = p; q < p + 8; ++q) take_one(q);
    }
    for (; p < via_.size(); ++p) take_one(p);
  }
  touched_.clear();
  return result_;
}

Reacher::Reacher(const AccessGraph& graph)
    : graph_(graph), visited_(graph.vertex_count()), paths_(graph.principals.size()) {}

void Reacher::offer_user(std::uint32_t user_vertex, std::uint32_t resource) {
  if (graph_.gate_open(user_vertex, resource))
    paths_.offer(graph_.principal_of_user[user_vertex], graph_.via_of_user[user_vertex]);
}

const std::vector<Reach>& Reacher::reach(std::uint32_t resource) {
  visited_.start_walk();
  const GraphResource& info = graph_.resources[resource];

  stack_.assign(1, graph_.resource_vertex(resource));
  visited_.mark(stack_.back());
  while (!stack_.empty()) {
    const std::uint32_t vertex = stack_.back();
    stack_.pop_back();
    for (std::uint32_t member : graph_.members.neighbours(vertex)) {
      if (!visited_.mark(member)) continue;
      if (graph_.is_user(member)) offer_user(member, resource);
      else stack_.push_back(member);
    }
  }

  if (info.everyone != 0) {  // R3.2: every user object, or every internal one, of the tenant
    for (std::uint32_t user = graph_.tenant_user_offset[info.tenant]; user < graph_.tenant_user_offset[info.tenant + 1];
         ++user) {
      if (visited_.seen(user)) continue;
      const bool internal = graph_.via_of_user[user] == kViaInternal;
      if (info.grants_everyone(internal)) offer_user(user, resource);
    }
  }

  for (const DirectConnectEntry& entry : graph_.direct_connect_of(resource))
    if (entry.allowed) paths_.offer(entry.principal, kViaB2BDirectConnect);
  return paths_.take();
}

Counts count_reach(const AccessGraph& graph, const std::vector<Reach>& reach) {
  Counts counts;
  counts.total = reach.size();
  std::size_t by_via[3] = {0, 0, 0};
  for (std::size_t i = 0; i < reach.size();) {  // principals are sorted, so each tenant is one run
    const std::uint32_t tenant = graph.principals[reach[i].principal].tenant_name;  // one name per tenant
    std::size_t j = i;
    for (; j < reach.size() && graph.principals[reach[j].principal].tenant_name == tenant; ++j) {
      for (int bit = 0; bit < 3; ++bit)
        if (reach[j].via & (1u << bit)) ++by_via[bit];
    }
    counts.by_tenant[std::string(graph.tenant_names[tenant])] = j - i;
    i = j;
  }
  for (int bit = 0; bit < 3; ++bit)
    if (by_via[bit] != 0) counts.by_via[via_name(static_cast<Via>(1u << bit))] = by_via[bit];
  return counts;
}

}  // namespace tenantreach::graph

#include "parallel/diff_gate.hpp"

#include "core/error.hpp"

namespace tenantreach::parallel {

DiffGate::DiffGate(const std::vector<std::string>& fail_on) {
  for (const std::string& kind : fail_on) {
    if (kind == "gained") gained_ = true;
    else if (kind == "gained-external") gained_external_ = true;
    else if (kind == "lost") lost_ = true;
    else throw core::InputError("unknown change kind '" + kind + "' (one of gained-external, gained, lost)");
  }
}

void DiffGate::add(const ResourceDiff& change) {
  for (const PrincipalChange& gained : change.gained)
    if (gained_ || (gained_external_ && (gained.via & ~graph::kViaInternal) != 0)) ++failing_;
  if (lost_) failing_ += change.lost.size();
}

}  // namespace tenantreach::parallel

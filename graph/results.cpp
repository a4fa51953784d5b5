#include "graph/results.hpp"

#include <stdexcept>

namespace tenantreach::graph {

const char* via_name(Via via) {
  switch (via) {
    case kViaB2BCollaboration: return "b2bCollaboration";
    case kViaB2BDirectConnect: return "b2bDirectConnect";
    case kViaInternal: return "internal";
  }
  return "unknown";
}

Via parse_via(std::string_view name) {
  for (Via via : kAllVias)
    if (name == via_name(via)) return via;
  throw std::invalid_argument("unknown via '" + std::string(name) +
                              "' (one of internal, b2bCollaboration, b2bDirectConnect)");
}

std::vector<std::string> via_names(ViaSet set) {
  std::vector<std::string> names;
  for (Via via : kAllVias)
    if (set & via) names.emplace_back(via_name(via));
  return names;
}

}  // namespace tenantreach::graph

#include "tenantreach/results.hpp"

#include "tenantreach/version.hpp"

#include "api/convert.hpp"
#include "graph/results.hpp"

namespace tenantreach {

std::string_view to_string(Via via) noexcept { return graph::via_name(api::to_graph(via)); }

Via parse_via(std::string_view name) { return api::to_public_via(graph::parse_via(name)); }

std::vector<std::string> ViaSet::names() const {
  std::vector<std::string> out;
  for (Via via : {Via::B2BCollaboration, Via::B2BDirectConnect, Via::Internal})  // already in name order
    if (contains(via)) out.emplace_back(to_string(via));
  return out;
}

const char* library_version() noexcept { return TENANTREACH_VERSION_STRING; }

}  // namespace tenantreach

#include "tenantreach/results.hpp"

#include "tenantreach/version.hpp"

namespace tenantreach {

std::string_view to_string(Via via) noexcept {
  switch (via) {
    case Via::B2BCollaboration: return "b2bCollaboration";
    case Via::B2BDirectConnect: return "b2bDirectConnect";
    case Via::Internal: break;
  }
  return "internal";
}

std::vector<std::string> ViaSet::names() const {
  std::vector<std::string> out;
  for (Via via : {Via::B2BCollaboration, Via::B2BDirectConnect, Via::Internal})  // already in name order
    if (contains(via)) out.emplace_back(to_string(via));
  return out;
}

const char* library_version() noexcept { return TENANTREACH_VERSION_STRING; }

}  // namespace tenantreach

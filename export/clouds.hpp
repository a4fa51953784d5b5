// The Microsoft clouds `export` can read: each has its own Graph and sign-in endpoints.
#pragma once

#include <optional>
#include <string>

namespace tenantreach::exporter {

struct CloudEndpoints {
  std::string graph_url;
  std::string login_url;
};

// "global", "usgov", "usgov-dod" or "china"; nullopt for any other name.
std::optional<CloudEndpoints> cloud_endpoints(const std::string& name);

}  // namespace tenantreach::exporter

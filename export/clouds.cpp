#include "export/clouds.hpp"

#include <map>

namespace tenantreach::exporter {

std::optional<CloudEndpoints> cloud_endpoints(const std::string& name) {
  static const std::map<std::string, CloudEndpoints> known = {
      {"global", {"https://graph.microsoft.com", "https://login.microsoftonline.com"}},
      {"usgov", {"https://graph.microsoft.us", "https://login.microsoftonline.us"}},
      {"usgov-dod", {"https://dod-graph.microsoft.us", "https://login.microsoftonline.us"}},
      {"china", {"https://microsoftgraph.chinacloudapi.cn", "https://login.chinacloudapi.cn"}},
  };
  const auto found = known.find(name);
  if (found == known.end()) return std::nullopt;
  return found->second;
}

}  // namespace tenantreach::exporter

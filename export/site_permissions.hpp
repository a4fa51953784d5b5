// SharePoint permission entries (drive item and container permissions, Graph's `permission` resource) as
// resources.json grants (§1.7).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tenantreach::exporter {

struct MappedGrants {
  nlohmann::ordered_json grants = nlohmann::ordered_json::array();
  std::vector<std::string> unmapped;  // what Graph names but cannot resolve to people (SharePoint groups)
};

// grantedToV2 / grantedToIdentitiesV2: an Entra user -> user, an Entra group -> group, the "Everyone" claim
// -> everyone, "Everyone except external users" -> everyoneExceptExternalUsers; a SharePoint group or another
// site user is listed in `unmapped`.
MappedGrants map_sharepoint_permissions(const nlohmann::ordered_json& permissions);

}  // namespace tenantreach::exporter

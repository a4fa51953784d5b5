#include "export/site_permissions.hpp"

namespace tenantreach::exporter {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kEveryoneClaim = "c:0(.s|true";
constexpr std::string_view kEveryoneExceptExternalClaim = "c:0-.f|rolemanager|spo-grid-all-users";

std::string text_of(const Json& object, const char* name) {
  return object.is_object() && object.contains(name) && object[name].is_string() ? object[name].get<std::string>()
                                                                                 : "";
}

void map_identity_set(const Json& identities, MappedGrants& out) {
  if (!identities.is_object()) return;
  if (const std::string id = text_of(identities.value("user", Json()), "id"); !id.empty()) {
    out.grants.push_back({{"principalId", id}, {"principalType", "user"}});
  } else if (const std::string group = text_of(identities.value("group", Json()), "id"); !group.empty()) {
    out.grants.push_back({{"principalId", group}, {"principalType", "group"}});
  } else if (identities.contains("siteUser")) {
    const std::string login = text_of(identities["siteUser"], "loginName");
    if (login == kEveryoneClaim) out.grants.push_back({{"principalType", "everyone"}});
    else if (login.starts_with(kEveryoneExceptExternalClaim))
      out.grants.push_back({{"principalType", "everyoneExceptExternalUsers"}});
    else out.unmapped.push_back("site user " + login);
  } else if (identities.contains("siteGroup")) {
    out.unmapped.push_back("SharePoint group " + text_of(identities["siteGroup"], "displayName"));
  }
}

}  // namespace

MappedGrants map_sharepoint_permissions(const Json& permissions) {
  MappedGrants out;
  for (const Json& permission : permissions) {
    if (permission.contains("grantedToV2")) map_identity_set(permission["grantedToV2"], out);
    if (permission.contains("grantedToIdentitiesV2") && permission["grantedToIdentitiesV2"].is_array())
      for (const Json& identities : permission["grantedToIdentitiesV2"]) map_identity_set(identities, out);
  }
  return out;
}

}  // namespace tenantreach::exporter

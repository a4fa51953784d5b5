#include "export/permissions.hpp"

#include <array>

namespace tenantreach::exporter {
namespace {

struct Rule {
  std::string_view path_start;
  std::string_view path_contains;
  Permission permission;
};

// First match wins, so the more specific entries come first.
constexpr std::array kRules = {
    Rule{"organization", "", {"Organization.Read.All", "Directory Readers"}},
    Rule{"users", "", {"User.Read.All", "Directory Readers"}},
    Rule{"groups", "", {"GroupMember.Read.All", "Directory Readers"}},
    Rule{"policies/crossTenantAccessPolicy", "", {"Policy.Read.All", "Security Reader"}},
    Rule{"identity/conditionalAccess", "", {"Policy.Read.All", "Security Reader"}},
    Rule{"teams", "/allowedMembers", {"ChannelMember.Read.All", "Teams Administrator"}},
    Rule{"teams", "/members", {"ChannelMember.Read.All", "Teams Administrator"}},
    Rule{"teams", "/sharedWithTeams", {"ChannelMember.Read.All", "Teams Administrator"}},
    Rule{"teams", "Channels", {"Channel.ReadBasic.All", "Teams Administrator"}},
    Rule{"teams", "", {"Team.ReadBasic.All", "Teams Administrator"}},
    Rule{"servicePrincipals", "/synchronization", {"Synchronization.Read.All", "Hybrid Identity Administrator"}},
    Rule{"servicePrincipals", "", {"Application.Read.All", "Directory Readers"}},
    Rule{"sites", "", {"Sites.Read.All (application permission: getAllSites has no delegated form)",
                       "SharePoint Administrator"}},
    Rule{"storage/fileStorage", "", {"FileStorageContainer.Selected", "SharePoint Embedded Administrator"}},
    Rule{"auditLogs", "", {"AuditLog.Read.All (and an Entra ID P1 licence)", "Reports Reader"}},
};

}  // namespace

Permission permission_for(std::string_view path) {
  path = path.substr(0, path.find('?'));
  if (path.starts_with('/')) path.remove_prefix(1);
  for (const Rule& rule : kRules) {
    if (path.starts_with(rule.path_start) &&
        (rule.path_contains.empty() || path.find(rule.path_contains) != std::string_view::npos))
      return rule.permission;
  }
  return {"Directory.Read.All", "Global Reader"};
}

}  // namespace tenantreach::exporter

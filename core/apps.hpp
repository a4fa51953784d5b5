// Application identities shared by the cross-tenant (R4.3) and Conditional Access (R7.3) matchers.
#pragma once

#include <string_view>

namespace tenantreach::core {

inline constexpr std::string_view kOffice365 = "office365";

// SharePoint Online, Exchange Online and Microsoft Teams: parts of the Office 365 suite. Whether a resource
// whose app is Office365 uses one of them cannot be decided, so a target naming one is resolved by R0.
inline bool is_office365_suite_app(std::string_view app_id) {
  return app_id == "00000003-0000-0ff1-ce00-000000000000" || app_id == "00000002-0000-0ff1-ce00-000000000000" ||
         app_id == "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe";
}

}  // namespace tenantreach::core

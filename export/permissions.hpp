// Which Graph permission and which least-privileged Entra role each endpoint the exporter calls needs: the
// text of a 403, of the export report and of docs/EXPORTING.md.
#pragma once

#include <string>
#include <string_view>

namespace tenantreach::exporter {

struct Permission {
  std::string_view application;  // the application permission (and delegated scope) to grant
  std::string_view role;         // the least-privileged role for a delegated sign-in
};

// `path` is a Graph path without the version, e.g. "teams/{id}/allChannels" (query ignored).
Permission permission_for(std::string_view path);

}  // namespace tenantreach::exporter

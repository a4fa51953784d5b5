// Pictures as Graphviz DOT text: the tenant trust map and the witness chains of one explain answer. Element ids
// are stable (`tenant-<tenantId>`, `edge-<fromTenantId>-<toTenantId>-<kind>`, `sync-<jobId>`; `step-<n>`,
// `path-<n>-<m>`), and Graphviz carries them into its SVG, so a browser test or a stylesheet can find them.
#pragma once

#include <string>
#include <string_view>

#include "graph/results.hpp"
#include "graph/trust_map.hpp"

namespace tenantreach::report {

// Colours shared by the pictures and the report's legend.
const char* openness_colour(graph::Openness openness);
inline constexpr const char* kSyncColour = "#1565c0";

std::string trust_map_dot(const graph::TrustMap& map);
std::string explanation_dot(const graph::Explanation& explanation);

// A DOT double-quoted string (with the quotes).
std::string dot_string(std::string_view text);

}  // namespace tenantreach::report

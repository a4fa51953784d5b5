// The exposure report as one self-contained HTML page: inline CSS, the trust map as inline SVG, a few lines of
// inline script that sort tables; no network, prints on paper. Element ids are stable for tests and readers:
// sections `summary`, `trust-map`, `most-exposed`, `shared-channels`, `denials`, `partners`; each table is the
// section id with `-table`.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "graph/stats.hpp"
#include "graph/trust_map.hpp"
#include "parallel/exposure_report.hpp"

namespace tenantreach::report {

struct ReportPage {
  std::string source;   // what the report is of (a path)
  std::string version;  // the engine that wrote it
  std::map<std::string, std::size_t> counts;  // graph::Stats::counts
  std::size_t warnings = 0;
  std::vector<std::pair<std::string, std::string>> tenants;  // world tenants: id, organization displayName
  parallel::ExposureReport exposure;
  graph::TrustMap trust_map;  // as drawn (perhaps restricted to the top pairs)
  std::string trust_map_svg;  // an <svg> element
  std::size_t max_partner_rows = 200;
};

std::string render_html(const ReportPage& page);

// Text for HTML element content and attribute values.
std::string html_escape(std::string_view text);

}  // namespace tenantreach::report

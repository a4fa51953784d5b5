// Gathers an exposure report of a compiled world (parallel::build_exposure_report, graph::build_trust_map) and
// lays out its trust map, ready for render_html.
#pragma once

#include <cstddef>
#include <string>

#include "graph/compiled_world.hpp"
#include "parallel/audit.hpp"
#include "report/html.hpp"

namespace tenantreach::report {

struct ReportOptions {
  std::string source;   // shown in the page's header
  std::string version;  // likewise
  std::size_t top = 50;        // rows of the resource tables
  std::size_t max_pairs = 20;  // tenant pairs on the trust map: those with the most access between them
};

ReportPage build_report_page(const graph::CompiledWorld& compiled, const ReportOptions& options,
                             const parallel::ProgressSink& progress = {});

}  // namespace tenantreach::report

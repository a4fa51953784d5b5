// export-report.json, written into each exported tenant folder: when and from where it was exported, how
// many objects each file holds, the requests it took, and every gap with its meaning for the audit.
#pragma once

#include <string>

#include "export/checkpoint.hpp"
#include "export/graph_client.hpp"

namespace tenantreach::exporter {

struct ReportInput {
  std::string tenant_id;
  std::string display_name;
  std::string graph_url;
  const Checkpoint& checkpoint;
  const GraphCounters& counters;
  double seconds = 0;
};

std::string export_report_json(const ReportInput& input);

// What a file's absence means for an audit (R0 over-reports where settings are missing; missing people or
// resources under-report).
std::string missing_file_impact(const std::string& file);

}  // namespace tenantreach::exporter

// `tenantreach export` for one tenant: every file of spec §1 that Graph can supply, written into a private
// staging folder beside WORLD/tenants/<tenantId>, checkpointed for --resume, then swapped into place with one
// rename together with export-report.json (what could not be fetched and what that means for an audit).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "export/checkpoint.hpp"
#include "export/export_context.hpp"
#include "export/token_source.hpp"

namespace tenantreach::exporter {

struct ExportOptions {
  std::filesystem::path world;
  std::string graph_url;  // without a trailing slash; exporter::cloud_endpoints names those of each cloud
  int concurrency = 4;    // requests in flight at most
  bool keep_going = false; // a file Graph refuses becomes a gap instead of stopping the export
  bool resume = false;    // continue an interrupted export of the same tenant from its checkpoint
  int sign_in_days = 0;   // > 0: read that many days of sign-in logs for the guests' home tenants
};

struct ExportResult {
  std::string tenant_id;
  std::string display_name;
  std::filesystem::path folder;
  std::vector<Gap> gaps;
  std::uint64_t requests = 0;
  double seconds = 0;
};

// Throws GraphError when Graph refuses a file (without keep_going) and std::runtime_error for local failures;
// then the tenant's folder is untouched and the staging folder is kept for --resume.
ExportResult export_tenant(const ExportOptions& options, TokenSource& tokens, Progress& progress);

}  // namespace tenantreach::exporter

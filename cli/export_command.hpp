// The `export` subcommand: its options, and running it (exporter/ does the work).
#pragma once

#include <CLI/CLI.hpp>

#include "export/tenant_export.hpp"
#include "export/token_source.hpp"

namespace tenantreach::cli {

struct ExportCommandOptions {
  exporter::AuthOptions auth;
  exporter::ExportOptions run;
  std::string world;
  std::string cloud = "global";
  bool quiet = false;
};

CLI::App* add_export_command(CLI::App& app, ExportCommandOptions& options);

// Exit codes: 0 exported (gaps, with --keep-going, are in the summary and export-report.json), 2 bad options,
// 3 the sign-in or Graph failed (the tenant's folder is untouched; --resume continues).
int run_export_command(ExportCommandOptions options);

}  // namespace tenantreach::cli

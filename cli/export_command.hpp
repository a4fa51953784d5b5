// The `export` subcommand: its options, and running it: the program loads the export module (export/command.hpp)
// and hands it the options, so that libcurl and OpenSSL are loaded only by `export`.
#pragma once

#include <CLI/CLI.hpp>

#include "export/command.hpp"

namespace tenantreach::cli {

using ExportCommandOptions = exporter::CommandOptions;

CLI::App* add_export_command(CLI::App& app, ExportCommandOptions& options);

// Exit codes as exporter::run_command's; 3 also when the module cannot be loaded (the message names its path).
int run_export_command(const ExportCommandOptions& options);

}  // namespace tenantreach::cli

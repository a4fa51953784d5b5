#include "cli/export_command.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "export/clouds.hpp"
#include "export/graph_client.hpp"
#include "export/staging.hpp"

namespace tenantreach::cli {
namespace {

void print_summary(const exporter::ExportResult& result) {
  std::fprintf(stderr, "exported %s (%s) into %s: %llu requests in %.1f s (%.0f requests/s)\n",
               result.tenant_id.c_str(), result.display_name.c_str(), result.folder.c_str(),
               static_cast<unsigned long long>(result.requests), result.seconds,
               result.seconds > 0 ? static_cast<double>(result.requests) / result.seconds : 0.0);
  if (result.gaps.empty()) return;
  std::fprintf(stderr, "%zu gap(s), also in %s/export-report.json:\n", result.gaps.size(), result.folder.c_str());
  for (const exporter::Gap& gap : result.gaps)
    std::fprintf(stderr, "  - %s: %s\n      because %s\n      so %s\n", gap.file.c_str(), gap.what.c_str(),
                 gap.reason.c_str(), gap.impact.c_str());
}

}  // namespace

CLI::App* add_export_command(CLI::App& app, ExportCommandOptions& options) {
  auto* command = app.add_subcommand(
      "export", "export one tenant from Microsoft Graph into WORLD/tenants/<tenantId> (docs/EXPORTING.md)");
  command->add_option("--tenant", options.auth.tenant, "the tenant to export: its id or a verified domain")
      ->required();
  command->add_option("-o,--output", options.world, "the world directory (created if new; other tenants kept)")
      ->required();
  command->footer(
      "Sign in with exactly one of --client-secret-env, --client-secret-file, --certificate, --device-code (these "
      "with --client-id) or --token-command; secrets are never arguments. Run once per tenant into the same WORLD. "
      "Exit codes: 0 exported (gaps are listed and in export-report.json), 2 bad options, 3 the sign-in or Graph "
      "failed (nothing replaced; --resume continues). Permissions per file: docs/EXPORTING.md.");
  command->add_option("--client-id", options.auth.client_id,
                      "the application (client) id of the app registration (every sign-in but --token-command)");
  auto* secret_env = command->add_option("--client-secret-env", options.auth.client_secret_env,
                                         "the NAME of an environment variable holding the client secret");
  auto* secret_file = command->add_option("--client-secret-file", options.auth.client_secret_file,
                                          "a file (mode 0600) whose first line is the client secret");
  auto* certificate = command->add_option("--certificate", options.auth.certificate_file,
                                          "a PEM file with the app's certificate and its unencrypted private key");
  auto* device = command->add_flag("--device-code", options.auth.device_code,
                                   "sign in as a user (device code), for delegated read-only roles");
  auto* token = command->add_option("--token-command", options.auth.token_command,
                                    "a command that prints a Graph bearer token (e.g. az account get-access-token "
                                    "--resource-type ms-graph)");
  for (auto* one : {secret_env, secret_file, certificate, device, token})
    for (auto* other : {secret_env, secret_file, certificate, device, token})
      if (one != other) one->excludes(other);
  command->add_option("--cloud", options.cloud, "global (default), usgov, usgov-dod or china")
      ->transform(CLI::IsMember(std::vector<std::string>{"global", "usgov", "usgov-dod", "china"}, CLI::ignore_case));
  command->add_option("--graph-url", options.run.graph_url, "the Graph endpoint (overrides --cloud)");
  command->add_option("--login-url", options.auth.login_url, "the sign-in endpoint (overrides --cloud)");
  command->add_option("--concurrency", options.run.concurrency, "requests in flight at most (default 4)")
      ->check(CLI::Range(1, 64));
  command->add_flag("--keep-going", options.run.keep_going,
                    "record what Graph refuses (403) in export-report.json and export the rest");
  command->add_flag("--resume", options.run.resume, "continue an interrupted export of this tenant");
  command->add_option("--sign-ins", options.run.sign_in_days,
                      "read DAYS of sign-in logs for the guests' home tenants (AuditLog.Read.All)")
      ->check(CLI::Range(1, 30));
  command->add_flag("-q,--quiet", options.quiet, "no progress lines, only errors and the summary");
  return command;
}

int run_export_command(ExportCommandOptions options) {
  const exporter::CloudEndpoints cloud = *exporter::cloud_endpoints(options.cloud);  // --cloud is checked
  if (options.run.graph_url.empty()) options.run.graph_url = cloud.graph_url;
  if (options.auth.login_url.empty()) options.auth.login_url = cloud.login_url;
  while (options.auth.login_url.ends_with('/')) options.auth.login_url.pop_back();
  while (options.run.graph_url.ends_with('/')) options.run.graph_url.pop_back();
  options.auth.graph_url = options.run.graph_url;
  options.run.world = options.world;

  exporter::Progress progress(::isatty(STDERR_FILENO) != 0, options.quiet);
  std::unique_ptr<exporter::TokenSource> tokens;
  try {
    tokens = exporter::make_token_source(options.auth, [](const std::string& message) {
      std::cerr << message << std::endl;  // the device code: the user must see it even with --quiet
    });
  } catch (const std::invalid_argument& error) {
    std::cerr << "tenantreach export: " << error.what() << '\n';
    return 2;
  }
  try {
    exporter::create_private_dir(options.run.world / "tenants");
    print_summary(exporter::export_tenant(options.run, *tokens, progress));
    return 0;
  } catch (const exporter::GraphError& error) {
    std::cerr << "tenantreach export: " << error.what() << "\nnothing was replaced in " << options.world
              << "; after fixing this, run the same command with --resume to continue where it stopped"
              << (options.run.keep_going ? "" : " (or add --keep-going to export the rest without it)") << '\n';
    return 3;
  } catch (const std::exception& error) {
    std::cerr << "tenantreach export: " << error.what() << "\nnothing was replaced in " << options.world << '\n';
    return 3;
  }
}

}  // namespace tenantreach::cli

#include "cli/export_command.hpp"

#include <dlfcn.h>

#include <filesystem>
#include <iostream>

namespace tenantreach::cli {

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

int run_export_command(const ExportCommandOptions& options) {
  // The module lies beside the program in a build tree, and in the library directory once installed.
  std::error_code error;
  const std::filesystem::path program = std::filesystem::read_symlink("/proc/self/exe", error);
  const std::filesystem::path here = program.parent_path();
  std::filesystem::path module = here / TENANTREACH_EXPORT_MODULE;
  if (!std::filesystem::exists(module)) module = here / TENANTREACH_MODULE_DIR_FROM_BIN / TENANTREACH_EXPORT_MODULE;
  // Never unloaded: the exporter's threads and libcurl's global state live until the process ends.
  void* handle = ::dlopen(module.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    std::cerr << "tenantreach export: cannot load " << module.string() << " (" << ::dlerror()
              << "); it is installed with the program: reinstall tenantreach\n";
    return 3;
  }
  using Run = int (*)(const exporter::CommandOptions*);
  const auto run = reinterpret_cast<Run>(::dlsym(handle, "tenantreach_export_run"));
  if (run == nullptr) {
    std::cerr << "tenantreach export: " << module.string() << " is not a tenantreach export module\n";
    return 3;
  }
  return run(&options);
}

}  // namespace tenantreach::cli

#include "export/command.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "export/clouds.hpp"
#include "export/graph_client.hpp"
#include "export/staging.hpp"

namespace tenantreach::exporter {
namespace {

void print_summary(const ExportResult& result) {
  std::fprintf(stderr, "exported %s (%s) into %s: %llu requests in %.1f s (%.0f requests/s)\n",
               result.tenant_id.c_str(), result.display_name.c_str(), result.folder.c_str(),
               static_cast<unsigned long long>(result.requests), result.seconds,
               result.seconds > 0 ? static_cast<double>(result.requests) / result.seconds : 0.0);
  if (result.gaps.empty()) return;
  std::fprintf(stderr, "%zu gap(s), also in %s/export-report.json:\n", result.gaps.size(), result.folder.c_str());
  for (const Gap& gap : result.gaps)
    std::fprintf(stderr, "  - %s: %s\n      because %s\n      so %s\n", gap.file.c_str(), gap.what.c_str(),
                 gap.reason.c_str(), gap.impact.c_str());
}

}  // namespace

int run_command(CommandOptions options) {
  const CloudEndpoints cloud = *cloud_endpoints(options.cloud);  // --cloud is checked
  if (options.run.graph_url.empty()) options.run.graph_url = cloud.graph_url;
  if (options.auth.login_url.empty()) options.auth.login_url = cloud.login_url;
  while (options.auth.login_url.ends_with('/')) options.auth.login_url.pop_back();
  while (options.run.graph_url.ends_with('/')) options.run.graph_url.pop_back();
  options.auth.graph_url = options.run.graph_url;
  options.run.world = options.world;

  Progress progress(::isatty(STDERR_FILENO) != 0, options.quiet);
  std::unique_ptr<TokenSource> tokens;
  try {
    tokens = make_token_source(options.auth, [](const std::string& message) {
      std::cerr << message << std::endl;  // the device code: the user must see it even with --quiet
    });
  } catch (const std::invalid_argument& error) {
    std::cerr << "tenantreach export: " << error.what() << '\n';
    return 2;
  }
  try {
    create_private_dir(options.run.world / "tenants");
    print_summary(export_tenant(options.run, *tokens, progress));
    return 0;
  } catch (const GraphError& error) {
    std::cerr << "tenantreach export: " << error.what() << "\nnothing was replaced in " << options.world
              << "; after fixing this, run the same command with --resume to continue where it stopped"
              << (options.run.keep_going ? "" : " (or add --keep-going to export the rest without it)") << '\n';
    return 3;
  } catch (const std::exception& error) {
    std::cerr << "tenantreach export: " << error.what() << "\nnothing was replaced in " << options.world << '\n';
    return 3;
  }
}

}  // namespace tenantreach::exporter

extern "C" int tenantreach_export_run(const tenantreach::exporter::CommandOptions* options) {
  return tenantreach::exporter::run_command(*options);
}

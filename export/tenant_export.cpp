#include "export/tenant_export.hpp"

#include <algorithm>
#include <chrono>

#include "export/export_report.hpp"
#include "export/file_exports.hpp"
#include "export/staging.hpp"

namespace tenantreach::exporter {
namespace {

constexpr const char* kCheckpointFile = ".checkpoint.json";


// Runs one file's export unless a resumed export already finished it. With keep_going, Graph refusing the
// file makes it a gap (the file is left out, which the ingest reads as an empty list or the service default).
void run_file(ExportContext& context, const std::string& name, const std::function<void()>& export_file) {
  if (context.checkpoint.done(name)) {
    context.progress.finish(name + ": " + std::to_string(context.checkpoint.objects(name)) +
                            " (exported before the interruption)");
    return;
  }
  context.checkpoint.clear_gaps(name);
  try {
    export_file();
    context.progress.finish(name + ": " + std::to_string(context.checkpoint.objects(name)));
  } catch (const GraphError& error) {
    if (!context.keep_going || error.status() == 0) throw;
    context.checkpoint.add_gap({name, "the whole file", error.what(), missing_file_impact(name)});
    context.progress.finish(name + ": NOT EXPORTED (" + std::string(error.what()) + ")");
  }
}

// Leftovers of files that failed under --keep-going, and the checkpoint: not part of a world.
void remove_working_files(const fs::path& staging) {
  std::vector<fs::path> leftovers;
  for (const auto& entry : fs::recursive_directory_iterator(staging)) {
    const std::string name = entry.path().filename().string();
    if (name == kCheckpointFile || name.ends_with(".part") || name.ends_with(".tmp")) leftovers.push_back(entry.path());
  }
  for (const fs::path& path : leftovers) fs::remove(path);
}

}  // namespace

ExportResult export_tenant(const ExportOptions& options, TokenSource& tokens, Progress& progress) {
  const auto started = std::chrono::steady_clock::now();
  GraphClient graph(options.graph_url, tokens);

  // The organization names the tenant (the folder's name) whatever --tenant said: id or domain.
  const Json organization = graph.get("/v1.0/organization?$select=id,displayName,verifiedDomains");
  if (!organization.contains("value") || organization["value"].empty() ||
      !organization["value"][0].contains("id") || !organization["value"][0]["id"].is_string())
    throw std::runtime_error("GET /organization returned no organization: cannot tell which tenant this is");
  ExportResult result;
  result.tenant_id = lower(organization["value"][0]["id"].get<std::string>());
  result.display_name = organization["value"][0].value("displayName", std::string());
  result.folder = tenant_dir(options.world, result.tenant_id);

  const fs::path staging = staging_dir(options.world, result.tenant_id);
  if (fs::exists(staging) && !options.resume) {
    progress.note("discarding an unfinished export of " + result.tenant_id + " (--resume continues one instead)");
    fs::remove_all(staging);
  } else if (options.resume && fs::exists(staging)) {
    progress.note("resuming the unfinished export of " + result.tenant_id);
  } else if (options.resume) {
    progress.note("no unfinished export of " + result.tenant_id + " to resume: starting from the beginning");
  }
  create_private_dir(staging);
  progress.note("exporting " + result.tenant_id + " (" + result.display_name + ") from " + graph.graph_url());

  Checkpoint checkpoint(staging / kCheckpointFile);
  ExportContext context{graph, checkpoint, staging, result.tenant_id, options.concurrency, options.keep_going,
                        progress};
  write_file_atomically(staging / "organization.json", organization.dump(2) + "\n");
  checkpoint.mark_done("organization.json", organization["value"].size());

  run_file(context, "crossTenantAccessPolicy/default.json", [&] { export_default_policy(context); });
  run_file(context, "crossTenantAccessPolicy/partners.json", [&] { export_partners(context); });
  run_file(context, "conditionalAccessPolicies.json", [&] { export_conditional_access(context); });
  HomeTenants homes;
  if (options.sign_in_days > 0 && !checkpoint.done("users.jsonl")) {
    // Read again on every run that still has users to write: the homes go into the users' lines.
    checkpoint.clear_gaps("sign-in logs");
    try {
      homes = read_sign_in_homes(context, options.sign_in_days);
      progress.finish("sign-in logs: " + std::to_string(homes.size()) + " guests with a home tenant");
    } catch (const GraphError& error) {
      context.gap_or_throw(error, "sign-in logs", "the sign-in logs", missing_file_impact("sign-in logs"));
    }
  }
  run_file(context, "users.jsonl", [&] { export_users(context, homes); });
  run_file(context, "groups.jsonl", [&] { export_groups(context); });
  run_file(context, "channels.json", [&] { export_channels(context); });
  run_file(context, "resources.json", [&] { export_resources(context); });
  run_file(context, "crossTenantSync.json", [&] { export_sync_jobs(context); });

  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  result.requests = graph.counters().requests;
  result.gaps = checkpoint.gaps();
  const std::string report = export_report_json(
      {result.tenant_id, result.display_name, graph.graph_url(), checkpoint, graph.counters(), result.seconds});
  remove_working_files(staging);
  write_file_atomically(staging / "export-report.json", report);
  install_tenant(staging, result.folder);
  return result;
}

}  // namespace tenantreach::exporter

#include "export/export_report.hpp"

#include <ctime>
#include <map>

namespace tenantreach::exporter {

std::string missing_file_impact(const std::string& file) {
  static const std::map<std::string, std::string> impacts = {
      {"crossTenantAccessPolicy/default.json",
       "the service default is assumed (R4.2): B2B collaboration allowed, B2B direct connect blocked; if this "
       "tenant's own default differs, access through it is misjudged"},
      {"crossTenantAccessPolicy/partners.json",
       "every partner is judged by the default settings (R4.1) and no identity synchronization is seen (R9): "
       "partner-specific blocks and allows are missed"},
      {"conditionalAccessPolicies.json",
       "no Conditional Access policy is seen, so none blocks anyone: the audit over-reports (R0)"},
      {"users.jsonl",
       "the tenant's users are missing: its groups, channels and resources reach none of them and its guests "
       "cannot be linked: the audit under-reports"},
      {"groups.jsonl",
       "groups are missing: Microsoft 365 groups and teams are not resources, group grants and standard channels "
       "reach nobody: the audit under-reports"},
      {"channels.json", "Teams channels are missing as resources: access to them is under-reported"},
      {"resources.json", "applications, sites and containers are missing as resources: access is under-reported"},
      {"crossTenantSync.json", "sync-plan does not see this tenant's outbound jobs; who-can-reach and audit are unaffected"},
      {"sign-in logs",
       "guests are linked to their home users by address only (R5.1 (2), (3)); some may stay unlinked"},
  };
  const auto found = impacts.find(file);
  return found == impacts.end() ? "this part of the tenant is missing from the world" : found->second;
}

std::string export_report_json(const ReportInput& input) {
  const std::time_t now = std::time(nullptr);
  char exported_at[32];
  std::strftime(exported_at, sizeof exported_at, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  Json gaps = Json::array();
  for (const Gap& gap : input.checkpoint.gaps())
    gaps.push_back({{"file", gap.file}, {"what", gap.what}, {"reason", gap.reason}, {"impact", gap.impact}});
  Json files = Json::object();
  const Json checkpointed = input.checkpoint.files();
  for (const auto& [name, state] : checkpointed.items())
    files[name] = state.value("done", false) ? Json{{"objects", state.value("objects", 0)}} : Json{{"missing", true}};
  const Json report = {
      {"tenantId", input.tenant_id},
      {"displayName", input.display_name},
      {"exportedAt", exported_at},
      {"graphUrl", input.graph_url},
      {"complete", gaps.empty()},
      {"files", files},
      {"gaps", gaps},
      {"requests",
       {{"total", input.counters.requests.load()},
        {"throttled", input.counters.throttled.load()},
        {"retriedAfterErrors", input.counters.unavailable.load()},
        {"tokenRefreshes", input.counters.token_refreshes.load()}}},
      {"seconds", input.seconds},
  };
  return report.dump(2) + "\n";
}

}  // namespace tenantreach::exporter

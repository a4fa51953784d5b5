// The directory files: cross-tenant access settings, Conditional Access, users and groups (streamed page by
// page, so a tenant of millions never sits in memory), and the guests' home tenants from the sign-in logs.
#include <algorithm>
#include <chrono>
#include <ctime>

#include "export/file_exports.hpp"
#include "export/staging.hpp"

namespace tenantreach::exporter {
namespace {

constexpr const char* kUsersPath =
    "/v1.0/users?$top=999&$select=id,userPrincipalName,displayName,mail,otherMails,userType,accountEnabled,"
    "externalUserState,creationType";
constexpr const char* kGroupsPath =
    "/v1.0/groups?$top=999&$select=id,displayName,groupTypes,securityEnabled,resourceProvisioningOptions";


void write_page_file(ExportContext& context, const std::string& name, const Json& items) {
  write_file_atomically(context.staging / name, as_graph_page(items));
  context.checkpoint.mark_done(name, items.size());
}

// Pages of a collection appended to NAME.jsonl; `complete` fills in what the page's objects lack (members)
// before they are written. After every page the checkpoint records where to continue.
void stream_collection(ExportContext& context, const std::string& name, const std::string& first_page,
                       const std::function<void(Json& items)>& complete) {
  StreamPosition position;
  if (auto saved = context.checkpoint.position(name)) {
    position = *saved;
    context.progress.note("  " + name + ": resuming after " + std::to_string(position.objects) + " objects");
  }
  StreamedFile file(context.staging / name, position.bytes);
  const std::string start = position.next_link.empty() ? first_page : position.next_link;
  context.graph.for_each_page(start, [&](Json& items, const std::string& next) {
    complete(items);
    for (const Json& item : items) file.write_line(item.dump());
    position = {next, file.flush(), position.objects + items.size()};
    if (!next.empty()) context.checkpoint.save_position(name, position);
    context.progress.update(name, position.objects);
  });
  file.finish();
  context.checkpoint.mark_done(name, position.objects);
}

}  // namespace

void export_default_policy(ExportContext& context) {
  const std::string name = "crossTenantAccessPolicy/default.json";
  const Json policy = context.graph.get("/v1.0/policies/crossTenantAccessPolicy/default");
  write_file_atomically(context.staging / name, policy.dump(2) + "\n");
  context.checkpoint.mark_done(name, 1);
}

void export_partners(ExportContext& context) {
  write_page_file(context, "crossTenantAccessPolicy/partners.json",
                  context.graph.get_all("/v1.0/policies/crossTenantAccessPolicy/partners"
                                        "?$expand=identitySynchronization"));
}

void export_conditional_access(ExportContext& context) {
  write_page_file(context, "conditionalAccessPolicies.json",
                  context.graph.get_all("/v1.0/identity/conditionalAccess/policies"));
}

HomeTenants read_sign_in_homes(ExportContext& context, int days) {
  const std::time_t since = std::time(nullptr) - static_cast<std::time_t>(days) * 86400;
  char iso[32];
  std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&since));
  HomeTenants homes;
  context.graph.for_each_page(
      "/beta/auditLogs/signIns?$top=999&$select=userId,homeTenantId,resourceTenantId,crossTenantAccessType"
      "&$filter=createdDateTime%20ge%20" + std::string(iso),
      [&](Json& items, const std::string&) {
        for (const Json& sign_in : items) {
          const std::string user = lower(sign_in.value("userId", std::string()));
          const std::string home = lower(sign_in.value("homeTenantId", std::string()));
          if (!user.empty() && !home.empty() && home != context.tenant_id) homes[user] = home;
        }
      });
  return homes;
}

void export_users(ExportContext& context, const HomeTenants& homes) {
  stream_collection(context, "users.jsonl", kUsersPath, [&](Json& users) {
    if (homes.empty()) return;
    for (Json& user : users) {
      // Only the home tenant is in the sign-in logs; homeUserId stays unset, so linking falls back to the
      // address rules (R5.1 (2), (3)).
      const auto home = homes.find(lower(user.value("id", std::string())));
      if (home != homes.end()) user["homeTenantId"] = home->second;
    }
  });
}

void export_groups(ExportContext& context) {
  stream_collection(context, "groups.jsonl", kGroupsPath, [&](Json& groups) {
    run_concurrently(groups.size(), context.concurrency, [&](std::size_t i) {
      Json& group = groups[i];
      const std::string id = group.value("id", std::string());
      // Direct members with their @odata.type; nesting is resolved by tenantreach, not by Graph.
      group["members"] = context.graph.get_all("/v1.0/groups/" + id + "/members?$top=999&$select=id");
    });
  });
}

}  // namespace tenantreach::exporter

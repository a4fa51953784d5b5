// resources.json (§1.7) from enterprise applications, SharePoint sites and SharePoint Embedded containers, and
// crossTenantSync.json (§1.8) from the cross-tenant synchronization jobs. Both are tenantreach formats built
// from several Graph calls each; what Graph cannot supply becomes a gap of the export report.
#include <algorithm>

#include "export/file_exports.hpp"
#include "export/http_client.hpp"
#include "export/site_permissions.hpp"
#include "export/staging.hpp"

namespace tenantreach::exporter {
namespace {

constexpr const char* kResources = "resources.json";
constexpr const char* kSync = "crossTenantSync.json";
constexpr const char* kSyncTemplateId = "518e5f48-1fc8-4c48-9387-9fdf28b0dfe7";

std::string text_of(const Json& object, const char* name) {
  return object.contains(name) && object[name].is_string() ? object[name].get<std::string>() : "";
}


// An app that does not require assignment admits every user of the tenant, guests included.
Json application_grants(ExportContext& context, const Json& principal) {
  if (principal.contains("appRoleAssignmentRequired") && principal["appRoleAssignmentRequired"] == false)
    return Json::array({{{"principalType", "everyone"}}});
  Json grants = Json::array();
  const std::string path = "/v1.0/servicePrincipals/" + url_encode(text_of(principal, "id")) + "/appRoleAssignedTo";
  for (const Json& assignment : context.graph.get_all(path)) {
    const std::string type = lower(text_of(assignment, "principalType"));
    if (type == "user" || type == "group")  // service principals are not people
      grants.push_back({{"principalId", text_of(assignment, "principalId")}, {"principalType", type}});
  }
  return grants;
}

void add_applications(ExportContext& context, Json& resources) {
  const Json principals = context.graph.get_all(
      "/v1.0/servicePrincipals?$top=999&$select=id,appId,displayName,appRoleAssignmentRequired,"
      "applicationTemplateId,servicePrincipalType");
  std::vector<Json> entries(principals.size());
  run_concurrently(principals.size(), context.concurrency, [&](std::size_t i) {
    const Json& principal = principals[i];
    if (text_of(principal, "applicationTemplateId") == kSyncTemplateId) return;
    if (const std::string type = text_of(principal, "servicePrincipalType"); !type.empty() && type != "Application")
      return;  // managed identities and legacy principals are not apps people sign in to
    entries[i] = {{"id", text_of(principal, "id")}, {"displayName", principal.value("displayName", Json())},
                  {"kind", "application"}, {"appId", text_of(principal, "appId")},
                  {"grants", application_grants(context, principal)}};
  });
  for (Json& entry : entries)
    if (!entry.is_null()) resources.push_back(std::move(entry));
}

// Sites and containers: SharePoint permission entries mapped to grants; SharePoint groups cannot be resolved
// through Graph and are reported.
Json sharepoint_resource(ExportContext& context, const Json& item, const std::string& kind,
                         const std::string& permissions_path) {
  const MappedGrants mapped = map_sharepoint_permissions(context.graph.get_all(permissions_path));
  for (const std::string& what : mapped.unmapped)
    context.checkpoint.add_gap({kResources, what + " on " + kind + " " + text_of(item, "id"),
                                "Graph does not list the members of SharePoint groups",
                                "its members are missing from the " + kind +
                                    "'s grants: add them by hand (docs/EXPORTING.md) or access is under-reported"});
  return {{"id", text_of(item, "id")}, {"displayName", item.value("displayName", Json())}, {"kind", kind},
          {"grants", mapped.grants}};
}

void add_sites(ExportContext& context, Json& resources) {
  const Json sites = context.graph.get_all("/v1.0/sites/getAllSites?$top=999&$select=id,displayName,webUrl");
  std::vector<Json> entries(sites.size());
  run_concurrently(sites.size(), context.concurrency, [&](std::size_t i) {
    entries[i] = sharepoint_resource(context, sites[i], "site",
                                     "/v1.0/sites/" + url_encode(text_of(sites[i], "id")) + "/drive/root/permissions");
  });
  for (Json& entry : entries) resources.push_back(std::move(entry));
}

void add_containers(ExportContext& context, Json& resources) {
  for (const Json& type : context.graph.get_all("/beta/storage/fileStorage/containerTypes")) {
    const std::string owner = text_of(type, "owningAppId");
    const Json containers = context.graph.get_all("/v1.0/storage/fileStorage/containers?$filter=containerTypeId%20eq%20'" +
                                                  url_encode(text_of(type, "containerTypeId")) + "'");
    std::vector<Json> entries(containers.size());
    run_concurrently(containers.size(), context.concurrency, [&](std::size_t i) {
      entries[i] = sharepoint_resource(context, containers[i], "container",
                                       "/v1.0/storage/fileStorage/containers/" +
                                           url_encode(text_of(containers[i], "id")) + "/permissions");
      if (!owner.empty()) entries[i]["appId"] = owner;  // the owning app is the one Conditional Access names
    });
    for (Json& entry : entries) resources.push_back(std::move(entry));
  }
}

// The userType the job's schema maps, when it is a constant ("Member" or "Guest"); empty otherwise.
std::string mapped_user_type(const Json& schema) {
  if (!schema.contains("synchronizationRules")) return "";
  for (const Json& rule : schema["synchronizationRules"])
    for (const Json& mapping : rule.value("objectMappings", Json::array()))
      for (const Json& attribute : mapping.value("attributeMappings", Json::array()))
        if (text_of(attribute, "targetAttributeName") == "userType" && attribute.contains("source")) {
          const Json& source = attribute["source"];
          std::string value = text_of(source, "expression");
          if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
          if (value.empty()) value = text_of(source, "name");
          if (lower(value) == "member" || lower(value) == "guest") return value;
        }
  return "";
}

}  // namespace

void export_resources(ExportContext& context) {
  Json resources = Json::array();
  const struct {
    const char* what;
    void (*add)(ExportContext&, Json&);
    const char* impact;
  } sources[] = {
      {"enterprise applications", add_applications,
       "applications are missing as resources: access to them is under-reported"},
      {"SharePoint sites", add_sites, "sites are missing as resources: access to them is under-reported"},
      {"SharePoint Embedded containers", add_containers,
       "containers are missing as resources: access to them is under-reported"},
  };
  for (const auto& source : sources) {
    try {
      source.add(context, resources);
    } catch (const GraphError& error) {
      context.gap_or_throw(error, kResources, source.what, source.impact);
    }
    context.progress.update(kResources, resources.size());
  }
  write_file_atomically(context.staging / kResources, as_graph_page(resources));
  context.checkpoint.mark_done(kResources, resources.size());
}

void export_sync_jobs(ExportContext& context) {
  const Json configurations = context.graph.get_all(
      std::string("/v1.0/servicePrincipals?$select=id,displayName&$filter=applicationTemplateId%20eq%20'") +
      kSyncTemplateId + "'");
  for (const Json& configuration : configurations) {
    const std::string path = "/v1.0/servicePrincipals/" + url_encode(text_of(configuration, "id"));
    Json users = Json::array(), groups = Json::array();
    for (const Json& assignment : context.graph.get_all(path + "/appRoleAssignedTo")) {
      const std::string type = lower(text_of(assignment, "principalType"));
      if (type == "user") users.push_back(text_of(assignment, "principalId"));
      if (type == "group") groups.push_back(text_of(assignment, "principalId"));
    }
    for (const Json& job : context.graph.get_all(path + "/synchronization/jobs")) {
      const std::string job_id = text_of(job, "id");
      Json known = {{"id", job_id}, {"assignedUsers", users}, {"assignedGroups", groups}};
      const std::string user_type =
          mapped_user_type(context.graph.get(path + "/synchronization/jobs/" + url_encode(job_id) + "/schema"));
      if (!user_type.empty()) known["userTypeMapping"] = user_type;
      // The target tenant and the scope are provisioning secrets: Graph accepts them but never returns them.
      context.checkpoint.add_gap(
          {kSync, "target tenant and scope of synchronization job " + job_id + " (configuration " +
                      text_of(configuration, "displayName") + "); known so far: " + known.dump(),
           "Graph does not return a job's provisioning secrets (CompanyId, SyncAll)",
           "sync-plan does not see this job until you add it to crossTenantSync.json with targetTenantId and "
           "scope from the admin center; who-can-reach and audit do not use this file"});
    }
  }
  context.checkpoint.mark_done(kSync, 0);
}

}  // namespace tenantreach::exporter

#include "graph/sync_plan_render.hpp"

#include <cstdint>

#include "graph/json_writer.hpp"

namespace tenantreach::graph {
namespace {

const char* user_type_name(core::UserType type) { return type == core::UserType::Guest ? "Guest" : "Member"; }

std::uint64_t count(std::size_t n) { return static_cast<std::uint64_t>(n); }

// Which tenant's configuration each R9.1 switch is read from, for the text output.
std::string switch_text(const core::SyncJobPlan& job) {
  const bool in_source = job.inactive_reason == core::kConsentOutboundSwitch;
  const std::string& owner = in_source ? job.source_tenant_id : job.target_tenant_id;
  const std::string& partner = in_source ? job.target_tenant_id : job.source_tenant_id;
  std::string out = job.inactive_reason + " is off in cfg(" + owner + ", " + partner + ")";
  return out;
}

}  // namespace

std::string to_json(const core::SyncPlan& plan) {
  std::string out;
  JsonWriter json(out);
  json.begin_object().key("jobs").begin_array();
  for (const core::SyncJobPlan& job : plan.jobs) {
    json.begin_object();
    json.key("sourceTenantId").value(job.source_tenant_id);
    json.key("targetTenantId").value(job.target_tenant_id);
    json.key("jobId").value(job.job_id);
    json.key("active").value(job.active);
    if (!job.active) json.key("inactiveReason").value(job.inactive_reason);
    json.key("existing").begin_array();
    for (const core::SyncLink& link : job.existing) {
      json.begin_object().key("sourceUserId").value(link.source_user_id);
      json.key("targetObjectId").value(link.target_object_id).end_object();
    }
    json.end_array().key("toCreate").begin_array();
    for (const core::SyncCreate& create : job.to_create) {
      json.begin_object().key("sourceUserId").value(create.source_user_id);
      json.key("userType").value(user_type_name(create.user_type)).end_object();
    }
    json.end_array().key("toSoftDelete").begin_array();
    for (const core::SyncLink& link : job.to_soft_delete) {
      json.begin_object().key("targetObjectId").value(link.target_object_id);
      json.key("sourceUserId").value(link.source_user_id).end_object();
    }
    json.end_array().key("counts").begin_object();
    json.key("existing").value(count(job.existing.size()));
    json.key("toCreate").value(count(job.to_create.size()));
    json.key("toSoftDelete").value(count(job.to_soft_delete.size()));
    json.end_object().end_object();
  }
  json.end_array().end_object();
  return out;
}

std::string to_text(const core::SyncPlan& plan) {
  if (plan.jobs.empty()) return "no cross-tenant synchronization jobs\n";
  std::string out;
  for (const core::SyncJobPlan& job : plan.jobs) {
    out += "sync job " + job.job_id + ": " + job.source_tenant_id + " -> " + job.target_tenant_id + "\n";
    if (!job.target_in_world)
      out += "  target tenant not in the world: its settings are assumed to allow (R0)\n";
    if (!job.active) {
      out += "  INACTIVE: " + switch_text(job) + "\n";
      continue;
    }
    out += "  ACTIVE: " + std::to_string(job.existing.size()) + " existing, " +
           std::to_string(job.to_create.size()) + " to create, " + std::to_string(job.to_soft_delete.size()) +
           " to soft-delete\n";
    for (const core::SyncLink& link : job.existing)
      out += "  existing     " + link.source_user_id + " -> " + job.target_tenant_id + "/" + link.target_object_id + "\n";
    for (const core::SyncCreate& create : job.to_create)
      out += "  create       " + create.source_user_id + " as " + user_type_name(create.user_type) + "\n";
    for (const core::SyncLink& link : job.to_soft_delete)
      out += "  soft-delete  " + job.target_tenant_id + "/" + link.target_object_id + " (user " +
             link.source_user_id + " no longer in scope)\n";
  }
  return out;
}

}  // namespace tenantreach::graph

// One function per file of spec §1 that Graph can supply. Each writes its file into the staging folder and
// marks it done in the checkpoint; a GraphError it does not absorb (as a gap, with --keep-going) leaves the
// file unfinished for --resume.
#pragma once

#include <string>
#include <unordered_map>

#include "export/export_context.hpp"

namespace tenantreach::exporter {

// Guest object id -> home tenant id, from the tenant's sign-in logs (lower-case ids).
using HomeTenants = std::unordered_map<std::string, std::string>;

void export_default_policy(ExportContext& context);
void export_partners(ExportContext& context);
void export_conditional_access(ExportContext& context);
HomeTenants read_sign_in_homes(ExportContext& context, int days);
void export_users(ExportContext& context, const HomeTenants& homes);
void export_groups(ExportContext& context);
void export_channels(ExportContext& context);
void export_resources(ExportContext& context);
void export_sync_jobs(ExportContext& context);

}  // namespace tenantreach::exporter

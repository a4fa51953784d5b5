// Facts derived from a raw world once it is loaded or generated: the lookup indexes, which users are
// external (R1.4), and which home user each external object links to (R5). Ingest and the generator both
// end with derive(), so every World handed to the rest of the engine is complete.
#pragma once

#include "core/model.hpp"

namespace tenantreach::core {

// Sorts tenants by id and rebuilds World::tenant_index and Tenant::partner_index; builds Tenant::objects where it
// does not hold every user and group yet, and resolves the group members left unresolved (Tenant::resolve_members).
// Ids must already be unique per tenant (ingest reports repeats as InputError before calling this).
void build_indexes(World& world);

// R1.4.
bool is_external(const User& user, const std::string& tenant_id);

// R5.1: fills User::link_rule, linked_tenant_id, linked_user_id of every external user, and adds an
// "ambiguous-link" or "unknown-home-user" warning where the rule says so.
void link_external_users(World& world);

// build_indexes, is_external for every user, link_external_users.
void derive(World& world);

}  // namespace tenantreach::core

// cereal serialization of the model (core::World): the policies block of a snapshot's "model" section (each
// tenant's directory block is not cereal: directory_block.hpp). Non-intrusive: each function sits in the namespace
// of its type so cereal finds it by argument-dependent lookup. Lookup maps are not stored: model_codec.cpp rebuilds
// partner_index and World::tenant_index. The access graph is not written with cereal: see graph_codec.hpp.
#pragma once

#include <cereal/types/optional.hpp>
#include <cereal/types/string.hpp>
#include <cereal/types/utility.hpp>
#include <cereal/types/vector.hpp>

#include "core/model.hpp"
#include "graph/string_pool.hpp"

namespace tenantreach::core {

// The ids and display names of one tenant's users as a snapshot's graph holds them (its user vertices
// first .. first + count): a decoded user's id and displayName share them when equal instead of being copied.
struct UserNames {
  const graph::StringPool* ids = nullptr;
  const graph::StringPool* display_names = nullptr;
  std::uint32_t first = 0;
  std::uint32_t count = 0;
};

}  // namespace tenantreach::core

namespace tenantreach::serialization {

// The user names of a whole snapshot graph: copies of its pools, which share their storage with the graph.
struct GraphUserNames {
  graph::StringPool ids;
  graph::StringPool display_names;
  std::vector<std::uint32_t> tenant_user_offset;  // AccessGraph::tenant_user_offset

  core::UserNames of_tenant(std::uint32_t position) const {
    if (position + 1 >= tenant_user_offset.size()) return {};
    return {&ids, &display_names, tenant_user_offset[position],
            tenant_user_offset[position + 1] - tenant_user_offset[position]};
  }
};

}  // namespace tenantreach::serialization

namespace tenantreach::core {

template <class A> void serialize(A& a, Target& t) { a(t.target, t.target_type); }
template <class A> void serialize(A& a, TargetList& t) { a(t.access_type, t.targets, t.targets_missing); }
template <class A> void serialize(A& a, AccessSetting& s) { a(s.users_and_groups, s.applications); }
template <class A> void serialize(A& a, InboundTrust& t) {
  a(t.is_mfa_accepted, t.is_compliant_device_accepted, t.is_hybrid_azure_ad_joined_device_accepted);
}
template <class A> void serialize(A& a, CrossTenantSettings& s) {
  a(s.tenant_id, s.b2b_collaboration_inbound, s.b2b_collaboration_outbound, s.b2b_direct_connect_inbound,
    s.b2b_direct_connect_outbound, s.inbound_trust, s.consent_inbound_allowed, s.consent_outbound_allowed,
    s.user_sync_inbound_allowed, s.is_service_provider);
}
template <class A> void serialize(A& a, ExternalTenants& e) { a(e.membership_kind, e.odata_type, e.members); }
template <class A> void serialize(A& a, GuestsOrExternalUsers& g) { a(g.types, g.external_tenants); }
template <class A> void serialize(A& a, ConditionalAccessPolicy& p) {
  a(p.id, p.display_name, p.state, p.include_users, p.exclude_users, p.include_groups, p.exclude_groups,
    p.include_roles, p.exclude_roles, p.include_guests_or_external_users, p.exclude_guests_or_external_users,
    p.include_applications, p.exclude_applications, p.narrowing_condition, p.operator_and, p.controls,
    p.session_controls_enabled);
}
template <class A> void serialize(A& a, SyncJob& j) {
  a(j.id, j.target_tenant_id, j.scope_all, j.assigned_users, j.assigned_groups, j.user_type_mapping);
}
template <class A> void serialize(A& a, Warning& w) { a(w.code, w.message); }

// A tenant is stored in two blocks (serialization/model_codec.hpp): its policies, which every model reader needs
// (cross-tenant settings, Conditional Access, sync jobs, the trust map), and its directory, which explain needs
// for the few tenants of one pair.
template <class A> void serialize_policies(A& a, Tenant& t) {
  a(t.id, t.display_name, t.verified_domains, t.has_default_settings, t.default_settings, t.partners,
    t.conditional_access_policies, t.sync_jobs, t.files_present, t.files_jsonl);
}
}  // namespace tenantreach::core

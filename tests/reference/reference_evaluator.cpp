// The reference evaluator: see reference_evaluator.hpp. Every function here is a direct transcription of one
// rule of /work/shared/spec/ACCESS-MODEL.md (or of one of the team's interpretation decisions, marked
// "Decision"). No caching beyond plain id -> object maps, no bit sets, no graph.
#include "tests/reference/reference_evaluator.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <string>
#include <utility>
#include <vector>

#include "core/text.hpp"

namespace tenantreach::reference {

using core::AccessType;
using core::ConditionalAccessPolicy;
using core::CrossTenantSettings;
using core::Group;
using core::MemberKind;
using core::Target;
using core::TargetList;
using core::Tenant;
using core::User;
using core::UserType;
using core::World;

const char* reference_via_name(graph::Via via) {
  switch (via) {
    case graph::kViaB2BCollaboration:
      return "b2bCollaboration";
    case graph::kViaB2BDirectConnect:
      return "b2bDirectConnect";
    case graph::kViaInternal:
      return "internal";
  }
  return "?";
}

namespace {

std::string lower(const std::string& s) { return core::to_lower(s); }

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// ---- Plain lookups, built here from the raw vectors (not from the model's derived indexes) ----------------------

struct TenantView {
  const Tenant* tenant = nullptr;
  std::string id;
  std::map<std::string, const User*> users;
  std::map<std::string, const Group*> groups;

  const User* user(const std::string& id_) const {
    auto it = users.find(lower(id_));
    return it == users.end() ? nullptr : it->second;
  }
  const Group* group(const std::string& id_) const {
    auto it = groups.find(lower(id_));
    return it == groups.end() ? nullptr : it->second;
  }
  // The partner entry for tenant p, or nullptr (first entry wins if an export repeats one).
  const CrossTenantSettings* partner(const std::string& p) const {
    for (const auto& entry : tenant->partners) {
      if (lower(entry.tenant_id) == lower(p)) return &entry;
    }
    return nullptr;
  }
};

struct WorldView {
  std::map<std::string, TenantView> tenants;

  const TenantView* tenant(const std::string& id) const {
    auto it = tenants.find(lower(id));
    return it == tenants.end() ? nullptr : &it->second;
  }
};

WorldView make_view(const World& world) {
  WorldView view;
  for (const Tenant& tenant : world.tenants) {
    TenantView& tv = view.tenants[lower(tenant.id)];
    tv.tenant = &tenant;
    tv.id = lower(tenant.id);
    for (const User& u : tenant.users) tv.users.emplace(lower(u.id), &u);
    for (const Group& g : tenant.groups) tv.groups.emplace(lower(g.id), &g);
  }
  return view;
}

// ---- R1.4 external ------------------------------------------------------------------------------------------------

bool is_external(const User& u, const std::string& tenant_id) {
  if (core::icontains(u.user_principal_name, "#ext#")) return true;
  if (!u.extras->home_tenant_id.empty() && lower(u.extras->home_tenant_id) != lower(tenant_id)) return true;
  if (u.extras->external_user_state.has_value()) return true;
  return false;
}

// ---- R1.3 transitive membership: BFS with a visited set (cycles are legal) ------------------------------------------

std::set<std::string> transitive_user_members(const TenantView& tv, const std::string& group_id) {
  std::set<std::string> users;
  std::set<std::string> visited;
  std::deque<std::string> queue;
  if (tv.group(group_id) == nullptr) return users;
  queue.push_back(lower(group_id));
  visited.insert(lower(group_id));
  while (!queue.empty()) {
    std::string current = queue.front();
    queue.pop_front();
    const Group* g = tv.group(current);
    if (g == nullptr) continue;
    for (const auto& m : g->members) {
      std::string mid = lower(tv.tenant->member_id(*g, m));
      if (m.kind() == MemberKind::User) {
        if (tv.user(mid) != nullptr) users.insert(mid);
      } else {
        if (tv.group(mid) != nullptr && visited.insert(mid).second) queue.push_back(mid);
      }
    }
  }
  return users;
}

bool is_transitive_member(const TenantView& tv, const std::string& group_id, const std::string& user_id) {
  return transitive_user_members(tv, group_id).count(lower(user_id)) > 0;
}

// ---- R5.1 linking ------------------------------------------------------------------------------------------------

struct Link {
  bool linked = false;
  std::string tenant_id;  // home tenant (maybe not in the world)
  std::string user_id;
};

std::string domain_of(const std::string& address) {
  auto at = address.rfind('@');
  if (at == std::string::npos) return {};
  return address.substr(at + 1);
}

// Internal users of tenants other than `own` whose verified domains contain an address's domain and whose mail or
// UPN equals that address; all addresses pooled.
std::set<std::pair<std::string, std::string>> address_candidates(const WorldView& view, const std::string& own,
                                                                 const std::vector<std::string>& addresses) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& [tid, tv] : view.tenants) {
    if (tid == own) continue;
    for (const std::string& raw : addresses) {
      std::string address = lower(raw);
      if (address.empty()) continue;
      std::string domain = domain_of(address);
      if (domain.empty()) continue;
      bool verified = false;
      for (const auto& d : tv.tenant->verified_domains) verified = verified || lower(d) == domain;
      if (!verified) continue;
      for (const User& u : tv.tenant->users) {
        if (is_external(u, tid)) continue;
        if (lower(u.mail) == address || lower(u.user_principal_name) == address) out.emplace(tid, lower(u.id));
      }
    }
  }
  return out;
}

Link link_external(const WorldView& view, const std::string& own, const User& g) {
  Link link;
  // (1) home ids.
  if (!g.extras->home_tenant_id.empty() && !g.extras->home_user_id.empty() && lower(g.extras->home_tenant_id) != own) {
    const TenantView* home = view.tenant(g.extras->home_tenant_id);
    if (home == nullptr) {
      link.linked = true;
      link.tenant_id = lower(g.extras->home_tenant_id);
      link.user_id = lower(g.extras->home_user_id);
      return link;
    }
    const User* u = home->user(g.extras->home_user_id);
    if (u != nullptr && !is_external(*u, home->id)) {
      link.linked = true;
      link.tenant_id = home->id;
      link.user_id = lower(u->id);
    }
    return link;  // in the world but no internal user of that id: unlinked
  }
  // (2) mail and otherMails pooled.
  std::vector<std::string> addresses;
  if (!g.mail.empty()) addresses.push_back(g.mail);
  for (const auto& m : g.extras->other_mails) addresses.push_back(m);
  auto candidates = address_candidates(view, own, addresses);
  if (candidates.size() == 1) {
    link.linked = true;
    link.tenant_id = candidates.begin()->first;
    link.user_id = candidates.begin()->second;
    return link;
  }
  if (candidates.size() >= 2) return link;  // ambiguous: unlinked, (3) not tried
  // (3) UPN before #EXT#, last '_' -> '@'.
  std::string upn = lower(g.user_principal_name);
  auto ext = upn.find("#ext#");
  if (ext == std::string::npos) return link;
  std::string local = upn.substr(0, ext);
  auto underscore = local.rfind('_');
  if (underscore == std::string::npos) return link;
  local[underscore] = '@';
  candidates = address_candidates(view, own, {local});
  if (candidates.size() == 1) {
    link.linked = true;
    link.tenant_id = candidates.begin()->first;
    link.user_id = candidates.begin()->second;
  }
  return link;
}

// ---- R4.1 / R4.2 effective cross-tenant settings ------------------------------------------------------------------

enum class SetKind { CollabInbound, CollabOutbound, DirectInbound, DirectOutbound };

const std::optional<core::AccessSetting>& set_of(const CrossTenantSettings& s, SetKind kind) {
  switch (kind) {
    case SetKind::CollabInbound:
      return s.b2b_collaboration_inbound;
    case SetKind::CollabOutbound:
      return s.b2b_collaboration_outbound;
    case SetKind::DirectInbound:
      return s.b2b_direct_connect_inbound;
    case SetKind::DirectOutbound:
      break;
  }
  return s.b2b_direct_connect_outbound;
}

TargetList service_default(SetKind kind, bool users_part) {
  bool collab = kind == SetKind::CollabInbound || kind == SetKind::CollabOutbound;
  TargetList list;
  list.access_type = collab ? AccessType::Allowed : AccessType::Blocked;
  list.targets.push_back(Target{users_part ? "allusers" : "allapplications", users_part ? "user" : "application"});
  return list;
}

const std::optional<TargetList>& part_of(const core::AccessSetting& s, bool users_part) {
  return users_part ? s.users_and_groups : s.applications;
}

// cfg(T, P).<kind>.<usersAndGroups|applications>
TargetList effective_list(const TenantView& t, const std::string& p, SetKind kind, bool users_part) {
  TargetList result = service_default(kind, users_part);
  const CrossTenantSettings& def = t.tenant->default_settings;
  if (t.tenant->has_default_settings) {
    const auto& set = set_of(def, kind);
    if (set.has_value() && part_of(*set, users_part).has_value()) result = *part_of(*set, users_part);
  }
  if (const CrossTenantSettings* partner = t.partner(p)) {
    const auto& set = set_of(*partner, kind);
    if (set.has_value() && part_of(*set, users_part).has_value()) result = *part_of(*set, users_part);
  }
  return result;
}

struct Trust {
  bool mfa = false;
  bool compliant = false;
  bool hybrid = false;
};

bool trust_flag(const TenantView& t, const CrossTenantSettings* partner,
                std::optional<bool> core::InboundTrust::*field) {
  if (partner != nullptr && partner->inbound_trust.has_value() && ((*partner->inbound_trust).*field).has_value()) {
    return *((*partner->inbound_trust).*field);
  }
  const CrossTenantSettings& def = t.tenant->default_settings;
  if (t.tenant->has_default_settings && def.inbound_trust.has_value() && ((*def.inbound_trust).*field).has_value()) {
    return *((*def.inbound_trust).*field);
  }
  return false;
}

// cfg(T, P).inboundTrust; p empty: T's default trust.
Trust effective_trust(const TenantView& t, const std::string& p) {
  const CrossTenantSettings* partner = p.empty() ? nullptr : t.partner(p);
  Trust trust;
  trust.mfa = trust_flag(t, partner, &core::InboundTrust::is_mfa_accepted);
  trust.compliant = trust_flag(t, partner, &core::InboundTrust::is_compliant_device_accepted);
  trust.hybrid = trust_flag(t, partner, &core::InboundTrust::is_hybrid_azure_ad_joined_device_accepted);
  return trust;
}

// ---- R4.3 / R4.4 target matching and verdict ------------------------------------------------------------------------

const char* const kSuiteApps[] = {"00000003-0000-0ff1-ce00-000000000000", "00000002-0000-0ff1-ce00-000000000000",
                                  "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe"};

bool is_suite_app(const std::string& id) {
  for (const char* s : kSuiteApps) {
    if (id == s) return true;
  }
  return false;
}

// The home user a target list is evaluated for: home == nullptr when the home tenant is not in the world.
struct HomeUser {
  const TenantView* home = nullptr;
  std::string user_id;
};

// U, with R0 resolving undecidable targets by the list's access type.
bool users_match(const TargetList& list, const HomeUser& u) {
  bool allowed_list = list.access_type == AccessType::Allowed;
  if (list.targets_missing) return allowed_list;  // Decision: absent targets are undecidable (R0)
  for (const Target& t : list.targets) {
    std::string target = lower(t.target);
    std::string type = lower(t.target_type);
    if (target == "allusers") return true;
    // R4.3: an untyped target may name a user or a group; any other type names nothing.
    if (!type.empty() && type != "user" && type != "group") continue;
    if (type != "group" && target == u.user_id) return true;
    if (type != "user") {
      if (u.home == nullptr) {
        if (allowed_list) return true;  // undecidable: a match in an allowed list
        continue;                       // and no match in a blocked list
      }
      if (is_transitive_member(*u.home, target, u.user_id)) return true;
    }
  }
  return false;
}

// A, with R0 for suite app ids against an Office365 resource.
bool apps_match(const TargetList& list, const std::string& app) {
  bool allowed_list = list.access_type == AccessType::Allowed;
  if (list.targets_missing) return allowed_list;
  for (const Target& t : list.targets) {
    std::string target = lower(t.target);
    if (target == "allapplications") return true;
    // R4.3: the suite keywords cover Office365 and the suite's own app ids.
    if ((target == "office365" || target == "allmicrosoftapps") && (app == "office365" || is_suite_app(app))) return true;
    if (target == app) return true;
    if (app == "office365" && is_suite_app(target) && allowed_list) return true;
  }
  return false;
}

bool verdict(const TargetList& users, const TargetList& apps, const HomeUser& u, const std::string& app) {
  bool U = users_match(users, u);
  bool A = apps_match(apps, app);
  bool users_allowed = users.access_type == AccessType::Allowed;
  bool apps_allowed = apps.access_type == AccessType::Allowed;
  if (users_allowed && apps_allowed) return U && A;
  if (users_allowed && !apps_allowed) return U && !A;
  if (!users_allowed && apps_allowed) return !U && A;
  return !(U && A);
}

// out(H -> T, kind, u, app): passes when H is not in the world (R6.4).
bool outbound_ok(const WorldView& view, const std::string& h, const std::string& t, bool direct,
                 const std::string& user_id, const std::string& app) {
  const TenantView* home = view.tenant(h);
  if (home == nullptr) return true;
  SetKind kind = direct ? SetKind::DirectOutbound : SetKind::CollabOutbound;
  HomeUser u{home, user_id};
  return verdict(effective_list(*home, t, kind, true), effective_list(*home, t, kind, false), u, app);
}

// in(T <- H, kind, u, app).
bool inbound_ok(const WorldView& view, const TenantView& t, const std::string& h, bool direct,
                const std::string& user_id, const std::string& app) {
  SetKind kind = direct ? SetKind::DirectInbound : SetKind::CollabInbound;
  HomeUser u{view.tenant(h), user_id};
  return verdict(effective_list(t, h, kind, true), effective_list(t, h, kind, false), u, app);
}

// ---- R7 Conditional Access ---------------------------------------------------------------------------------------

enum class Column { Internal, Collaboration, DirectConnect };

struct Subject {
  std::string kind;              // lower-case: internal, internalguest, b2bcollaborationguest, ...
  bool service_provider = false;  // R7: may also sign in as serviceprovider
  const User* object = nullptr;  // the user object in T (internal user or guest object); nullptr for direct connect
  bool home_known = true;
  std::string home;  // home tenant id when known
  Trust trust;
};

Column column_of(const std::string& kind) {
  if (kind == "internal" || kind == "internalguest") return Column::Internal;
  if (kind == "b2bdirectconnectuser") return Column::DirectConnect;
  return Column::Collaboration;
}

bool object_in(const TenantView& t, const Subject& s, const std::vector<std::string>& users,
               const std::vector<std::string>& groups) {
  if (s.object == nullptr) return false;
  std::string id = lower(s.object->id);
  for (const auto& u : users) {
    if (lower(u) == id) return true;
  }
  for (const auto& g : groups) {
    if (is_transitive_member(t, g, id)) return true;
  }
  return false;
}

// R7.2: externalTenants' kind, from membershipKind, else @odata.type; "" when it cannot be decided.
std::string external_tenants_kind(const core::ExternalTenants& e) {
  std::string kind = lower(e.membership_kind);
  if (!kind.empty()) return kind == "all" || kind == "enumerated" ? kind : "";
  std::string type = lower(e.odata_type);
  if (type == "#microsoft.graph.conditionalaccessallexternaltenants") return "all";
  if (type == "#microsoft.graph.conditionalaccessenumeratedexternaltenants") return "enumerated";
  return "";
}

// includeGuestsOrExternalUsers / excludeGuestsOrExternalUsers for one kind; `exclude` resolves what cannot be
// decided by R0.
bool guests_or_external_match(const std::optional<core::GuestsOrExternalUsers>& spec, const Subject& s,
                              const std::string& kind, bool exclude) {
  if (!spec.has_value()) return false;
  bool listed = false;
  for (const auto& type : spec->types) listed = listed || lower(type) == kind;
  if (!listed) return false;
  if (column_of(kind) == Column::Internal) return true;  // externalTenants not consulted for internalGuest
  if (!spec->external_tenants.has_value()) return true;   // absent or null: all tenants
  std::string tenants_kind = external_tenants_kind(*spec->external_tenants);
  if (tenants_kind == "all") return true;
  if (tenants_kind.empty()) return exclude;
  if (!s.home_known) return exclude;
  for (const auto& tenant : spec->external_tenants->members) {
    if (lower(tenant) == s.home) return true;
  }
  return false;
}

bool user_included(const TenantView& t, const ConditionalAccessPolicy& p, const Subject& s, const std::string& kind) {
  if (contains(p.include_users, "all")) return true;
  if (contains(p.include_users, "guestsorexternalusers") && kind != "internal") return true;
  if (object_in(t, s, p.include_users, p.include_groups)) return true;
  if (guests_or_external_match(p.include_guests_or_external_users, s, kind, false)) return true;
  return false;  // includeRoles includes nobody (R0)
}

bool user_excluded(const TenantView& t, const ConditionalAccessPolicy& p, const Subject& s, const std::string& kind) {
  if (contains(p.exclude_users, "all")) return true;
  if (contains(p.exclude_users, "guestsorexternalusers") && kind != "internal") return true;
  if (object_in(t, s, p.exclude_users, p.exclude_groups)) return true;
  if (guests_or_external_match(p.exclude_guests_or_external_users, s, kind, true)) return true;
  return false;
}

bool user_covered(const TenantView& t, const ConditionalAccessPolicy& p, const Subject& s, const std::string& kind) {
  return user_included(t, p, s, kind) && !user_excluded(t, p, s, kind);
}

bool app_in(const std::vector<std::string>& list, const std::string& app, bool exclude) {
  for (const auto& raw : list) {
    std::string entry = lower(raw);
    if (entry == "all") return true;
    if (entry == "office365" && (app == "office365" || is_suite_app(app))) return true;
    if (entry == app) return true;
    if (exclude && app == "office365" && is_suite_app(entry)) return true;  // R0: undecidable exclusion matches
  }
  return false;
}

bool applies(const TenantView& t, const ConditionalAccessPolicy& p, const Subject& s, const std::string& app) {
  if (lower(p.state) != "enabled") return false;
  if (!p.narrowing_condition.empty()) return false;
  if (!p.exclude_roles.empty()) return false;
  if (!user_covered(t, p, s, s.kind)) return false;
  // A service provider's user is covered only when the policy covers it under both possible kinds (R7).
  if (s.service_provider && !user_covered(t, p, s, "serviceprovider")) return false;
  if (!app_in(p.include_applications, app, false)) return false;
  if (app_in(p.exclude_applications, app, true)) return false;
  return true;
}

bool control_satisfiable(const std::string& control, Column column, const Trust& trust) {
  if (control == "block") return false;
  if (column == Column::Internal) return true;
  bool direct = column == Column::DirectConnect;
  if (control == "mfa" || control == "authenticationstrength") return direct ? trust.mfa : true;
  if (control == "compliantdevice") return trust.compliant;
  if (control == "domainjoineddevice") return trust.hybrid;
  if (control == "approvedapplication" || control == "compliantapplication") return false;
  if (control == "passwordchange") return true;
  if (control == "termsofuse") return !direct;
  return true;  // unknown controls are satisfiable
}

bool satisfiable(const ConditionalAccessPolicy& p, const Subject& s) {
  Column column = column_of(s.kind);  // session controls never block (R7.4)
  if (p.controls.empty()) return true;
  if (p.operator_and) {
    for (const auto& c : p.controls) {
      if (!control_satisfiable(lower(c), column, s.trust)) return false;
    }
    return true;
  }
  for (const auto& c : p.controls) {
    if (control_satisfiable(lower(c), column, s.trust)) return true;
  }
  return false;
}

bool ca_ok(const TenantView& t, const Subject& s, const std::string& app) {
  for (const auto& p : t.tenant->conditional_access_policies) {
    if (applies(t, p, s, app) && !satisfiable(p, s)) return false;
  }
  return true;
}

// ---- Resources and their grants (R2, R3) ----------------------------------------------------------------------------

struct Principal {
  std::string tenant_id;
  std::string user_id;
  bool linked = true;
  std::string display_name;
  graph::ViaSet via = 0;
};

class Accumulator {
 public:
  void add(const std::string& tenant, const std::string& user, bool linked, const std::string& display,
           graph::ViaSet via) {
    if (via == 0) return;
    auto [it, inserted] = principals_.try_emplace({tenant, user});
    Principal& p = it->second;
    if (inserted) {
      p.tenant_id = tenant;
      p.user_id = user;
      p.linked = linked;
      p.display_name = display;
    }
    p.via |= via;
  }
  const std::map<std::pair<std::string, std::string>, Principal>& principals() const { return principals_; }

 private:
  std::map<std::pair<std::string, std::string>, Principal> principals_;
};

struct ResourceContext {
  const WorldView* view;
  const TenantView* tenant;
  std::string app;
};

// A user object of T in the grants (R6.1 internal, R6.2 B2B collaboration).
void evaluate_user_object(const ResourceContext& r, const User& o, Accumulator& acc) {
  const TenantView& t = *r.tenant;
  std::string oid = lower(o.id);
  if (!is_external(o, t.id)) {
    Subject s;
    s.kind = o.user_type == UserType::Guest ? "internalguest" : "internal";
    s.object = &o;
    s.home = t.id;
    bool ok = o.account_enabled && ca_ok(t, s, r.app);
    acc.add(t.id, oid, true, o.display_name, ok ? graph::kViaInternal : 0);
    return;
  }
  Link link = link_external(*r.view, t.id, o);
  Subject s;
  s.kind = o.user_type == UserType::Member ? "b2bcollaborationmember" : "b2bcollaborationguest";
  s.object = &o;
  if (!link.linked) {
    s.home_known = false;
    s.trust = effective_trust(t, "");
    bool ok = o.account_enabled && ca_ok(t, s, r.app);
    acc.add(t.id, oid, false, o.display_name, ok ? graph::kViaB2BCollaboration : 0);
    return;
  }
  const TenantView* home = r.view->tenant(link.tenant_id);
  const User* u = home != nullptr ? home->user(link.user_id) : nullptr;
  bool home_enabled = home == nullptr ? true : (u != nullptr && u->account_enabled);
  s.home = link.tenant_id;
  s.trust = effective_trust(t, link.tenant_id);
  const CrossTenantSettings* partner = t.partner(link.tenant_id);
  s.service_provider = partner != nullptr && partner->is_service_provider;
  bool ok = o.account_enabled && home_enabled &&
            outbound_ok(*r.view, link.tenant_id, t.id, false, link.user_id, r.app) &&
            inbound_ok(*r.view, t, link.tenant_id, false, link.user_id, r.app) && ca_ok(t, s, r.app);
  acc.add(link.tenant_id, link.user_id, true, u != nullptr ? u->display_name : std::string(),
          ok ? graph::kViaB2BCollaboration : 0);
}

// A direct connect candidate (H, uid), H != T (R6.3, R6.4).
void evaluate_direct_connect(const ResourceContext& r, const std::string& h_raw, const std::string& uid_raw,
                             Accumulator& acc) {
  const TenantView& t = *r.tenant;
  std::string h = lower(h_raw);
  std::string uid = lower(uid_raw);
  const TenantView* home = r.view->tenant(h);
  std::string display;
  if (home != nullptr) {
    const User* u = home->user(uid);
    if (u == nullptr || is_external(*u, home->id) || !u->account_enabled) return;  // refused
    display = u->display_name;
  }
  Subject s;
  s.kind = "b2bdirectconnectuser";
  s.object = nullptr;
  s.home = h;
  s.trust = effective_trust(t, h);
  bool ok = outbound_ok(*r.view, h, t.id, true, uid, r.app) && inbound_ok(*r.view, t, h, true, uid, r.app) &&
            ca_ok(t, s, r.app);
  acc.add(h, uid, true, display, ok ? graph::kViaB2BDirectConnect : 0);
}

void add_user_ids(const ResourceContext& r, const std::set<std::string>& ids, Accumulator& acc) {
  for (const auto& id : ids) {
    if (const User* u = r.tenant->user(id)) evaluate_user_object(r, *u, acc);
  }
}

// R3.4 (a): a member of the channel's own tenant must be an internal Member user, else refused.
void shared_own_tenant_member(const ResourceContext& r, const std::string& user_id, Accumulator& acc) {
  const User* u = r.tenant->user(user_id);
  if (u == nullptr || is_external(*u, r.tenant->id) || u->user_type != UserType::Member) return;
  evaluate_user_object(r, *u, acc);
}

void shared_member(const ResourceContext& r, const core::ConversationMember& m, const std::string& container_tenant,
                   Accumulator& acc) {
  std::string tenant = m.tenant_id.empty() ? container_tenant : lower(m.tenant_id);
  if (tenant == r.tenant->id) {
    shared_own_tenant_member(r, m.user_id, acc);
  } else {
    evaluate_direct_connect(r, tenant, m.user_id, acc);
  }
}

void evaluate_shared_channel(const ResourceContext& r, const core::Channel& c, Accumulator& acc) {
  const std::string& t = r.tenant->id;
  for (const auto& m : c.members) shared_member(r, m, t, acc);
  for (const auto& entry : c.shared_with_teams) {
    std::string entry_tenant = entry.tenant_id.empty() ? t : lower(entry.tenant_id);
    if (entry.allowed_members.has_value()) {
      for (const auto& m : *entry.allowed_members) shared_member(r, m, entry_tenant, acc);
      continue;
    }
    const TenantView* et = r.view->tenant(entry_tenant);
    if (et == nullptr) continue;
    const Group* g = et->group(entry.team_id);
    if (g == nullptr) continue;
    for (const auto& m : g->members) {  // direct members only
      if (m.kind() != MemberKind::User) continue;
      const User* u = et->user(et->tenant->member_id(*g, m));
      if (u == nullptr || is_external(*u, et->id)) continue;  // internal users only
      if (entry_tenant == t) {
        shared_own_tenant_member(r, u->id, acc);
      } else {
        evaluate_direct_connect(r, entry_tenant, u->id, acc);
      }
    }
  }
}

graph::WhoCanReach finish(const TenantView& t, const std::string& id, const std::string& kind,
                          const std::string& display, const Accumulator& acc) {
  graph::WhoCanReach out;
  out.resource.tenant_id = t.id;
  out.resource.id = lower(id);
  out.resource.kind = kind;
  out.resource.display_name = display;
  for (const auto& [key, p] : acc.principals()) {  // std::map order: (tenantId, userId) byte order
    graph::PrincipalReach reach;
    reach.principal.tenant_id = p.tenant_id;
    reach.principal.user_id = p.user_id;
    reach.principal.linked = p.linked;
    reach.principal.display_name = p.display_name;
    reach.via = p.via;
    out.principals.push_back(reach);
  }
  out.counts.total = out.principals.size();
  for (const auto& p : out.principals) {
    for (graph::Via v : {graph::kViaB2BCollaboration, graph::kViaB2BDirectConnect, graph::kViaInternal}) {
      if (p.via & v) out.counts.by_via[reference_via_name(v)] += 1;
    }
    out.counts.by_tenant[p.principal.tenant_id] += 1;
  }
  return out;
}

const char* resource_kind_name(core::ResourceKind kind) {
  switch (kind) {
    case core::ResourceKind::Site:
      return "site";
    case core::ResourceKind::Application:
      return "application";
    case core::ResourceKind::Container:
      break;
  }
  return "container";
}

}  // namespace

std::vector<graph::WhoCanReach> evaluate_world(const World& world) {
  WorldView view = make_view(world);
  std::vector<graph::WhoCanReach> out;
  for (const auto& [tid, tv] : view.tenants) {
    const Tenant& tenant = *tv.tenant;
    // Channels (R3.3, R3.4); their app is Office365 (R2.2).
    for (const auto& c : tenant.channels) {
      ResourceContext r{&view, &tv, "office365"};
      Accumulator acc;
      std::string kind;
      switch (c.type) {
        case core::ChannelType::Standard:
          kind = "standardChannel";
          add_user_ids(r, transitive_user_members(tv, c.team_id), acc);
          break;
        case core::ChannelType::Private:
          kind = "privateChannel";
          for (const auto& m : c.members) {
            if (const User* u = tv.user(m.user_id)) {  // a user object of T, whatever the member's tenantId
              evaluate_user_object(r, *u, acc);
              continue;
            }
            if (m.tenant_id.empty() || lower(m.tenant_id) == tid) continue;
            // R3.3: a member reported by its home identity is every external object of T linked to it.
            for (const User& g : tenant.users) {
              if (!is_external(g, tid)) continue;
              Link link = link_external(view, tid, g);
              if (link.linked && link.tenant_id == lower(m.tenant_id) && link.user_id == lower(m.user_id))
                evaluate_user_object(r, g, acc);
            }
          }
          break;
        case core::ChannelType::Shared:
          kind = "sharedChannel";
          evaluate_shared_channel(r, c, acc);
          break;
      }
      out.push_back(finish(tv, c.id, kind, c.display_name, acc));
    }
    // resources.json (R3.2).
    for (const auto& res : tenant.resources) {
      std::string app = lower(res.app_id);
      if (app.empty() && res.kind != core::ResourceKind::Application) app = "office365";
      ResourceContext r{&view, &tv, app};
      Accumulator acc;
      std::set<std::string> ids;
      for (const auto& grant : res.grants) {
        switch (grant.type) {
          case core::GrantType::User:
            if (tv.user(grant.principal_id) != nullptr) ids.insert(lower(grant.principal_id));
            break;
          case core::GrantType::Group: {
            auto members = transitive_user_members(tv, grant.principal_id);
            ids.insert(members.begin(), members.end());
            break;
          }
          case core::GrantType::Everyone:
            for (const User& u : tenant.users) ids.insert(lower(u.id));
            break;
          case core::GrantType::EveryoneExceptExternalUsers:
            for (const User& u : tenant.users) {
              if (!is_external(u, tid)) ids.insert(lower(u.id));
            }
            break;
        }
      }
      add_user_ids(r, ids, acc);
      out.push_back(finish(tv, res.id, resource_kind_name(res.kind), res.display_name, acc));
    }
    // Microsoft 365 groups (R3.1).
    for (const auto& g : tenant.groups) {
      if (!g.unified) continue;
      ResourceContext r{&view, &tv, "office365"};
      Accumulator acc;
      add_user_ids(r, transitive_user_members(tv, g.id), acc);
      out.push_back(finish(tv, g.id, "group", g.display_name, acc));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const graph::WhoCanReach& a, const graph::WhoCanReach& b) {
    return std::tie(a.resource.tenant_id, a.resource.id) < std::tie(b.resource.tenant_id, b.resource.id);
  });
  return out;
}

}  // namespace tenantreach::reference

namespace tenantreach::reference {
namespace {

std::string via_text(graph::ViaSet set) {
  std::string out = "[";
  for (graph::Via v : {graph::kViaB2BCollaboration, graph::kViaB2BDirectConnect, graph::kViaInternal}) {
    if (set & v) {
      if (out.size() > 1) out += ",";
      out += reference_via_name(v);
    }
  }
  return out + "]";
}

std::string counts_text(const graph::Counts& c) {
  std::string out = "total=" + std::to_string(c.total) + " byVia={";
  for (const auto& [k, v] : c.by_via) out += k + ":" + std::to_string(v) + " ";
  out += "} byTenant={";
  for (const auto& [k, v] : c.by_tenant) out += k + ":" + std::to_string(v) + " ";
  return out + "}";
}

}  // namespace

std::string describe_difference(const graph::WhoCanReach& left, const graph::WhoCanReach& right,
                                const std::string& left_name, const std::string& right_name) {
  std::string out;
  const std::string where = left.resource.tenant_id + "/" + left.resource.id + " (" + left.resource.kind + ")";
  if (left.resource.tenant_id != right.resource.tenant_id || left.resource.id != right.resource.id ||
      left.resource.kind != right.resource.kind) {
    out += "  resource: " + left_name + " " + where + " vs " + right_name + " " + right.resource.tenant_id + "/" +
           right.resource.id + " (" + right.resource.kind + ")\n";
  }
  using Key = std::pair<std::string, std::string>;
  std::map<Key, const graph::PrincipalReach*> l, r;
  for (const auto& p : left.principals) l[{p.principal.tenant_id, p.principal.user_id}] = &p;
  for (const auto& p : right.principals) r[{p.principal.tenant_id, p.principal.user_id}] = &p;
  auto describe = [](const graph::PrincipalReach* p) {
    if (p == nullptr) return std::string("absent");
    return "via=" + via_text(p->via) + " linked=" + (p->principal.linked ? "true" : "false");
  };
  std::set<Key> keys;
  for (const auto& [k, v] : l) keys.insert(k);
  for (const auto& [k, v] : r) keys.insert(k);
  for (const auto& k : keys) {
    auto li = l.find(k);
    auto ri = r.find(k);
    const graph::PrincipalReach* lp = li == l.end() ? nullptr : li->second;
    const graph::PrincipalReach* rp = ri == r.end() ? nullptr : ri->second;
    if (lp != nullptr && rp != nullptr && lp->via == rp->via && lp->principal.linked == rp->principal.linked) continue;
    out += "  principal " + k.first + "/" + k.second + ": " + left_name + " " + describe(lp) + " vs " + right_name +
           " " + describe(rp) + "\n";
  }
  bool order_ok = left.principals.size() == right.principals.size();
  for (std::size_t i = 0; order_ok && i < left.principals.size(); ++i) {
    order_ok = left.principals[i].principal.tenant_id == right.principals[i].principal.tenant_id &&
               left.principals[i].principal.user_id == right.principals[i].principal.user_id;
  }
  if (!order_ok && out.empty()) out += "  principals: same set, different order\n";
  if (left.counts.total != right.counts.total || left.counts.by_via != right.counts.by_via ||
      left.counts.by_tenant != right.counts.by_tenant) {
    out += "  counts: " + left_name + " " + counts_text(left.counts) + " vs " + right_name + " " +
           counts_text(right.counts) + "\n";
  }
  if (!out.empty()) out = "resource " + where + ":\n" + out;
  return out;
}

}  // namespace tenantreach::reference

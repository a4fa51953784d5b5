// Synthetic worlds: see generator.hpp. One function per entity kind, all drawing from one Rng in a fixed order,
// so a (preset, seed) pair always gives the same world. A Shape holds a preset's sizes and how adversarial it is;
// new presets add a Shape (and, if they need it, more realistic draws inside the entity functions).
#include "worldgen/generator.hpp"

#include <algorithm>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/derive.hpp"
#include "core/text.hpp"

namespace tenantreach::worldgen {

using namespace core;  // the model this module builds and writes
namespace {

// ---- Randomness ----------------------------------------------------------------------------------------------------

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}

  // Uniform in [0, n); 0 when n is 0 or 1. Rejection sampling, so identical on every standard library.
  std::uint64_t below(std::uint64_t n) {
    if (n <= 1) return 0;
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t x = engine_();
    while (x >= limit) x = engine_();
    return x % n;
  }
  int between(int lo, int hi) { return hi <= lo ? lo : lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo) + 1)); }
  bool chance(double p) { return static_cast<double>(engine_() >> 11) * 0x1.0p-53 < p; }
  template <typename T>
  const T& pick(const std::vector<T>& items) {
    return items[below(items.size())];
  }
  std::string hex(int digits) {
    static const char* kHex = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < digits; ++i) out += kHex[below(16)];
    return out;
  }
  // A random (version 4) GUID, lower case.
  std::string guid() {
    static const char* kVariant = "89ab";
    return hex(8) + "-" + hex(4) + "-4" + hex(3) + "-" + kVariant[below(4)] + hex(3) + "-" + hex(12);
  }

 private:
  std::mt19937_64 engine_;
};

// ---- Presets -------------------------------------------------------------------------------------------------------

struct Shape {
  int tenants_min, tenants_max;
  int users_min, users_max;    // internal users per tenant
  int guests_min, guests_max;  // external user objects per tenant
  int groups_min, groups_max;
  int group_members_max;
  double nested_group;  // chance that one member slot of a group is a group
  int channels_min, channels_max;
  int resources_min, resources_max;
  int policies_min, policies_max;
  int phantom_tenants;  // tenant ids referenced by the world but not in it
  int custom_apps;
  bool adversarial;
};

Shape shape_for(const std::string& preset) {
  if (preset == "tiny") return Shape{3, 3, 88, 92, 8, 12, 14, 18, 12, 0.15, 6, 9, 6, 9, 3, 5, 1, 3, false};
  if (preset == "property") return Shape{2, 5, 4, 22, 1, 8, 3, 8, 6, 0.3, 2, 6, 2, 5, 0, 8, 2, 2, true};
  throw std::invalid_argument("unknown generator preset: " + preset);
}

const std::vector<std::string> kSuiteApps = {"00000003-0000-0ff1-ce00-000000000000",
                                             "00000002-0000-0ff1-ce00-000000000000",
                                             "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe"};
const std::vector<std::string> kExternalKinds = {"internalguest",        "b2bcollaborationguest",
                                                 "b2bcollaborationmember", "b2bdirectconnectuser",
                                                 "otherexternaluser",    "serviceprovider"};
const std::vector<std::string> kNarrowing = {"conditions.clientAppTypes",       "conditions.locations",
                                             "conditions.platforms",            "conditions.signInRiskLevels",
                                             "conditions.userRiskLevels",       "conditions.devices",
                                             "conditions.clientApplications",   "conditions.authenticationFlows"};
const std::vector<std::string> kControls = {"mfa",
                                            "compliantdevice",
                                            "domainjoineddevice",
                                            "approvedapplication",
                                            "compliantapplication",
                                            "passwordchange",
                                            "termsofuse",
                                            "authenticationstrength",
                                            "riskremediation"};  // the last is unknown to the model: satisfiable

// externalTenants as Graph writes it (both membershipKind and @odata.type).
ExternalTenants all_external_tenants() {
  return ExternalTenants{"all", "#microsoft.graph.conditionalaccessallexternaltenants", {}};
}
ExternalTenants enumerated_external_tenants(std::vector<std::string> members) {
  return ExternalTenants{"enumerated", "#microsoft.graph.conditionalaccessenumeratedexternaltenants", std::move(members)};
}

// ---- The builder ---------------------------------------------------------------------------------------------------

class Builder {
 public:
  Builder(const Shape& shape, std::uint64_t seed) : shape_(shape), rng_(seed) {}

  World build() {
    make_tenants();
    for (auto& t : world_.tenants) make_users(t);
    for (std::size_t i = 0; i < world_.tenants.size(); ++i) make_guests(i);
    for (auto& t : world_.tenants) make_groups(t);
    for (std::size_t i = 0; i < world_.tenants.size(); ++i) make_cross_tenant_settings(i);
    make_direct_connect_partnerships();
    for (auto& t : world_.tenants) make_conditional_access(t);
    for (std::size_t i = 0; i < world_.tenants.size(); ++i) make_channels(i);
    for (auto& t : world_.tenants) make_resources(t);
    for (std::size_t i = 0; i < world_.tenants.size(); ++i) make_sync_jobs(i);
    if (shape_.adversarial) {
      for (auto& t : world_.tenants) choose_file_formats(t);
    }
    derive(world_);
    return std::move(world_);
  }

 private:
  // Who a guest object stands for at home, as the generator set it up: its home ids when it has them, else the
  // home user drawn for it (whether derive() links it there depends on the addresses it was given, R5.1).
  struct GuestHome {
    std::string guest_id;
    std::string tenant_id;
    std::string user_id;
  };

  // Probability p in the adversarial presets, q in the realistic ones.
  double adv(double p, double q) const { return shape_.adversarial ? p : q; }

  const User& random_internal(const Tenant& t) { return t.users[rng_.below(internal_count_.at(t.id))]; }
  std::vector<std::size_t> other_tenants(std::size_t self) const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < world_.tenants.size(); ++i) {
      if (i != self) out.push_back(i);
    }
    return out;
  }

  // -- tenants ----------------------------------------------------------------------------------------------------
  void make_tenants() {
    int count = rng_.between(shape_.tenants_min, shape_.tenants_max);
    for (int i = 0; i < count; ++i) {
      Tenant t;
      t.id = rng_.guid();
      t.display_name = "Tenant " + std::to_string(i);
      t.verified_domains.push_back("t" + std::to_string(i) + "x" + rng_.hex(4) + ".example");
      if (rng_.chance(0.3)) t.verified_domains.push_back("contoso" + std::to_string(i) + ".example");
      // Two tenants verifying one domain make an address ambiguous (R5.1 (2)); real Entra forbids it.
      if (shape_.adversarial && rng_.chance(0.25)) t.verified_domains.push_back("shared.example");
      world_.tenants.push_back(std::move(t));
    }
    for (int i = 0; i < shape_.phantom_tenants; ++i) phantoms_.push_back(rng_.guid());
    for (int i = 0; i < shape_.custom_apps; ++i) custom_apps_.push_back(rng_.guid());
  }

  // -- internal users -----------------------------------------------------------------------------------------------
  void make_users(Tenant& t) {
    int count = rng_.between(shape_.users_min, shape_.users_max);
    for (int i = 0; i < count; ++i) {
      User u;
      u.id = t.strings->add(rng_.guid());
      const std::string& domain = rng_.pick(t.verified_domains);
      std::string local = "u" + std::to_string(i);
      u.user_principal_name = t.strings->add(local + "@" + t.verified_domains.front());
      if (shape_.adversarial && rng_.chance(0.1)) u.user_principal_name = t.strings->add(to_upper_first(u.user_principal_name));
      u.display_name = t.strings->add("User " + std::to_string(i));
      double m = static_cast<double>(rng_.below(100)) / 100.0;
      if (m < 0.6) {
        u.mail = t.strings->add(local + "@" + domain);
      } else if (m < 0.75) {
        u.mail = t.strings->add("alias" + std::to_string(i) + "@" + domain);
      } else if (m < 0.85) {
        u.mail = t.strings->add(local + "@mail.unverified.example");  // a domain no tenant verifies: never a link target
      } else if (m < 0.9 && i > 0) {
        u.mail = t.strings->add(t.users[rng_.below(t.users.size())].mail);  // mail addresses need not be unique (R1.4)
      }
      if (rng_.chance(0.1)) u.extras.edit().other_mails.push_back(t.strings->add(local + ".other@" + domain));
      u.user_type = rng_.chance(adv(0.15, 0.05)) ? UserType::Guest : UserType::Member;  // internal guests
      u.account_enabled = !rng_.chance(adv(0.15, 0.05));
      // An internal user may carry its own tenant as homeTenantId (sync provenance): still internal.
      if (shape_.adversarial && rng_.chance(0.05)) {
        u.extras.edit().home_tenant_id = t.strings->add(t.id);
        u.extras.edit().home_user_id = t.strings->add(u.id);
      }
      t.users.push_back(std::move(u));
    }
    internal_count_[t.id] = static_cast<std::uint32_t>(t.users.size());
  }

  static std::string to_upper_first(std::string_view text) {
    std::string s(text);
    for (char& c : s) {
      if (c >= 'a' && c <= 'z') {
        c = static_cast<char>(c - 'a' + 'A');
        break;
      }
    }
    return s;
  }

  // "<local>_<domain>#EXT#@<host domain>" for an address "<local>@<domain>".
  static std::string guest_upn(std::string_view address, const Tenant& host, bool lower_marker) {
    std::string mangled(address);
    auto at = mangled.rfind('@');
    if (at != std::string::npos) mangled[at] = '_';
    return mangled + (lower_marker ? "#ext#@" : "#EXT#@") + host.verified_domains.front();
  }

  // -- external user objects (guests) ------------------------------------------------------------------------------
  void make_guests(std::size_t self) {
    Tenant& t = world_.tenants[self];
    std::vector<std::size_t> others = other_tenants(self);
    guest_homes_.resize(world_.tenants.size());
    int count = rng_.between(shape_.guests_min, shape_.guests_max);
    for (int i = 0; i < count; ++i) {
      User g;
      g.id = t.strings->add(rng_.guid());
      g.display_name = t.strings->add("Guest " + std::to_string(i));
      g.user_type = rng_.chance(0.75) ? UserType::Guest : UserType::Member;
      g.account_enabled = !rng_.chance(adv(0.12, 0.04));
      g.extras.edit().creation_type = t.strings->add("Invitation");
      double s = static_cast<double>(rng_.below(100)) / 100.0;
      if (s < 0.5) {
        g.extras.edit().external_user_state = t.strings->add("accepted");
      } else if (s < 0.65) {
        // can redeem at any time: counts (R6.2)
        g.extras.edit().external_user_state = t.strings->add("pendingacceptance");
      }
      static const int kRealistic[] = {0, 3, 3, 5, 7};  // home ids, mail, UPN, unlinked
      int variety = shape_.adversarial ? static_cast<int>(rng_.below(10)) : kRealistic[rng_.below(5)];
      if (others.empty()) variety = 7;
      const Tenant& h = world_.tenants[others.empty() ? self : rng_.pick(others)];
      const User& u = random_internal(h);
      bool lower_marker = rng_.chance(0.2);
      switch (variety) {
        case 0:  // home ids of a world user (R5.1 (1))
          g.extras.edit().home_tenant_id = t.strings->add(h.id);
          g.extras.edit().home_user_id = t.strings->add(u.id);
          g.user_principal_name = t.strings->add(guest_upn(u.user_principal_name, t, lower_marker));
          if (rng_.chance(0.5)) g.mail = t.strings->add(u.mail);
          break;
        case 1: {  // home ids in a tenant that is not in the world (R6.4)
          g.extras.edit().home_tenant_id = t.strings->add(phantoms_.empty() ? rng_.guid() : rng_.pick(phantoms_));
          g.extras.edit().home_user_id = t.strings->add(rng_.guid());
          g.user_principal_name = t.strings->add(guest_upn("p" + std::to_string(i) + "@phantom.example", t, lower_marker));
          break;
        }
        case 2:  // home ids naming no internal user of a world tenant: unlinked, rule (2) not tried
          g.extras.edit().home_tenant_id = t.strings->add(h.id);
          g.extras.edit().home_user_id = t.strings->add(rng_.chance(0.5) ? rng_.guid() : u.id.str());
          if (g.extras->home_user_id == u.id)  // maybe a guest object of h
            g.extras.edit().home_user_id = t.strings->add(h.users.back().id);
          g.user_principal_name = t.strings->add(guest_upn(u.user_principal_name, t, lower_marker));
          g.mail = t.strings->add(u.mail);
          break;
        case 3:  // mail (R5.1 (2))
          g.mail = t.strings->add(rng_.chance(0.7) ? u.mail : u.user_principal_name);
          if (g.mail.empty()) g.mail = t.strings->add(u.user_principal_name);
          g.user_principal_name = t.strings->add(guest_upn(rng_.chance(0.5) ? g.mail.view() : "someone@elsewhere.example", t, lower_marker));
          break;
        case 4:  // otherMails only
          if (rng_.chance(0.5)) g.mail = t.strings->add("x" + std::to_string(i) + "@gmail.example");
          g.extras.edit().other_mails.push_back(t.strings->add(rng_.chance(0.5) ? u.user_principal_name : u.mail));
          g.user_principal_name = t.strings->add(guest_upn("x" + std::to_string(i) + "@gmail.example", t, lower_marker));
          break;
        case 5:  // UPN only (R5.1 (3))
          g.user_principal_name = t.strings->add(guest_upn(u.user_principal_name, t, lower_marker));
          break;
        case 6: {  // ambiguous: two different candidates pooled from mail and otherMails
          const Tenant& h2 = world_.tenants[rng_.pick(others)];
          const User& u2 = random_internal(h2);
          g.mail = t.strings->add(u.user_principal_name);
          g.extras.edit().other_mails.push_back(t.strings->add(u2.user_principal_name));
          g.user_principal_name = t.strings->add(guest_upn(u.user_principal_name, t, lower_marker));
          break;
        }
        case 7:  // links to nobody
          g.mail = t.strings->add("ext" + std::to_string(i) + "@gmail.example");
          g.user_principal_name = t.strings->add(guest_upn(g.mail, t, lower_marker));
          break;
        case 8:  // external only by externalUserState (no #EXT# in the UPN)
          g.extras.edit().external_user_state = t.strings->add(rng_.chance(0.5) ? "pendingacceptance" : "accepted");
          g.user_principal_name = t.strings->add("guest" + std::to_string(i) + "@" + t.verified_domains.front());
          g.mail = t.strings->add(u.mail);
          break;
        default:  // external only by homeTenantId (no #EXT#, no state)
          g.extras.edit().external_user_state.reset();
          g.extras.edit().home_tenant_id = t.strings->add(h.id);
          g.extras.edit().home_user_id = t.strings->add(u.id);
          g.user_principal_name = t.strings->add("synced" + std::to_string(i) + "@" + t.verified_domains.front());
          break;
      }
      const bool has_home_ids = !g.extras->home_tenant_id.empty();
      guest_homes_[self].push_back(
          GuestHome{g.id.str(), has_home_ids ? g.extras->home_tenant_id.str() : h.id,
                    has_home_ids ? g.extras->home_user_id.str() : u.id.str()});
      t.users.push_back(std::move(g));
    }
  }

  // -- groups (nesting, cycles, Microsoft 365 groups and teams) ------------------------------------------------------
  void make_groups(Tenant& t) {
    int count = rng_.between(shape_.groups_min, shape_.groups_max);
    for (int i = 0; i < count; ++i) {
      Group g;
      g.id = t.strings->add(rng_.guid());
      g.display_name = t.strings->add("Group " + std::to_string(i));
      g.unified = rng_.chance(0.5);
      g.team = g.unified && rng_.chance(0.6);
      g.security_enabled = !g.unified || rng_.chance(0.3);
      t.groups.push_back(std::move(g));
    }
    if (!t.groups.empty()) {  // at least one team, for channels
      t.groups.front().unified = true;
      t.groups.front().team = true;
    }
    for (std::size_t i = 0; i < t.groups.size(); ++i) {
      int members = rng_.between(0, shape_.group_members_max);
      Group& group = t.groups[i];
      group.members.clear();
      group.unresolved_ids.reset();
      for (int k = 0; k < members; ++k) {
        if (rng_.chance(shape_.nested_group)) {
          // Any group, including ones listed later and (adversarially) itself: cycles are legal input.
          std::size_t j = rng_.below(t.groups.size());
          if (j == i && !shape_.adversarial) continue;
          group.members.push_back(MemberRef::object(MemberKind::Group, static_cast<std::uint32_t>(j)));
        } else if (shape_.adversarial && rng_.chance(0.03)) {
          group.add_unresolved(MemberKind::User, t.strings->add(rng_.guid()));  // dangling member
        } else {
          const User& user = rng_.pick(t.users);
          const auto index = static_cast<std::uint32_t>(&user - t.users.data());
          group.members.push_back(MemberRef::object(MemberKind::User, index));
        }
      }
    }
  }

  // -- cross-tenant access settings --------------------------------------------------------------------------------
  // A random user or group id of `tenant_id` (a world tenant or a phantom).
  std::string object_of(const std::string& tenant_id, bool group) {
    auto it = std::find_if(world_.tenants.begin(), world_.tenants.end(),
                           [&](const Tenant& t) { return t.id == tenant_id; });
    if (it == world_.tenants.end() || rng_.chance(0.05)) return rng_.guid();
    if (group) return it->groups.empty() ? rng_.guid() : rng_.pick(it->groups).id.str();
    return random_internal(*it).id.str();
  }

  TargetList user_targets(const std::string& users_tenant, bool default_inbound, bool collab) {
    TargetList list;
    list.access_type = rng_.chance(collab ? adv(0.35, 0.15) : 0.25) ? AccessType::Blocked : AccessType::Allowed;
    int n = rng_.between(1, 3);
    for (int i = 0; i < n; ++i) {
      double r = static_cast<double>(rng_.below(100)) / 100.0;
      // The portal forbids naming users in a default inbound setting; the adversarial preset does it rarely.
      if (default_inbound && !(shape_.adversarial && rng_.chance(0.1))) r = 0.0;
      if (r < (collab ? 0.45 : 0.65)) {
        list.targets.push_back(Target{"allusers", "user"});
      } else if (r < 0.75) {
        list.targets.push_back(Target{object_of(users_tenant, false), "user"});
      } else {
        list.targets.push_back(Target{object_of(users_tenant, true), "group"});
      }
      if (shape_.adversarial) vary_target_type(list.targets.back());
    }
    if (shape_.adversarial) maybe_drop_targets(list);
    return list;
  }

  // R4.3: exports may leave a target untyped (a user or a group, whichever the id names) or put another
  // targetType in a usersAndGroups list (it matches nothing).
  void vary_target_type(Target& target) {
    const double r = static_cast<double>(rng_.below(100)) / 100.0;
    if (r < 0.3) {
      target.target_type.clear();
    } else if (r < 0.36 && target.target != "allusers") {
      target.target_type = "application";
    }
  }

  // A list whose `targets` the export left out: every target is undecidable (R0).
  void maybe_drop_targets(TargetList& list) {
    if (!rng_.chance(0.04)) return;
    list.targets.clear();
    list.targets_missing = true;
  }

  TargetList app_targets(bool collab) {
    TargetList list;
    list.access_type = rng_.chance(collab ? adv(0.35, 0.1) : 0.25) ? AccessType::Blocked : AccessType::Allowed;
    int n = rng_.between(1, 2);
    for (int i = 0; i < n; ++i) {
      switch (rng_.below(shape_.adversarial ? 6 : 3)) {
        case 0:
          list.targets.push_back(Target{"allapplications", "application"});
          break;
        case 1:
          list.targets.push_back(Target{"office365", "application"});
          break;
        case 2:
          list.targets.push_back(Target{rng_.pick(custom_apps_), "application"});
          break;
        case 3:
          list.targets.push_back(Target{"allmicrosoftapps", "application"});
          break;
        case 4:
          list.targets.push_back(Target{rng_.pick(kSuiteApps), "application"});
          break;
        default:
          list.targets.push_back(Target{rng_.guid(), "application"});
          break;
      }
    }
    if (shape_.adversarial) maybe_drop_targets(list);
    return list;
  }

  std::optional<AccessSetting> access_setting(double present, const std::string& users_tenant, bool default_inbound,
                                              bool collab) {
    if (!rng_.chance(present)) return std::nullopt;
    AccessSetting s;
    double sub = adv(0.7, 0.95);
    if (rng_.chance(sub)) s.users_and_groups = user_targets(users_tenant, default_inbound, collab);
    if (rng_.chance(sub)) s.applications = app_targets(collab);
    return s;
  }

  std::optional<bool> maybe_bool(double present, double yes) {
    if (!rng_.chance(present)) return std::nullopt;
    return rng_.chance(yes);
  }

  // One settings object: `partner` empty for default.json.
  CrossTenantSettings settings(const Tenant& t, const std::string& partner, double present) {
    CrossTenantSettings s;
    s.tenant_id = partner;
    bool is_default = partner.empty();
    // Inbound targets are objects of the partner; a default inbound names the users of any tenant.
    std::string inbound_users = partner;
    if (is_default) {
      std::vector<std::string> candidates = phantoms_;
      for (const auto& other : world_.tenants) {
        if (other.id != t.id) candidates.push_back(other.id);
      }
      inbound_users = candidates.empty() ? t.id : rng_.pick(candidates);
    }
    s.b2b_collaboration_inbound = access_setting(present, inbound_users, is_default, true);
    s.b2b_collaboration_outbound = access_setting(present, t.id, false, true);
    // Direct connect is blocked by the service default and needs both sides to allow: set it more often.
    double direct = std::max(present, 0.8);
    s.b2b_direct_connect_inbound = access_setting(direct, inbound_users, is_default, false);
    s.b2b_direct_connect_outbound = access_setting(direct, t.id, false, false);
    if (rng_.chance(present)) {
      InboundTrust trust;
      trust.is_mfa_accepted = maybe_bool(adv(0.7, 1.0), 0.5);
      trust.is_compliant_device_accepted = maybe_bool(adv(0.7, 1.0), 0.5);
      trust.is_hybrid_azure_ad_joined_device_accepted = maybe_bool(adv(0.7, 1.0), 0.5);
      s.inbound_trust = trust;
    }
    s.consent_inbound_allowed = maybe_bool(present, 0.5);
    s.consent_outbound_allowed = maybe_bool(present, 0.5);
    if (!is_default) s.user_sync_inbound_allowed = maybe_bool(0.5, 0.6);
    s.is_service_provider = !is_default && rng_.chance(adv(0.15, 0.05));
    return s;
  }

  void make_cross_tenant_settings(std::size_t self) {
    Tenant& t = world_.tenants[self];
    t.has_default_settings = rng_.chance(adv(0.8, 1.0));
    if (t.has_default_settings) t.default_settings = settings(t, "", adv(0.6, 0.9));
    std::vector<std::string> partner_ids;
    for (std::size_t i : other_tenants(self)) {
      if (rng_.chance(adv(0.6, 0.7))) partner_ids.push_back(world_.tenants[i].id);
    }
    for (const auto& p : phantoms_) {
      if (rng_.chance(0.4)) partner_ids.push_back(p);
    }
    for (const auto& p : partner_ids) t.partners.push_back(settings(t, p, adv(0.5, 0.6)));
  }

  // Pairs of world tenants that set up B2B direct connect both ways, as organisations sharing channels do (the
  // service default blocks it, and random settings seldom open both sides). Applications may stay inherited.
  CrossTenantSettings& partner_entry(Tenant& t, const std::string& partner) {
    for (auto& p : t.partners) {
      if (p.tenant_id == partner) return p;
    }
    CrossTenantSettings entry;
    entry.tenant_id = partner;
    t.partners.push_back(std::move(entry));
    return t.partners.back();
  }

  AccessSetting open_direct_connect() {
    AccessSetting s;
    s.users_and_groups = TargetList{AccessType::Allowed, {Target{"allusers", "user"}}};
    if (rng_.chance(adv(0.7, 1.0))) {
      s.applications = TargetList{AccessType::Allowed, {Target{rng_.chance(0.5) ? "allapplications" : "office365",
                                                               "application"}}};
    }
    return s;
  }

  void make_direct_connect_partnerships() {
    for (std::size_t i = 0; i < world_.tenants.size(); ++i) {
      for (std::size_t j = i + 1; j < world_.tenants.size(); ++j) {
        if (!rng_.chance(adv(0.5, 0.6))) continue;
        Tenant& a = world_.tenants[i];
        Tenant& b = world_.tenants[j];
        for (auto [from, to] : {std::pair<Tenant*, Tenant*>{&a, &b}, std::pair<Tenant*, Tenant*>{&b, &a}}) {
          CrossTenantSettings& entry = partner_entry(*from, to->id);
          entry.b2b_direct_connect_inbound = open_direct_connect();
          entry.b2b_direct_connect_outbound = open_direct_connect();
        }
      }
    }
  }

  // -- Conditional Access ----------------------------------------------------------------------------------------
  std::vector<std::string> some_user_ids(const Tenant& t, int max) {
    std::vector<std::string> out;
    int n = rng_.between(1, max);
    for (int i = 0; i < n; ++i) out.push_back(rng_.pick(t.users).id);
    return out;
  }
  std::vector<std::string> some_group_ids(const Tenant& t, int max) {
    std::vector<std::string> out;
    if (t.groups.empty()) return out;
    int n = rng_.between(1, max);
    for (int i = 0; i < n; ++i) out.push_back(rng_.pick(t.groups).id);
    return out;
  }
  GuestsOrExternalUsers guests_spec(const Tenant& t) {
    GuestsOrExternalUsers spec;
    for (const auto& kind : kExternalKinds) {
      if (rng_.chance(0.45)) spec.types.push_back(kind);
    }
    if (spec.types.empty()) spec.types.push_back(rng_.pick(kExternalKinds));
    if (shape_.adversarial) {
      spec.external_tenants = external_tenants_spelling(t);
    } else if (rng_.chance(0.5)) {
      spec.external_tenants = enumerated_external_tenants(some_external_tenants(t));
    } else {
      spec.external_tenants = all_external_tenants();
    }
    return spec;
  }
  // Tenant ids for an enumerated externalTenants: other world tenants and phantoms.
  std::vector<std::string> some_external_tenants(const Tenant& t) {
    std::vector<std::string> tenants;
    for (const auto& other : world_.tenants) {
      if (other.id != t.id && rng_.chance(0.5)) tenants.push_back(other.id);
    }
    for (const auto& p : phantoms_) {
      if (rng_.chance(0.4)) tenants.push_back(p);
    }
    return tenants;
  }
  // R7.2: externalTenants spelled every way an export may spell it: absent, as Graph writes it (membershipKind and
  // @odata.type), membershipKind or @odata.type alone, an unknownFutureValue kind (undecidable whatever
  // @odata.type says), or an empty object (undecidable).
  std::optional<ExternalTenants> external_tenants_spelling(const Tenant& t) {
    const double r = static_cast<double>(rng_.below(100)) / 100.0;
    if (r < 0.1) return std::nullopt;
    ExternalTenants tenants =
        rng_.chance(0.5) ? enumerated_external_tenants(some_external_tenants(t)) : all_external_tenants();
    if (r < 0.55) return tenants;
    if (r < 0.7) {
      tenants.odata_type.clear();
    } else if (r < 0.85) {
      tenants.membership_kind.clear();
    } else if (r < 0.93) {
      tenants.membership_kind = "unknownfuturevalue";
    } else {
      tenants = ExternalTenants{};
    }
    return tenants;
  }
  std::vector<std::string> app_list() {
    switch (rng_.below(shape_.adversarial ? 9 : 3)) {
      case 0:
        return {"all"};
      case 1:
        return {"office365"};
      case 2:
        return {rng_.pick(custom_apps_)};
      case 3:
        return {rng_.pick(kSuiteApps)};
      case 4:
        return {"microsoftadminportals"};
      case 5:
        return {rng_.pick(kSuiteApps), rng_.pick(custom_apps_)};
      case 6:
        return {"allmicrosoftapps"};  // a keyword of cross-tenant settings, not of Conditional Access (R7.3)
      case 7:
        return {"office365", rng_.pick(kSuiteApps)};
      default:
        return {"all"};
    }
  }

  void make_conditional_access(Tenant& t) {
    int count = rng_.between(shape_.policies_min, shape_.policies_max);
    for (int i = 0; i < count; ++i) {
      ConditionalAccessPolicy p;
      p.id = rng_.chance(adv(0.9, 1.0)) ? rng_.guid() : "#" + std::to_string(i);
      p.display_name = "Policy " + std::to_string(i);
      double s = static_cast<double>(rng_.below(100)) / 100.0;
      p.state = s < 0.65 ? "enabled" : s < 0.8 ? "disabled" : s < 0.95 ? "enabledforreportingbutnotenforced" : "paused";
      double inc = static_cast<double>(rng_.below(100)) / 100.0;
      if (inc < 0.35) {
        p.include_users = {"all"};
      } else if (inc < 0.55) {
        p.include_users = {"guestsorexternalusers"};
      } else if (inc < 0.75) {
        p.include_users = some_user_ids(t, 3);
      } else if (inc < 0.8) {
        p.include_users = {"none"};
      }
      if (rng_.chance(0.25)) p.include_groups = some_group_ids(t, 2);
      if (rng_.chance(0.3)) p.include_guests_or_external_users = guests_spec(t);
      if (rng_.chance(adv(0.1, 0.0))) p.include_roles = {"62e90394-69f5-4237-9190-012177145e10"};
      double exc = static_cast<double>(rng_.below(100)) / 100.0;
      if (exc < 0.2) {
        p.exclude_users = some_user_ids(t, 2);
      } else if (exc < 0.25) {
        p.exclude_users = {"all"};
      } else if (exc < 0.33) {
        p.exclude_users = {"guestsorexternalusers"};
      }
      if (rng_.chance(0.2)) p.exclude_groups = some_group_ids(t, 2);
      if (rng_.chance(adv(0.3, 0.2))) p.exclude_guests_or_external_users = guests_spec(t);
      if (rng_.chance(adv(0.07, 0.0))) {
        p.exclude_roles = {"62e90394-69f5-4237-9190-012177145e10"};
        p.narrowing_condition = "conditions.users.excludeRoles";
      } else if (rng_.chance(adv(0.12, 0.05))) {
        p.narrowing_condition = rng_.pick(kNarrowing);
      }
      p.include_applications = app_list();
      if (rng_.chance(0.15)) p.exclude_applications = app_list();
      p.operator_and = rng_.chance(0.5);
      if (rng_.chance(adv(0.15, 0.1))) {
        p.controls.push_back("block");
      } else {
        int n = rng_.between(0, 3);
        for (int k = 0; k < n; ++k) p.controls.push_back(rng_.pick(kControls));
      }
      p.session_controls_enabled = rng_.chance(0.2);
      t.conditional_access_policies.push_back(std::move(p));
    }
    if (shape_.adversarial && rng_.chance(0.3)) t.conditional_access_policies.push_back(service_provider_exemption(t));
  }

  // A guest policy that exempts a cloud service provider's users, as providers ask their customers to: it applies
  // to a principal of a service-provider partner only as its collaboration kind, so it does not apply (R7).
  ConditionalAccessPolicy service_provider_exemption(const Tenant& t) {
    ConditionalAccessPolicy p;
    p.id = rng_.guid();
    p.display_name = "Compliant device for guests, service providers exempt";
    p.state = "enabled";
    if (rng_.chance(0.5)) {
      p.include_users = {"guestsorexternalusers"};
    } else {
      p.include_guests_or_external_users = GuestsOrExternalUsers{{"b2bcollaborationguest", "b2bcollaborationmember"}, {}};
    }
    p.exclude_guests_or_external_users = GuestsOrExternalUsers{{"serviceprovider"}, external_tenants_spelling(t)};
    p.include_applications = {"all"};
    p.controls = {rng_.chance(0.5) ? "compliantdevice" : "block"};
    return p;
  }

  // -- channels ----------------------------------------------------------------------------------------------------
  std::string channel_id() { return "19:" + rng_.hex(32) + "@thread.tacv2"; }

  std::vector<const Group*> teams_of(const Tenant& t) const {
    std::vector<const Group*> out;
    for (const auto& g : t.groups) {
      if (g.team) out.push_back(&g);
    }
    return out;
  }

  // A member of tenant `tenant_id`; `explicit_tenant` false leaves tenantId empty (the containing object's).
  // Its ids are Texts of `container`, the tenant whose channel lists it.
  static ConversationMember member(const Tenant& container, const std::string& user_id, const std::string& tenant_id,
                                   bool explicit_tenant) {
    return ConversationMember{container.strings->add(user_id),
                              explicit_tenant ? container.strings->add(tenant_id) : Text{}};
  }

  // Members of a shared channel or of an allowedMembers list, drawn from every kind of candidate.
  std::vector<ConversationMember> shared_members(std::size_t self, const std::string& container_tenant, int max) {
    const Tenant& t = world_.tenants[self];
    std::vector<ConversationMember> out;
    int n = rng_.between(0, max);
    for (int i = 0; i < n; ++i) {
      double r = static_cast<double>(rng_.below(100)) / 100.0;
      if (r < 0.35) {  // own tenant: internal members, internal guests, guest objects (refused)
        bool implicit = container_tenant == t.id && rng_.chance(0.3);
        out.push_back(member(t, rng_.pick(t.users).id, t.id, !implicit));
      } else if (r < 0.8 && world_.tenants.size() > 1) {  // another world tenant (direct connect)
        const Tenant& h = world_.tenants[rng_.pick(other_tenants(self))];
        bool implicit = container_tenant == h.id && rng_.chance(0.3);
        out.push_back(member(t, rng_.pick(h.users).id, h.id, !implicit));
      } else if (r < 0.92 && !phantoms_.empty()) {  // a tenant not in the world (R6.4)
        out.push_back(member(t, rng_.guid(), rng_.pick(phantoms_), true));
      } else {  // a user id nobody has
        out.push_back(member(t, rng_.guid(), t.id, true));
      }
    }
    return out;
  }

  void make_channels(std::size_t self) {
    Tenant& t = world_.tenants[self];
    std::vector<const Group*> teams = teams_of(t);
    int count = rng_.between(shape_.channels_min, shape_.channels_max);
    std::vector<Channel> channels;
    for (int i = 0; i < count; ++i) {
      Channel c;
      c.id = channel_id();
      c.display_name = "Channel " + std::to_string(i);
      std::uint64_t type = rng_.below(3);
      c.type = type == 0 ? ChannelType::Standard : type == 1 ? ChannelType::Private : ChannelType::Shared;
      const bool random_team = teams.empty() || (shape_.adversarial && rng_.chance(0.05));
      c.team_id = t.strings->add(random_team ? rng_.guid() : rng_.pick(teams)->id.str());
      if (c.type == ChannelType::Private) make_private_members(self, c);
      if (c.type == ChannelType::Shared) make_shared_channel(self, c);
      channels.push_back(std::move(c));
    }
    t.channels = std::move(channels);
  }

  void make_private_members(std::size_t self, Channel& c) {
    const Tenant& t = world_.tenants[self];
    const std::vector<GuestHome>& homes = guest_homes_[self];
    int n = rng_.between(0, 6);
    for (int i = 0; i < n; ++i) {
      double r = static_cast<double>(rng_.below(100)) / 100.0;
      if (shape_.adversarial && r >= 0.55 && r < 0.8 && !homes.empty()) {
        // R3.3: Teams may report a guest by its home identity (it stands for the guests linked to that identity,
        // or for nobody), or by the guest object's own id with its home tenantId (still that object).
        const GuestHome& home = rng_.pick(homes);
        c.members.push_back(member(t, r < 0.75 ? home.user_id : home.guest_id, home.tenant_id, true));
      } else if (r < 0.8) {
        c.members.push_back(member(t, rng_.pick(t.users).id, t.id, rng_.chance(0.6)));
      } else if (r < 0.9 && world_.tenants.size() > 1) {  // another tenant: not a private-channel member
        const Tenant& h = world_.tenants[rng_.below(world_.tenants.size())];
        c.members.push_back(member(t, rng_.pick(h.users).id, h.id, true));
      } else {
        c.members.push_back(member(t, rng_.guid(), t.id, true));
      }
    }
  }

  void make_shared_channel(std::size_t self, Channel& c) {
    const Tenant& t = world_.tenants[self];
    c.members = shared_members(self, t.id, 5);
    // The host team, listed as Graph does (isHostTeam), with or without allowedMembers.
    if (rng_.chance(0.6)) {
      SharedWithTeam host;
      host.team_id = c.team_id;
      host.tenant_id = rng_.chance(0.5) ? t.id : std::string();
      host.display_name = "Host team";
      host.is_host_team = true;
      if (rng_.chance(0.3)) host.allowed_members = shared_members(self, t.id, 3);
      c.shared_with_teams.push_back(std::move(host));
    }
    int n = rng_.between(0, 2);
    for (int i = 0; i < n; ++i) {
      SharedWithTeam entry;
      entry.display_name = "Shared team " + std::to_string(i);
      double r = static_cast<double>(rng_.below(100)) / 100.0;
      if (r < 0.6 && world_.tenants.size() > 1) {
        const Tenant& h = world_.tenants[rng_.pick(other_tenants(self))];
        entry.tenant_id = h.id;
        entry.team_id = h.groups.empty() ? rng_.guid() : rng_.pick(h.groups).id;
      } else if (r < 0.75 && !phantoms_.empty()) {
        entry.tenant_id = rng_.pick(phantoms_);
        entry.team_id = rng_.guid();
      } else {
        entry.tenant_id = rng_.chance(0.5) ? t.id : std::string();
        entry.team_id = t.groups.empty() ? rng_.guid() : rng_.pick(t.groups).id;
      }
      double a = static_cast<double>(rng_.below(100)) / 100.0;
      if (a < 0.3) {
        std::string entry_tenant = entry.tenant_id.empty() ? t.id : entry.tenant_id;
        entry.allowed_members = shared_members(self, entry_tenant, 3);
      } else if (a < 0.4) {
        entry.allowed_members = std::vector<ConversationMember>{};  // present but empty: admits nobody
      }
      c.shared_with_teams.push_back(std::move(entry));
    }
  }

  // -- resources.json ----------------------------------------------------------------------------------------------
  void make_resources(Tenant& t) {
    int count = rng_.between(shape_.resources_min, shape_.resources_max);
    for (int i = 0; i < count; ++i) {
      Resource r;
      r.id = rng_.guid();
      std::uint64_t kind = rng_.below(3);
      r.kind = kind == 0 ? ResourceKind::Site : kind == 1 ? ResourceKind::Application : ResourceKind::Container;
      r.display_name = (kind == 0 ? "Site " : kind == 1 ? "App " : "Container ") + std::to_string(i);
      if (r.kind == ResourceKind::Application) {
        r.app_id = shape_.adversarial && rng_.chance(0.15) ? rng_.pick(kSuiteApps) : rng_.pick(custom_apps_);
      } else if (shape_.adversarial) {
        // A site or container exported with a suite member's app id (SharePoint's, say) is inside Office365 (R4.3).
        const double a = static_cast<double>(rng_.below(100)) / 100.0;
        r.app_id = a < 0.2 ? rng_.pick(kSuiteApps) : a < 0.45 ? rng_.pick(custom_apps_) : "office365";
      } else {
        r.app_id = rng_.chance(0.1) ? rng_.pick(custom_apps_) : "office365";
      }
      int grants = rng_.between(1, 4);
      for (int k = 0; k < grants; ++k) {
        double g = static_cast<double>(rng_.below(100)) / 100.0;
        if (g < 0.4) {
          std::string id = rng_.pick(t.users).id;
          if (shape_.adversarial && rng_.chance(0.05)) id = rng_.guid();  // dangling grant
          r.grants.push_back(Grant{GrantType::User, t.strings->add(id)});
        } else if (g < 0.8 && !t.groups.empty()) {
          r.grants.push_back(Grant{GrantType::Group, rng_.pick(t.groups).id});
        } else if (g < 0.9) {
          r.grants.push_back(Grant{GrantType::Everyone, {}});
        } else {
          r.grants.push_back(Grant{GrantType::EveryoneExceptExternalUsers, {}});
        }
      }
      t.resources.push_back(std::move(r));
    }
  }

  // -- cross-tenant synchronization jobs (R9) ------------------------------------------------------------------------
  void make_sync_jobs(std::size_t self) {
    Tenant& t = world_.tenants[self];
    std::vector<std::size_t> others = other_tenants(self);
    if (others.empty() || !rng_.chance(0.3)) return;
    SyncJob job;
    job.id = rng_.guid();
    job.target_tenant_id = world_.tenants[rng_.pick(others)].id;
    job.scope_all = rng_.chance(0.3);
    if (!job.scope_all) {
      int n = rng_.between(0, 3);
      for (int i = 0; i < n; ++i) job.assigned_users.push_back(random_internal(t).id);
      if (!t.groups.empty() && rng_.chance(0.5)) job.assigned_groups.push_back(rng_.pick(t.groups).id);
    }
    job.user_type_mapping = rng_.chance(0.7) ? UserType::Member : UserType::Guest;
    t.sync_jobs.push_back(std::move(job));
  }

  // -- file formats (R1.1) ------------------------------------------------------------------------------------------
  // The lists the writer puts in .jsonl whatever their size: any list file may be either, partners and organization
  // included, so that tests which write and load the world read each entity in both formats.
  void choose_file_formats(Tenant& t) {
    for (std::size_t e = 0; e < kListEntityCount; ++e) {
      const auto entity = static_cast<ListEntity>(e);
      if (rng_.chance(entity == ListEntity::Partners ? 0.3 : 0.2)) t.files_jsonl |= list_entity_bit(entity);
    }
  }

  Shape shape_;
  Rng rng_;
  World world_;
  std::vector<std::string> phantoms_;
  std::vector<std::string> custom_apps_;
  std::unordered_map<std::string, std::uint32_t> internal_count_;  // users [0, n) of a tenant are internal
  std::vector<std::vector<GuestHome>> guest_homes_;  // by tenant position before derive() sorts the tenants
};

// ==== Realistic presets: S, M, L ======================================================================================
// A builder of its own, so that tiny and property stay exactly as they were. The shape (docs/GENERATOR.md): a hub
// tenant with a third of the users and Zipf-sized others; per tenant an org tree of department groups under one
// "All Employees" group, other security groups (some nesting departments, a few in cycles), Microsoft 365 groups and
// teams with standard, private and shared channels; about 5% guests linked to home users of other tenants by every
// rule of R5.1 (or to nobody); hub-and-spoke plus sparse-mesh partner settings; typical Conditional Access policies;
// sites, applications and containers. Memory matters (L holds ten million users): ids come from a counter through a
// bijective 64-bit mix (unique by construction, no set of used ids), strings are built at their exact size (names
// fit the small-string buffer), vectors are reserved, and users are handled by index (a department is a contiguous
// range of users). Every address (UPN, mail) is unique in the world, so R5 lookups stay one candidate each.

struct RealisticShape {
  int tenants;
  std::uint64_t users;  // user objects in the world, guests included
};

std::optional<RealisticShape> realistic_shape(const std::string& preset) {
  if (preset == "S" || preset == "s") return RealisticShape{10, 100'000};
  if (preset == "M" || preset == "m") return RealisticShape{40, 1'000'000};
  if (preset == "L" || preset == "l") return RealisticShape{100, 10'000'000};
  return std::nullopt;
}

// The parameters of the realistic shape; docs/GENERATOR.md lists them.
namespace realistic {
constexpr int kHubShareMinPermille = 320, kHubShareMaxPermille = 380;  // hub's share of all user objects
constexpr int kZipfJitterPct = 15;                                      // +-15% on each other tenant's 1/rank weight
constexpr int kGuestMinPermille = 35, kGuestMaxPermille = 65;           // guests among a tenant's user objects
constexpr int kOutsideOrgMinPct = 2, kOutsideOrgMaxPct = 4;             // internal users in no department
constexpr int kLeafMin = 20, kLeafMax = 70;   // a unit this small becomes a department (a leaf group)
constexpr std::uint64_t kLeafTarget = 45;     // large tenants get wide trees so departments stay about this size
constexpr int kMaxOrgLevel = 6;               // All Employees at level 0, departments at level <= 6
constexpr std::uint64_t kGroupsPerThousand = 100;   // groups per 1000 user objects
constexpr std::uint64_t kUnifiedPerThousand = 22;   // Microsoft 365 groups per 1000 user objects (60% teams)
constexpr std::uint64_t kResourcesPerThousand = 50; // channels + Microsoft 365 groups + resources.json entries
constexpr std::uint64_t kUsersPerCycle = 50'000;    // one group cycle per tenant, plus one per this many users
constexpr double kMeshDegree = 2.5;                 // mean number of non-hub partners of a non-hub tenant
}  // namespace realistic

const std::vector<std::string> kFirstNames = {
    "ada",  "alex", "amir", "ana",  "ben",   "carla", "chen",  "dana", "david", "elena", "emma", "eva",  "felix",
    "hana", "ian",  "ines", "ivan", "jin",   "john",  "julia", "kai",  "kim",   "lars",  "lea",  "leo",  "lina",
    "luca", "maria", "mei", "mia",  "nadia", "noah",  "nora",  "omar", "oscar", "paula", "priya", "raj", "rosa",
    "sam",  "sara", "sofia", "tara", "tom",  "uma",   "vera",  "wei",  "yara",  "yuki",  "zoe"};
const std::vector<std::string> kLastNames = {
    "adams",  "ahmed", "bauer",  "berg",   "brown",  "costa", "dubois", "garcia", "gupta",  "hansen", "ito",
    "jensen", "khan",  "kowalski", "lee",  "lopez",  "meyer", "moreau", "muller", "nguyen", "novak",  "okafor",
    "olsen",  "patel", "perez",  "rossi",  "santos", "schmidt", "silva", "singh", "smith",  "suzuki", "tanaka",
    "wagner", "wang",  "weber",  "wilson", "wong",   "yilmaz", "zhang"};
const std::vector<std::string> kTenantNames = {
    "fabrikam", "northwind", "adatum",  "tailspin", "wingtip",  "litware", "proseware", "woodgrove", "alpine",
    "lucerne",  "relecloud", "trey",    "wideworld", "lamna",   "munson",  "southridge", "blueyondr", "coho",
    "fourthcof", "graphicd", "humongous", "margies", "nod",     "vanarsd", "consolid",  "cpandl",   "datum",
    "fineart",  "libertys", "tasmanian"};
const std::vector<std::string> kFreeMailDomains = {"gmail.example", "outlook.example", "yahoo.example",
                                                   "proton.example", "agency-partner.example"};

// Ids from a counter: the first 64 bits of a GUID are a bijective mix of (key ^ counter), hence unique.
class IdMaker {
 public:
  explicit IdMaker(std::uint64_t seed) : key_(mix(seed ^ 0x6a09e667f3bcc909ull)) {}

  static std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser: a bijection of 64-bit words
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
  }

  // A version-4-shaped GUID, lower case.
  std::string guid() {
    static const char* kHex = "0123456789abcdef";
    std::uint64_t a = mix(key_ ^ counter_++);
    std::uint64_t b = mix(a ^ 0xd1b54a32d192ed03ull);
    char buf[36];
    buf[8] = buf[13] = buf[18] = buf[23] = '-';
    int from_a = 0;
    for (int p = 0; p < 32; ++p) {
      const int at = p + (p >= 8) + (p >= 12) + (p >= 16) + (p >= 20);
      if (p == 12) {
        buf[at] = '4';
      } else if (p == 16) {
        buf[at] = kHex[8 | (b & 3)];
        b >>= 2;
      } else if (from_a < 16) {
        buf[at] = kHex[(a >> (4 * from_a)) & 15];
        ++from_a;
      } else {
        buf[at] = kHex[b & 15];
        b >>= 4;
      }
    }
    return std::string(buf, 36);
  }

  // "19:<32 hex>@thread.tacv2", as Teams names channels.
  std::string channel_id() {
    static const char* kHex = "0123456789abcdef";
    const std::uint64_t a = mix(key_ ^ counter_++);
    const std::uint64_t b = mix(a ^ 0xd1b54a32d192ed03ull);
    char buf[48];
    std::memcpy(buf, "19:", 3);
    for (int i = 0; i < 16; ++i) buf[3 + i] = kHex[(a >> (60 - 4 * i)) & 15];
    for (int i = 0; i < 16; ++i) buf[19 + i] = kHex[(b >> (60 - 4 * i)) & 15];
    std::memcpy(buf + 35, "@thread.tacv2", 13);
    return std::string(buf, 48);
  }

 private:
  std::uint64_t key_;
  std::uint64_t counter_ = 0;
};

// A string of exactly the parts' total size (no doubling slack: ten million of each add up).
std::string concat(std::initializer_list<std::string_view> parts) {
  std::size_t size = 0;
  for (auto part : parts) size += part.size();
  std::string out;
  out.reserve(size);
  for (auto part : parts) out.append(part);
  return out;
}

std::string capitalized(std::string_view word) {
  std::string out(word);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

class RealisticBuilder {
 public:
  RealisticBuilder(const RealisticShape& shape, std::uint64_t seed, std::function<void(const std::string&)> progress)
      : shape_(shape), rng_(IdMaker::mix(seed) ^ 0x243f6a8885a308d3ull), ids_(seed), progress_(std::move(progress)) {}

  World build() {
    plan_tenants();
    for (std::size_t i = 0; i < plans_.size(); ++i) make_internal_users(i);
    for (std::size_t i = 0; i < plans_.size(); ++i) make_guests(i);
    for (std::size_t i = 0; i < plans_.size(); ++i) make_groups(i);
    report("cross-tenant access settings (hub and spoke, sparse mesh)");
    make_cross_tenant_settings();
    report("conditional access, channels, resources, sync jobs");
    for (std::size_t i = 0; i < plans_.size(); ++i) {
      make_conditional_access(i);
      make_channels(i);
      make_resources(i);
    }
    report("deriving indexes and linking guests (R1.4, R5)");
    derive(world_);
    report("done");
    return std::move(world_);
  }

 private:
  struct Plan {
    std::uint32_t objects = 0;   // user objects: internal users [0, internal), then guests
    std::uint32_t internal = 0;
    std::uint32_t in_org = 0;    // users [0, in_org) are in departments
    std::uint32_t root = 0;      // the All Employees group
    std::uint32_t all_staff = 0; // All Employees plus the users in no department
    std::vector<std::uint32_t> org;       // groups of the org tree below the root (departments included)
    std::vector<std::uint32_t> security;  // other security groups
    std::vector<std::uint32_t> plain;     // security groups without group members (safe to nest: bounded depth)
    std::vector<std::uint32_t> unified;   // Microsoft 365 groups
    std::vector<std::uint32_t> teams;
    std::vector<std::string> apps;        // custom application ids registered in this tenant
    std::vector<std::size_t> direct_connect;  // tenants with B2B direct connect open both ways
    std::size_t home_domain = 0, initial_domain = 1;
  };

  void report(const std::string& what) {
    if (progress_) progress_(what);
  }
  double unit() { return static_cast<double>(rng_.below(1ull << 53)) * 0x1.0p-53; }
  int percent() { return static_cast<int>(rng_.below(100)); }
  std::uint32_t between32(std::uint64_t lo, std::uint64_t hi) {
    return static_cast<std::uint32_t>(hi <= lo ? lo : lo + rng_.below(hi - lo + 1));
  }

  // -- tenants and their sizes -------------------------------------------------------------------------------------
  void plan_tenants() {
    using namespace realistic;
    const int n = shape_.tenants;
    world_.tenants.resize(static_cast<std::size_t>(n));
    plans_.resize(static_cast<std::size_t>(n));
    // One hub with 32-38% of the user objects, the others Zipf-like (weight 1/rank, jittered).
    const std::uint64_t total = shape_.users;
    const std::uint64_t hub = total * between32(kHubShareMinPermille, kHubShareMaxPermille) / 1000;
    std::vector<std::uint64_t> weights(static_cast<std::size_t>(n), 0);
    std::uint64_t weight_sum = 0;
    for (int i = 1; i < n; ++i) {
      weights[i] = 1'000'000'000ull / static_cast<std::uint64_t>(i) *
                   between32(100 - kZipfJitterPct, 100 + kZipfJitterPct) / 100;
      weight_sum += weights[i];
    }
    std::uint64_t assigned = hub;
    for (int i = 0; i < n; ++i) {
      Plan& p = plans_[i];
      std::uint64_t size = i == 0 ? hub : (total - hub) * weights[i] / std::max<std::uint64_t>(weight_sum, 1);
      if (i > 0) assigned += size;
      if (i == n - 1) size += total - assigned;  // rounding remainder: the totals are exact
      p.objects = static_cast<std::uint32_t>(std::max<std::uint64_t>(size, 200));
      const std::uint32_t guests = p.objects * between32(kGuestMinPermille, kGuestMaxPermille) / 1000;
      p.internal = p.objects - guests;
      p.in_org = p.internal - p.internal * between32(kOutsideOrgMinPct, kOutsideOrgMaxPct) / 100;

      Tenant& t = world_.tenants[i];
      t.id = ids_.guid();
      const std::string label =
          i == 0 ? std::string("contoso")
                 : kTenantNames[(i - 1) % kTenantNames.size()] +
                       (i - 1 < static_cast<int>(kTenantNames.size())
                            ? std::string()
                            : std::to_string((i - 1) / static_cast<int>(kTenantNames.size()) + 1));
      t.display_name = capitalized(label);
      t.verified_domains.push_back(label + ".example");
      t.verified_domains.push_back(label + ".onmicrosoft.example");
      if (rng_.chance(0.35)) t.verified_domains.push_back(label + "-group.example");
      const int apps = rng_.between(3, 6);
      for (int a = 0; a < apps; ++a) p.apps.push_back(ids_.guid());
    }
    const int phantoms = 2 + n / 10;
    for (int i = 0; i < phantoms; ++i) phantoms_.push_back(ids_.guid());
    cumulative_internal_.resize(plans_.size());
    std::uint64_t running = 0;
    for (std::size_t i = 0; i < plans_.size(); ++i) cumulative_internal_[i] = running += plans_[i].internal;
    report("planned " + std::to_string(n) + " tenants, " + std::to_string(total) + " user objects (hub " +
           std::to_string(plans_[0].objects) + ")");
  }

  // -- internal users -------------------------------------------------------------------------------------------
  void make_internal_users(std::size_t i) {
    Tenant& t = world_.tenants[i];
    const Plan& p = plans_[i];
    const std::string& domain = t.verified_domains[p.home_domain];
    const std::string& alias_domain = t.verified_domains.back();  // "-group" when verified, else the initial one
    t.users.reserve(p.objects);
    for (std::uint32_t u = 0; u < p.internal; ++u) {
      User& user = t.users.emplace_back();
      user.id = t.strings->add(ids_.guid());
      const std::string& first = rng_.pick(kFirstNames);
      const std::string& last = rng_.pick(kLastNames);
      const std::string number = std::to_string(u);  // makes every address unique
      user.user_principal_name = t.strings->add(concat({first, ".", last, number, "@", domain}));
      std::string display_name = concat({first, " ", last});
      display_name[0] = static_cast<char>(display_name[0] - 'a' + 'A');
      display_name[first.size() + 1] = static_cast<char>(display_name[first.size() + 1] - 'a' + 'A');
      user.display_name = t.strings->add(display_name);
      const int m = percent();
      if (m < 88) {
        user.mail = user.user_principal_name;
      } else if (m < 95) {
        user.mail = t.strings->add(concat({first, number, "@", alias_domain}));  // no dot: never another user's UPN
      }  // else no mailbox
      user.user_type = rng_.chance(0.005) ? UserType::Guest : UserType::Member;  // a few internal guests
      user.account_enabled = !rng_.chance(0.02);
    }
    report("users: tenant " + std::to_string(i + 1) + "/" + std::to_string(plans_.size()) + ", " +
           std::to_string(p.internal) + " internal");
  }

  // -- guests: external user objects --------------------------------------------------------------------------------
  // A home tenant for a guest of tenant `self`: the hub for 45% of the spokes' guests, else by size.
  std::size_t home_tenant_for(std::size_t self) {
    if (self != 0 && rng_.chance(0.45)) return 0;
    for (;;) {
      const std::uint64_t x = rng_.below(cumulative_internal_.back());
      const std::size_t h = static_cast<std::size_t>(
          std::upper_bound(cumulative_internal_.begin(), cumulative_internal_.end(), x) - cumulative_internal_.begin());
      if (h != self) return h;
    }
  }

  // "<local>_<domain>#EXT#@<host initial domain>" for an address "<local>@<domain>".
  static std::string guest_upn(std::string_view address, std::string_view host_domain) {
    const auto at = address.rfind('@');
    return concat({address.substr(0, at), "_", address.substr(at + 1), "#EXT#@", host_domain});
  }

  void make_guests(std::size_t self) {
    Tenant& t = world_.tenants[self];
    const Plan& p = plans_[self];
    const std::string& host = t.verified_domains[p.initial_domain];
    for (std::uint32_t k = p.internal; k < p.objects; ++k) {
      const std::size_t h = home_tenant_for(self);
      const Tenant& home = world_.tenants[h];
      const User& hu = home.users[rng_.below(plans_[h].internal)];
      User& g = t.users.emplace_back();
      g.id = t.strings->add(ids_.guid());
      g.display_name = t.strings->add(hu.display_name);
      g.extras.edit().creation_type = t.strings->add("Invitation");
      g.user_type = rng_.chance(0.9) ? UserType::Guest : UserType::Member;
      g.account_enabled = !rng_.chance(0.03);
      const int s = percent();
      if (s < 80) {
        g.extras.edit().external_user_state = t.strings->add("accepted");
      } else if (s < 95) {
        g.extras.edit().external_user_state = t.strings->add("pendingacceptance");
      }
      const int kind = percent();
      if (kind < 60) {  // R5.1 (2): mail, the usual invitation
        const std::string_view address = hu.mail.empty() ? hu.user_principal_name : hu.mail;
        g.mail = t.strings->add(address);
        g.user_principal_name = t.strings->add(guest_upn(address, host));
      } else if (kind < 75) {  // R5.1 (3): the UPN only
        g.user_principal_name = t.strings->add(guest_upn(hu.user_principal_name, host));
      } else if (kind < 85) {  // R5.1 (1): home ids written by the exporter, a fifth of them outside the world
        if (rng_.chance(0.2)) {
          g.extras.edit().home_tenant_id = t.strings->add(rng_.pick(phantoms_));
          g.extras.edit().home_user_id = t.strings->add(ids_.guid());
          g.user_principal_name =
              t.strings->add(guest_upn(concat({"user", std::to_string(k), "@outside-partner.example"}), host));
        } else {
          g.extras.edit().home_tenant_id = t.strings->add(home.id);
          g.extras.edit().home_user_id = t.strings->add(hu.id);
          g.user_principal_name = t.strings->add(guest_upn(hu.user_principal_name, host));
          if (rng_.chance(0.5)) g.mail = t.strings->add(hu.mail);
        }
      } else {  // unlinked: a home domain no tenant of the world verifies
        const std::string& first = rng_.pick(kFirstNames);
        g.mail = t.strings->add(
            concat({first, ".", rng_.pick(kLastNames), std::to_string(k), "@", rng_.pick(kFreeMailDomains)}));
        g.user_principal_name = t.strings->add(guest_upn(g.mail, host));
      }
    }
    report("guests: tenant " + std::to_string(self + 1) + "/" + std::to_string(plans_.size()) + ", " +
           std::to_string(p.objects - p.internal) + " guests");
  }

  // -- groups -----------------------------------------------------------------------------------------------------
  std::uint32_t new_group(Tenant& t, std::string name, bool unified, bool team, bool security) {
    Group& g = t.groups.emplace_back();
    g.id = t.strings->add(ids_.guid());
    g.display_name = t.strings->add(name);
    g.unified = unified;
    g.team = team;
    g.security_enabled = security;
    return static_cast<std::uint32_t>(t.groups.size() - 1);
  }
  void add_group_member(Tenant& t, std::uint32_t group, std::uint32_t member) {
    t.groups[group].members.push_back(MemberRef::object(MemberKind::Group, member));
  }

  // One unit of the org tree over users [lo, hi): a department (leaf) or a parent of 2+ units.
  void org_unit(std::size_t ti, std::uint32_t gi, std::uint32_t lo, std::uint32_t hi, int level) {
    using namespace realistic;
    Tenant& t = world_.tenants[ti];
    Plan& p = plans_[ti];
    const std::uint32_t n = hi - lo;
    const int remaining = kMaxOrgLevel - level;
    if (remaining == 0 || n <= between32(kLeafMin, kLeafMax)) {
      std::vector<MemberRef>& members = t.groups[gi].members;
      members.reserve(n);
      for (std::uint32_t u = lo; u < hi; ++u) members.push_back(MemberRef::object(MemberKind::User, u));
      return;
    }
    // Wide enough that the levels left can bring departments down to about kLeafTarget users.
    std::uint64_t k_min = 2;
    for (;;) {
      std::uint64_t reach = kLeafTarget;
      for (int r = 0; r < remaining && reach < n; ++r) reach *= k_min;
      if (reach >= n) break;
      ++k_min;
    }
    const std::uint32_t k = std::min<std::uint32_t>(between32(k_min, k_min + 4), n);
    std::vector<std::uint32_t> weights(k);
    std::uint64_t weight_sum = 0;
    for (auto& w : weights) weight_sum += w = between32(1, 8);
    std::vector<std::uint32_t> bounds{lo};  // child c gets [bounds[c], bounds[c+1]), never empty
    std::uint64_t acc = 0;
    for (std::uint32_t c = 0; c + 1 < k; ++c) {
      acc += weights[c];
      const std::uint32_t cut = lo + static_cast<std::uint32_t>(n * acc / weight_sum);
      bounds.push_back(std::clamp(cut, bounds.back() + 1, hi - (k - 1 - c)));
    }
    bounds.push_back(hi);
    t.groups[gi].members.reserve(k);
    for (std::uint32_t c = 0; c < k; ++c) {
      const std::uint32_t child = new_group(t, concat({"Dept ", std::to_string(t.groups.size())}), false, false, true);
      add_group_member(t, gi, child);
      p.org.push_back(child);
      org_unit(ti, child, bounds[c], bounds[c + 1], level + 1);
    }
  }

  // Distinct internal users, most from a window of neighbours (org order: people who work together).
  void sample_users(const Plan& p, std::uint32_t count, std::vector<std::uint32_t>& out) {
    out.clear();
    const std::uint32_t window =
        std::min<std::uint32_t>(p.internal, std::max<std::uint32_t>(50, 4 * count));
    const std::uint32_t start = static_cast<std::uint32_t>(rng_.below(p.internal - window + 1));
    for (std::uint32_t i = 0; i < count; ++i) {
      out.push_back(rng_.chance(0.75) ? start + static_cast<std::uint32_t>(rng_.below(window))
                                      : static_cast<std::uint32_t>(rng_.below(p.internal)));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
  }
  void add_users(Tenant& t, std::uint32_t group, const std::vector<std::uint32_t>& users, std::size_t extra) {
    std::vector<MemberRef>& members = t.groups[group].members;
    members.reserve(members.size() + users.size() + extra);
    for (std::uint32_t u : users) members.push_back(MemberRef::object(MemberKind::User, u));
  }

  void make_groups(std::size_t ti) {
    using namespace realistic;
    Tenant& t = world_.tenants[ti];
    Plan& p = plans_[ti];
    const std::uint64_t budget = std::uint64_t{p.objects} * kGroupsPerThousand / 1000;
    t.groups.reserve(budget + 16);

    p.root = new_group(t, "All Employees", false, false, true);
    org_unit(ti, p.root, 0, p.in_org, 0);
    p.all_staff = new_group(t, "All Staff", false, false, true);
    t.groups[p.all_staff].members.reserve(1 + p.internal - p.in_org);
    add_group_member(t, p.all_staff, p.root);
    for (std::uint32_t u = p.in_org; u < p.internal; ++u)
      t.groups[p.all_staff].members.push_back(MemberRef::object(MemberKind::User, u));

    const std::uint64_t unified = std::max<std::uint64_t>(1, std::uint64_t{p.objects} * kUnifiedPerThousand / 1000);
    const std::uint64_t used = t.groups.size() + unified;
    const std::uint64_t security = std::max<std::uint64_t>(budget > used ? budget - used : 0, p.objects / 200 + 4);
    if (t.groups.capacity() < used + security) t.groups.reserve(used + security);

    std::vector<std::uint32_t> picked;
    for (std::uint64_t s = 0; s < security; ++s) {
      const std::uint32_t gi = new_group(t, concat({"SG ", std::to_string(s)}), false, false, true);
      const int r = percent();
      const std::uint32_t size = r < 92 ? between32(2, 12) : r < 99 ? between32(12, 60) : between32(60, 400);
      sample_users(p, size, picked);
      bool nests = false;
      std::size_t nested = 0;
      if (!p.org.empty() && rng_.chance(0.12)) nested = between32(1, 2);  // departments in a project group
      const bool nest_plain = !p.plain.empty() && rng_.chance(0.06);
      add_users(t, gi, picked, nested + (nest_plain ? 1 : 0));
      for (std::size_t k = 0; k < nested; ++k) add_group_member(t, gi, rng_.pick(p.org));
      if (nest_plain) add_group_member(t, gi, rng_.pick(p.plain));
      nests = nested > 0 || nest_plain;
      p.security.push_back(gi);
      if (!nests) p.plain.push_back(gi);
    }
    // A few cycles: rings of 2-4 security groups (legal input, R1.3).
    const std::uint64_t cycles = 1 + p.objects / kUsersPerCycle;
    for (std::uint64_t c = 0; c < cycles && p.security.size() >= 4; ++c) {
      std::vector<std::uint32_t> ring;
      const std::uint32_t len = between32(2, 4);
      while (ring.size() < len) {
        const std::uint32_t g = rng_.pick(p.security);
        if (std::find(ring.begin(), ring.end(), g) == ring.end()) ring.push_back(g);
      }
      for (std::size_t k = 0; k < ring.size(); ++k) add_group_member(t, ring[k], ring[(k + 1) % ring.size()]);
    }

    const std::uint32_t guests = p.objects - p.internal;
    for (std::uint64_t u = 0; u < unified; ++u) {
      const bool team = rng_.chance(0.6) || (u + 1 == unified && p.teams.empty());
      const std::uint32_t gi = new_group(t, concat({team ? "Team " : "M365 ", std::to_string(u)}), true, team,
                                         rng_.chance(0.1));
      const int r = percent();
      const std::uint32_t size = r < 85 ? between32(3, 20) : r < 99 ? between32(20, 80) : between32(80, 500);
      sample_users(p, size, picked);
      const std::uint32_t guest_count = guests > 0 && rng_.chance(0.25) ? between32(1, 4) : 0;
      std::vector<std::uint32_t> guest_picks;
      for (std::uint32_t k = 0; k < guest_count; ++k) {
        guest_picks.push_back(p.internal + static_cast<std::uint32_t>(rng_.below(guests)));
      }
      std::sort(guest_picks.begin(), guest_picks.end());
      guest_picks.erase(std::unique(guest_picks.begin(), guest_picks.end()), guest_picks.end());
      picked.insert(picked.end(), guest_picks.begin(), guest_picks.end());
      add_users(t, gi, picked, 0);
      p.unified.push_back(gi);
      if (team) p.teams.push_back(gi);
    }
    report("groups: tenant " + std::to_string(ti + 1) + "/" + std::to_string(plans_.size()) + ", " +
           std::to_string(t.groups.size()) + " groups (" + std::to_string(p.org.size() + 1) + " in the org tree)");
  }

  // -- cross-tenant access settings ---------------------------------------------------------------------------------
  // A group of tenant `ti` to name in a target list: All Employees, or a division or department.
  std::string some_group(std::size_t ti) {
    const Plan& p = plans_[ti];
    const std::uint32_t g = p.org.empty() || rng_.chance(0.3) ? p.root : rng_.pick(p.org);
    return world_.tenants[ti].groups[g].id;
  }
  TargetList group_targets(std::optional<std::size_t> tenant, AccessType type) {
    TargetList list{type, {}};
    const int n = rng_.between(1, 3);
    for (int k = 0; k < n; ++k) list.targets.push_back(Target{tenant ? some_group(*tenant) : ids_.guid(), "group"});
    return list;
  }
  static TargetList all_users() { return TargetList{AccessType::Allowed, {Target{"allusers", "user"}}}; }
  static TargetList all_apps() { return TargetList{AccessType::Allowed, {Target{"allapplications", "application"}}}; }

  // Tenant `self`'s entry for a partner (a world tenant, or one outside the world when `partner` is empty).
  CrossTenantSettings partner_settings(std::size_t self, std::optional<std::size_t> partner, const std::string& id) {
    CrossTenantSettings s;
    s.tenant_id = id;
    int r = percent();  // B2B collaboration inbound: the partner's users, targets are partner groups
    if (r >= 50) {
      AccessSetting in;
      if (r < 85) {
        in.users_and_groups = all_users();
      } else {
        in.users_and_groups = group_targets(partner, rng_.chance(0.6) ? AccessType::Allowed : AccessType::Blocked);
      }
      in.applications = all_apps();
      s.b2b_collaboration_inbound = in;
    }
    r = percent();  // B2B collaboration outbound: our users, targets are our groups
    if (r >= 60) {
      AccessSetting out;
      out.users_and_groups =
          r < 90 ? all_users() : group_targets(self, rng_.chance(0.6) ? AccessType::Allowed : AccessType::Blocked);
      out.applications = all_apps();
      s.b2b_collaboration_outbound = out;
    }
    if (rng_.chance(0.55)) {
      InboundTrust trust;
      trust.is_mfa_accepted = rng_.chance(0.75);
      trust.is_compliant_device_accepted = rng_.chance(0.35);
      trust.is_hybrid_azure_ad_joined_device_accepted = rng_.chance(0.2);
      s.inbound_trust = trust;
    }
    if (rng_.chance(0.2)) s.consent_inbound_allowed = rng_.chance(0.7);
    if (rng_.chance(0.2)) s.consent_outbound_allowed = rng_.chance(0.7);
    s.is_service_provider = rng_.chance(0.01);
    return s;
  }

  CrossTenantSettings default_settings() {
    CrossTenantSettings s;
    if (rng_.chance(0.3)) s.b2b_collaboration_inbound = AccessSetting{all_users(), all_apps()};
    if (rng_.chance(0.2)) s.b2b_collaboration_outbound = AccessSetting{all_users(), all_apps()};
    if (rng_.chance(0.08)) {  // the service default, written out
      const TargetList blocked{AccessType::Blocked, {Target{"allusers", "user"}}};
      const TargetList blocked_apps{AccessType::Blocked, {Target{"allapplications", "application"}}};
      s.b2b_direct_connect_inbound = AccessSetting{blocked, blocked_apps};
      s.b2b_direct_connect_outbound = AccessSetting{blocked, blocked_apps};
    }
    if (rng_.chance(0.5)) {
      InboundTrust trust;
      trust.is_mfa_accepted = rng_.chance(0.6);
      trust.is_compliant_device_accepted = rng_.chance(0.3);
      trust.is_hybrid_azure_ad_joined_device_accepted = rng_.chance(0.2);
      s.inbound_trust = trust;
    }
    return s;
  }

  // B2B direct connect, allowed for the users of `users_tenant` (everyone, or some of its groups).
  AccessSetting direct_connect(std::size_t users_tenant) {
    AccessSetting s;
    s.users_and_groups = rng_.chance(0.8) ? all_users() : group_targets(users_tenant, AccessType::Allowed);
    s.applications = TargetList{AccessType::Allowed,
                                {Target{rng_.chance(0.5) ? "office365" : "allapplications", "application"}}};
    return s;
  }

  static CrossTenantSettings& entry_for(Tenant& t, const std::string& partner) {
    for (auto& p : t.partners) {
      if (p.tenant_id == partner) return p;
    }
    throw std::logic_error("generator: no partner entry for " + partner);
  }

  void partnership(std::size_t a, std::size_t b, bool via_hub) {
    Tenant& ta = world_.tenants[a];
    Tenant& tb = world_.tenants[b];
    ta.partners.push_back(partner_settings(a, b, tb.id));
    tb.partners.push_back(partner_settings(b, a, ta.id));
    if (rng_.chance(via_hub ? 0.75 : 0.45)) {  // organisations that share channels open direct connect both ways
      CrossTenantSettings& ab = ta.partners.back();
      CrossTenantSettings& ba = tb.partners.back();
      ab.b2b_direct_connect_outbound = direct_connect(a);
      ab.b2b_direct_connect_inbound = direct_connect(b);
      ba.b2b_direct_connect_outbound = direct_connect(b);
      ba.b2b_direct_connect_inbound = direct_connect(a);
      plans_[a].direct_connect.push_back(b);
      plans_[b].direct_connect.push_back(a);
    }
  }

  void make_cross_tenant_settings() {
    const std::size_t n = world_.tenants.size();
    for (auto& t : world_.tenants) {
      t.has_default_settings = rng_.chance(0.85);
      if (t.has_default_settings) t.default_settings = default_settings();
    }
    for (std::size_t i = 1; i < n; ++i) partnership(0, i, true);  // hub and spoke
    const double mesh = n > 2 ? std::min(1.0, realistic::kMeshDegree / static_cast<double>(n - 2)) : 0.0;
    for (std::size_t i = 1; i < n; ++i) {
      for (std::size_t j = i + 1; j < n; ++j) {
        if (rng_.chance(mesh)) partnership(i, j, false);
      }
    }
    for (std::size_t i = 0; i < n; ++i) {  // a few partners outside the world
      for (const auto& phantom : phantoms_) {
        if (rng_.chance(0.15)) world_.tenants[i].partners.push_back(partner_settings(i, std::nullopt, phantom));
      }
    }
    // Cross-tenant synchronization into the hub (a multi-tenant organisation), and a few jobs not allowed.
    for (std::size_t i = 1; i < n; ++i) {
      const bool allowed = rng_.chance(0.15);
      if (!allowed && !rng_.chance(0.03)) continue;
      Tenant& hub = world_.tenants[0];
      Tenant& spoke = world_.tenants[i];
      CrossTenantSettings& in = entry_for(hub, spoke.id);
      CrossTenantSettings& out = entry_for(spoke, hub.id);
      if (allowed) {
        in.user_sync_inbound_allowed = true;
        in.consent_inbound_allowed = rng_.chance(0.85);
        out.consent_outbound_allowed = rng_.chance(0.85);
      }
      SyncJob job;
      job.id = ids_.guid();
      job.target_tenant_id = hub.id;
      job.scope_all = plans_[i].internal <= 50'000 && rng_.chance(0.1);
      if (!job.scope_all) {
        const int groups = rng_.between(1, 3);
        for (int k = 0; k < groups; ++k) job.assigned_groups.push_back(some_group(i));
        for (int k = rng_.between(0, 3); k > 0; --k) job.assigned_users.push_back(spoke.users[rng_.below(plans_[i].internal)].id);
      }
      job.user_type_mapping = rng_.chance(0.8) ? UserType::Member : UserType::Guest;
      spoke.sync_jobs.push_back(std::move(job));
    }
  }

  // -- Conditional Access ----------------------------------------------------------------------------------------
  ConditionalAccessPolicy policy(const char* name, int enabled_pct, int report_only_pct) {
    ConditionalAccessPolicy p;
    p.id = ids_.guid();
    p.display_name = name;
    const int r = percent();
    p.state = r < enabled_pct ? "enabled" : r < enabled_pct + report_only_pct ? "enabledforreportingbutnotenforced"
                                                                              : "disabled";
    return p;
  }

  void make_conditional_access(std::size_t ti) {
    Tenant& t = world_.tenants[ti];
    const Plan& p = plans_[ti];
    const std::string& break_glass = t.users.front().id;
    auto& out = t.conditional_access_policies;
    {
      ConditionalAccessPolicy c = policy("Require MFA for guests", 85, 10);
      if (rng_.chance(0.5)) {
        c.include_users = {"guestsorexternalusers"};
      } else {
        c.include_guests_or_external_users =
            GuestsOrExternalUsers{{"b2bcollaborationguest", "b2bcollaborationmember", "b2bdirectconnectuser"},
                                  all_external_tenants()};
      }
      c.include_applications = {"all"};
      c.controls = {"mfa"};
      out.push_back(std::move(c));
    }
    if (rng_.chance(0.65)) {
      ConditionalAccessPolicy c = policy("Require MFA for all users", 70, 30);
      c.include_users = {"all"};
      c.exclude_users = {break_glass};
      c.include_applications = {"all"};
      c.controls = {"mfa"};
      out.push_back(std::move(c));
    }
    if (rng_.chance(0.4)) {
      ConditionalAccessPolicy c = policy("Compliant or joined device for employees", 90, 10);
      c.include_groups = {t.groups[p.root].id};
      c.include_applications = {"office365"};
      c.controls = {"compliantdevice", "domainjoineddevice"};
      out.push_back(std::move(c));
    }
    if (rng_.chance(0.15)) {
      ConditionalAccessPolicy c = policy("Compliant device for everyone", 85, 15);
      c.include_users = {"all"};
      c.exclude_users = {break_glass};
      c.include_applications = {"office365"};
      c.controls = {"compliantdevice"};
      out.push_back(std::move(c));
    }
    if (rng_.chance(0.55)) {
      ConditionalAccessPolicy c = policy("Block an application", 90, 5);
      c.include_users = {rng_.chance(0.5) ? "all" : "guestsorexternalusers"};
      if (!p.security.empty()) c.exclude_groups = {t.groups[rng_.pick(p.security)].id};
      c.include_applications = {rng_.pick(p.apps)};
      c.controls = {"block"};
      out.push_back(std::move(c));
    }
    if (rng_.chance(0.7)) {
      ConditionalAccessPolicy c = policy("Block legacy authentication", 90, 10);
      c.include_users = {"all"};
      c.include_applications = {"all"};
      c.narrowing_condition = "conditions.clientAppTypes";
      c.controls = {"block"};
      out.push_back(std::move(c));
    }
    if (rng_.chance(0.4)) {
      ConditionalAccessPolicy c = policy("MFA for risky sign-ins", 90, 10);
      c.include_users = {"all"};
      c.include_applications = {"all"};
      c.narrowing_condition = "conditions.signInRiskLevels";
      c.controls = {"mfa"};
      out.push_back(std::move(c));
    }
    if (rng_.chance(0.25)) {
      ConditionalAccessPolicy c = policy("Terms of use for guests", 80, 10);
      c.include_users = {"guestsorexternalusers"};
      c.include_applications = {"all"};
      c.controls = {"termsofuse"};
      out.push_back(std::move(c));
    }
    if (rng_.chance(0.15)) {
      ConditionalAccessPolicy c = policy("Sign-in frequency for direct connect users", 90, 10);
      GuestsOrExternalUsers spec{{"b2bdirectconnectuser"}, all_external_tenants()};
      if (rng_.chance(0.5) && !p.direct_connect.empty())
        spec.external_tenants = enumerated_external_tenants({world_.tenants[rng_.pick(p.direct_connect)].id});
      c.include_guests_or_external_users = spec;
      c.include_applications = {"office365"};
      c.controls = {"mfa"};
      c.session_controls_enabled = true;
      out.push_back(std::move(c));
    }
    if (rng_.chance(0.5)) {
      ConditionalAccessPolicy c = policy("Block everything (pilot)", 0, 0);  // disabled
      if (!p.security.empty()) c.include_groups = {t.groups[rng_.pick(p.security)].id};
      c.include_applications = {"all"};
      c.controls = {"block"};
      out.push_back(std::move(c));
    }
    if (rng_.chance(0.3)) {
      ConditionalAccessPolicy c = policy("Approved client apps", 0, 100);  // report-only
      c.include_users = {"all"};
      c.include_applications = {"office365"};
      c.controls = {"approvedapplication", "compliantapplication"};
      out.push_back(std::move(c));
    }
  }

  // -- channels ----------------------------------------------------------------------------------------------------
  std::vector<std::string> direct_user_members(const Tenant& t, std::uint32_t group) const {
    std::vector<std::string> out;
    for (const MemberRef m : t.groups[group].members) {
      if (m.kind() == MemberKind::User) out.push_back(t.member_id(t.groups[group], m));
    }
    return out;
  }
  // A member listed by a channel of `container`, its ids Texts of that tenant.
  static ConversationMember conversation_member(const Tenant& container, std::string_view user_id,
                                                std::string_view tenant_id) {
    return ConversationMember{container.strings->add(user_id), container.strings->add(tenant_id)};
  }
  std::string random_internal_id(std::size_t ti) {
    return world_.tenants[ti].users[rng_.below(plans_[ti].internal)].id;
  }
  std::size_t partner_for_channel(std::size_t ti) {
    const Plan& p = plans_[ti];
    if (!p.direct_connect.empty() && !rng_.chance(0.1)) return rng_.pick(p.direct_connect);
    for (;;) {  // now and then a tenant with direct connect closed (refused: inbound/outbound blocked)
      const std::size_t other = rng_.below(world_.tenants.size());
      if (other != ti) return other;
    }
  }

  void make_channels(std::size_t ti) {
    Tenant& t = world_.tenants[ti];
    const Plan& p = plans_[ti];
    t.channels.reserve(p.teams.size() * 3 / 2 + 4);
    std::uint32_t number = 0;
    for (std::uint32_t team : p.teams) {
      const int r = percent();
      const int count = r < 75 ? 1 : r < 95 ? 2 : 3;
      const std::vector<std::string> team_users = direct_user_members(t, team);
      for (int c = 0; c < count; ++c) {
        Channel& ch = t.channels.emplace_back();
        ch.id = ids_.channel_id();
        ch.team_id = t.groups[team].id;
        ch.display_name = c == 0 ? std::string("General") : concat({"Channel ", std::to_string(number++)});
        if (c == 0) continue;  // standard
        const int type = percent();
        if (type < 50 && !team_users.empty()) {
          ch.type = ChannelType::Private;
          const int n = rng_.between(2, 10);
          for (int k = 0; k < n; ++k) {
            const std::string& user = rng_.pick(team_users);  // then the chance: the order of the draws
            ch.members.push_back(conversation_member(t, user, rng_.chance(0.85) ? t.id : std::string()));
          }
        } else if (type < 85 && world_.tenants.size() > 1) {
          ch.type = ChannelType::Shared;
          make_shared_channel(ti, ch, team_users);
        }
      }
    }
  }

  void make_shared_channel(std::size_t ti, Channel& ch, const std::vector<std::string>& team_users) {
    const Tenant& t = world_.tenants[ti];
    const Plan& p = plans_[ti];
    for (int k = team_users.empty() ? 0 : rng_.between(1, 5); k > 0; --k) {
      const std::string& user = rng_.pick(team_users);
      ch.members.push_back(conversation_member(t, user, rng_.chance(0.7) ? t.id : std::string()));
    }
    // Direct connect members from one or two partner tenants.
    for (int partners = rng_.between(1, 2); partners > 0; --partners) {
      const std::size_t other = partner_for_channel(ti);
      for (int k = rng_.between(1, 8); k > 0; --k) {
        ch.members.push_back(conversation_member(t, random_internal_id(other), world_.tenants[other].id));
      }
    }
    if (rng_.chance(0.05)) {
      const std::string user = ids_.guid();
      ch.members.push_back(conversation_member(t, user, rng_.pick(phantoms_)));
    }
    if (rng_.chance(0.85)) {  // the host team, listed as Graph lists it
      SharedWithTeam host;
      host.team_id = ch.team_id;
      host.tenant_id = rng_.chance(0.5) ? t.id : std::string();
      host.display_name = "Host team";
      host.is_host_team = true;
      if (rng_.chance(0.2) && !team_users.empty()) {
        std::vector<ConversationMember> allowed;
        for (int k = rng_.between(1, 5); k > 0; --k)
          allowed.push_back(conversation_member(t, rng_.pick(team_users), ""));
        host.allowed_members = std::move(allowed);
      }
      ch.shared_with_teams.push_back(std::move(host));
    }
    for (int n = rng_.between(0, 2); n > 0; --n) {  // teams of partner tenants the channel is shared with
      const std::size_t other = partner_for_channel(ti);
      const Plan& op = plans_[other];
      SharedWithTeam entry;
      entry.tenant_id = world_.tenants[other].id;
      entry.team_id = world_.tenants[other].groups[op.teams.empty() ? op.root : rng_.pick(op.teams)].id;
      entry.display_name = "Partner team";
      const int a = percent();
      if (a < 35) {
        std::vector<ConversationMember> allowed;
        for (int k = rng_.between(1, 5); k > 0; --k) {
          const std::string user = random_internal_id(other);
          allowed.push_back(conversation_member(t, user, rng_.chance(0.5) ? entry.tenant_id : ""));
        }
        entry.allowed_members = std::move(allowed);
      } else if (a < 40) {
        entry.allowed_members = std::vector<ConversationMember>{};  // present but empty: admits nobody
      }
      ch.shared_with_teams.push_back(std::move(entry));
    }
    (void)p;
  }

  // -- resources.json: sites, applications, containers ------------------------------------------------------------
  void make_resources(std::size_t ti) {
    Tenant& t = world_.tenants[ti];
    const Plan& p = plans_[ti];
    const std::uint64_t target = std::uint64_t{p.objects} * realistic::kResourcesPerThousand / 1000;
    const std::uint64_t have = p.unified.size() + t.channels.size();
    const std::uint64_t count = std::max<std::uint64_t>(3, target > have ? target - have : 0);
    t.resources.reserve(count);
    const std::uint32_t guests = p.objects - p.internal;
    for (std::uint64_t i = 0; i < count; ++i) {
      Resource& r = t.resources.emplace_back();
      r.id = ids_.guid();
      const int kind = percent();
      r.kind = kind < 60 ? ResourceKind::Site : kind < 85 ? ResourceKind::Application : ResourceKind::Container;
      const char* label = r.kind == ResourceKind::Site ? "Site " : r.kind == ResourceKind::Application ? "App " : "Container ";
      r.display_name = concat({label, std::to_string(i)});
      if (r.kind == ResourceKind::Application) {
        r.app_id = rng_.pick(p.apps);
      } else {
        r.app_id = r.kind == ResourceKind::Container && rng_.chance(0.5) ? rng_.pick(p.apps) : std::string("office365");
      }
      for (int k = rng_.between(1, 3); k > 0; --k) {
        const int g = percent();
        if (g < 18) {  // the organisation-wide groups, granted to many resources
          r.grants.push_back(Grant{GrantType::Group, t.groups[rng_.chance(0.7) ? p.root : p.all_staff].id});
        } else if (g < 45 && !p.org.empty()) {
          r.grants.push_back(Grant{GrantType::Group, t.groups[rng_.pick(p.org)].id});
        } else if (g < 70) {
          const auto& pool = rng_.chance(0.6) || p.unified.empty() ? p.security : p.unified;
          r.grants.push_back(Grant{GrantType::Group, t.groups[rng_.pick(pool)].id});
        } else if (g < 85) {
          const std::uint32_t u = guests > 0 && rng_.chance(0.15)
                                      ? p.internal + static_cast<std::uint32_t>(rng_.below(guests))
                                      : static_cast<std::uint32_t>(rng_.below(p.internal));
          r.grants.push_back(Grant{GrantType::User, t.users[u].id});
        } else if (g < 93) {
          r.grants.push_back(Grant{GrantType::Everyone, {}});
        } else {
          r.grants.push_back(Grant{GrantType::EveryoneExceptExternalUsers, {}});
        }
      }
    }
  }

  RealisticShape shape_;
  Rng rng_;
  IdMaker ids_;
  std::function<void(const std::string&)> progress_;
  World world_;
  std::vector<Plan> plans_;  // by generation order (derive() sorts the tenants at the very end)
  std::vector<std::string> phantoms_;
  std::vector<std::uint64_t> cumulative_internal_;
};

}  // namespace

World generate_world(const GeneratorOptions& options) {
  if (auto shape = realistic_shape(options.preset)) {
    RealisticBuilder builder(*shape, options.seed, options.progress);
    return builder.build();
  }
  Builder builder(shape_for(options.preset), options.seed);
  return builder.build();
}

}  // namespace tenantreach::worldgen

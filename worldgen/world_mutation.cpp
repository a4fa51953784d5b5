#include "worldgen/world_mutation.hpp"

#include <algorithm>
#include <optional>
#include <random>

#include "core/access_rules.hpp"

namespace tenantreach::worldgen {

using namespace core;  // the model this module builds and writes
namespace {

std::string escaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) >= 0x20) out += c;
  }
  return out;
}

class Mutator {
 public:
  Mutator(World& world, std::uint64_t seed) : world_(world), random_(seed) {}

  std::optional<Mutation> apply(MutationKind kind) {
    switch (kind) {
      case MutationKind::PartnerSetting: return flip_partner_setting();
      case MutationKind::InboundTrust: return flip_inbound_trust();
      case MutationKind::MemberAdded: return add_member();
      case MutationKind::MemberRemoved: return remove_member();
      case MutationKind::PolicyEnabled: return enable_policy();
      case MutationKind::AccountDisabled: return disable_account();
    }
    return std::nullopt;
  }

 private:
  std::size_t pick(std::size_t count) { return std::uniform_int_distribution<std::size_t>(0, count - 1)(random_); }

  Tenant& any_tenant() { return world_.tenants[pick(world_.tenants.size())]; }

  // A partner entry of some tenant, or its default settings when it has no partner entry.
  std::pair<Tenant*, CrossTenantSettings*> any_settings() { return settings_of(any_tenant()); }

  std::pair<Tenant*, CrossTenantSettings*> settings_of(Tenant& tenant) {
    if (!tenant.partners.empty()) return {&tenant, &tenant.partners[pick(tenant.partners.size())]};
    tenant.has_default_settings = true;
    return {&tenant, &tenant.default_settings};
  }

  static std::string settings_name(const CrossTenantSettings& settings) {
    return settings.tenant_id.empty() ? "default settings" : "partner entry for " + settings.tenant_id;
  }

  std::optional<Mutation> flip_partner_setting() {
    auto [tenant, settings] = any_settings();
    static constexpr std::pair<std::optional<AccessSetting> CrossTenantSettings::*, const char*> kSettings[] = {
        {&CrossTenantSettings::b2b_collaboration_inbound, "b2bCollaborationInbound"},
        {&CrossTenantSettings::b2b_collaboration_outbound, "b2bCollaborationOutbound"},
        {&CrossTenantSettings::b2b_direct_connect_inbound, "b2bDirectConnectInbound"},
        {&CrossTenantSettings::b2b_direct_connect_outbound, "b2bDirectConnectOutbound"},
    };
    const auto& [member, name] = kSettings[pick(std::size(kSettings))];
    std::optional<AccessSetting>& setting = settings->*member;
    // A setting that is not written (inherited) becomes an explicit list for all users, of the opposite kind of
    // what an explicit list would say now; a written one has its users-and-groups access type flipped.
    if (!setting) setting.emplace();
    if (!setting->users_and_groups) setting->users_and_groups = TargetList{AccessType::Blocked, {{"allusers", "user"}}, false};
    else setting->users_and_groups->access_type =
        setting->users_and_groups->access_type == AccessType::Allowed ? AccessType::Blocked : AccessType::Allowed;
    if (!setting->applications) setting->applications = TargetList{AccessType::Allowed, {{"allapplications", "application"}}, false};
    const bool blocked = setting->users_and_groups->access_type == AccessType::Blocked;
    return Mutation{MutationKind::PartnerSetting, tenant->id, settings->tenant_id,
                    std::string(name) + ".usersAndGroups of the " + settings_name(*settings) + " is now " +
                        (blocked ? "blocked" : "allowed")};
  }

  // Trust claims matter only to a guest that a policy asks for MFA or a device: the claims that would let such a
  // guest in are accepted when there is one (found by the gates of R6), else a claim of any entry flips.
  std::optional<Mutation> flip_inbound_trust() {
    const AccessRules rules(world_);
    std::vector<std::pair<std::uint32_t, std::string>> refused;  // (resource tenant, the guest's home tenant)
    std::vector<Denial> denials;
    for (std::uint32_t t = 0; t < world_.tenants.size(); ++t) {
      const Tenant& tenant = world_.tenants[t];
      for (std::uint32_t u = 0; u < tenant.users.size(); ++u) {
        const User& user = tenant.users[u];
        if (user.extras->linked_tenant_id.empty()) continue;
        denials.clear();
        rules.check_user_object(t, u, "office365", denials);
        if (std::any_of(denials.begin(), denials.end(), [](const Denial& d) { return d.code == DenialCode::CaDeviceUntrusted; }))
          refused.emplace_back(t, user.extras->linked_tenant_id);
      }
    }
    if (refused.empty()) {
      auto [tenant, settings] = any_settings();
      if (!settings->inbound_trust) settings->inbound_trust.emplace();
      settings->inbound_trust->is_mfa_accepted = !settings->inbound_trust->is_mfa_accepted.value_or(false);
      return Mutation{MutationKind::InboundTrust, tenant->id, settings->tenant_id,
                      "inboundTrust.isMfaAccepted of the " + settings_name(*settings) + " is now " +
                          (*settings->inbound_trust->is_mfa_accepted ? "true" : "false")};
    }
    const auto& [t, partner] = refused[pick(refused.size())];
    Tenant& tenant = world_.tenants[t];
    if (tenant.find_partner(partner) == nullptr) {
      // A new entry with nothing but the trust claims: every other setting still inherits the defaults (R4.1).
      CrossTenantSettings entry;
      entry.tenant_id = partner;
      tenant.partners.push_back(std::move(entry));
      tenant.partner_index[partner] = static_cast<std::uint32_t>(tenant.partners.size() - 1);
    }
    CrossTenantSettings& settings = tenant.partners[tenant.partner_index.at(partner)];
    if (!settings.inbound_trust) settings.inbound_trust.emplace();
    settings.inbound_trust->is_compliant_device_accepted = true;
    settings.inbound_trust->is_hybrid_azure_ad_joined_device_accepted = true;
    return Mutation{MutationKind::InboundTrust, tenant.id, partner,
                    "inboundTrust.isCompliantDeviceAccepted and isHybridAzureADJoinedDeviceAccepted of the " +
                        settings_name(settings) + " are now true"};
  }

  std::optional<Mutation> add_member() {
    Tenant& tenant = any_tenant();
    if (tenant.groups.empty() || tenant.users.empty()) return std::nullopt;
    Group& group = tenant.groups[pick(tenant.groups.size())];
    const auto user_index = static_cast<std::uint32_t>(pick(tenant.users.size()));
    const User& user = tenant.users[user_index];
    const bool member = std::any_of(group.members.begin(), group.members.end(), [&](const MemberRef m) {
      return m.kind() == MemberKind::User && tenant.member_id(group, m) == user.id;
    });
    if (member) return std::nullopt;
    group.members.push_back(MemberRef::object(MemberKind::User, user_index));
    return Mutation{MutationKind::MemberAdded, tenant.id, group.id, "user " + user.id + " added to group " + group.id};
  }

  std::optional<Mutation> remove_member() {
    Tenant& tenant = any_tenant();
    std::vector<std::pair<std::size_t, std::size_t>> candidates;  // (group, member)
    for (std::size_t g = 0; g < tenant.groups.size(); ++g)
      for (std::size_t m = 0; m < tenant.groups[g].members.size(); ++m)
        if (tenant.groups[g].members[m].kind() == MemberKind::User) candidates.emplace_back(g, m);
    if (candidates.empty()) return std::nullopt;
    const auto [g, m] = candidates[pick(candidates.size())];
    Group& group = tenant.groups[g];
    // An unresolved member's id stays in its slot of Group::unresolved_ids, unused: the slots of the others hold.
    const std::string user = tenant.member_id(group, group.members[m]);
    group.members.erase(group.members.begin() + static_cast<std::ptrdiff_t>(m));
    return Mutation{MutationKind::MemberRemoved, tenant.id, group.id, "user " + user + " removed from group " + group.id};
  }

  std::optional<Mutation> enable_policy() {
    Tenant& tenant = any_tenant();
    std::vector<std::size_t> candidates;
    for (std::size_t p = 0; p < tenant.conditional_access_policies.size(); ++p)
      if (tenant.conditional_access_policies[p].state != "enabled") candidates.push_back(p);
    if (candidates.empty()) return std::nullopt;
    ConditionalAccessPolicy& policy = tenant.conditional_access_policies[candidates[pick(candidates.size())]];
    const std::string before = policy.state;
    policy.state = "enabled";
    return Mutation{MutationKind::PolicyEnabled, tenant.id, policy.id,
                    "Conditional Access policy " + policy.id + " (" + policy.display_name + ") was " + before +
                        ", is now enabled"};
  }

  std::optional<Mutation> disable_account() {
    Tenant& tenant = any_tenant();
    std::vector<std::size_t> candidates;
    for (std::size_t u = 0; u < tenant.users.size(); ++u)
      if (tenant.users[u].account_enabled) candidates.push_back(u);
    if (candidates.empty()) return std::nullopt;
    User& user = tenant.users[candidates[pick(candidates.size())]];
    user.account_enabled = false;
    return Mutation{MutationKind::AccountDisabled, tenant.id, user.id, "user " + user.id + " is now disabled"};
  }

  World& world_;
  std::mt19937_64 random_;
};

}  // namespace

const char* mutation_name(MutationKind kind) {
  switch (kind) {
    case MutationKind::PartnerSetting: return "partner-setting";
    case MutationKind::InboundTrust: return "inbound-trust";
    case MutationKind::MemberAdded: return "member-added";
    case MutationKind::MemberRemoved: return "member-removed";
    case MutationKind::PolicyEnabled: return "policy-enabled";
    case MutationKind::AccountDisabled: return "account-disabled";
  }
  return "";
}

std::string to_json(const Mutation& mutation) {
  return std::string("{\"kind\":\"") + mutation_name(mutation.kind) + "\",\"tenantId\":\"" + escaped(mutation.tenant_id) +
         "\",\"objectId\":\"" + escaped(mutation.object_id) + "\",\"detail\":\"" + escaped(mutation.detail) + "\"}";
}

std::vector<Mutation> mutate_world(World& world, std::uint64_t seed, std::size_t changes,
                                   const std::vector<MutationKind>& kinds) {
  const std::vector<MutationKind> order =
      kinds.empty() ? std::vector<MutationKind>(std::begin(kAllMutationKinds), std::end(kAllMutationKinds)) : kinds;
  std::vector<Mutation> done;
  if (world.tenants.empty() || order.empty()) return done;
  Mutator mutator(world, seed);
  // A kind can find no candidate in the tenant drawn (a tenant without groups or policies): a few more draws
  // are allowed before giving up, so a small world still gets its changes when it has candidates at all.
  for (std::size_t attempt = 0; done.size() < changes && attempt < changes * 20; ++attempt)
    if (auto mutation = mutator.apply(order[attempt % order.size()])) done.push_back(std::move(*mutation));
  return done;
}

}  // namespace tenantreach::worldgen

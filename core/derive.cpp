#include "core/derive.hpp"

#include <algorithm>
#include <functional>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include <tbb/parallel_sort.h>

#include "core/text.hpp"

namespace tenantreach::core {
namespace {

struct UserKey {
  std::uint32_t tenant;
  std::uint32_t user;
  auto operator<=>(const UserKey&) const = default;
};

// Internal users by mail and by UPN, compared case-insensitively, for R5.1 (2) and (3). The index holds the
// hash of each lower-cased address with its user, sorted: no copy of any address (a map of lower-cased
// std::strings cost two allocations per address, 20 million on preset L), and a lookup checks each candidate's
// own mail and UPN.
class AddressIndex {
 public:
  explicit AddressIndex(const World& world) : world_(world) {
    for (std::uint32_t t = 0; t < world.tenants.size(); ++t) {
      const Tenant& tenant = world.tenants[t];
      for (std::uint32_t u = 0; u < tenant.users.size(); ++u) {
        const User& user = tenant.users[u];
        if (user.external) continue;
        if (!user.mail.empty()) entries_.push_back({hash(user.mail), {t, u}});
        if (!user.user_principal_name.empty() && !iequals(user.user_principal_name, user.mail))
          entries_.push_back({hash(user.user_principal_name), {t, u}});
      }
    }
    tbb::parallel_sort(entries_.begin(), entries_.end());
  }

  // Pools the internal users of tenants other than `own_tenant` that verify the address's domain and whose
  // mail or UPN equals the address.
  void collect(std::string_view address, std::uint32_t own_tenant, std::set<UserKey>& out) const {
    const auto at = address.rfind('@');
    if (at == std::string_view::npos) return;
    const std::string domain = to_lower(address.substr(at + 1));
    const std::uint64_t key = hash(address);
    for (auto it = std::lower_bound(entries_.begin(), entries_.end(), Entry{key, {0, 0}});
         it != entries_.end() && it->hash == key; ++it) {
      const UserKey& user_key = it->user;
      if (user_key.tenant == own_tenant) continue;
      const User& user = world_.tenants[user_key.tenant].users[user_key.user];
      if (!iequals(user.mail, address) && !iequals(user.user_principal_name, address)) continue;  // another address
      const auto& domains = world_.tenants[user_key.tenant].verified_domains;
      if (std::find(domains.begin(), domains.end(), domain) != domains.end()) out.insert(user_key);
    }
  }

 private:
  struct Entry {
    std::uint64_t hash;
    UserKey user;
    auto operator<=>(const Entry&) const = default;
  };

  static std::uint64_t hash(std::string_view address) {
    thread_local std::string lower;
    return std::hash<std::string_view>{}(to_lower(address, lower));
  }

  const World& world_;
  std::vector<Entry> entries_;
};

// The address a B2B UPN was made from: "alias_contoso.com#EXT#@host" -> "alias@contoso.com".
std::string address_from_external_upn(std::string_view upn) {
  const std::string lower = to_lower(upn);
  const auto ext = lower.find("#ext#");
  if (ext == std::string::npos) return {};
  std::string local = lower.substr(0, ext);
  const auto underscore = local.rfind('_');
  if (underscore == std::string::npos) return {};
  local[underscore] = '@';
  return local;
}

void link_user(const World& world, const AddressIndex& index, std::uint32_t t, User& user,
               std::vector<Warning>& warnings) {
  const Tenant& tenant = world.tenants[t];
  auto link = [&](LinkRule rule, std::string_view tenant_id, std::string_view user_id) {
    user.link_rule = rule;
    UserExtras& extras = user.extras.edit();
    extras.linked_tenant_id = tenant.strings->add(tenant_id);
    extras.linked_user_id = tenant.strings->add(user_id);
  };
  auto where = [&] { return "user " + tenant.id + "/" + user.id; };

  const Text home_tenant_id = user.extras->home_tenant_id, home_user_id = user.extras->home_user_id;
  if (!home_tenant_id.empty() && !home_user_id.empty() && home_tenant_id != tenant.id) {
    const Tenant* home = world.find_tenant(home_tenant_id);
    const User* home_user = home ? home->find_user(home_user_id) : nullptr;
    if (home == nullptr || (home_user != nullptr && !home_user->external)) {
      link(LinkRule::HomeIds, home_tenant_id, home_user_id);
    } else {
      warnings.push_back({"unknown-home-user", where() + ": homeUserId " + home_user_id +
                                                   " is not an internal user of " + home_tenant_id});
    }
    return;
  }

  auto try_rule = [&](LinkRule rule, const std::vector<std::string_view>& addresses) -> bool {
    std::set<UserKey> candidates;
    for (std::string_view address : addresses) index.collect(address, t, candidates);
    if (candidates.empty()) return false;
    if (candidates.size() == 1) {
      const UserKey key = *candidates.begin();
      link(rule, world.tenants[key.tenant].id, world.tenants[key.tenant].users[key.user].id);
    } else {
      warnings.push_back({"ambiguous-link", where() + ": " + std::to_string(candidates.size()) +
                                                " home users match its addresses; left unlinked"});
    }
    return true;  // decided: linked, or ambiguous (then rule (3) is not tried)
  };

  std::vector<std::string_view> addresses;
  if (!user.mail.empty()) addresses.push_back(user.mail);
  for (Text other : user.extras->other_mails) addresses.push_back(other);
  if (try_rule(LinkRule::Mail, addresses)) return;
  const std::string from_upn = address_from_external_upn(user.user_principal_name);
  if (!from_upn.empty()) try_rule(LinkRule::Upn, {from_upn});
}

}  // namespace

bool is_external(const User& user, const std::string& tenant_id) {
  const UserExtras& extras = *user.extras;
  return icontains(user.user_principal_name, "#ext#") ||
         (!extras.home_tenant_id.empty() && extras.home_tenant_id != tenant_id) ||
         extras.external_user_state.has_value();
}

void build_indexes(World& world) {
  std::sort(world.tenants.begin(), world.tenants.end(),
            [](const Tenant& a, const Tenant& b) { return a.id < b.id; });
  world.tenant_index.clear();
  for (std::uint32_t t = 0; t < world.tenants.size(); ++t) {
    Tenant& tenant = world.tenants[t];
    world.tenant_index.emplace(tenant.id, t);
    // Ingest registers every user and group as it reads them (and resolves their members); a generated world
    // has an empty index.
    if (tenant.objects.size() != tenant.users.size() + tenant.groups.size()) tenant.index_objects();
    tenant.resolve_members();
    tenant.partner_index.clear();
    for (std::uint32_t p = 0; p < tenant.partners.size(); ++p)
      tenant.partner_index.emplace(tenant.partners[p].tenant_id, p);
  }
}

void link_external_users(World& world) {
  const AddressIndex index(world);
  for (std::uint32_t t = 0; t < world.tenants.size(); ++t) {
    for (User& user : world.tenants[t].users) {
      user.link_rule = LinkRule::None;
      if (user.extras.present()) {
        UserExtras& extras = user.extras.edit();
        extras.linked_tenant_id = Text{};
        extras.linked_user_id = Text{};
      }
      if (user.external) link_user(world, index, t, user, world.warnings);
    }
  }
}

void derive(World& world) {
  build_indexes(world);
  for (Tenant& tenant : world.tenants)
    for (User& user : tenant.users) user.external = is_external(user, tenant.id);
  link_external_users(world);
}

}  // namespace tenantreach::core

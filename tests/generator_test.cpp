// The in-memory world generator: deterministic per seed, different across seeds, well-formed, and varied enough
// for the property tests.
#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "core/apps.hpp"
#include "worldgen/generator.hpp"
#include "core/model.hpp"
#include "core/private_channel.hpp"

namespace tr = tenantreach;

namespace {

// Every field of the world, in order: two worlds are identical exactly when their fingerprints are.
std::string fingerprint(const tr::core::World& world) {
  std::ostringstream out;
  auto list = [&](const auto& v) {
    out << '[';
    for (const auto& s : v) out << s << ',';
    out << ']';
  };
  auto opt_bool = [&](const std::optional<bool>& b) { out << (b ? (*b ? "T" : "F") : "-"); };
  auto targets = [&](const std::optional<tr::core::TargetList>& l) {
    if (!l) {
      out << "null";
      return;
    }
    out << (l->access_type == tr::core::AccessType::Allowed ? "allowed" : "blocked") << '{';
    for (const auto& t : l->targets) out << t.target << ':' << t.target_type << ',';
    out << (l->targets_missing ? "missing}" : "}");
  };
  auto setting = [&](const std::optional<tr::core::AccessSetting>& s) {
    if (!s) {
      out << "null;";
      return;
    }
    targets(s->users_and_groups);
    out << '/';
    targets(s->applications);
    out << ';';
  };
  auto settings = [&](const tr::core::CrossTenantSettings& s) {
    out << "cts " << s.tenant_id << ' ';
    setting(s.b2b_collaboration_inbound);
    setting(s.b2b_collaboration_outbound);
    setting(s.b2b_direct_connect_inbound);
    setting(s.b2b_direct_connect_outbound);
    if (s.inbound_trust) {
      opt_bool(s.inbound_trust->is_mfa_accepted);
      opt_bool(s.inbound_trust->is_compliant_device_accepted);
      opt_bool(s.inbound_trust->is_hybrid_azure_ad_joined_device_accepted);
    } else {
      out << "notrust";
    }
    opt_bool(s.consent_inbound_allowed);
    opt_bool(s.consent_outbound_allowed);
    opt_bool(s.user_sync_inbound_allowed);
    out << s.is_service_provider << '\n';
  };
  auto guests = [&](const std::optional<tr::core::GuestsOrExternalUsers>& g) {
    if (!g) {
      out << "null";
      return;
    }
    list(g->types);
    if (g->external_tenants) {
      out << g->external_tenants->membership_kind << ' ' << g->external_tenants->odata_type << ' ';
      list(g->external_tenants->members);
    } else {
      out << "all-tenants";
    }
  };
  auto members = [&](const std::vector<tr::core::ConversationMember>& v) {
    for (const auto& m : v) out << m.tenant_id << '/' << m.user_id << ',';
  };
  for (const auto& t : world.tenants) {
    out << "tenant " << t.id << ' ' << t.display_name << ' ' << t.files_jsonl << ' ';
    list(t.verified_domains);
    out << '\n';
    for (const auto& u : t.users) {
      out << "user " << u.id << ' ' << u.user_principal_name << ' ' << u.display_name << ' ' << u.mail << ' ';
      const tr::core::UserExtras& x = *u.extras;
      list(x.other_mails);
      out << static_cast<int>(u.user_type) << u.account_enabled << ' '
          << (x.external_user_state ? x.external_user_state->view() : "-") << ' ' << x.creation_type << ' '
          << x.home_tenant_id << ' ' << x.home_user_id << ' ' << u.external << ' ' << static_cast<int>(u.link_rule)
          << ' ' << x.linked_tenant_id << ' ' << x.linked_user_id << '\n';
    }
    for (const auto& g : t.groups) {
      out << "group " << g.id << ' ' << g.display_name << ' ' << g.unified << g.team << g.security_enabled << ' ';
      for (const auto& m : g.members) out << static_cast<int>(m.kind()) << t.member_id(g, m) << ',';
      out << '\n';
    }
    out << "default " << t.has_default_settings << ' ';
    settings(t.default_settings);
    for (const auto& p : t.partners) settings(p);
    for (const auto& p : t.conditional_access_policies) {
      out << "ca " << p.id << ' ' << p.display_name << ' ' << p.state << ' ';
      for (const auto* v : {&p.include_users, &p.exclude_users, &p.include_groups, &p.exclude_groups,
                            &p.include_roles, &p.exclude_roles, &p.include_applications, &p.exclude_applications,
                            &p.controls}) {
        list(*v);
      }
      guests(p.include_guests_or_external_users);
      guests(p.exclude_guests_or_external_users);
      out << p.narrowing_condition << ' ' << p.operator_and << p.session_controls_enabled << '\n';
    }
    for (const auto& c : t.channels) {
      out << "channel " << c.id << ' ' << c.display_name << ' ' << static_cast<int>(c.type) << ' ' << c.team_id << ' ';
      members(c.members);
      for (const auto& s : c.shared_with_teams) {
        out << " swt " << s.tenant_id << '/' << s.team_id << ' ' << s.display_name << ' ' << s.is_host_team << ' ';
        if (s.allowed_members) {
          members(*s.allowed_members);
        } else {
          out << "null";
        }
      }
      out << '\n';
    }
    for (const auto& r : t.resources) {
      out << "resource " << r.id << ' ' << r.display_name << ' ' << static_cast<int>(r.kind) << ' ' << r.app_id << ' ';
      for (const auto& g : r.grants) out << static_cast<int>(g.type) << g.principal_id << ',';
      out << '\n';
    }
    for (const auto& j : t.sync_jobs) {
      out << "sync " << j.id << ' ' << j.target_tenant_id << ' ' << j.scope_all << ' ';
      list(j.assigned_users);
      list(j.assigned_groups);
      out << static_cast<int>(j.user_type_mapping) << '\n';
    }
  }
  for (const auto& w : world.warnings) out << "warning " << w.code << ' ' << w.message << '\n';
  return out.str();
}

bool lower_case(const std::string& s) {
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') return false;
  }
  return true;
}

}  // namespace

TEST(Generator, SameSeedGivesIdenticalWorld) {
  for (const char* preset : {"tiny", "property"}) {
    for (std::uint64_t seed : {1u, 7u, 250u}) {
      EXPECT_EQ(fingerprint(tr::worldgen::generate_world({preset, seed})),
                fingerprint(tr::worldgen::generate_world({preset, seed})))
          << preset << " " << seed;
    }
  }
}

TEST(Generator, DifferentSeedsGiveDifferentWorlds) {
  std::set<std::string> seen;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    EXPECT_TRUE(seen.insert(fingerprint(tr::worldgen::generate_world({"property", seed}))).second) << seed;
  }
  EXPECT_NE(fingerprint(tr::worldgen::generate_world({"tiny", 1})), fingerprint(tr::worldgen::generate_world({"tiny", 2})));
}

TEST(Generator, UnknownPresetThrows) {
  EXPECT_THROW(tr::worldgen::generate_world({"no-such-preset", 1}), std::invalid_argument);
}

TEST(Generator, TinyPresetHasThreeTenantsAndAboutThreeHundredUsers) {
  tr::core::World world = tr::worldgen::generate_world({"tiny", 1});
  ASSERT_EQ(world.tenants.size(), 3u);
  std::size_t users = 0;
  for (const auto& t : world.tenants) users += t.users.size();
  EXPECT_GE(users, 270u);
  EXPECT_LE(users, 330u);
}

// The world is complete and well-formed: sorted tenants, indexes built (derive ran), lower-case unique ids.
TEST(Generator, WorldIsDerivedAndWellFormed) {
  for (std::uint64_t seed = 1; seed <= 50; ++seed) {
    tr::core::World world = tr::worldgen::generate_world({"property", seed});
    ASSERT_GE(world.tenants.size(), 2u);
    ASSERT_LE(world.tenants.size(), 5u);
    for (std::size_t i = 0; i < world.tenants.size(); ++i) {
      const auto& t = world.tenants[i];
      if (i > 0) {
        EXPECT_LT(world.tenants[i - 1].id, t.id);
      }
      EXPECT_EQ(world.tenant_position(t.id), i);
      EXPECT_TRUE(lower_case(t.id));
      std::set<std::string> ids;
      for (const auto& u : t.users) {
        EXPECT_TRUE(lower_case(u.id));
        EXPECT_TRUE(ids.insert(u.id).second) << "repeated id " << u.id;
        EXPECT_EQ(t.find_user(u.id), &u);
      }
      for (const auto& g : t.groups) {
        EXPECT_TRUE(lower_case(g.id));
        EXPECT_TRUE(ids.insert(g.id).second) << "repeated id " << g.id;
        EXPECT_EQ(t.find_group(g.id), &g);
      }
      for (const auto& p : t.partners) EXPECT_EQ(t.find_partner(p.tenant_id), &p);
      std::size_t users = 0;
      for (const auto& u : t.users) users += u.external ? 0 : 1;
      EXPECT_GE(users, 4u);
    }
  }
}

// The property preset reaches the adversarial corners it promises, summed over seeds 1..250.
TEST(Generator, PropertyPresetCoversTheAdversarialCases) {
  std::size_t by_home_ids = 0, by_mail = 0, by_upn = 0, unlinked = 0, disabled = 0, internal_guests = 0;
  std::size_t self_members = 0, private_channels = 0, shared_channels = 0, empty_allowed = 0, phantom_members = 0;
  std::size_t narrowing = 0, null_partner_properties = 0, pending = 0, enumerated = 0, ambiguous = 0;
  // v1.1 (spec "Changes"): .jsonl lists, untyped and other-typed targets, target lists without targets, suite app
  // ids on sites and containers, every externalTenants spelling, service providers, members by home identity.
  std::size_t partners_jsonl = 0, other_jsonl = 0, untyped = 0, other_typed = 0, targets_missing = 0;
  std::size_t suite_sites = 0, service_providers = 0, by_home_identity = 0;
  std::set<std::string> external_tenants_spellings;
  for (std::uint64_t seed = 1; seed <= 250; ++seed) {
    tr::core::World world = tr::worldgen::generate_world({"property", seed});
    for (const auto& w : world.warnings) ambiguous += w.code == "ambiguous-link" ? 1 : 0;
    const tr::core::PrivateChannelMembers private_members(world);
    for (const auto& t : world.tenants) {
      for (const auto& u : t.users) {
        by_home_ids += u.link_rule == tr::core::LinkRule::HomeIds;
        by_mail += u.link_rule == tr::core::LinkRule::Mail;
        by_upn += u.link_rule == tr::core::LinkRule::Upn;
        unlinked += u.external && u.link_rule == tr::core::LinkRule::None;
        disabled += !u.account_enabled;
        internal_guests += !u.external && u.user_type == tr::core::UserType::Guest;
        pending += u.extras->external_user_state == std::optional<std::string>("pendingacceptance");
      }
      for (const auto& g : t.groups) {
        for (const auto& m : g.members)
          self_members += m.kind() == tr::core::MemberKind::Group && t.member_id(g, m) == g.id;
      }
      partners_jsonl += (t.files_jsonl & tr::core::list_entity_bit(tr::core::ListEntity::Partners)) != 0;
      other_jsonl += (t.files_jsonl & ~tr::core::list_entity_bit(tr::core::ListEntity::Partners)) != 0;
      for (const auto& c : t.channels) {
        private_channels += c.type == tr::core::ChannelType::Private;
        if (c.type == tr::core::ChannelType::Private) {
          for (const auto& m : c.members) {
            if (!tr::core::names_other_tenant(m, t.id) || t.find_user(m.user_id) != nullptr) continue;
            std::vector<std::uint32_t> objects;
            private_members.resolve(world.tenant_position(t.id), m, objects);
            by_home_identity += !objects.empty();
          }
        }
        shared_channels += c.type == tr::core::ChannelType::Shared;
        for (const auto& s : c.shared_with_teams) empty_allowed += s.allowed_members && s.allowed_members->empty();
        for (const auto& m : c.members) phantom_members += !m.tenant_id.empty() && !world.find_tenant(m.tenant_id);
      }
      for (const auto& p : t.partners) {
        null_partner_properties += !p.b2b_collaboration_inbound.has_value();
        service_providers += p.is_service_provider;
        for (const auto* setting : {&p.b2b_collaboration_inbound, &p.b2b_collaboration_outbound,
                                    &p.b2b_direct_connect_inbound, &p.b2b_direct_connect_outbound}) {
          if (!*setting) continue;
          for (const auto* list : {&(*setting)->users_and_groups, &(*setting)->applications}) {
            if (*list) targets_missing += (*list)->targets_missing;
          }
          if (!(*setting)->users_and_groups) continue;
          for (const auto& target : (*setting)->users_and_groups->targets) {
            untyped += target.target_type.empty();
            other_typed += target.target_type == "application";
          }
        }
      }
      for (const auto& p : t.conditional_access_policies) {
        narrowing += !p.narrowing_condition.empty();
        enumerated += p.include_guests_or_external_users &&
                      p.include_guests_or_external_users->tenants_kind() == tr::core::ExternalTenantsKind::Enumerated;
        for (const auto* guests : {&p.include_guests_or_external_users, &p.exclude_guests_or_external_users}) {
          if (!*guests) continue;
          const auto& e = (*guests)->external_tenants;
          external_tenants_spellings.insert(e ? e->membership_kind + "|" + e->odata_type : "absent");
        }
      }
      for (const auto& r : t.resources) {
        suite_sites += r.kind != tr::core::ResourceKind::Application && tr::core::is_office365_suite_app(r.app_id);
      }
    }
  }
  EXPECT_GT(by_home_ids, 50u);
  EXPECT_GT(by_mail, 50u);
  EXPECT_GT(by_upn, 20u);
  EXPECT_GT(unlinked, 50u);
  EXPECT_GT(ambiguous, 10u);
  EXPECT_GT(disabled, 50u);
  EXPECT_GT(internal_guests, 50u);
  EXPECT_GT(pending, 50u);
  EXPECT_GT(self_members, 10u);
  EXPECT_GT(private_channels, 50u);
  EXPECT_GT(shared_channels, 50u);
  EXPECT_GT(empty_allowed, 10u);
  EXPECT_GT(phantom_members, 20u);
  EXPECT_GT(null_partner_properties, 50u);
  EXPECT_GT(narrowing, 20u);
  EXPECT_GT(enumerated, 20u);
  EXPECT_GT(partners_jsonl, 100u);
  EXPECT_GT(other_jsonl, 200u);
  EXPECT_GT(untyped, 100u);
  EXPECT_GT(other_typed, 20u);
  EXPECT_GT(targets_missing, 50u);
  EXPECT_GT(suite_sites, 50u);
  EXPECT_GT(service_providers, 50u);
  EXPECT_GT(by_home_identity, 100u);
  // Absent; both keys, either alone and unknownFutureValue beside either @odata.type; {} (R7.2).
  EXPECT_EQ(external_tenants_spellings.size(), 1u + 4u * 2u + 1u)
      << ::testing::PrintToString(external_tenants_spellings);
}

// cereal serialization of the model (core::World): the blocks of a snapshot's "model" section. Non-intrusive:
// each function sits in the namespace of its type so cereal finds it by argument-dependent lookup. Lookup maps
// are not stored: serialize_directory rebuilds Tenant::objects as it decodes, model_codec.cpp partner_index and
// World::tenant_index. The access graph is not written with cereal: see graph_codec.hpp.
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

// The strings of users and groups live in their tenant's arena (core::Text): a field is written as cereal
// writes a std::string (a 64-bit size, then the bytes), so the format is the one of std::string fields, and read
// into the arena.
// Reads a string field into a buffer reused per thread.
template <class A> std::string_view load_string(A& a) {
  cereal::size_type size = 0;
  a(cereal::make_size_tag(size));
  thread_local std::string buffer;
  buffer.resize(static_cast<std::size_t>(size));
  a(cereal::binary_data(buffer.data(), buffer.size()));
  return buffer;
}

// Writes a string as cereal writes a std::string.
template <class A> void save_string(A& a, std::string_view text) {
  a(cereal::make_size_tag(static_cast<cereal::size_type>(text.size())));
  a(cereal::binary_data(text.data(), text.size()));
}

struct TextField {
  Text& text;
  StringArena& strings;
  // Read, a string equal to this Text shares it instead of being copied (a user's mail and userPrincipalName).
  const Text* same_as = nullptr;
  template <class A> void save(A& a) const { save_string(a, text); }
  template <class A> void load(A& a) {
    const std::string_view read = load_string(a);
    text = same_as != nullptr && *same_as == read ? *same_as : strings.add(read);
  }
};

// A group's members as cereal writes a vector of (kind, id) pairs; the indexes are not stored. Read, each member is
// resolved to a user or group decoded before, or shares its Text, as ingest does (Tenant::add_member).
struct MembersField {
  Group& group;
  StringArena& strings;
  const Tenant& tenant;  // its objects index holds the objects decoded before
  template <class A> void save(A& a) const {
    a(cereal::make_size_tag(static_cast<cereal::size_type>(group.members.size())));
    for (const MemberRef member : group.members) {
      Text id = tenant.member_id(group, member);
      a(member.kind(), TextField{id, strings});
    }
  }
  template <class A> void load(A& a) {
    cereal::size_type size = 0;
    a(cereal::make_size_tag(size));
    group.members.clear();
    group.unresolved_ids.reset();
    group.members.reserve(static_cast<std::size_t>(size));
    for (cereal::size_type i = 0; i < size; ++i) {
      MemberKind kind{};
      a(kind);
      tenant.add_member(group, kind, load_string(a), strings);
    }
  }
};

// A vector written as cereal writes one (a size, then the items), each item by `each(archive, item)`.
template <class T, class Each>
struct Sequence {
  std::vector<T>& items;
  Each each;
  template <class A> void save(A& a) const {
    a(cereal::make_size_tag(static_cast<cereal::size_type>(items.size())));
    for (T& item : items) each(a, item);
  }
  template <class A> void load(A& a) {
    cereal::size_type size = 0;
    a(cereal::make_size_tag(size));
    items.resize(static_cast<std::size_t>(size));
    for (T& item : items) each(a, item);
  }
};
template <class T, class Each> Sequence(std::vector<T>&, Each) -> Sequence<T, Each>;

// std::optional<Text> as cereal writes a std::optional (a "nullopt" flag, then the value).
struct OptionalTextField {
  std::optional<Text>& text;
  StringArena& strings;
  template <class A> void save(A& a) const {
    a(!text.has_value());
    if (text) a(TextField{const_cast<Text&>(*text), strings});
  }
  template <class A> void load(A& a) {
    bool nullopt = true;
    a(nullopt);
    if (nullopt) {
      text.reset();
      return;
    }
    text.emplace();
    a(TextField{*text, strings});
  }
};

// The extras are written in place whether or not a user has them (the format of snapshot versions 7 and 8), and kept
// out of line when read only by the users that have some.
template <class A>
void serialize_user(A& a, User& u, StringArena& s, const Text* known_id = nullptr, const Text* known_name = nullptr) {
  UserExtras extras = *u.extras;
  a(TextField{u.id, s, known_id}, TextField{u.user_principal_name, s}, TextField{u.display_name, s, known_name},
    TextField{u.mail, s, &u.user_principal_name},
    Sequence{extras.other_mails, [&](A& ar, Text& mail) { ar(TextField{mail, s}); }}, u.user_type,
    u.account_enabled, OptionalTextField{extras.external_user_state, s}, TextField{extras.creation_type, s},
    TextField{extras.home_tenant_id, s}, TextField{extras.home_user_id, s}, u.external, u.link_rule,
    TextField{extras.linked_tenant_id, s}, TextField{extras.linked_user_id, s});
  if constexpr (A::is_loading::value) {
    if (!extras.empty()) u.extras.edit() = std::move(extras);
  }
}
template <class A> void serialize_group(A& a, Group& g, StringArena& s, const Tenant& tenant) {
  a(TextField{g.id, s}, TextField{g.display_name, s}, g.unified, g.team, g.security_enabled,
    MembersField{g, s, tenant});
}

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
// Conversation members as cereal writes a vector of two std::strings each; read, their Texts are made as ingest
// makes them (ConversationMemberTexts).
struct ConversationMembersField {
  std::vector<ConversationMember>& members;
  ConversationMemberTexts& texts;
  template <class A> void save(A& a) const {
    a(cereal::make_size_tag(static_cast<cereal::size_type>(members.size())));
    for (const ConversationMember& member : members) {
      save_string(a, member.user_id);
      save_string(a, member.tenant_id);
    }
  }
  template <class A> void load(A& a) {
    cereal::size_type size = 0;
    a(cereal::make_size_tag(size));
    members.clear();
    members.reserve(static_cast<std::size_t>(size));
    for (cereal::size_type i = 0; i < size; ++i) {
      const std::string user_id(load_string(a));
      members.push_back(texts.make(user_id, load_string(a)));
    }
  }
};

// std::optional<std::vector<ConversationMember>> as cereal writes a std::optional.
struct OptionalConversationMembersField {
  std::optional<std::vector<ConversationMember>>& members;
  ConversationMemberTexts& texts;
  template <class A> void save(A& a) const {
    a(!members.has_value());
    if (members) a(ConversationMembersField{*members, texts});
  }
  template <class A> void load(A& a) {
    bool nullopt = true;
    a(nullopt);
    members.reset();
    if (nullopt) return;
    members.emplace();
    a(ConversationMembersField{*members, texts});
  }
};

// Read, the team id shares the Text of its group (Tenant::id_text), as ingest does.
template <class A> void serialize_channel(A& a, Channel& c, const Tenant& tenant, ConversationMemberTexts& texts) {
  a(c.id, c.display_name, c.type);
  if constexpr (A::is_loading::value) {
    c.team_id = tenant.id_text(load_string(a));
  } else {
    save_string(a, c.team_id);
  }
  a(ConversationMembersField{c.members, texts},
    Sequence{c.shared_with_teams, [&](A& ar, SharedWithTeam& t) {
      ar(t.team_id, t.tenant_id, t.display_name, OptionalConversationMembersField{t.allowed_members, texts},
         t.is_host_team);
    }});
}
// Read, a grant's id shares the Text of the user or group with that id (Tenant::id_text), as ingest does.
template <class A> void serialize_resource(A& a, Resource& r, const Tenant& tenant) {
  a(r.id, r.display_name, r.kind, r.app_id, Sequence{r.grants, [&](A& ar, Grant& g) {
      ar(g.type);
      if constexpr (A::is_loading::value) {
        g.principal_id = tenant.id_text(load_string(ar));
      } else {
        save_string(ar, g.principal_id);
      }
    }});
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
// `names`, when reading: where the users' ids and display names may already be (UserNames).
template <class A> void serialize_directory(A& a, Tenant& t, const UserNames* names = nullptr) {
  StringArena& strings = *t.strings;
  const std::shared_ptr<const void> id_owner = names != nullptr ? names->ids->keep_alive() : nullptr;
  const std::shared_ptr<const void> name_owner = names != nullptr ? names->display_names->keep_alive() : nullptr;
  a(Sequence{t.users, [&](A& ar, User& u) {
    const std::uint32_t index = static_cast<std::uint32_t>(&u - t.users.data());
    if (names == nullptr || index >= names->count) return serialize_user(ar, u, strings);
    const Text id = strings.refer((*names->ids)[names->first + index], id_owner);
    const Text name = strings.refer((*names->display_names)[names->first + index], name_owner);
    serialize_user(ar, u, strings, &id, &name);
  }});
  if constexpr (A::is_loading::value) {
    // Indexed before the groups are read, so that their members share the users' ids (as ingest does).
    t.groups.clear();
    t.index_objects();
  }
  a(Sequence{t.groups, [&](A& ar, Group& g) { serialize_group(ar, g, strings, t); }});
  if constexpr (A::is_loading::value) {
    t.index_groups();  // before the resources: grants share the ids of users and groups
    t.resolve_members();
  }
  ConversationMemberTexts texts(t);
  a(Sequence{t.channels, [&](A& ar, Channel& c) { serialize_channel(ar, c, t, texts); }},
    Sequence{t.resources, [&](A& ar, Resource& r) { serialize_resource(ar, r, t); }});
}

}  // namespace tenantreach::core

// A tenant's directory block (format 15): users and groups as columns decode to the tenant they were written from,
// field by field, sharing the graph's names and the objects' ids as the old decoder did; a damaged column ends in an
// error that names it, never in a crash or a directory that reads another object's strings.
#include "serialization/directory_block.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace tenantreach::serialization {
namespace {

using core::Group;
using core::MemberKind;
using core::MemberRef;
using core::Tenant;
using core::User;

std::string user_fields(const User& u) {
  std::string out = u.id + "|" + u.user_principal_name + "|" + u.display_name + "|" + u.mail + "|";
  const core::UserExtras& x = *u.extras;
  for (core::Text mail : x.other_mails) out += mail + ",";
  out += "|" + (x.external_user_state ? "[" + x.external_user_state->str() + "]" : "-") + "|" + x.creation_type + "|" +
         x.home_tenant_id + "|" + x.home_user_id + "|" + x.linked_tenant_id + "|" + x.linked_user_id + "|";
  return out + std::to_string(static_cast<int>(u.user_type)) + std::to_string(u.account_enabled) +
         std::to_string(u.external) + std::to_string(static_cast<int>(u.link_rule)) +
         std::to_string(u.extras.present());
}

std::string group_fields(const Tenant& t, const Group& g) {
  std::string out = g.id + "|" + g.display_name + "|" + std::to_string(g.unified) + std::to_string(g.team) +
                    std::to_string(g.security_enabled) + "|";
  for (const MemberRef m : g.members)
    out += std::string(m.kind() == MemberKind::User ? "u" : "g") + (m.resolved() ? "=" : "?") + t.member_id(g, m) + ",";
  return out;
}

std::string members_fields(const std::vector<core::ConversationMember>& members) {
  std::string out;
  for (const core::ConversationMember& m : members) out += m.user_id + "@" + m.tenant_id + ",";
  return out;
}

std::string channel_fields(const core::Channel& c) {
  std::string out = c.id + "|" + c.display_name + "|" + std::to_string(static_cast<int>(c.type)) + "|" + c.team_id +
                    "|" + members_fields(c.members) + "|";
  for (const core::SharedWithTeam& t : c.shared_with_teams)
    out += t.team_id + "/" + t.tenant_id + "/" + t.display_name + "/" + std::to_string(t.is_host_team) + "/" +
           (t.allowed_members ? "[" + members_fields(*t.allowed_members) + "]" : "-") + ";";
  return out;
}

std::string resource_fields(const core::Resource& r) {
  std::string out = r.id + "|" + r.display_name + "|" + std::to_string(static_cast<int>(r.kind)) + "|" + r.app_id + "|";
  for (const core::Grant& g : r.grants) out += std::to_string(static_cast<int>(g.type)) + ":" + g.principal_id + ",";
  return out;
}

class DirectoryBlock : public ::testing::Test {
 protected:
  DirectoryBlock() {
    graph_ids_.add("u0");
    graph_ids_.add("not-u1");  // the graph disagrees: the block must carry the user's own id
    graph_ids_.add("u2");
    graph_names_.add("Zero");
    graph_names_.add("One");
    graph_names_.add("");
    names_ = {&graph_ids_, &graph_names_, 0, 3};

    tenant_.id = "tenant-a";
    core::StringArena& s = *tenant_.strings;
    const auto user = [&](const char* id, const char* upn, const char* name, const char* mail) {
      User& u = tenant_.users.emplace_back();
      u.id = s.add(id);
      u.user_principal_name = s.add(upn);
      u.display_name = s.add(name);
      u.mail = std::string_view(mail) == upn ? u.user_principal_name : s.add(mail);
      return &u;
    };
    user("u0", "zero@a.example", "Zero", "zero@a.example");
    User* one = user("u1", "one_b.example#EXT#@a.example", "One", "");
    one->user_type = core::UserType::Guest;
    one->external = true;
    one->link_rule = core::LinkRule::Upn;
    core::UserExtras& extras = one->extras.edit();
    extras.other_mails = {s.add("one@b.example"), s.add("uno@b.example")};
    extras.external_user_state = core::Text{};  // present and empty: not the same as absent
    extras.linked_tenant_id = s.add("tenant-b");
    extras.linked_user_id = s.add("b1");
    User* two = user("u2", "two@a.example", std::string(70'000, 'x').c_str(), "two@elsewhere.example");
    two->account_enabled = false;
    user("u3", "", "", "");  // past the graph's users: written in full
    tenant_.users[3].extras.edit().creation_type = s.add("invitation");

    Group& g0 = tenant_.groups.emplace_back();
    g0.id = s.add("g0");
    g0.display_name = s.add("Team");
    g0.unified = g0.team = true;
    Group& g1 = tenant_.groups.emplace_back();
    g1.id = s.add("g1");
    g1.security_enabled = true;
    tenant_.index_objects();
    for (const auto& [kind, id] : std::vector<std::pair<MemberKind, std::string>>{{MemberKind::User, "u2"},
                                                                                  {MemberKind::Group, "g1"},
                                                                                  {MemberKind::User, "gone"},
                                                                                  {MemberKind::Group, "u0"},
                                                                                  {MemberKind::User, "u0"}})
      tenant_.add_member(tenant_.groups[0], kind, id, s);
    tenant_.add_member(tenant_.groups[1], MemberKind::Group, "g0", s);

    core::Channel& channel = tenant_.channels.emplace_back();
    channel.id = "c0";
    channel.team_id = tenant_.id_text("g0");
    core::ConversationMemberTexts texts(tenant_);
    channel.display_name = "General";
    channel.type = core::ChannelType::Shared;
    channel.members.push_back(texts.make("u0", "tenant-a"));
    channel.members.push_back(texts.make("b1", "tenant-b"));
    channel.shared_with_teams.push_back({"g0", "", "Team", std::nullopt, true});
    channel.shared_with_teams.push_back(
        {"bg", "tenant-b", "Partner", std::vector{texts.make("b1", "tenant-b")}, false});
    channel.shared_with_teams.push_back({"cg", "tenant-c", "", std::vector<core::ConversationMember>{}, false});
    core::Resource& resource = tenant_.resources.emplace_back();
    resource.id = "r0";
    resource.display_name = "Site";
    resource.kind = core::ResourceKind::Container;
    resource.app_id = "office365";
    resource.grants.push_back({core::GrantType::Group, tenant_.id_text("g1")});
    resource.grants.push_back({core::GrantType::EveryoneExceptExternalUsers, core::Text{}});
    resource.grants.push_back({core::GrantType::User, tenant_.id_text("nobody")});
  }

  Tenant decode(const std::string& block) const {
    Tenant decoded;
    decoded.id = tenant_.id;  // as the snapshot decoder does: members of the tenant's own users share their ids
    decode_directory(block, decoded, names_);
    return decoded;
  }

  graph::StringPool graph_ids_, graph_names_;
  core::UserNames names_;
  Tenant tenant_;
};

TEST_F(DirectoryBlock, DecodesTheTenantItWasWrittenFrom) {
  const Tenant decoded = decode(encode_directory(tenant_, names_));
  ASSERT_EQ(decoded.users.size(), tenant_.users.size());
  for (std::size_t u = 0; u < decoded.users.size(); ++u)
    EXPECT_EQ(user_fields(decoded.users[u]), user_fields(tenant_.users[u])) << "user " << u;
  ASSERT_EQ(decoded.groups.size(), tenant_.groups.size());
  for (std::size_t g = 0; g < decoded.groups.size(); ++g)
    EXPECT_EQ(group_fields(decoded, decoded.groups[g]), group_fields(tenant_, tenant_.groups[g])) << "group " << g;
  EXPECT_EQ(decoded.groups[0].members[0], MemberRef::object(MemberKind::User, 2));
  EXPECT_FALSE(decoded.groups[0].members[2].resolved());
  ASSERT_EQ(decoded.channels.size(), 1u);
  EXPECT_EQ(channel_fields(decoded.channels[0]), channel_fields(tenant_.channels[0]));
  EXPECT_EQ(decoded.channels[0].team_id.data(), decoded.groups[0].id.data());
  EXPECT_EQ(decoded.channels[0].members[0].user_id.data(), decoded.users[0].id.data());
  ASSERT_EQ(decoded.resources.size(), 1u);
  EXPECT_EQ(resource_fields(decoded.resources[0]), resource_fields(tenant_.resources[0]));
  EXPECT_EQ(decoded.resources[0].grants[0].principal_id.data(), decoded.groups[1].id.data());
  EXPECT_EQ(decoded.find_object("g1")->index, 1u);
  EXPECT_EQ(decoded.user_index("u3"), 3u);
}

// Names equal to the graph's point into its pools; the one the graph disagrees with was written and is the user's.
TEST_F(DirectoryBlock, SharesTheGraphsNamesAndTheObjectsIds) {
  const Tenant decoded = decode(encode_directory(tenant_, names_));
  EXPECT_EQ(decoded.users[0].id.data(), graph_ids_[0].data());
  EXPECT_EQ(decoded.users[0].display_name.data(), graph_names_[0].data());
  EXPECT_EQ(decoded.users[1].id, "u1");
  EXPECT_EQ(decoded.users[1].display_name.data(), graph_names_[1].data());
  EXPECT_EQ(decoded.users[0].mail.data(), decoded.users[0].user_principal_name.data());
  const Group& g0 = decoded.groups[0];
  EXPECT_EQ(decoded.member_id(g0, g0.members[3]).data(), decoded.users[0].id.data());  // an unresolved id shares
}

TEST_F(DirectoryBlock, WithoutTheGraphsNamesEveryStringIsWritten) {
  const Tenant decoded = decode(encode_directory(tenant_, core::UserNames{}));
  for (std::size_t u = 0; u < decoded.users.size(); ++u)
    EXPECT_EQ(user_fields(decoded.users[u]), user_fields(tenant_.users[u])) << "user " << u;
  EXPECT_NE(decoded.users[0].id.data(), graph_ids_[0].data());
}

TEST_F(DirectoryBlock, NamingTheGraphsNamesWithoutTheGraphIsRefused) {
  Tenant decoded;
  EXPECT_THROW(decode_directory(encode_directory(tenant_, names_), decoded, core::UserNames{}), std::runtime_error);
}

// Every prefix of a block, and every byte of it set to 0xFF, either decodes or throws std::runtime_error. The
// sanitizer build runs this too: no read past the block, no index out of range.
TEST_F(DirectoryBlock, EveryTruncationAndEveryDamagedByteIsRefusedOrHarmless) {
  tenant_.users[2].display_name = tenant_.strings->add("Two");  // a block of 600 bytes, not 70 kB
  const std::string block = encode_directory(tenant_, names_);
  for (std::size_t size = 0; size < block.size(); ++size) {
    Tenant decoded;
    EXPECT_THROW(decode_directory(std::string_view(block).substr(0, size), decoded, names_), std::runtime_error)
        << "prefix of " << size << " bytes";
  }
  for (std::size_t at = 0; at < block.size(); ++at) {
    std::string damaged = block;
    damaged[at] = static_cast<char>(0xFF);
    Tenant decoded;
    try {
      decode_directory(damaged, decoded, names_);
    } catch (const std::runtime_error&) {
    }
  }
}

TEST_F(DirectoryBlock, AnOutOfRangeMemberIsRefusedByName) {
  Tenant bad = tenant_;
  bad.groups[1].members.push_back(MemberRef::object(MemberKind::User, 9));
  Tenant decoded;
  try {
    decode_directory(encode_directory(bad, names_), decoded, names_);
    FAIL() << "decoded";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "group 1's member 1 is user 9 of 4");
  }
}

}  // namespace
}  // namespace tenantreach::serialization

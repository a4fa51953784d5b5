// core/model.hpp: the fields most user objects leave empty are held out of line (OutOfLine), absent until written,
// copied with the object that holds them; group members are indexes, or ids where no object resolves them (R1.3).
#include <gtest/gtest.h>

#include "core/model.hpp"

namespace tenantreach::core {
namespace {

TEST(OutOfLine, ReadsTheDefaultUntilWritten) {
  User user;
  EXPECT_FALSE(user.extras.present());
  EXPECT_TRUE(user.extras->empty());
  EXPECT_FALSE(user.extras->external_user_state.has_value());
  EXPECT_FALSE(user.extras.present());  // reading makes nothing
  StringArena strings;
  user.extras.edit().home_tenant_id = strings.add("t");
  EXPECT_TRUE(user.extras.present());
  EXPECT_EQ(user.extras->home_tenant_id, "t");
}

TEST(OutOfLine, ACopyOwnsItsOwnExtras) {
  StringArena strings;
  User original;
  original.extras.edit().other_mails.push_back(strings.add("a@x"));
  User copy = original;
  copy.extras.edit().other_mails.push_back(strings.add("b@x"));
  EXPECT_EQ(original.extras->other_mails.size(), 1u);
  EXPECT_EQ(copy.extras->other_mails.size(), 2u);
  copy = User{};
  EXPECT_FALSE(copy.extras.present());
  copy = original;
  EXPECT_EQ(copy.extras->other_mails, original.extras->other_mails);
  EXPECT_NE(&*copy.extras, &*original.extras);
  User moved = std::move(copy);
  EXPECT_EQ(moved.extras->other_mails.size(), 1u);
}

TEST(OutOfLine, AUserWithoutExtrasIsSmall) {
  EXPECT_LE(sizeof(User), 48u);  // four Texts, four one-byte fields, one pointer
}

// A tenant with users other-0..3 and u1, and groups g0 and g1, indexed as ingest leaves it before groups are read
// when `groups_indexed` is false.
Tenant tenant_with_objects(bool groups_indexed) {
  Tenant tenant;
  for (const char* id : {"other-0", "other-1", "other-2", "other-3", "u1"}) {
    User user;
    user.id = tenant.strings->add(id);
    tenant.users.push_back(user);
  }
  for (const char* id : {"g0", "g1"}) {
    Group group;
    group.id = tenant.strings->add(id);
    tenant.groups.push_back(std::move(group));
  }
  tenant.index_objects();
  if (!groups_indexed) {
    tenant.objects.clear();
    for (std::uint32_t u = 0; u < tenant.users.size(); ++u)
      tenant.objects.insert(tenant.users[u].id, ObjectRef{MemberKind::User, u}, tenant.object_ids());
  }
  return tenant;
}

// A member takes the index of the object with its id, but only an object of its own kind resolves it; otherwise it
// keeps its id: the Text of the object of the other kind (shared, not copied), or a copy of an unknown id.
TEST(GroupMembers, ResolveToObjectsOfTheirKindAndKeepTheIdsOfTheRest) {
  Tenant tenant = tenant_with_objects(false);
  Group group;
  StringArena strings;
  tenant.add_member(group, MemberKind::User, "u1", strings);
  tenant.add_member(group, MemberKind::Group, "u1", strings);
  tenant.add_member(group, MemberKind::Group, "g1", strings);  // not indexed yet
  tenant.add_member(group, MemberKind::User, "gone", strings);
  ASSERT_EQ(group.members.size(), 4u);
  EXPECT_EQ(group.members[0], MemberRef::object(MemberKind::User, 4));
  EXPECT_FALSE(group.members[1].resolved());
  EXPECT_EQ(group.members[1].kind(), MemberKind::Group);
  EXPECT_EQ(tenant.member_id(group, group.members[1]).data(), tenant.users[4].id.data());
  EXPECT_EQ(tenant.member_id(group, group.members[2]), "g1");
  EXPECT_EQ(tenant.member_id(group, group.members[3]), "gone");
  EXPECT_EQ(tenant.member_id(group, group.members[0]), "u1");
  EXPECT_EQ(group.unresolved_ids->size(), 3u);
}

// resolve_members fills in what the index knows by then and nothing else; the ids left keep their order, and a
// group left with none holds no list.
TEST(GroupMembers, ResolvingKeepsOnlyTheIdsStillUnresolved) {
  Tenant tenant = tenant_with_objects(false);
  StringArena strings;
  Group mixed, resolvable;
  for (const char* id : {"u1", "g1", "gone", "g0"}) tenant.add_member(mixed, MemberKind::Group, id, strings);
  tenant.add_member(mixed, MemberKind::User, "also-gone", strings);
  tenant.add_member(resolvable, MemberKind::Group, "g0", strings);
  EXPECT_TRUE(resolvable.unresolved_ids.present());
  tenant.groups.push_back(std::move(mixed));
  tenant.groups.push_back(std::move(resolvable));
  tenant.index_groups();  // registers g0, g1 (and the two test groups, whose ids are empty: the first keeps it)

  tenant.resolve_members();
  const Group& after = tenant.groups[2];
  ASSERT_EQ(after.members.size(), 5u);
  EXPECT_FALSE(after.members[0].resolved());  // u1 is a user, not a group
  EXPECT_EQ(after.members[1], MemberRef::object(MemberKind::Group, 1));
  EXPECT_FALSE(after.members[2].resolved());
  EXPECT_EQ(after.members[3], MemberRef::object(MemberKind::Group, 0));
  EXPECT_FALSE(after.members[4].resolved());
  ASSERT_EQ(after.unresolved_ids->size(), 3u);
  EXPECT_EQ(tenant.member_id(after, after.members[0]), "u1");
  EXPECT_EQ(tenant.member_id(after, after.members[2]), "gone");
  EXPECT_EQ(tenant.member_id(after, after.members[4]), "also-gone");
  EXPECT_EQ(after.members[4].slot(), 2u);
  EXPECT_EQ(tenant.groups[3].members, std::vector{MemberRef::object(MemberKind::Group, 0)});
  EXPECT_FALSE(tenant.groups[3].unresolved_ids.present());
}

TEST(GroupMembers, AMemberIsFourBytesAndAnIndexOverItsRangeIsRefused) {
  EXPECT_EQ(sizeof(MemberRef), 4u);
  EXPECT_EQ(MemberRef::object(MemberKind::Group, MemberRef::kMaxIndex).index(), MemberRef::kMaxIndex);
  EXPECT_EQ(MemberRef::object(MemberKind::Group, MemberRef::kMaxIndex).kind(), MemberKind::Group);
  EXPECT_TRUE(MemberRef::object(MemberKind::Group, MemberRef::kMaxIndex).resolved());
  EXPECT_EQ(MemberRef::unresolved(MemberKind::User, MemberRef::kMaxIndex).slot(), MemberRef::kMaxIndex);
  EXPECT_EQ(MemberRef::unresolved(MemberKind::User, MemberRef::kMaxIndex).kind(), MemberKind::User);
  EXPECT_THROW(MemberRef::object(MemberKind::User, MemberRef::kMaxIndex + 1), std::length_error);
  EXPECT_THROW(MemberRef::unresolved(MemberKind::Group, MemberRef::kMaxIndex + 1), std::length_error);
}

}  // namespace
}  // namespace tenantreach::core

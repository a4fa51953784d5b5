#include "core/object_index.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tenantreach::core {
namespace {

TEST(ObjectIndex, FindsWhatWasInsertedAndNothingElse) {
  StringArena strings;
  ObjectIndex index;
  EXPECT_EQ(index.find("u1"), nullptr);  // an empty index answers too
  EXPECT_EQ(index.insert(strings.add("u1"), ObjectRef{MemberKind::User, 0}), nullptr);
  EXPECT_EQ(index.insert(strings.add("g1"), ObjectRef{MemberKind::Group, 0}), nullptr);
  const ObjectIndex::Entry* user = index.find("u1");
  ASSERT_NE(user, nullptr);
  EXPECT_EQ(user->id, "u1");
  EXPECT_EQ(user->ref.kind, MemberKind::User);
  EXPECT_EQ(index.find("g1")->ref.kind, MemberKind::Group);
  EXPECT_EQ(index.find("u2"), nullptr);
  EXPECT_EQ(index.size(), 2u);
}

// Ids are unique per tenant (R1.3): a second object with an id is not added, and the first one is reported.
TEST(ObjectIndex, TheFirstObjectWithAnIdKeepsIt) {
  StringArena strings;
  ObjectIndex index;
  index.insert(strings.add("x"), ObjectRef{MemberKind::User, 7});
  const ObjectIndex::Entry* existing = index.insert(strings.add("x"), ObjectRef{MemberKind::Group, 3});
  ASSERT_NE(existing, nullptr);
  EXPECT_EQ(existing->ref.kind, MemberKind::User);
  EXPECT_EQ(existing->ref.index, 7u);
  EXPECT_EQ(index.size(), 1u);
}

// A member shares the Text of the object with its id and takes its index, but only an object of its own kind
// resolves it; an unknown id is copied. resolve() later fills in what is known by then, and nothing else.
TEST(ObjectIndex, MembersShareIdsAndResolveToObjectsOfTheirKind) {
  StringArena strings;
  ObjectIndex index;
  const Text user_id = strings.add("u1");
  index.insert(user_id, ObjectRef{MemberKind::User, 4});

  const MemberRef user = index.member(MemberKind::User, "u1", strings);
  EXPECT_EQ(user.index, 4u);
  EXPECT_EQ(user.id.data(), user_id.data());  // shared, not copied
  const MemberRef wrong_kind = index.member(MemberKind::Group, "u1", strings);
  EXPECT_EQ(wrong_kind.index, MemberRef::kUnresolved);
  EXPECT_EQ(wrong_kind.id.data(), user_id.data());
  const MemberRef later = index.member(MemberKind::Group, "g1", strings);
  EXPECT_EQ(later.index, MemberRef::kUnresolved);
  EXPECT_EQ(later.id, "g1");

  index.insert(strings.add("g1"), ObjectRef{MemberKind::Group, 2});
  std::vector<MemberRef> members{user, wrong_kind, later, index.member(MemberKind::User, "gone", strings)};
  members[0].index = 9;  // already resolved: left as it is
  index.resolve(members);
  EXPECT_EQ(members[0].index, 9u);
  EXPECT_EQ(members[1].index, MemberRef::kUnresolved);
  EXPECT_EQ(members[2].index, 2u);
  EXPECT_EQ(members[3].index, MemberRef::kUnresolved);
}

TEST(ObjectIndex, GrowsAndKeepsEveryEntry) {
  StringArena strings;
  for (bool reserved : {false, true}) {
    ObjectIndex index;
    if (reserved) index.reserve(50000);
    for (std::uint32_t i = 0; i < 50000; ++i)
      ASSERT_EQ(index.insert(strings.add("id-" + std::to_string(i)), ObjectRef{MemberKind::User, i}), nullptr);
    for (std::uint32_t i = 0; i < 50000; ++i) {
      const ObjectIndex::Entry* entry = index.find("id-" + std::to_string(i));
      ASSERT_NE(entry, nullptr);
      ASSERT_EQ(entry->ref.index, i);
    }
    EXPECT_EQ(index.find("id-50000"), nullptr);
    index.clear();
    EXPECT_EQ(index.size(), 0u);
    EXPECT_EQ(index.find("id-1"), nullptr);
  }
}

}  // namespace
}  // namespace tenantreach::core

#include "core/object_index.hpp"

#include <gtest/gtest.h>

#include <string>

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

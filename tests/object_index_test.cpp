#include "core/object_index.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace tenantreach::core {
namespace {

// The objects an index points into, as a tenant's users and groups: the index reads their ids from here.
struct Objects {
  StringArena strings;
  std::vector<Text> users, groups;
  ObjectIndex index;
  std::size_t id_reads = 0;

  auto ids() {
    return [this](ObjectRef ref) {
      ++id_reads;
      return ref.kind == MemberKind::User ? users[ref.index] : groups[ref.index];
    };
  }
  std::optional<ObjectRef> add(MemberKind kind, std::string_view id) {
    std::vector<Text>& list = kind == MemberKind::User ? users : groups;
    const Text text = strings.add(id);
    const auto existing = index.insert(text, ObjectRef{kind, static_cast<std::uint32_t>(list.size())}, ids());
    if (!existing) list.push_back(text);  // after the insert, as ingest does
    return existing;
  }
  std::optional<ObjectRef> find(std::string_view id) { return index.find(id, ids()); }
};

TEST(ObjectIndex, FindsWhatWasInsertedAndNothingElse) {
  Objects objects;
  EXPECT_EQ(objects.find("u1"), std::nullopt);  // an empty index answers too
  EXPECT_EQ(objects.add(MemberKind::User, "u1"), std::nullopt);
  EXPECT_EQ(objects.add(MemberKind::Group, "g1"), std::nullopt);
  EXPECT_EQ(objects.find("u1"), (ObjectRef{MemberKind::User, 0}));
  EXPECT_EQ(objects.find("g1"), (ObjectRef{MemberKind::Group, 0}));
  EXPECT_EQ(objects.find("u2"), std::nullopt);
  EXPECT_EQ(objects.index.size(), 2u);
}

// Ids are unique per tenant (R1.3): a second object with an id is not added, and the first one is reported.
TEST(ObjectIndex, TheFirstObjectWithAnIdKeepsIt) {
  Objects objects;
  objects.add(MemberKind::User, "y");
  objects.add(MemberKind::User, "x");
  EXPECT_EQ(objects.add(MemberKind::Group, "x"), (ObjectRef{MemberKind::User, 1}));
  EXPECT_EQ(objects.index.size(), 2u);
  EXPECT_TRUE(objects.groups.empty());
}

// The ids live in the objects, not in the index: a probe reads an object's id only where its tag matches, which
// for a hit is about once, and for a miss about never.
TEST(ObjectIndex, ReadsIdsFromTheObjectsOnlyWhereTheTagMatches) {
  Objects objects;
  for (int i = 0; i < 1000; ++i) objects.add(MemberKind::User, "id-" + std::to_string(i));
  objects.id_reads = 0;
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(objects.find("id-" + std::to_string(i)));
  EXPECT_LT(objects.id_reads, 1100u);
  objects.id_reads = 0;
  for (int i = 1000; i < 2000; ++i) ASSERT_FALSE(objects.find("id-" + std::to_string(i)));
  EXPECT_LT(objects.id_reads, 100u);
}

TEST(ObjectIndex, GrowsAndKeepsEveryEntry) {
  for (bool reserved : {false, true}) {
    Objects objects;
    if (reserved) objects.index.reserve(50000, objects.ids());
    for (std::uint32_t i = 0; i < 50000; ++i)
      ASSERT_EQ(objects.add(i % 3 ? MemberKind::User : MemberKind::Group, "id-" + std::to_string(i)), std::nullopt);
    for (std::uint32_t i = 0; i < 50000; ++i) {
      const auto found = objects.find("id-" + std::to_string(i));
      ASSERT_TRUE(found);
      ASSERT_EQ(found->kind, i % 3 ? MemberKind::User : MemberKind::Group);
      const auto& list = found->kind == MemberKind::User ? objects.users : objects.groups;
      ASSERT_EQ(list[found->index], "id-" + std::to_string(i));
    }
    EXPECT_EQ(objects.find("id-50000"), std::nullopt);
    objects.index.clear();
    EXPECT_EQ(objects.index.size(), 0u);
    EXPECT_EQ(objects.find("id-1"), std::nullopt);
  }
}

TEST(ObjectIndex, RefusesAnIndexItCannotPack) {
  Objects objects;
  EXPECT_THROW(objects.index.insert("x", ObjectRef{MemberKind::User, ObjectIndex::kMaxIndex + 1}, objects.ids()),
               std::length_error);
}

}  // namespace
}  // namespace tenantreach::core

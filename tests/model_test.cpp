// core/model.hpp: the fields most user objects leave empty are held out of line (OutOfLine), absent until written,
// copied with the object that holds them.
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

}  // namespace
}  // namespace tenantreach::core

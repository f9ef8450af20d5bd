#include "session/Scope.h"

#include <gtest/gtest.h>

#include "session/ScriptError.h"

namespace memlens {
namespace {

TEST(Scope, BindLookupUnbind) {
  Scope scope;
  EXPECT_EQ(scope.lookup("x"), nullptr);
  scope.bind("x", c10::IValue(int64_t{3}));
  ASSERT_NE(scope.lookup("x"), nullptr);
  EXPECT_EQ(scope.get("x").toInt(), 3);
  EXPECT_TRUE(scope.unbind("x"));
  EXPECT_FALSE(scope.unbind("x"));
}

TEST(Scope, GetOfAnUnboundNameIsAPythonNameError) {
  Scope scope;
  try {
    scope.get("ghost");
    FAIL();
  } catch (const ScriptError& e) {
    EXPECT_EQ(e.type(), "NameError");
    EXPECT_STREQ(e.what(), "name 'ghost' is not defined");
  }
}

TEST(Scope, RollbackUndoesEveryChangeSinceTheLastCommit) {
  Scope scope;
  scope.bind("kept", c10::IValue(int64_t{1}));
  scope.bind("changed", c10::IValue(int64_t{2}));
  scope.bind("removed", c10::IValue(int64_t{3}));
  scope.commit();
  scope.bind("changed", c10::IValue(int64_t{20}));
  scope.bind("changed", c10::IValue(int64_t{200}));
  scope.unbind("removed");
  scope.bind("added", c10::IValue(int64_t{4}));
  scope.unbind("kept");
  scope.bind("kept", c10::IValue(int64_t{10}));
  scope.rollback();
  EXPECT_EQ(scope.get("kept").toInt(), 1);
  EXPECT_EQ(scope.get("changed").toInt(), 2);
  EXPECT_EQ(scope.get("removed").toInt(), 3);
  EXPECT_EQ(scope.lookup("added"), nullptr);
  EXPECT_EQ(scope.values().size(), 3u);
}

TEST(Scope, OutputIsTakenOnce) {
  Scope scope;
  scope.print("a");
  scope.print("b\n");
  EXPECT_EQ(scope.takeOutput(), "ab\n");
  EXPECT_EQ(scope.takeOutput(), "");
}

}  // namespace
}  // namespace memlens

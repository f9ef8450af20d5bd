#include "trace/Step.h"

#include <gtest/gtest.h>

namespace memlens {
namespace {

TEST(StepKind, SpellingsRoundTrip) {
  for (auto kind :
       {StepKind::New, StepKind::InPlace, StepKind::View, StepKind::Free, StepKind::None}) {
    EXPECT_EQ(stepKindFromString(toString(kind)), kind);
  }
  EXPECT_EQ(toString(StepKind::InPlace), "in-place");
  EXPECT_FALSE(stepKindFromString("inplace"));
}

TEST(Step, HasKind) {
  Step step;
  step.kinds = {StepKind::New, StepKind::Free};
  EXPECT_TRUE(step.hasKind(StepKind::Free));
  EXPECT_FALSE(step.hasKind(StepKind::View));
}

}  // namespace
}  // namespace memlens

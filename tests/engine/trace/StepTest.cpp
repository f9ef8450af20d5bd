#include "trace/Step.h"

#include <gtest/gtest.h>

#include "trace/TraceTesting.h"

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

TEST(Step, ClearingKeepsTheBuffersOfItsListsAndEmptiesEverything) {
  // Between them, the sample's steps set every member.
  for (Step step : testing::sampleTrace().steps) {
    const MemoryEvent* events = step.events.data();
    const TensorRecord* tensors = step.tensors.data();
    step.clearKeepingBuffers();
    EXPECT_EQ(step, Step{});
    EXPECT_EQ(step.events.data(), events);
    EXPECT_EQ(step.tensors.data(), tensors);
  }
}

}  // namespace
}  // namespace memlens

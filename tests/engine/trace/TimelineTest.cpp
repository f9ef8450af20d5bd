#include "trace/Timeline.h"

#include <gtest/gtest.h>

#include "trace/TraceTesting.h"

namespace memlens {
namespace {

using testing::storageRecord;
using testing::tensorRecord;

// Step i binds t<i> on a new storage i, frees storage i-2 and unbinds its name,
// and writes t<i-1> in place: every kind of change, every step.
Step syntheticStep(std::int64_t i) {
  Step step;
  step.line = static_cast<int>(i + 1);
  step.code = "t" + std::to_string(i) + " = ...";
  step.tensors.push_back(tensorRecord("t" + std::to_string(i), i, i));
  step.storages.push_back(storageRecord(i, 0x1000 + static_cast<std::uint64_t>(i) * 64));
  if (i >= 1) step.tensors.push_back(tensorRecord("t" + std::to_string(i - 1), i - 1, i - 1, i));
  if (i >= 2) {
    step.unbound.push_back("t" + std::to_string(i - 2));
    step.freed.push_back(i - 2);
  }
  return step;
}

State expectedStateAfter(std::int64_t i) {
  State state;
  for (std::int64_t k = std::max<std::int64_t>(0, i - 1); k <= i; ++k) {
    state.tensors["t" + std::to_string(k)] =
        tensorRecord("t" + std::to_string(k), k, k, k == i ? 0 : i);
    state.storages[k] = storageRecord(k, 0x1000 + static_cast<std::uint64_t>(k) * 64);
  }
  return state;
}

TEST(Timeline, StateAfterAnyStepMatchesApplyingEveryStep) {
  Timeline timeline;
  const std::int64_t count = 3 * static_cast<std::int64_t>(Timeline::kMinCheckpointChanges) + 7;
  for (std::int64_t i = 0; i < count; ++i) timeline.append(syntheticStep(i));
  ASSERT_EQ(timeline.size(), static_cast<std::size_t>(count));
  for (std::int64_t i : {0L, 1L, 2L, 255L, 256L, 257L, 511L, 512L, 700L, count - 1}) {
    EXPECT_EQ(timeline.stateAfter(static_cast<std::size_t>(i)), expectedStateAfter(i))
        << "after step " << i;
  }
  EXPECT_EQ(timeline.current(), expectedStateAfter(count - 1));
}

TEST(Timeline, CheckpointsFollowChangesNotStepsTimesLiveTensors) {
  // 1,000 names bound at once, then 3,000 steps that each change one.
  constexpr std::int64_t kNames = 1000;
  Timeline timeline;
  Step bindAll;
  for (std::int64_t k = 0; k < kNames; ++k) {
    bindAll.tensors.push_back(tensorRecord("t" + std::to_string(k), k, k, 0));
  }
  timeline.append(bindAll);
  for (std::int64_t i = 1; i <= 3 * kNames; ++i) {
    Step write;
    write.tensors.push_back(
        tensorRecord("t" + std::to_string(i % kNames), i % kNames, i % kNames, i));
    timeline.append(write);
  }
  // About 7,000 changes over a state of 1,000 tensors: a checkpoint per
  // 1,000 changes, where one per 256 steps would copy the state 11 times.
  EXPECT_LE(timeline.checkpointCount(), 7u);
  for (std::size_t index : {0UL, 1UL, 499UL, 500UL, 1999UL, 2500UL, 3000UL}) {
    State replayed;
    for (std::size_t k = 0; k <= index; ++k) replayed.apply(timeline.step(k));
    EXPECT_EQ(timeline.stateAfter(index), replayed) << "after step " << index;
  }
}

TEST(Timeline, ReservedSegmentsReplacePerDeviceAndVanishWhenEmptied) {
  Timeline timeline;
  Step reserve;
  reserve.segments = {{"cuda:0", {{0x7000, 2097152, 512}}}, {"cuda:1", {{0x9000, 2097152, 0}}}};
  timeline.append(reserve);
  Step grow;
  grow.segments = {{"cuda:0", {{0x7000, 2097152, 0}, {0xa000, 20971520, 20971520}}}};
  timeline.append(grow);
  Step empty;
  empty.segments = {{"cuda:1", {}}};
  timeline.append(empty);

  EXPECT_EQ(timeline.stateAfter(0).segments.at("cuda:0").size(), 1u);
  const State grown = timeline.stateAfter(1);
  EXPECT_EQ(grown.segments.at("cuda:0"), grow.segments[0].segments);
  EXPECT_EQ(grown.segments.at("cuda:1"), reserve.segments[1].segments) << "untouched device kept";
  EXPECT_FALSE(timeline.current().segments.contains("cuda:1"));
  EXPECT_EQ(timeline.current().segments.at("cuda:0"), grow.segments[0].segments);
}

TEST(Timeline, StateAfterAPastStepIsAnError) {
  Timeline timeline;
  EXPECT_THROW(timeline.stateAfter(0), std::out_of_range);
  timeline.append(syntheticStep(0));
  EXPECT_NO_THROW(timeline.stateAfter(0));
  EXPECT_THROW(timeline.stateAfter(1), std::out_of_range);
}

TEST(Timeline, ClearForgetsStepsAndState) {
  Timeline timeline;
  for (std::int64_t i = 0; i < 300; ++i) timeline.append(syntheticStep(i));
  timeline.clear();
  EXPECT_TRUE(timeline.empty());
  EXPECT_EQ(timeline.current(), State{});
  timeline.append(syntheticStep(0));
  EXPECT_EQ(timeline.stateAfter(0), expectedStateAfter(0));
}

}  // namespace
}  // namespace memlens

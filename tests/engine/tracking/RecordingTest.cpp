#include "tracking/Recording.h"

#include <ATen/ops/mul.h>
#include <ATen/ops/ones.h>
#include <c10/util/ThreadLocalDebugInfo.h>
#include <gtest/gtest.h>

#include <regex>
#include <thread>

namespace memlens::tracking {
namespace {

TEST(Recording, ObservesAllocationsAndFreesWithTheirOperators) {
  Recording recording;
  {
    const at::Tensor a = at::ones({10});
    const at::Tensor b = at::mul(a, a);
  }
  std::vector<ObservedEvent> events;
  recording.take(events);
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].action, MemoryAction::Alloc);
  EXPECT_EQ(events[0].bytes, 40);
  EXPECT_EQ(events[0].device, "cpu");
  EXPECT_EQ(events[0].topOp, "aten::ones");
  EXPECT_EQ(events[1].op, "aten::mul");
  EXPECT_EQ(events[1].topOp, "aten::mul");
  // b dies first (reverse order of construction), then a.
  EXPECT_EQ(events[2].action, MemoryAction::Free);
  EXPECT_EQ(events[2].ptr, events[1].ptr);
  EXPECT_EQ(events[3].ptr, events[0].ptr);
  EXPECT_EQ(events[3].totalAllocated, events[0].totalAllocated - 40);
  recording.take(events);
  EXPECT_TRUE(events.empty()) << "take() hands each event out once";
}

TEST(Recording, TakingSwapsBuffersSoThatAKeptOneIsReused) {
  Recording recording;
  std::vector<ObservedEvent> kept;
  const auto allocateAndFree = [] { const at::Tensor t = at::ones({4}); };
  allocateAndFree();
  recording.take(kept);
  const ObservedEvent* first = kept.data();
  allocateAndFree();
  recording.take(kept);
  ASSERT_EQ(kept.size(), 2u);
  allocateAndFree();
  recording.take(kept);
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept.data(), first) << "the events went into the buffer taken the first time";
}

TEST(Recording, SeesNothingOutsideItsLifetime) {
  at::Tensor before = at::ones({4});
  {
    Recording recording;
    std::vector<ObservedEvent> events;
    recording.take(events);
    EXPECT_TRUE(events.empty());
  }
  at::Tensor after = at::ones({4});
  Recording recording;
  std::vector<ObservedEvent> events;
  recording.take(events);
  EXPECT_TRUE(events.empty());
}

TEST(Recording, IsThreadLocal) {
  Recording recording;
  std::thread other([] { const at::Tensor t = at::ones({4}); });
  other.join();
  std::vector<ObservedEvent> events;
  recording.take(events);
  EXPECT_TRUE(events.empty()) << "another thread's allocations are not ours";
}

TEST(Recording, ObservesAgainOnceADebugInfoGuardAroundTheFirstOneEnded) {
  // On a fresh thread, so that the first Recording installs the reporter
  // inside the guard, whose end takes it away again.
  std::size_t observed = 0;
  std::thread fresh([&] {
    {
      const c10::DebugInfoGuard outer(c10::DebugInfoKind::TEST_INFO,
                                      std::make_shared<c10::DebugInfoBase>());
      const Recording first;
    }
    Recording recording;
    { const at::Tensor t = at::ones({4}); }
    std::vector<ObservedEvent> events;
    recording.take(events);
    observed = events.size();
  });
  fresh.join();
  EXPECT_EQ(observed, 2u) << "the allocation and the free";
}

TEST(Recording, OneAtATimePerThread) {
  Recording recording;
  EXPECT_THROW(Recording{}, std::logic_error);
}

TEST(Recording, AnOperatorCalledWithoutNotedArgumentsMakesTheReachUnknown) {
  const at::Tensor a = at::ones({4});
  Recording recording;
  EXPECT_FALSE(recording.reachUnknown());
  const at::Tensor b = at::mul(a, a);
  EXPECT_TRUE(recording.reachUnknown());
}

TEST(Recording, NotedArgumentsAreReachedAndKeepTheReachKnown) {
  const at::Tensor a = at::ones({4});
  Recording recording;
  {
    const NotedArguments noted(a);
    // mul's nested operators (empty, the kernel's) need no notes of their own.
    const at::Tensor b = at::mul(a, a);
  }
  EXPECT_FALSE(recording.reachUnknown());
  std::vector<const void*> reached;
  recording.takeReached(reached);
  EXPECT_EQ(reached, (std::vector<const void*>{a.unsafeGetTensorImpl(),
                                               a.storage().unsafeGetStorageImpl()}));
  std::vector<std::pair<const ObservedCall*, std::int64_t>> calls;
  recording.takeCalls(calls);
  ASSERT_EQ(calls.size(), 1u) << "still seen as a call, only its inputs are not asked for";
  EXPECT_EQ(calls[0].first->name, "aten::mul");
}

TEST(Recording, AutogradMakesTheReachUnknown) {
  at::Tensor w = at::ones({3});
  w.set_requires_grad(true);
  const at::Tensor loss = at::mul(w, w).sum();
  Recording recording;
  {
    const NotedArguments noted(loss);
    loss.backward();
  }
  EXPECT_TRUE(recording.reachUnknown()) << "autograd wrote w.grad, which nothing passed it";
  EXPECT_TRUE(w.grad().defined());
}

TEST(Recording, EachRecordingStartsWithItsReachKnown) {
  const at::Tensor a = at::ones({4});
  {
    Recording recording;
    const at::Tensor b = at::mul(a, a);
    EXPECT_TRUE(recording.reachUnknown());
  }
  Recording recording;
  EXPECT_FALSE(recording.reachUnknown());
}

TEST(Recording, NamesTheLibTorchVersion) {
  EXPECT_TRUE(std::regex_match(torchVersion(), std::regex(R"(\d+\.\d+\.\d+.*)"))) << torchVersion();
}

}  // namespace
}  // namespace memlens::tracking

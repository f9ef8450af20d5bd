#include "tracking/Recording.h"

#include <ATen/ops/mul.h>
#include <ATen/ops/ones.h>
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
  const auto events = recording.take();
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
  EXPECT_TRUE(recording.take().empty()) << "take() hands each event out once";
}

TEST(Recording, SeesNothingOutsideItsLifetime) {
  at::Tensor before = at::ones({4});
  {
    Recording recording;
    EXPECT_TRUE(recording.take().empty());
  }
  at::Tensor after = at::ones({4});
  Recording recording;
  EXPECT_TRUE(recording.take().empty());
}

TEST(Recording, IsThreadLocal) {
  Recording recording;
  std::thread other([] { const at::Tensor t = at::ones({4}); });
  other.join();
  EXPECT_TRUE(recording.take().empty()) << "another thread's allocations are not ours";
}

TEST(Recording, OneAtATimePerThread) {
  Recording recording;
  EXPECT_THROW(Recording{}, std::logic_error);
}

TEST(Recording, NamesTheLibTorchVersion) {
  EXPECT_TRUE(std::regex_match(torchVersion(), std::regex(R"(\d+\.\d+\.\d+.*)"))) << torchVersion();
}

}  // namespace
}  // namespace memlens::tracking

// The memory budget wraps LibTorch's CPU allocator: it refuses what does not
// fit, and everything else still reaches LibTorch's memory reporting, so the
// session sees every allocation and free.

#include <gtest/gtest.h>

#include "script/ScriptRunner.h"
#include "session/MemoryBudget.h"
#include "session/Session.h"

namespace memlens {
namespace {

constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;

TEST(MemoryBudget, DefaultIsAQuarterOfTheRamAtMostFourGiB) {
  EXPECT_GT(defaultMemoryBudget(), 0u);
  EXPECT_LE(defaultMemoryBudget(), 4096 * kMiB);
}

TEST(MemoryBudget, RefusedAllocationLeavesTheSessionWhole) {
  setMemoryBudget(64 * kMiB);
  Session session;
  script::ScriptRunner runner(session);
  const std::uint64_t before = memoryInUse();
  const auto result =
      runner.run("import torch\nx = torch.ones(1000)\ny = torch.zeros(10**12)\nz = x + 1\n",
                 script::RunOptions{.keepGoing = true});
  ASSERT_TRUE(result.firstError);
  EXPECT_EQ(result.firstError->type, "MemoryError");
  EXPECT_EQ(result.firstError->message,
            "allocating 3.6 TiB would exceed the session's memory budget of 64.0 MiB (3.9 KiB in "
            "use)");
  const auto& steps = session.timeline().steps();
  ASSERT_EQ(steps.size(), 4u);
  EXPECT_FALSE(steps[3].error);
  EXPECT_EQ(memoryInUse(), before + 2 * 4000) << "x and z, nothing of the refused y";
}

TEST(MemoryBudget, LibTorchStillReportsEveryAllocationAndFree) {
  setMemoryBudget(64 * kMiB);
  Session session;
  script::ScriptRunner runner(session);
  runner.run("import torch\nx = torch.ones(256)\ndel x\n");
  const auto& steps = session.timeline().steps();
  ASSERT_EQ(steps.size(), 3u);
  ASSERT_EQ(steps[1].events.size(), 1u);
  EXPECT_EQ(steps[1].events[0].action, MemoryAction::Alloc);
  EXPECT_EQ(steps[1].events[0].bytes, 1024);
  ASSERT_EQ(steps[2].events.size(), 1u);
  EXPECT_EQ(steps[2].events[0].action, MemoryAction::Free);
}

TEST(MemoryBudget, ALowerBudgetAppliesToTheNextAllocation) {
  setMemoryBudget(64 * kMiB);
  Session session;
  script::ScriptRunner runner(session);
  EXPECT_FALSE(runner.run("import torch\nx = torch.ones(2**20)\n").firstError);
  setMemoryBudget(kMiB);
  const auto result = runner.run("y = torch.ones(2**20)\n");
  ASSERT_TRUE(result.firstError);
  EXPECT_EQ(result.firstError->type, "MemoryError");
  setMemoryBudget(64 * kMiB);
}

TEST(MemoryBudget, ParsesSizes) {
  EXPECT_EQ(parseByteSize("1024"), 1024u);
  EXPECT_EQ(parseByteSize("512M"), 512 * kMiB);
  EXPECT_EQ(parseByteSize("512MiB"), 512 * kMiB);
  EXPECT_EQ(parseByteSize("2g"), 2048 * kMiB);
  EXPECT_EQ(parseByteSize("1.5G"), 1536 * kMiB);
  EXPECT_EQ(parseByteSize("4k"), 4096u);
  EXPECT_FALSE(parseByteSize(""));
  EXPECT_FALSE(parseByteSize("lots"));
  EXPECT_FALSE(parseByteSize("-1G"));
  EXPECT_FALSE(parseByteSize("5X"));
  EXPECT_FALSE(parseByteSize("99999999T"));
}

TEST(MemoryBudget, FormatsBytes) {
  EXPECT_EQ(formatBytes(1), "1 byte");
  EXPECT_EQ(formatBytes(512), "512 bytes");
  EXPECT_EQ(formatBytes(1536), "1.5 KiB");
  EXPECT_EQ(formatBytes(4 * 1024 * kMiB), "4.0 GiB");
}

}  // namespace
}  // namespace memlens

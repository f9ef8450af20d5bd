// Stopping a running script: from another thread (the GUI's Stop), before it
// starts, or by its time limit. It ends between operators with a located
// error, its statement's bindings undone, and the runner is ready again.

#include <gtest/gtest.h>

#include <thread>

#include "script/ScriptRunner.h"
#include "session/Cancellation.h"
#include "session/ScriptError.h"
#include "session/Session.h"

namespace memlens::script {
namespace {

using namespace std::chrono_literals;

TEST(Cancellation, StopFromAnotherThreadEndsAnEndlessLoop) {
  Session session;
  ScriptRunner runner(session);
  std::thread stopper([&] {
    std::this_thread::sleep_for(200ms);
    runner.cancellation().requestStop();
  });
  const auto result = runner.run("x = 1\nfor i in range(10**15):\n    y = i\nz = 2\n",
                                 RunOptions{.keepGoing = true});
  stopper.join();
  EXPECT_TRUE(result.stopped);
  ASSERT_TRUE(result.firstError);
  EXPECT_EQ(result.firstError->type, "KeyboardInterrupt");
  EXPECT_EQ(result.firstError->line, 3);
  EXPECT_EQ(result.stepsRun, 2u) << "even with keepGoing, nothing runs after a stop";
  EXPECT_FALSE(runner.run("print(x)\n").firstError) << "the stop does not outlive its run";
  EXPECT_EQ(session.timeline().steps().back().output, "1\n");
}

TEST(Cancellation, StopRequestedBeforeTheRunStopsItAtItsFirstStatement) {
  Session session;
  ScriptRunner runner(session);
  runner.cancellation().requestStop();
  const auto result = runner.run("x = 1\ny = 2\n");
  EXPECT_TRUE(result.stopped);
  ASSERT_TRUE(result.firstError);
  EXPECT_EQ(result.firstError->type, "KeyboardInterrupt");
  EXPECT_EQ(result.firstError->line, 1);
}

TEST(Cancellation, TimeLimitStopsTheStatementThatRunsPastIt) {
  Session session;
  ScriptRunner runner(session);
  const auto start = std::chrono::steady_clock::now();
  const auto result = runner.run("import torch\nfor i in range(10**12):\n    t = torch.ones(2)\n",
                                 RunOptions{.timeout = 250ms});
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  ASSERT_TRUE(result.firstError);
  EXPECT_EQ(result.firstError->type, "TimeoutError");
  EXPECT_EQ(result.firstError->message,
            "the script ran longer than its time limit of 0.25 s and was stopped");
  EXPECT_TRUE(
      runner.run("import torch\nt = torch.ones(2)\n", RunOptions{.timeout = 250ms}).firstError ==
      std::nullopt);
}

TEST(Cancellation, CheckOutsideAScopeDoesNothing) {
  EXPECT_NO_THROW(checkCancellation());
  Cancellation cancellation;
  cancellation.requestStop();
  {
    const CancellationScope scope(cancellation);
    EXPECT_THROW(checkCancellation(), ScriptError);
  }
  EXPECT_NO_THROW(checkCancellation());
}

}  // namespace
}  // namespace memlens::script

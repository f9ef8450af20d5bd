#include "script/ScriptRunner.h"

#include <gtest/gtest.h>

#include <string>

namespace memlens::script {
namespace {

struct Outcome {
  std::string output;
  std::optional<StepError> error;
  std::vector<Step> steps;
};

Outcome runScript(std::string_view source, bool keepGoing = false) {
  Session session;
  ScriptRunner runner(session);
  Outcome outcome;
  const auto result = runner.run(source, RunOptions{keepGoing},
                                 [&](const Step& step) { outcome.output += step.output; });
  outcome.error = result.firstError;
  outcome.steps = session.timeline().steps();
  return outcome;
}

std::string output(std::string_view source) {
  const auto outcome = runScript(source);
  EXPECT_FALSE(outcome.error) << outcome.error->type << ": " << outcome.error->message;
  return outcome.output;
}

TEST(ScriptRunner, TheTutorialPrintsWhatPythonPrints) {
  EXPECT_EQ(output("# import required library\n"
                   "import torch\n"
                   "\n"
                   "# create two tensors x and y\n"
                   "x = torch.tensor(4)\n"
                   "y = torch.tensor(3)\n"
                   "print(\"x=\", x.item())\n"
                   "print(\"y=\", y.item())\n"
                   "\n"
                   "# in-place addition\n"
                   "z = x.add_(y)\n"
                   "print(\"In-place Addition x:\", x.item())\n"),
            "x= 4\ny= 3\nIn-place Addition x: 7\n");
}

TEST(ScriptRunner, InPlaceAdditionReturnsTheSameObject) {
  EXPECT_EQ(output("import torch\n"
                   "x = torch.tensor(4)\n"
                   "y = torch.tensor(3)\n"
                   "z = x.add_(y)\n"
                   "print(id(x) == id(z), z is x)\n"
                   "z = torch.add(x, y)\n"
                   "print(id(x) == id(z), z is x)\n"),
            "True True\nFalse False\n");
}

TEST(ScriptRunner, OneStepPerTopLevelStatementWithObservedKinds) {
  const auto outcome = runScript(
      "import torch\n"
      "a = torch.ones(4)\n"
      "b = a.view(2, 2)\n"
      "a += 1\n"
      "for i in range(3):\n"
      "    a.mul_(2)\n"
      "c = a + 1\n"
      "del c\n");
  ASSERT_FALSE(outcome.error);
  ASSERT_EQ(outcome.steps.size(), 7u);
  EXPECT_EQ(outcome.steps[1].kinds, std::vector<StepKind>{StepKind::New});
  EXPECT_EQ(outcome.steps[2].kinds, std::vector<StepKind>{StepKind::View});
  EXPECT_EQ(outcome.steps[3].kinds, std::vector<StepKind>{StepKind::InPlace});
  EXPECT_EQ(outcome.steps[4].kinds, std::vector<StepKind>{StepKind::InPlace});
  EXPECT_EQ(outcome.steps[4].line, 5);
  EXPECT_EQ(outcome.steps[4].code, "for i in range(3):");
  EXPECT_EQ(outcome.steps[5].kinds, std::vector<StepKind>{StepKind::New});
  EXPECT_EQ(outcome.steps[6].kinds, std::vector<StepKind>{StepKind::Free});
}

TEST(ScriptRunner, DataFlowTracesACopyToItsSource) {
  const auto outcome = runScript(
      "import torch\n"
      "a = torch.arange(6.).view(2, 3)\n"
      "c = a.t().contiguous()\n"
      "z = torch.zeros(3)\n");
  ASSERT_FALSE(outcome.error);
  const Step& copy = outcome.steps[2];
  ASSERT_EQ(copy.flows.size(), 1u);
  EXPECT_EQ(copy.flows[0].op, "aten::contiguous");
  const auto source = copy.flows[0].reads;
  ASSERT_EQ(source.size(), 1u);
  EXPECT_EQ(source[0], outcome.steps[1].storages.at(0).id);
  EXPECT_EQ(copy.flows[0].produces, std::vector<std::int64_t>{copy.storages.at(0).id});
  EXPECT_TRUE(outcome.steps[3].flows.empty()) << "a factory reads no storage";
}

TEST(ScriptRunner, PythonNumberSemantics) {
  EXPECT_EQ(output("print(7 // 2, -7 // 2, 7 % -3, -7 % 3, 2 ** 10, 2 ** -1)\n"
                   "print(7 / 2, 1 / 3, 0.1 + 0.2, 1e16, 1e-5, -0.0)\n"
                   "print(True + 1, 3 * 'ab', [1, 2] + [3], (1,), 10 ** 15 * 1.0)\n"
                   "print(7.5 // 2, -7.5 % 2, abs(-3), round(2.5), round(3.5), min(3, 1, 2))\n"),
            "3 -4 -2 2 1024 0.5\n"
            "3.5 0.3333333333333333 0.30000000000000004 1e+16 1e-05 -0.0\n"
            "2 ababab [1, 2, 3] (1,) 1000000000000000.0\n"
            "3.0 0.5 3 2 4 1\n");
}

TEST(ScriptRunner, ControlFlowAndFStrings) {
  EXPECT_EQ(output("total = 0\n"
                   "for i in range(10):\n"
                   "    if i % 2 == 0:\n"
                   "        continue\n"
                   "    elif i > 7:\n"
                   "        break\n"
                   "    else:\n"
                   "        total += i\n"
                   "print(f'total={total} {total!r:>5} {1/3:.3f} {\"x\"}', sep='', end='!\\n')\n"
                   "a, (b, c) = 1, [2, 3]\n"
                   "print(a, b, c, sep='-')\n"),
            "total=16    16 0.333 x!\n1-2-3\n");
}

TEST(ScriptRunner, ErrorsCarryPythonTypesAndPositions) {
  auto outcome = runScript("import torch\nx = torch.ones(2)\ny = x.view(3)\nprint('never')\n");
  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.error->type, "RuntimeError");
  EXPECT_EQ(outcome.error->message, "shape '[3]' is invalid for input of size 2");
  EXPECT_EQ(outcome.error->line, 3);
  EXPECT_EQ(outcome.error->column, 5);
  EXPECT_EQ(outcome.steps.size(), 3u) << "stops at the failing statement, like Python";
  EXPECT_EQ(outcome.output, "");

  outcome = runScript("x = 1\ny = x + undefined_name\n");
  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.error->type, "NameError");
  EXPECT_EQ(outcome.error->message, "name 'undefined_name' is not defined");
  EXPECT_EQ(outcome.error->line, 2);
  EXPECT_EQ(outcome.error->column, 9);

  outcome = runScript("print(1 // 0)\n");
  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.error->type, "ZeroDivisionError");
  EXPECT_EQ(outcome.error->message, "integer division or modulo by zero");
}

TEST(ScriptRunner, KeepGoingRunsPastFailures) {
  const auto outcome = runScript("print(1)\nprint(nope)\nprint(2)\n", /*keepGoing=*/true);
  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.error->line, 2);
  EXPECT_EQ(outcome.output, "1\n2\n");
  EXPECT_EQ(outcome.steps.size(), 3u);
}

TEST(ScriptRunner, AFailureIsReportedAndStopsTheRunEvenWhenEachStepIsTakenAway) {
  // How memlens-cli streams a trace: the session keeps no steps and each one
  // is moved out as soon as it is seen.
  Session session(SessionOptions{.keepSteps = false});
  ScriptRunner runner(session);
  std::vector<Step> taken;
  const auto result = runner.run("print(1)\nprint(nope)\nprint(2)\n", RunOptions{},
                                 [&](const Step&) { taken.push_back(*session.takeLastStep()); });
  ASSERT_TRUE(result.firstError);
  EXPECT_EQ(result.firstError->type, "NameError");
  EXPECT_EQ(result.firstError->line, 2);
  EXPECT_EQ(result.stepsRun, 2u);
  ASSERT_EQ(taken.size(), 2u);
  ASSERT_TRUE(taken[1].error);
  EXPECT_EQ(taken[1].error->type, "NameError");
}

TEST(ScriptRunner, ASyntaxErrorRunsNothing) {
  const auto outcome = runScript("print(1)\nx = (2\n");
  ASSERT_TRUE(outcome.error);
  EXPECT_EQ(outcome.error->type, "SyntaxError");
  EXPECT_TRUE(outcome.steps.empty());
}

TEST(ScriptRunner, AFailedStatementBindsNothing) {
  const auto outcome = runScript("import torch\na, b = torch.ones(2), torch.ones(2).view(5)\n");
  ASSERT_TRUE(outcome.error);
  EXPECT_TRUE(outcome.steps.back().tensors.empty());
  EXPECT_TRUE(outcome.steps.back().storages.empty());
}

TEST(ScriptRunner, TensorsAndAutogradThroughTheDispatcher) {
  EXPECT_EQ(
      output(
          "import torch\n"
          "w = torch.ones(3, requires_grad=True)\n"
          "loss = (w * 2).sum()\n"
          "loss.backward()\n"
          "print(w.grad.tolist(), w.is_leaf, loss.requires_grad, w.grad_fn is None)\n"
          "with torch.no_grad():\n"
          "    v = w * 2\n"
          "print(v.requires_grad, torch.is_grad_enabled())\n"
          "m = torch.arange(6).view(2, 3)\n"
          "print(m.shape == (2, 3), m.size(1), m.stride(), m.t().is_contiguous(), m[1, 2].item())\n"
          "print(m.dtype == torch.int64, m.float().dtype == torch.float32, len(m))\n"),
      "[2.0, 2.0, 2.0] True True True\n"
      "False True\n"
      "True 3 (3, 1) False 5\n"
      "True True 2\n");
}

TEST(ScriptRunner, WithoutRecordingStatementsStillRunAndFail) {
  Session session(SessionOptions{.record = false});
  ScriptRunner runner(session);
  std::string output;
  std::vector<Step> steps;
  const auto result = runner.run(
      "import torch\n"
      "x = torch.ones(3)\n"
      "x.add_(1)\n"
      "print(x.tolist(), x._version)\n"
      "x.view(5)\n"
      "print(x.sum().item())\n",
      RunOptions{.keepGoing = true}, [&](const Step& step) {
        output += step.output;
        steps.push_back(step);
      });
  EXPECT_EQ(output, "[2.0, 2.0, 2.0] 1\n6.0\n");
  ASSERT_TRUE(result.firstError);
  EXPECT_EQ(result.firstError->type, "RuntimeError");
  EXPECT_EQ(result.firstError->line, 5);
  ASSERT_EQ(steps.size(), 6u);
  for (const Step& step : steps) {
    EXPECT_TRUE(step.events.empty() && step.tensors.empty() && step.storages.empty() &&
                step.kinds.empty() && step.calls.empty())
        << step.code;
  }
  EXPECT_EQ(steps[2].code, "x.add_(1)");
  EXPECT_TRUE(session.timeline().empty());
}

TEST(ScriptRunner, AStopBetweenStatementsIsReportedAtTheNextOne) {
  Session session;
  ScriptRunner runner(session);
  // Ctrl-C landing after a statement finished and before the next began.
  const auto result = runner.run("x = 1\ny = 2\nz = 3\n", {},
                                 [&](const Step&) { runner.cancellation().requestStop(); });
  EXPECT_TRUE(result.stopped);
  EXPECT_EQ(result.stepsRun, 1u);
  ASSERT_TRUE(result.firstError);
  EXPECT_EQ(result.firstError->type, "KeyboardInterrupt");
  EXPECT_EQ(result.firstError->line, 2);
  EXPECT_EQ(result.firstError->column, 1);
}

}  // namespace
}  // namespace memlens::script

#pragma once
// Runs a whole MemLens script through a Session: one Step per top-level
// statement, stopping at the first failing one unless told to keep going.
// Torch-free header, for the CLI and the UI.

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "session/Cancellation.h"
#include "session/Session.h"

namespace memlens::script {

struct RunOptions {
  bool keepGoing = false;
  // Wall-clock limit for the whole run; zero: none. The statement running
  // when it passes fails with a TimeoutError and the run ends there.
  std::chrono::milliseconds timeout{0};
};

struct RunResult {
  std::size_t stepsRun = 0;
  std::optional<StepError> firstError;  // a syntax error, or the first failing statement's
  bool stopped = false;                 // ended early by a stop request or the timeout
};

class ScriptRunner {
 public:
  // Also puts the default memory budget in force unless one is set.
  explicit ScriptRunner(Session& session);
  ~ScriptRunner();

  // `onStep` sees each step as soon as it is recorded (to stream output); it
  // may take the step from a session that keeps none (Session::takeLastStep).
  RunResult run(std::string_view source, const RunOptions& options = {},
                const std::function<void(const Step&)>& onStep = {});

  // Stops the running script between two operators, from any thread or a
  // signal handler: cancellation().requestStop(). A request made before a run
  // starts stops it at its first statement; each run ends with it cleared.
  Cancellation& cancellation();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace memlens::script

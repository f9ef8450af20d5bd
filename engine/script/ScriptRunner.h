#pragma once
// Runs a whole MemLens script through a Session: one Step per top-level
// statement, stopping at the first failing one unless told to keep going.
// Torch-free header, for the CLI and the UI.

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "session/Session.h"

namespace memlens::script {

struct RunOptions {
  bool keepGoing = false;
};

struct RunResult {
  std::size_t stepsRun = 0;
  std::optional<StepError> firstError;  // a syntax error, or the first failing statement's
};

class ScriptRunner {
 public:
  explicit ScriptRunner(Session& session);
  ~ScriptRunner();

  // `onStep` sees each step as soon as it is recorded (to stream output).
  RunResult run(std::string_view source, const RunOptions& options = {},
                const std::function<void(const Step&)>& onStep = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace memlens::script

#include "script/ScriptRunner.h"

#include <iterator>

#include "script/Evaluator.h"
#include "script/Parser.h"
#include "session/MemoryBudget.h"
#include "session/Scope.h"
#include "session/ScriptError.h"

namespace memlens::script {

struct ScriptRunner::Impl {
  explicit Impl(Session& s) : session(s) {}
  Session& session;
  ScriptState state;
  Cancellation cancellation;
};

ScriptRunner::ScriptRunner(Session& session) : impl_(std::make_unique<Impl>(session)) {
  ensureMemoryBudget();
}

ScriptRunner::~ScriptRunner() = default;

RunResult ScriptRunner::run(std::string_view source, const RunOptions& options,
                            const std::function<void(const Step&)>& onStep) {
  RunResult result;
  Cancellation& cancellation = impl_->cancellation;
  // A stop requested before the run began applies to it; one after it does not
  // carry over to the next.
  const std::unique_ptr<Cancellation, void (*)(Cancellation*)> resetAfterRun(
      &cancellation, [](Cancellation* c) { c->reset(); });
  cancellation.startClock(options.timeout);
  const CancellationScope current(cancellation);
  Module module;
  try {
    module = parseModule(source);
  } catch (const ScriptError& e) {
    result.firstError = StepError{e.type(), e.what(), e.line(), e.column()};
    return result;
  }
  for (auto it = module.body.begin(); it != module.body.end(); ++it) {
    const Stmt& stmt = **it;
    const Step& step =
        impl_->session.run(Statement{stmt.source, stmt.position.line, stmt.position.column},
                           [&](Scope& scope) { Evaluator(scope, impl_->state).execute(stmt); });
    ++result.stepsRun;
    // onStep may take the step from the session, so read it first.
    const bool failed = step.error.has_value();
    if (failed && !result.firstError) result.firstError = step.error;
    if (onStep) onStep(step);
    if (cancellation.stopping()) {
      result.stopped = true;
      // Stopped between two statements: the error belongs to the one that
      // did not run, as it would had the stop come a moment later.
      if (!result.firstError && std::next(it) != module.body.end()) {
        const auto& next = (*std::next(it))->position;
        try {
          cancellation.check();
        } catch (const ScriptError& e) {
          result.firstError = StepError{e.type(), e.what(), next.line, next.column};
        }
      }
      break;
    }
    if (failed && !options.keepGoing) break;
  }
  return result;
}

Cancellation& ScriptRunner::cancellation() {
  return impl_->cancellation;
}

}  // namespace memlens::script

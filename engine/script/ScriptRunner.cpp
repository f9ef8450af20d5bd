#include "script/ScriptRunner.h"

#include "script/Evaluator.h"
#include "script/Parser.h"
#include "session/Scope.h"
#include "session/ScriptError.h"

namespace memlens::script {

struct ScriptRunner::Impl {
  Session& session;
  ScriptState state;
};

ScriptRunner::ScriptRunner(Session& session) : impl_(std::make_unique<Impl>(Impl{session, {}})) {}

ScriptRunner::~ScriptRunner() = default;

RunResult ScriptRunner::run(std::string_view source, const RunOptions& options,
                            const std::function<void(const Step&)>& onStep) {
  RunResult result;
  Module module;
  try {
    module = parseModule(source);
  } catch (const ScriptError& e) {
    result.firstError = StepError{e.type(), e.what(), e.line(), e.column()};
    return result;
  }
  for (const auto& statement : module.body) {
    const Stmt& stmt = *statement;
    const Step& step =
        impl_->session.run(Statement{stmt.source, stmt.position.line, stmt.position.column},
                           [&](Scope& scope) { Evaluator(scope, impl_->state).execute(stmt); });
    ++result.stepsRun;
    if (onStep) onStep(step);
    if (step.error) {
      if (!result.firstError) result.firstError = step.error;
      if (!options.keepGoing) break;
    }
  }
  return result;
}

}  // namespace memlens::script

#include "workbench/ScriptWorker.h"

#include <chrono>

#include "script/ScriptRunner.h"
#include "session/MemoryBudget.h"
#include "session/Session.h"

namespace memlens::workbench {

namespace {

// Steps go to the window at most this often, so a fast script does not flood
// the event loop with one signal per statement.
constexpr auto kBatchInterval = std::chrono::milliseconds(40);

}  // namespace

void ScriptWorker::stopThrough(std::uint64_t run) {
  std::uint64_t seen = stoppedThrough_.load();
  while (seen < run && !stoppedThrough_.compare_exchange_weak(seen, run)) {
  }
  const std::lock_guard lock(runnerMutex_);
  if (runner_ != nullptr && runnerRun_ <= run) runner_->cancellation().requestStop();
}

void ScriptWorker::run(std::uint64_t run, const RunRequest& request) {
  if (run <= stoppedThrough_.load()) {
    Q_EMIT finished(run, RunOutcome{0, std::nullopt, true});
    return;
  }
  setMemoryBudget(request.memoryBudget > 0 ? request.memoryBudget : defaultMemoryBudget());
  Session session;
  script::ScriptRunner runner(session);
  {
    const std::lock_guard lock(runnerMutex_);
    runner_ = &runner;
    runnerRun_ = run;
  }
  // A stop that came between the check above and the runner becoming visible.
  if (run <= stoppedThrough_.load()) runner.cancellation().requestStop();

  std::vector<Step> batch;
  auto lastFlush = std::chrono::steady_clock::now();
  const auto flush = [&] {
    if (!batch.empty()) Q_EMIT stepsRecorded(run, batch);
    batch.clear();
    lastFlush = std::chrono::steady_clock::now();
  };
  script::RunOptions options;
  options.timeout = std::chrono::milliseconds(request.timeoutMs);
  const script::RunResult result =
      runner.run(request.source.toStdString(), options, [&](const Step& step) {
        batch.push_back(step);
        if (std::chrono::steady_clock::now() - lastFlush >= kBatchInterval) flush();
      });
  {
    const std::lock_guard lock(runnerMutex_);
    runner_ = nullptr;
  }
  flush();
  Q_EMIT finished(run, RunOutcome{result.stepsRun, result.firstError, result.stopped});
}

}  // namespace memlens::workbench

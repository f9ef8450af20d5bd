#pragma once
// The side of ScriptExecution that lives on the worker thread: it creates a
// fresh Session and ScriptRunner for each run there and streams the steps.

#include <QObject>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <vector>

#include "trace/Step.h"
#include "workbench/ScriptExecution.h"

namespace memlens::script {
class ScriptRunner;
}

namespace memlens::workbench {

class ScriptWorker : public QObject {
  Q_OBJECT

 public:
  // Any thread: every run numbered up to `run` stops between two operators,
  // or does not start.
  void stopThrough(std::uint64_t run);
  // On the worker thread: runs `request` in a fresh Session.
  void run(std::uint64_t run, const memlens::workbench::RunRequest& request);

 Q_SIGNALS:
  void stepsRecorded(std::uint64_t run, const std::vector<memlens::Step>& steps);
  void finished(std::uint64_t run, const memlens::workbench::RunOutcome& outcome);

 private:
  std::atomic<std::uint64_t> stoppedThrough_{0};
  std::mutex runnerMutex_;  // guards runner_ against stopThrough() from the GUI thread
  script::ScriptRunner* runner_ = nullptr;
  std::uint64_t runnerRun_ = 0;
};

}  // namespace memlens::workbench

#pragma once
// Runs scripts off the GUI thread, so the window never freezes. One worker
// thread owns every Session (LibTorch's memory reporting is per thread), steps
// come back in batches as they are recorded, and each run carries a number so
// that the window drops what a superseded run still delivers.

#include <QObject>
#include <QThread>

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "trace/Step.h"

namespace memlens::workbench {

struct RunRequest {
  QString source;
  std::uint64_t memoryBudget = 0;  // bytes; 0: the default, min(25% of RAM, 4 GiB)
  int timeoutMs = 0;               // 0: none
};

struct RunOutcome {
  std::size_t stepsRun = 0;
  std::optional<StepError> firstError;
  bool stopped = false;
};

class ScriptWorker;

class ScriptExecution : public QObject {
  Q_OBJECT

 public:
  explicit ScriptExecution(QObject* parent = nullptr);
  ~ScriptExecution() override;

  // Starts a run and returns its number. A run still going is asked to stop;
  // its late results carry its own, older number.
  std::uint64_t start(RunRequest request);
  // Stops the current run between two operators (it ends with `stopped`).
  void stop();
  bool running() const { return running_; }
  std::uint64_t currentRun() const { return current_; }

 Q_SIGNALS:
  // Steps of run `run`, in order, as they are recorded.
  void stepsRecorded(std::uint64_t run, const std::vector<memlens::Step>& steps);
  void finished(std::uint64_t run, const memlens::workbench::RunOutcome& outcome);

 private:
  void onFinished(std::uint64_t run, const RunOutcome& outcome);

  QThread thread_;
  ScriptWorker* worker_;  // lives on thread_
  std::uint64_t current_ = 0;
  bool running_ = false;
};

}  // namespace memlens::workbench

Q_DECLARE_METATYPE(memlens::workbench::RunOutcome)

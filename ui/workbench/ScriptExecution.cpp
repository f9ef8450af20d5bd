#include "workbench/ScriptExecution.h"

#include "workbench/ScriptWorker.h"

namespace memlens::workbench {

ScriptExecution::ScriptExecution(QObject* parent) : QObject(parent), worker_(new ScriptWorker) {
  qRegisterMetaType<RunOutcome>();
  qRegisterMetaType<std::vector<Step>>();
  thread_.setObjectName(QStringLiteral("memlens-script"));
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &ScriptWorker::stepsRecorded, this, &ScriptExecution::stepsRecorded);
  connect(worker_, &ScriptWorker::finished, this, &ScriptExecution::onFinished);
  thread_.start();
}

ScriptExecution::~ScriptExecution() {
  worker_->stopThrough(current_);
  thread_.quit();
  thread_.wait();
}

std::uint64_t ScriptExecution::start(RunRequest request) {
  if (running_) worker_->stopThrough(current_);
  ++current_;
  running_ = true;
  QMetaObject::invokeMethod(
      worker_,
      [worker = worker_, run = current_, request = std::move(request)] {
        worker->run(run, request);
      },
      Qt::QueuedConnection);
  return current_;
}

void ScriptExecution::stop() {
  if (running_) worker_->stopThrough(current_);
}

void ScriptExecution::onFinished(std::uint64_t run, const RunOutcome& outcome) {
  if (run == current_) running_ = false;
  Q_EMIT finished(run, outcome);
}

}  // namespace memlens::workbench

#include "session/Session.h"

#include <stdexcept>
#include <utility>

#include "session/ErrorTranslation.h"
#include "session/MemoryModel.h"
#include "session/OperatorCalls.h"
#include "session/Scope.h"
#include "tracking/Cuda.h"
#include "tracking/Recording.h"

namespace memlens {

struct Session::Impl {
  explicit Impl(SessionOptions o) : options(o), model(o.checkEveryName) {}

  SessionOptions options;
  Scope scope;
  MemoryModel model;
  Step lastUnkept;  // the last step when the timeline keeps none

  // Runs the statement's body, its error becoming the step's.
  void execute(const Statement& statement, const Body& body, Step& step) {
    try {
      body(scope);
      scope.commit();
    } catch (...) {
      step.error = translateException(std::current_exception(), statement);
      // Undone inside the recording, if any: dropping what the failed
      // statement bound frees memory, and that is part of this step.
      scope.rollback();
    }
  }

  // Drops every value while recording, so LibTorch's accounting sees the
  // frees of what the session allocated.
  void releaseValues() {
    if (!options.record) {
      scope.clear();
      return;
    }
    tracking::Recording recording;
    scope.clear();
  }
};

Session::Session(SessionOptions options) : impl_(std::make_unique<Impl>(options)) {}

Session::~Session() {
  impl_->releaseValues();
}

const Step& Session::run(const Statement& statement, const Body& body) {
  if (!impl_->options.record) {
    Step& step = impl_->lastUnkept;
    step = Step{};
    step.line = statement.line;
    step.code = statement.code;
    impl_->execute(statement, body, step);
    step.output = impl_->scope.takeOutput();
    return step;
  }
  Step step;
  step.line = statement.line;
  step.code = statement.code;
  std::vector<tracking::ObservedEvent> events;
  std::vector<ops::ObservedFlow> flows;
  StatementReach reach;
  {
    tracking::Recording recording;
    ops::FlowRecording flowRecording;
    impl_->execute(statement, body, step);
    events = recording.take();
    step.calls = describeCalls(recording.takeCalls());
    flows = flowRecording.take();
    reach.reached = recording.takeReached();
    reach.everyName = recording.reachUnknown();
  }
  reach.rebound = impl_->scope.takeRebound();
  step.output = impl_->scope.takeOutput();
  impl_->model.observe(std::move(events), impl_->scope.values(), reach, flows, step);
  if (auto segments = tracking::cudaSegments()) {
    impl_->model.observeSegments(std::move(*segments), step);
  }
  if (!impl_->options.keepSteps) {
    impl_->lastUnkept = std::move(step);
    return impl_->lastUnkept;
  }
  timeline_.append(std::move(step));
  return timeline_.steps().back();
}

Step Session::takeLastStep() {
  if (impl_->options.keepSteps)
    throw std::logic_error("takeLastStep: the timeline keeps the steps");
  return std::exchange(impl_->lastUnkept, Step{});
}

void Session::reset() {
  impl_->releaseValues();
  impl_->model = MemoryModel{impl_->options.checkEveryName};
  timeline_.clear();
}

Trace Session::trace() const {
  return Trace{tracking::torchVersion(), timeline_.steps()};
}

}  // namespace memlens

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
  std::unique_ptr<Step> lastUnkept = std::make_unique<Step>();  // when the timeline keeps none
  // What recording a statement observed, kept between statements so that
  // the next one reuses its buffers instead of allocating them again.
  struct Observed {
    std::vector<tracking::ObservedEvent> events;
    std::vector<std::pair<const tracking::ObservedCall*, std::int64_t>> calls;
    std::vector<ops::ObservedFlow> flows;
    StatementReach reach;
  } observed;

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

const Step& Session::run(Statement statement, const Body& body) {
  // A step the timeline does not keep is made where takeLastStep finds it,
  // in the buffers of the one before (or of the spare it was handed).
  const bool keep = impl_->options.record && impl_->options.keepSteps;
  Step kept;
  Step& step = keep ? kept : *impl_->lastUnkept;
  if (!keep) step.clearKeepingBuffers();
  step.line = statement.line;
  step.code.assign(statement.code);
  if (!impl_->options.record) {
    impl_->execute(statement, body, step);
    step.output = impl_->scope.takeOutput();
    return *impl_->lastUnkept;
  }
  Impl::Observed& observed = impl_->observed;
  {
    tracking::Recording recording;
    ops::FlowRecording flowRecording;
    impl_->execute(statement, body, step);
    recording.take(observed.events);
    recording.takeCalls(observed.calls);
    describeCalls(observed.calls, step.calls);
    flowRecording.take(observed.flows);
    recording.takeReached(observed.reach.reached);
    observed.reach.everyName = recording.reachUnknown();
  }
  impl_->scope.takeRebound(observed.reach.rebound);
  step.output = impl_->scope.takeOutput();
  impl_->model.observe(observed.events, impl_->scope.values(), observed.reach, observed.flows,
                       step);
  if (auto segments = tracking::cudaSegments()) {
    impl_->model.observeSegments(std::move(*segments), step);
  }
  if (!keep) return *impl_->lastUnkept;
  timeline_.append(std::move(step));
  return timeline_.steps().back();
}

std::unique_ptr<Step> Session::takeLastStep(std::unique_ptr<Step> spare) {
  if (impl_->options.keepSteps)
    throw std::logic_error("takeLastStep: the timeline keeps the steps");
  if (spare) {
    spare->clearKeepingBuffers();
  } else {
    spare = std::make_unique<Step>();
  }
  return std::exchange(impl_->lastUnkept, std::move(spare));
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

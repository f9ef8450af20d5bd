#include "session/Session.h"

#include "session/ErrorTranslation.h"
#include "session/MemoryModel.h"
#include "session/OperatorCalls.h"
#include "session/Scope.h"
#include "tracking/Cuda.h"
#include "tracking/Recording.h"

namespace memlens {

struct Session::Impl {
  Scope scope;
  MemoryModel model;

  // Drops every value while recording, so LibTorch's accounting sees the
  // frees of what the session allocated.
  void releaseValues() {
    tracking::Recording recording;
    scope.clear();
  }
};

Session::Session() : impl_(std::make_unique<Impl>()) {}

Session::~Session() {
  impl_->releaseValues();
}

const Step& Session::run(const Statement& statement, const Body& body) {
  Step step;
  step.line = statement.line;
  step.code = statement.code;
  std::vector<tracking::ObservedEvent> events;
  std::vector<ops::ObservedFlow> flows;
  {
    tracking::Recording recording;
    ops::FlowRecording flowRecording;
    try {
      body(impl_->scope);
      impl_->scope.commit();
    } catch (...) {
      step.error = translateException(std::current_exception(), statement);
      // Undone inside the recording: dropping what the failed statement
      // bound frees memory, and that is part of this step.
      impl_->scope.rollback();
    }
    events = recording.take();
    step.calls = describeCalls(recording.takeCalls());
    flows = flowRecording.take();
  }
  step.output = impl_->scope.takeOutput();
  impl_->model.observe(std::move(events), impl_->scope.values(), flows, step);
  if (auto segments = tracking::cudaSegments()) {
    impl_->model.observeSegments(std::move(*segments), step);
  }
  timeline_.append(std::move(step));
  return timeline_.steps().back();
}

void Session::reset() {
  impl_->releaseValues();
  impl_->model = MemoryModel{};
  timeline_.clear();
}

Trace Session::trace() const {
  return Trace{tracking::torchVersion(), timeline_.steps()};
}

}  // namespace memlens

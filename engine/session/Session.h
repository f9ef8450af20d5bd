#pragma once
// A session runs statements against real LibTorch and records, for each, a
// Step: what was allocated and freed, by which operator, and what every named
// tensor and live storage looks like afterwards. Torch-free header: the UI and
// the CLI include it; code that manipulates tensors includes session/Scope.h.

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "trace/Step.h"
#include "trace/Timeline.h"
#include "trace/TraceJson.h"

namespace memlens {

class Scope;

struct Statement {
  // The text shown for the step, read during Session::run only: the step
  // copies it into a buffer it keeps, so running allocates no text.
  std::string_view code;
  int line = 0;  // 1-based; 0 when the statement has no source position
  int column = 0;
};

struct SessionOptions {
  // Off: statements still run, and their output and errors are captured, but
  // LibTorch is not observed (no memory reporting, no operator callbacks, no
  // memory model) and the timeline stays empty. Only for measuring what
  // recording costs; every user-facing run records.
  bool record = true;
  // Look at every named tensor after every statement, not only those the
  // statement reached: slower, and what tests compare the normal check with.
  bool checkEveryName = false;
  // Off: run() hands each recorded step back and drops it at the next run,
  // and the timeline stays empty; for callers that stream steps out (a trace
  // file) and must not hold a long run in memory.
  bool keepSteps = true;
};

class Session {
 public:
  using Body = std::function<void(Scope&)>;

  explicit Session(SessionOptions options = {});
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Runs `body` as one step, on the calling thread, and records it. An
  // exception thrown by `body` becomes the step's error (Python's type and
  // PyTorch's message) and undoes the step's bindings; it does not propagate.
  // Without recording, the step holds only the statement, its output and
  // error. Without recording or keeping steps, it lives until the next run.
  const Step& run(Statement statement, const Body& body);

  // With keepSteps off: hands out the step the last run() returned, for a
  // caller that passes it on (that reference now lives as long as the caller
  // keeps the step). A caller done with an earlier step may give it back as
  // `spare`: the next run fills its buffers instead of allocating new ones.
  // Steps go by pointer because moving a Step moves each of its fifteen
  // members.
  std::unique_ptr<Step> takeLastStep(std::unique_ptr<Step> spare = nullptr);

  // Forgets every value and step; the next step starts from an empty state.
  void reset();

  const Timeline& timeline() const { return timeline_; }
  Trace trace() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  Timeline timeline_;
};

}  // namespace memlens

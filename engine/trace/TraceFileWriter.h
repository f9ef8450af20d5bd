#pragma once
// Writes a trace file step by step as a session records them, so a long run
// need not keep its steps, and on a thread of its own, so turning steps into
// JSON and writing them overlaps the run instead of adding to it. The same
// bytes as writeTraceFile, as atomically: the file appears once finish()
// returns, and not at all without it.

#include <filesystem>
#include <memory>
#include <string_view>

#include "trace/Step.h"

namespace memlens {

class TraceFileWriter {
 public:
  // Throws std::runtime_error naming the file when it cannot be created.
  TraceFileWriter(const std::filesystem::path& path, std::string_view torchVersion);
  // Unfinished, the file is left as it was.
  ~TraceFileWriter();
  TraceFileWriter(const TraceFileWriter&) = delete;
  TraceFileWriter& operator=(const TraceFileWriter&) = delete;

  // Queues the step, which must not be null (waiting if the writer is far
  // behind). A failure to write an earlier step is thrown here or by
  // finish(). Steps go by pointer, as they do out of Session::takeLastStep.
  void append(std::unique_ptr<Step> step);
  // A step already written, for the appending thread to fill again
  // (Session::takeLastStep's spare), so that its buffers are reused rather
  // than freed and allocated anew; null when none is spare.
  std::unique_ptr<Step> spareStep();
  // Writes what is queued and the trace's end, then puts the file in place.
  void finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace memlens

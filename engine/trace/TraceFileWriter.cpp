#include "trace/TraceFileWriter.h"

#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "trace/AtomicFile.h"
#include "trace/TraceWriter.h"

namespace memlens {
namespace {

// Written out in pieces of about this size: few system calls, little memory.
constexpr std::size_t kFlushBytes = std::size_t{1} << 20;
// The writer wakes for this many steps at a time, not for each one: waking a
// thread costs more than writing a step does.
constexpr std::size_t kBatchSteps = 256;
// How far the run may get ahead of a slow disk before it waits.
constexpr std::size_t kMaxQueuedSteps = 16 * kBatchSteps;

using Steps = std::vector<std::unique_ptr<Step>>;

}  // namespace

struct TraceFileWriter::Impl {
  Impl(const std::filesystem::path& path, std::string_view torchVersion) : file(path) {
    text.reserve(kFlushBytes + kFlushBytes / 4);
    appendTraceOpening(text, torchVersion);
    writer = std::thread([this] { writeQueued(); });
  }

  // The writer thread: turns queued steps into text and writes it until told
  // to stop, leaving the trace's end to finish().
  void writeQueued() {
    Steps batch;
    while (true) {
      {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return queued.size() >= kBatchSteps || stopping; });
        if (abandoned || (stopping && queued.empty())) return;
        batch.swap(queued);
      }
      changed.notify_all();
      try {
        for (const auto& step : batch) {
          appendTraceStep(text, *step, first, false);
          first = false;
          if (text.size() >= kFlushBytes) {
            file.write(text);
            text.clear();
          }
        }
      } catch (...) {
        const std::lock_guard lock(mutex);
        failure = std::current_exception();
        return;
      }
      // Handed back to the thread that allocated them, to reuse or free:
      // freeing another thread's memory takes its malloc arena's lock, which
      // the run keeps busy.
      const std::lock_guard lock(mutex);
      written.push_back(std::exchange(batch, {}));
    }
  }

  // Ends the writer thread, after the queue is written unless `abandon`.
  void stop(bool abandon) {
    {
      const std::lock_guard lock(mutex);
      stopping = true;
      abandoned = abandon;
    }
    changed.notify_all();
    writer.join();
  }

  AtomicFileWriter file;
  std::string text;  // the writer thread's until it ends
  bool first = true;
  Steps spares;  // the appending thread's: written steps to reuse

  std::mutex mutex;
  std::condition_variable changed;  // steps queued or taken, or stopping
  Steps queued;                     // guarded by mutex, as are the four below
  std::vector<Steps> written;       // to be reused or freed by the appending thread
  bool stopping = false;
  bool abandoned = false;
  std::exception_ptr failure;

  std::thread writer;  // last: it starts once everything it uses exists
};

TraceFileWriter::TraceFileWriter(const std::filesystem::path& path, std::string_view torchVersion)
    : impl_(std::make_unique<Impl>(path, torchVersion)) {}

TraceFileWriter::~TraceFileWriter() {
  if (impl_->writer.joinable()) impl_->stop(true);
}

void TraceFileWriter::append(std::unique_ptr<Step> step) {
  if (!step) throw std::logic_error("append without a step");
  std::vector<Steps> written;  // kept or freed once the lock is released
  {
    std::unique_lock lock(impl_->mutex);
    written.swap(impl_->written);
    if (impl_->stopping) throw std::logic_error("append after finish");
    impl_->changed.wait(
        lock, [&] { return impl_->queued.size() < kMaxQueuedSteps || impl_->failure != nullptr; });
    if (impl_->failure) std::rethrow_exception(impl_->failure);
    if (impl_->queued.capacity() == 0) impl_->queued.reserve(kBatchSteps);
    impl_->queued.push_back(std::move(step));
    if (impl_->queued.size() == kBatchSteps) {
      lock.unlock();
      impl_->changed.notify_all();
    }
  }
  // One batch's worth is enough to reuse until the writer hands back the next.
  for (auto& batch : written) {
    for (auto& done : batch) {
      if (impl_->spares.size() == kBatchSteps) return;
      impl_->spares.push_back(std::move(done));
    }
  }
}

std::unique_ptr<Step> TraceFileWriter::spareStep() {
  if (impl_->spares.empty()) return nullptr;
  std::unique_ptr<Step> spare = std::move(impl_->spares.back());
  impl_->spares.pop_back();
  return spare;
}

void TraceFileWriter::finish() {
  if (!impl_->writer.joinable()) throw std::logic_error("finish after finish");
  impl_->stop(false);
  if (impl_->failure) std::rethrow_exception(impl_->failure);
  appendTraceClosing(impl_->text);
  impl_->file.write(impl_->text);
  impl_->file.commit();
}

}  // namespace memlens

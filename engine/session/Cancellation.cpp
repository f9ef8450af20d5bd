#include "session/Cancellation.h"

#include <cstdio>
#include <string>

#include "session/ScriptError.h"

namespace memlens {
namespace {

thread_local const Cancellation* tlsCurrent = nullptr;

std::int64_t nowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

void Cancellation::startClock(std::chrono::milliseconds limit) {
  limitMs_.store(limit.count(), std::memory_order_relaxed);
  const auto deadline =
      limit.count() > 0
          ? nowNs() + std::chrono::duration_cast<std::chrono::nanoseconds>(limit).count()
          : 0;
  deadlineNs_.store(deadline, std::memory_order_relaxed);
}

void Cancellation::reset() noexcept {
  stopRequested_.store(false, std::memory_order_relaxed);
  deadlineNs_.store(0, std::memory_order_relaxed);
  limitMs_.store(0, std::memory_order_relaxed);
}

bool Cancellation::timedOut() const noexcept {
  const auto deadline = deadlineNs_.load(std::memory_order_relaxed);
  return deadline != 0 && nowNs() >= deadline;
}

void Cancellation::check() const {
  if (stopRequested()) {
    throw ScriptError("KeyboardInterrupt", "the script was stopped before it finished");
  }
  if (timedOut()) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%g",
                  static_cast<double>(limitMs_.load(std::memory_order_relaxed)) / 1000.0);
    throw ScriptError("TimeoutError", std::string("the script ran longer than its time limit of ") +
                                          seconds + " s and was stopped");
  }
}

CancellationScope::CancellationScope(const Cancellation& cancellation) : previous_(tlsCurrent) {
  tlsCurrent = &cancellation;
}

CancellationScope::~CancellationScope() {
  tlsCurrent = previous_;
}

void checkCancellation() {
  if (tlsCurrent != nullptr) tlsCurrent->check();
}

}  // namespace memlens

#pragma once
// Stopping a running script from outside it: Ctrl-C in the CLI, Stop in the
// GUI, or a time limit. The script notices between operators: the evaluator
// checks before each statement, call and loop iteration, and so do the
// builtins that loop in C++ (`sum(range(10**12))`). One operator already
// running is never interrupted. Torch-free header.

#include <atomic>
#include <chrono>
#include <cstdint>

namespace memlens {

class Cancellation {
 public:
  // Thread-safe and async-signal-safe: a signal handler may call it.
  void requestStop() noexcept { stopRequested_.store(true, std::memory_order_relaxed); }

  // From now on, the script may run for `limit` (zero or less: no limit).
  void startClock(std::chrono::milliseconds limit);
  // Forgets a stop request and the time limit, for the next run.
  void reset() noexcept;

  bool stopRequested() const noexcept { return stopRequested_.load(std::memory_order_relaxed); }
  bool timedOut() const noexcept;
  bool stopping() const noexcept { return stopRequested() || timedOut(); }

  // Throws a ScriptError (KeyboardInterrupt, or TimeoutError) when stopping.
  void check() const;

 private:
  static_assert(std::atomic<bool>::is_always_lock_free, "requestStop must be signal-safe");
  std::atomic<bool> stopRequested_{false};
  std::atomic<std::int64_t> deadlineNs_{0};  // steady clock; 0: none
  std::atomic<std::int64_t> limitMs_{0};
};

// Makes `cancellation` the one that checkCancellation() consults on this
// thread while the scope lives, so helpers deep in the evaluator need not
// carry it around.
class CancellationScope {
 public:
  explicit CancellationScope(const Cancellation& cancellation);
  ~CancellationScope();
  CancellationScope(const CancellationScope&) = delete;
  CancellationScope& operator=(const CancellationScope&) = delete;

 private:
  const Cancellation* previous_;
};

// Cancellation::check() for this thread's current scope; nothing without one.
void checkCancellation();

// Loops in C++ that do little per item check once per this many items.
inline constexpr std::int64_t kItemsBetweenChecks = 4096;

}  // namespace memlens

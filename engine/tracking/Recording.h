#pragma once
// Observing LibTorch while code runs on this thread: every allocation and
// free (through LibTorch's own memory-reporting hook) and the ATen operator
// that caused it (through RecordFunction). Plain data out, no LibTorch in
// this header.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "trace/Step.h"

namespace memlens::tracking {

struct ObservedEvent {
  MemoryAction action = MemoryAction::Alloc;
  std::uint64_t ptr = 0;
  std::int64_t bytes = 0;  // always positive; `action` says which way
  std::string device;
  std::int64_t totalAllocated = 0;  // LibTorch's running total for the device
  std::int64_t totalReserved = 0;   // caching allocators: the pool's size
  std::string op;                   // innermost ATen operator ("" outside any)
  std::string topOp;                // outermost ATen operator
};

// An operator called at the top of the operator stack (by the script itself).
struct ObservedCall {
  std::string name;      // "aten::add_"
  std::string overload;  // "Tensor"
};

// While a Recording lives, the allocations and operators of the thread that
// created it are observed. Memory reporting is thread-local in LibTorch, so
// create it on the thread that runs the operators. One at a time per thread.
class Recording {
 public:
  Recording();
  ~Recording();
  Recording(const Recording&) = delete;
  Recording& operator=(const Recording&) = delete;

  // The events observed so far, in order; the recording goes on.
  std::vector<ObservedEvent> take();
  // The top-level operator calls so far, in order; consecutive repeats folded
  // into (call, count).
  std::vector<std::pair<ObservedCall, std::int64_t>> takeCalls();
  // The TensorImpl and StorageImpl addresses of every tensor an operator
  // received so far (at any depth), and of those noted by noteWritten:
  // nothing else can have been written. Repeats are not removed.
  std::vector<const void*> takeReached();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Notes a tensor changed outside any operator (an attribute assignment such
// as `t.requires_grad = True`) while a Recording lives on this thread.
void noteWritten(const void* tensorImpl, const void* storageImpl);

// The version of the LibTorch the engine was built against ("1.13.1").
std::string torchVersion();

}  // namespace memlens::tracking

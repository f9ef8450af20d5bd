#pragma once
// Observing LibTorch while code runs on this thread: every allocation and
// free (through LibTorch's own memory-reporting hook) and the ATen operator
// that caused it (through RecordFunction). Plain data out, no LibTorch in
// this header.

#include <cstdint>
#include <string>
#include <vector>

#include "trace/Step.h"

namespace at {
class Tensor;
}
namespace c10 {
struct IValue;
}

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
  // The same for every call of one overload in this process (the address of
  // its registered schema's name), so that describing a call can be
  // remembered by it.
  const void* overloadId = nullptr;
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

  // Each take* replaces `into` with what was observed so far, and the
  // recording goes on. The buffers are swapped, not given away, so that a
  // caller keeping `into` between statements lets recording reuse the same
  // memory instead of allocating it anew.

  // The events, in order.
  void take(std::vector<ObservedEvent>& into);
  // The top-level operator calls, in order; consecutive repeats folded into
  // (call, count). The calls live as long as the thread.
  void takeCalls(std::vector<std::pair<const ObservedCall*, std::int64_t>>& into);
  // The TensorImpl and StorageImpl addresses of the tensors noted by
  // noteReceived and noteWritten. Repeats are not removed.
  void takeReached(std::vector<const void*>& into);
  // Whether something may have written tensors other than those noted: an
  // operator called at the top level outside NotedArguments, or a node of
  // autograd's engine (which writes the `.grad` of leaves it was never
  // passed). Then only looking at every tensor is sure to find what changed.
  bool reachUnknown() const;
};

// Notes the tensors in an argument (a tensor or a list) about to be passed
// to an operator, while a Recording lives on this thread.
void noteReceived(const c10::IValue& value);

// While one lives on this thread, its caller promises that the operators it
// calls at the top level receive only tensors it noted (noteReceived,
// noteWritten) or made from them, so that those are all an operator can have
// written. Operators called without one make the reach unknown. Asking
// LibTorch for every operator's inputs instead would box the arguments of
// every nested operator too: a third of what recording a statement costs.
class NotedArguments {
 public:
  NotedArguments();
  // Notes `received` first (noteReceived).
  explicit NotedArguments(const c10::IValue& received);
  explicit NotedArguments(const at::Tensor& received);
  ~NotedArguments();
  NotedArguments(const NotedArguments&) = delete;
  NotedArguments& operator=(const NotedArguments&) = delete;
};

// Notes a tensor changed outside any operator (an attribute assignment such
// as `t.requires_grad = True`) while a Recording lives on this thread.
void noteWritten(const void* tensorImpl, const void* storageImpl);

// The version of the LibTorch the engine was built against ("1.13.1").
std::string torchVersion();

}  // namespace memlens::tracking

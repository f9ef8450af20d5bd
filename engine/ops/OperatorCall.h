#pragma once
// Calling any ATen operator the way Python's bindings do: pick the overload
// whose schema accepts the arguments (positional, keyword, defaults, int[]
// from varargs, numbers as tensors where no Scalar overload fits, dtype /
// device / layout objects), then call it boxed through the dispatcher, so
// RecordFunction and the allocators see exactly what Python would cause.

#include <ATen/core/ivalue.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ops/OperatorIndex.h"

namespace memlens::ops {

struct CallArguments {
  std::vector<c10::IValue> positional;
  std::vector<std::pair<std::string, c10::IValue>> keywords;
};

struct CallResult {
  const Overload* overload = nullptr;
  std::vector<c10::IValue> returns;
};

// Whether `name` is an ATen operator.
bool isOperator(std::string_view name);

// Calls `aten::<name>`. `displayName` is how the user wrote it ("add",
// "Tensor.add") for the TypeError raised when no overload accepts the
// arguments. LibTorch's own errors propagate unchanged.
CallResult callOperator(std::string_view name, const CallArguments& arguments,
                        std::string_view displayName);

// "(Tensor self, Tensor other, *, Scalar alpha=1)"
std::string signatureOf(const c10::FunctionSchema& schema);

// The storages one call read (its tensor arguments) and produced (its tensor
// results), as weak references: they neither extend a storage's life nor let
// another storage take its address while held.
struct ObservedFlow {
  std::string op;
  std::vector<c10::weak_intrusive_ptr<c10::StorageImpl>> reads;
  std::vector<c10::weak_intrusive_ptr<c10::StorageImpl>> produces;
};

// While a FlowRecording lives on this thread, callOperator notes every call's flow.
class FlowRecording {
 public:
  FlowRecording();
  ~FlowRecording();
  FlowRecording(const FlowRecording&) = delete;
  FlowRecording& operator=(const FlowRecording&) = delete;

  // Replaces `into` with the flows so far, swapping buffers so that a caller
  // keeping `into` between statements lets the next recording reuse them.
  void take(std::vector<ObservedFlow>& into);
};

}  // namespace memlens::ops

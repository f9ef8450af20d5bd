#pragma once
// The trace model: plain data describing what one statement did to memory.
// No LibTorch and no Qt here, so the UI, the trace reader and the exporters
// can all use it; the session fills it from observation.

#include <complex>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace memlens {

enum class StepKind : std::uint8_t { New, InPlace, View, Free, None };

// The spelling used by the trace format and the UI ("new", "in-place", ...).
std::string_view toString(StepKind kind);
std::optional<StepKind> stepKindFromString(std::string_view text);

// One tensor element, in the widest type of its dtype's family.
using ElementValue = std::variant<bool, std::int64_t, double, std::complex<double>>;

// Tensors with at most this many elements carry their values.
inline constexpr std::int64_t kMaxRecordedElements = 64;

struct TensorRecord {
  std::string name;
  std::int64_t id = 0;       // equal ids: the same tensor object (TensorImpl)
  std::int64_t storage = 0;  // equal ids: the same storage (StorageImpl); 0: none
  std::vector<std::int64_t> shape;
  std::vector<std::int64_t> strides;
  std::int64_t offset = 0;
  std::string dtype;  // PyTorch's short name: float32, int64, bool, ...
  std::string device;
  std::int64_t version = 0;
  bool requiresGrad = false;
  // type(tensor.grad_fn).__name__ ("AddBackward0"); none for a leaf or a
  // tensor autograd does not track.
  std::optional<std::string> gradFn;
  std::optional<std::vector<ElementValue>> values;  // row-major, small tensors only

  bool operator==(const TensorRecord&) const = default;
};

struct StorageRecord {
  std::int64_t id = 0;
  std::uint64_t ptr = 0;
  std::int64_t bytes = 0;
  std::string device;
  // The address had belonged to a storage freed earlier: a new storage on a
  // recycled address, not an in-place write.
  bool recycledAddress = false;
  // Held by LibTorch (e.g. tensors saved for backward, gradients not yet
  // read) rather than reachable from any name.
  bool internal = false;

  bool operator==(const StorageRecord&) const = default;
};

enum class MemoryAction : std::uint8_t { Alloc, Free };

struct MemoryEvent {
  MemoryAction action = MemoryAction::Alloc;
  std::uint64_t ptr = 0;
  std::int64_t bytes = 0;
  std::string device;
  std::optional<std::int64_t> storage;  // none: a temporary that died inside the statement
  std::string op;                       // innermost ATen operator
  std::string topOp;                    // outermost ATen operator
  std::int64_t totalAllocated = 0;      // LibTorch's running total after the event

  bool operator==(const MemoryEvent&) const = default;
};

// An operator overload as its schema describes it, with what the schema
// predicts: `Tensor(a!)` is written in place, `Tensor(a)` aliased.
struct OperatorDescription {
  std::string op;         // "aten::add_.Tensor"
  std::string schema;     // "aten::add_.Tensor(Tensor(a!) self, ...) -> Tensor(a!)"
  std::string predicted;  // new, in-place, out=, view, none

  bool operator==(const OperatorDescription&) const = default;
};

// An ATen operator the statement called directly (not from inside another
// operator), as the dispatcher saw it. Every call of one overload shares its
// description: a step need not copy a schema's text, nor a timeline hold it
// once per call.
struct OperatorCall {
  std::shared_ptr<const OperatorDescription> description;  // never null
  std::int64_t count = 1;  // consecutive identical calls (a loop) are folded

  const std::string& op() const { return description->op; }
  const std::string& schema() const { return description->schema; }
  const std::string& predicted() const { return description->predicted; }

  bool operator==(const OperatorCall& other) const {
    return count == other.count && *description == *other.description;
  }
};

// Which storages an operator call the script made read, and which storages
// it produced, observed from the call's actual arguments and results: how a
// copy is traced to its source without knowing operators by name.
struct DataFlow {
  std::string op;                      // "aten::contiguous"
  std::vector<std::int64_t> reads;     // storages of its tensor arguments that existed before
  std::vector<std::int64_t> produces;  // storages created in this step holding its results

  bool operator==(const DataFlow&) const = default;
};

struct StepError {
  std::string type;  // Python's exception name: RuntimeError, TypeError, ...
  std::string message;
  int line = 0;
  int column = 0;

  bool operator==(const StepError&) const = default;
};

// Bytes allocated on one device after the step, as LibTorch reported them
// (relative to the session start) and as the live storages add up; and what
// a caching allocator (CUDA's) holds reserved, used or not (absolute).
struct DeviceTotal {
  std::string device;
  std::int64_t reportedBytes = 0;
  std::int64_t liveStorageBytes = 0;
  std::int64_t reservedBytes = 0;

  bool operator==(const DeviceTotal&) const = default;
};

// One block of device memory a caching allocator reserved from the driver
// (one cudaMalloc); allocations are carved out of it and go back to it.
struct MemorySegment {
  std::uint64_t ptr = 0;
  std::int64_t bytes = 0;
  std::int64_t allocatedBytes = 0;  // of it, in live allocations

  bool operator==(const MemorySegment&) const = default;
};

// All reserved segments of one device, in address order.
struct DeviceSegments {
  std::string device;
  std::vector<MemorySegment> segments;

  bool operator==(const DeviceSegments&) const = default;
};

struct Step {
  int line = 0;
  std::string code;
  std::vector<StepKind> kinds;
  std::string output;
  std::optional<StepError> error;
  std::vector<TensorRecord> tensors;  // bound or changed in this step
  std::vector<std::string> unbound;
  std::vector<StorageRecord> storages;  // created or changed in this step
  std::vector<std::int64_t> freed;
  std::vector<MemoryEvent> events;
  std::vector<OperatorCall> calls;
  std::vector<DataFlow> flows;
  std::vector<DeviceTotal> totals;
  // Each device whose reserved segments changed in this step, with all of
  // them after it (none: the cache was emptied).
  std::vector<DeviceSegments> segments;
  std::vector<Step> substeps;

  bool hasKind(StepKind kind) const;
  // Empties the step for another statement to fill, keeping what its lists
  // allocated, so that filling them again allocates nothing.
  void clearKeepingBuffers();
  bool operator==(const Step&) const = default;
};

}  // namespace memlens

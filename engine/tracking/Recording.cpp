#include "tracking/Recording.h"

#include <ATen/core/ivalue.h>
#include <ATen/record_function.h>
#include <c10/core/Allocator.h>
#include <c10/util/ThreadLocalDebugInfo.h>
#include <torch/version.h>

#include <atomic>
#include <stdexcept>
#include <unordered_map>

#include "tracking/DeviceName.h"
#include "tracking/ObservationHooks.h"

namespace memlens::tracking {
namespace {

// RecordFunction callbacks are plain function pointers, so the operator stack
// they maintain lives in thread-local storage. A name points into the
// operator registry's schema, or, where LibTorch made the name for one call
// (autograd's "autograd::engine::evaluate_function: MulBackward0"), into that
// call's RecordFunction: it is read only while the call runs.
thread_local std::vector<const char*> tlsOperatorStack;
thread_local std::vector<std::pair<const ObservedCall*, std::int64_t>> tlsTopLevelCalls;
thread_local std::vector<const void*> tlsReached;
// How many NotedArguments live on this thread.
thread_local int tlsNotedArgumentsDepth = 0;
// Whether an operator ran whose writes the noted tensors may not cover: one
// called at the top level outside NotedArguments, or an autograd node.
thread_local bool tlsReachUnknown = false;
// Whether a Recording lives on this thread. The callback stays registered
// between recordings (registering it costs more than a short statement's
// operators do) and does nothing while this is false.
thread_local bool tlsRecordingActive = false;

// Hands what was observed to `into` and takes `into`'s emptied buffer in
// exchange, for the next statement to fill without allocating.
template <typename T>
void swapInto(std::vector<T>& observed, std::vector<T>& into) {
  into.clear();
  into.swap(observed);
}

void noteReached(const at::Tensor& tensor) {
  if (!tensor.defined()) return;
  tlsReached.push_back(tensor.unsafeGetTensorImpl());
  if (tensor.has_storage()) tlsReached.push_back(tensor.storage().unsafeGetStorageImpl());
}

void noteReached(const c10::IValue& value) {
  if (value.isTensor()) {
    noteReached(value.toTensor());
  } else if (value.isTensorList()) {
    const auto list = value.toTensorList();
    for (std::size_t i = 0; i < list.size(); ++i) noteReached(list.get(i));
  } else if (value.isList()) {
    for (const c10::IValue& element : value.toListRef()) noteReached(element);
  }
}

// The calls of registered operators, by the name RecordFunction gives them:
// a pointer into the operator's schema in the registry, which lives as long
// as the process and is one per overload. Asking for the operator's name
// instead copies it from the schema at every call.
const ObservedCall* registeredCall(const at::RecordFunction& fn) {
  thread_local std::unordered_map<const char*, ObservedCall> calls;
  const char* key = fn.name();
  if (const auto it = calls.find(key); it != calls.end()) return &it->second;
  // Not an operator of the registry (a name made for this call): not kept,
  // as its address may be reused.
  auto name = fn.operator_name();
  if (!name) return nullptr;
  return &calls.emplace(key, ObservedCall{key, name->name, name->overload_name}).first->second;
}

void noteTopLevelCall(const at::RecordFunction& fn) {
  const ObservedCall* call = registeredCall(fn);
  if (call == nullptr) return;
  if (!tlsTopLevelCalls.empty()) {
    auto& [last, count] = tlsTopLevelCalls.back();
    if (last == call) {
      ++count;
      return;
    }
  }
  tlsTopLevelCalls.emplace_back(call, 1);
}

std::unique_ptr<at::ObserverContext> onOperatorStart(const at::RecordFunction& fn) {
  if (!tlsRecordingActive) return nullptr;
  if (fn.scope() == at::RecordScope::BACKWARD_FUNCTION) {
    tlsReachUnknown = true;
    return nullptr;
  }
  if (tlsOperatorStack.empty()) {
    noteTopLevelCall(fn);
    if (tlsNotedArgumentsDepth == 0) tlsReachUnknown = true;
  }
  tlsOperatorStack.push_back(fn.name());
  return nullptr;
}

void onOperatorEnd(const at::RecordFunction& fn, at::ObserverContext*) {
  if (fn.scope() == at::RecordScope::BACKWARD_FUNCTION) return;
  if (tlsRecordingActive && !tlsOperatorStack.empty()) tlsOperatorStack.pop_back();
}

// Registers the operator callbacks on this thread once; they live as long as
// the thread does (LibTorch keeps thread-local callbacks in thread-local
// storage), so nothing needs removing.
void observeOperatorsOnThisThread() {
  thread_local const at::CallbackHandle handle =
      at::addThreadLocalCallback(operatorCallback(onOperatorStart, onOperatorEnd));
  (void)handle;
}

// LibTorch's allocators call this (through the thread's PROFILER_STATE debug
// info) on every allocation and free.
class MemoryReporter final : public c10::MemoryReportingInfoBase {
 public:
  void reportMemoryUsage(void* ptr, int64_t allocSize, ReportedTotal totalAllocated,
                         ReportedTotal totalReserved, c10::Device device) override {
    ObservedEvent event;
    event.action = allocSize >= 0 ? MemoryAction::Alloc : MemoryAction::Free;
    event.ptr = reinterpret_cast<std::uintptr_t>(ptr);
    event.bytes = allocSize >= 0 ? allocSize : -allocSize;
    event.device = deviceName(device);
    event.totalAllocated = static_cast<std::int64_t>(totalAllocated);
    event.totalReserved = static_cast<std::int64_t>(totalReserved);
    if (!tlsOperatorStack.empty()) {
      event.op = tlsOperatorStack.back();
      event.topOp = tlsOperatorStack.front();
    }
    events.push_back(std::move(event));
  }

  // Read by LibTorch before each report, on whichever thread carries this
  // thread's debug info (autograd's device threads inherit it).
  bool memoryProfilingEnabled() const override { return active.load(std::memory_order_relaxed); }

  std::atomic<bool> active{false};  // while a Recording lives on the owning thread
  std::vector<ObservedEvent> events;
};

// LibTorch's allocators find the reporter in the thread's debug info.
// Installing it there with a DebugInfoGuard for every statement allocates
// and counts references each time, so it is pushed once per thread and stays,
// taking reports only while a Recording lives (when it does not, LibTorch's
// CPU allocator counts nothing, as with no reporter at all). A DebugInfoGuard
// that ends restores the debug info from before it: if the reporter was
// pushed inside one, it is gone afterwards, and pushed again here.
const std::shared_ptr<MemoryReporter>& threadReporter() {
  thread_local const auto reporter = std::make_shared<MemoryReporter>();
  return reporter;
}

MemoryReporter& installedReporter() {
  const auto& reporter = threadReporter();
  if (c10::ThreadLocalDebugInfo::get(c10::DebugInfoKind::PROFILER_STATE) != reporter.get()) {
    c10::ThreadLocalDebugInfo::_push(c10::DebugInfoKind::PROFILER_STATE, reporter);
  }
  return *reporter;
}

}  // namespace

Recording::Recording() {
  if (tlsRecordingActive) {
    throw std::logic_error("a Recording is already active on this thread");
  }
  observeOperatorsOnThisThread();
  tlsOperatorStack.clear();
  tlsTopLevelCalls.clear();
  tlsReached.clear();
  tlsReachUnknown = false;
  MemoryReporter& reporter = installedReporter();
  reporter.events.clear();
  reporter.active.store(true, std::memory_order_relaxed);
  tlsRecordingActive = true;
}

Recording::~Recording() {
  threadReporter()->active.store(false, std::memory_order_relaxed);
  tlsOperatorStack.clear();
  tlsRecordingActive = false;
}

void Recording::take(std::vector<ObservedEvent>& into) {
  swapInto(threadReporter()->events, into);
}

void Recording::takeCalls(std::vector<std::pair<const ObservedCall*, std::int64_t>>& into) {
  swapInto(tlsTopLevelCalls, into);
}

void Recording::takeReached(std::vector<const void*>& into) {
  swapInto(tlsReached, into);
}

bool Recording::reachUnknown() const {
  return tlsReachUnknown;
}

NotedArguments::NotedArguments() {
  ++tlsNotedArgumentsDepth;
}

NotedArguments::NotedArguments(const c10::IValue& received) : NotedArguments() {
  noteReceived(received);
}

NotedArguments::NotedArguments(const at::Tensor& received) : NotedArguments() {
  if (tlsRecordingActive) noteReached(received);
}

NotedArguments::~NotedArguments() {
  --tlsNotedArgumentsDepth;
}

void noteReceived(const c10::IValue& value) {
  if (tlsRecordingActive) noteReached(value);
}

void noteWritten(const void* tensorImpl, const void* storageImpl) {
  if (!tlsRecordingActive) return;
  tlsReached.push_back(tensorImpl);
  if (storageImpl != nullptr) tlsReached.push_back(storageImpl);
}

std::string torchVersion() {
  return TORCH_VERSION;
}

}  // namespace memlens::tracking

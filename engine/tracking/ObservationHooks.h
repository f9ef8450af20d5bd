#pragma once
// The shapes of the two LibTorch hooks a Recording installs, shared with the
// benchmark that installs them with callbacks that do nothing
// (bench/IdleObservationHooks.cpp), so that it measures these hooks and no
// others. Only for .cpp files: it includes LibTorch.

#include <ATen/record_function.h>
#include <c10/core/Allocator.h>

namespace memlens::tracking {

// The RecordFunction callback: operators and autograd functions, without
// their inputs (see NotedArguments).
inline at::RecordFunctionCallback operatorCallback(at::RecordFunctionCallback::StartCallback start,
                                                   at::RecordFunctionCallback::EndCallback end) {
  at::RecordFunctionCallback callback(start, end);
  callback.scopes({at::RecordScope::FUNCTION, at::RecordScope::BACKWARD_FUNCTION});
  return callback;
}

// The type of the running totals LibTorch passes to the memory reporter
// (c10::MemoryReportingInfoBase::reportMemoryUsage): int64_t up to LibTorch
// 1.13, size_t from 2.0 on. Read off the base class, so that an override
// matches whichever LibTorch this is.
template <typename>
struct ReportedTotalOf;
template <typename Base, typename Ptr, typename Size, typename Total, typename Device>
struct ReportedTotalOf<void (Base::*)(Ptr, Size, Total, Total, Device)> {
  using type = Total;
};
using ReportedTotal =
    ReportedTotalOf<decltype(&c10::MemoryReportingInfoBase::reportMemoryUsage)>::type;

}  // namespace memlens::tracking

#pragma once
// The type of the running totals LibTorch passes to
// c10::MemoryReportingInfoBase::reportMemoryUsage: int64_t up to LibTorch
// 1.13, size_t from 2.0 on. Read off the base class, so that an override
// matches whichever LibTorch this is.

#include <c10/core/Allocator.h>

namespace memlens::tracking {

template <typename>
struct ReportedTotalOf;
template <typename Base, typename Ptr, typename Size, typename Total, typename Device>
struct ReportedTotalOf<void (Base::*)(Ptr, Size, Total, Total, Device)> {
  using type = Total;
};
using ReportedTotal =
    ReportedTotalOf<decltype(&c10::MemoryReportingInfoBase::reportMemoryUsage)>::type;

}  // namespace memlens::tracking

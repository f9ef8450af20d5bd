#include "IdleObservationHooks.h"

#include <ATen/record_function.h>
#include <c10/core/Allocator.h>
#include <c10/util/ThreadLocalDebugInfo.h>

#include <memory>

#include "tracking/ObservationHooks.h"

namespace memlens::bench {
namespace {

std::unique_ptr<at::ObserverContext> ignoreStart(const at::RecordFunction&) {
  return nullptr;
}

void ignoreEnd(const at::RecordFunction&, at::ObserverContext*) {}

class IdleReporter final : public c10::MemoryReportingInfoBase {
 public:
  void reportMemoryUsage(void*, int64_t, tracking::ReportedTotal, tracking::ReportedTotal,
                         c10::Device) override {}
  bool memoryProfilingEnabled() const override { return true; }
};

}  // namespace

void installIdleObservationHooks() {
  at::addThreadLocalCallback(tracking::operatorCallback(ignoreStart, ignoreEnd));
  c10::ThreadLocalDebugInfo::_push(c10::DebugInfoKind::PROFILER_STATE,
                                   std::make_shared<IdleReporter>());
}

}  // namespace memlens::bench

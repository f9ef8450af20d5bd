#pragma once
// LibTorch's observation hooks, installed on this thread with callbacks that
// do nothing: what observing costs inside LibTorch before MemLens does any
// work of its own. The same hooks as tracking::Recording
// (tracking/ObservationHooks.h): a thread-local RecordFunction callback on
// operators and autograd functions, without inputs, and a memory reporter
// that asks for every allocation and free.

namespace memlens::bench {

void installIdleObservationHooks();

}  // namespace memlens::bench

#pragma once
// Synthetic sessions for the timeline's tests and benchmark.

#include <cstddef>

#include "trace/Timeline.h"

namespace memlens::ui::test {

// `steps` statements cycling through every kind: new storages on the cpu
// (growing sizes) and on cuda:0, in-place writes, views, frees, no-ops, and
// an error every 1000th step.
Timeline syntheticTimeline(std::size_t steps);

}  // namespace memlens::ui::test

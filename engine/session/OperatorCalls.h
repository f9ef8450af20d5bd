#pragma once
// Turns the operator calls a Recording observed into the trace's
// OperatorCall records: full schema and the effect its alias annotations
// predict, shown beside what was observed.

#include <utility>
#include <vector>

#include "trace/Step.h"
#include "tracking/Recording.h"

namespace memlens {

// Appends to `into`, which a caller may keep from step to step.
void describeCalls(const std::vector<std::pair<const tracking::ObservedCall*, std::int64_t>>& calls,
                   std::vector<OperatorCall>& into);

}  // namespace memlens

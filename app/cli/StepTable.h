#pragma once
#include <ostream>

#include "trace/Timeline.h"

namespace memlens::cli {

// A terminal summary of the steps: what each statement did to memory.
void printStepTable(std::ostream& out, const Timeline& timeline);

}  // namespace memlens::cli

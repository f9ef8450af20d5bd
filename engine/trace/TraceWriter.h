#pragma once
// The pieces of a trace's JSON text, in order: the opening, each step, the
// closing. writeTraceJson puts them together in memory; TraceFileWriter
// streams them to a file as steps are recorded. Both give the same bytes.

#include <string>
#include <string_view>

#include "trace/Step.h"

namespace memlens {

void appendTraceOpening(std::string& out, std::string_view torchVersion);
// `first`: the trace's first step, which no separator precedes.
void appendTraceStep(std::string& out, const Step& step, bool first, bool pretty);
void appendTraceClosing(std::string& out);

}  // namespace memlens

#pragma once
// The Markdown summary of a trace (`memlens-cli run --report`): what each
// step did, and the totals a reader wants first.

#include <string>

#include "trace/TraceJson.h"

namespace memlens {

std::string markdownReport(const Trace& trace, const std::string& title);

}  // namespace memlens

// libFuzzer target: the trace reader on arbitrary bytes. Any input is a trace
// or a TraceFormatError; a trace that reads must also replay on a Timeline and
// write back to JSON that reads as the same trace.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "trace/Timeline.h"
#include "trace/TraceJson.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  memlens::Trace trace;
  try {
    trace = memlens::readTraceJson(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const memlens::TraceFormatError&) {
    return 0;
  }
  memlens::Timeline timeline;
  for (const auto& step : trace.steps) timeline.append(step);
  if (!timeline.empty()) timeline.stateAfter(timeline.size() / 2);
  const memlens::Trace again = memlens::readTraceJson(memlens::writeTraceJson(trace));
  // NaN values compare unequal, so compare the written text instead.
  if (memlens::writeTraceJson(again) != memlens::writeTraceJson(trace)) std::abort();
  return 0;
}

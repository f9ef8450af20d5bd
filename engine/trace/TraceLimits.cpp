#include "trace/TraceLimits.h"

#include <string>

#include "trace/TraceJson.h"
#include "trace/Utf8.h"

namespace memlens {
namespace {

std::string where(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset; ++i) line += text[i] == '\n';
  return "byte " + std::to_string(offset) + " (line " + std::to_string(line) + ")";
}

}  // namespace

void checkTraceSize(std::uint64_t bytes) {
  if (bytes <= kMaxTraceBytes) return;
  throw TraceFormatError("the trace is " + std::to_string(bytes >> 20) +
                         " MiB; MemLens reads traces up to " +
                         std::to_string(kMaxTraceBytes >> 20) + " MiB");
}

void checkTraceText(std::string_view text) {
  checkTraceSize(text.size());
  std::size_t depth = 0;
  bool inString = false;
  for (std::size_t i = 0; i < text.size();) {
    const auto [length, wellFormed] = utf8SequenceAt(text, i);
    if (!wellFormed) throw TraceFormatError("not UTF-8 text: invalid byte at " + where(text, i));
    const char c = text[i];
    if (inString) {
      if (c == '\\') {
        i += 2;  // an escaped character never ends the string
        continue;
      }
      if (c == '"') inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxTraceNesting) {
        throw TraceFormatError("nested more than " + std::to_string(kMaxTraceNesting) +
                               " levels deep at " + where(text, i));
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
    i += length;
  }
}

}  // namespace memlens

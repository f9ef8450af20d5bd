#include "trace/TraceLimits.h"

#include <array>
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

// The bytes that are not ASCII, or that open or close a string or (outside
// strings, index 0) an array or object; a table, as it is asked of every byte.
constexpr auto kNotable = [] {
  std::array<std::array<bool, 256>, 2> notable{};
  for (auto& table : notable) {
    for (std::size_t c = 0x80; c < 256; ++c) table[c] = true;
    table['"'] = true;
  }
  for (const char c : {'[', '{', ']', '}'}) notable[0][static_cast<unsigned char>(c)] = true;
  notable[1]['\\'] = true;
  return notable;
}();

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
    // Most bytes matter to neither the nesting nor the encoding: passed over
    // in a tight loop (this check reads every byte of a large trace).
    const auto& notable = kNotable[inString];
    while (i < text.size() && !notable[static_cast<unsigned char>(text[i])]) ++i;
    if (i == text.size()) break;
    const char c = text[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      const auto [length, wellFormed] = utf8SequenceAt(text, i);
      if (!wellFormed) throw TraceFormatError("not UTF-8 text: invalid byte at " + where(text, i));
      i += length;
      continue;
    }
    if (inString) {
      if (c == '\\') {
        i += 2;  // an escaped character never ends the string
        continue;
      }
      inString = false;  // the closing quote
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxTraceNesting) {
        throw TraceFormatError("nested more than " + std::to_string(kMaxTraceNesting) +
                               " levels deep at " + where(text, i));
      }
    } else if (depth > 0) {
      --depth;  // a closing bracket
    }
    ++i;
  }
}

}  // namespace memlens

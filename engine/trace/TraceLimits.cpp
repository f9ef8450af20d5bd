#include "trace/TraceLimits.h"

#include <string>

#include "trace/TraceJson.h"

namespace memlens {
namespace {

std::string where(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < offset; ++i) line += text[i] == '\n';
  return "byte " + std::to_string(offset) + " (line " + std::to_string(line) + ")";
}

// The length of the well-formed UTF-8 sequence at `i` (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF), or 0.
std::size_t utf8SequenceLength(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
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
    const std::size_t length = utf8SequenceLength(text, i);
    if (length == 0) throw TraceFormatError("not UTF-8 text: invalid byte at " + where(text, i));
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

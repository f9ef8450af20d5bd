#include "trace/JsonWriter.h"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "trace/Utf8.h"

namespace memlens {
namespace {

// Bytes copied as they are: printable ASCII other than the quote and the backslash.
bool isPlain(unsigned char c) {
  return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

template <class Integer>
void appendInteger(std::string& out, Integer value) {
  char digits[24];
  const char* end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, static_cast<std::size_t>(end - digits));
}

}  // namespace

void appendJsonEscaped(std::string& out, std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t run = i;
    while (i < text.size() && isPlain(static_cast<unsigned char>(text[i]))) ++i;
    out.append(text.data() + run, i - run);
    if (i == text.size()) break;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const auto [length, wellFormed] = utf8SequenceAt(text, i);
      if (wellFormed) {
        out.append(text.data() + i, length);
      } else {
        out += "\xEF\xBF\xBD";
      }
      i += length;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      default: {
        constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0xF];
      }
    }
    ++i;
  }
}

void JsonWriter::string(std::string_view text) {
  separate();
  out_ += '"';
  appendJsonEscaped(out_, text);
  out_ += '"';
}

void JsonWriter::integer(std::int64_t value) {
  separate();
  appendInteger(out_, value);
}

void JsonWriter::unsignedInteger(std::uint64_t value) {
  separate();
  appendInteger(out_, value);
}

void JsonWriter::real(double value) {
  separate();
  // Whole numbers, common in small tensors, skip Grisu2: below 1e15 nlohmann
  // writes them as the integer and ".0" (checked on 26 million of them).
  // (-0.0 is left to Grisu2, which keeps its sign.)
  if (std::abs(value) < 1e15 && std::trunc(value) == value &&
      !(value == 0 && std::signbit(value))) {
    appendInteger(out_, static_cast<std::int64_t>(value));
    out_ += ".0";
    return;
  }
  // nlohmann's own Grisu2 with its notation rules ("1.0", "1e+20"): the
  // shortest form std::to_chars finds differs from it for some values.
  char digits[64];
  const char* end = nlohmann::detail::to_chars(digits, digits + sizeof digits, value);
  out_.append(digits, static_cast<std::size_t>(end - digits));
}

void JsonWriter::newLine() {
  out_ += '\n';
  out_.append(depth_, ' ');
}

void JsonWriter::open(char bracket) {
  separate();
  out_ += bracket;
  ++depth_;
  empty_ = true;
}

void JsonWriter::close(char bracket) {
  --depth_;
  // nlohmann writes an empty object or array as {} or [], also when pretty.
  if (pretty_ && !empty_) newLine();
  out_ += bracket;
  // The enclosing object or array now holds this one.
  empty_ = false;
}

}  // namespace memlens

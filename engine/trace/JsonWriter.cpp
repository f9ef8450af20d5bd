#include "trace/JsonWriter.h"

#include <charconv>
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
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, end);
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

JsonWriter& JsonWriter::key(std::string_view name) {
  separate();
  out_ += '"';
  appendJsonEscaped(out_, name);
  out_ += pretty_ ? "\": " : "\":";
  afterKey_ = true;
  return *this;
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
  // nlohmann's own Grisu2 with its notation rules ("1.0", "1e+20"): the
  // shortest form std::to_chars finds differs from it for some values.
  char digits[64];
  char* end = nlohmann::detail::to_chars(digits, digits + sizeof digits, value);
  out_.append(digits, end);
}

void JsonWriter::separate() {
  if (afterKey_) {
    afterKey_ = false;
    return;
  }
  if (depth_ == 0) return;
  if (!empty_) out_ += ',';
  if (pretty_) {
    out_ += '\n';
    out_.append(depth_, ' ');
  }
  empty_ = false;
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
  if (pretty_ && !empty_) {
    out_ += '\n';
    out_.append(depth_, ' ');
  }
  out_ += bracket;
  // The enclosing object or array now holds this one.
  empty_ = false;
}

}  // namespace memlens

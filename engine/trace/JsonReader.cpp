#include "trace/JsonReader.h"

#include <locale.h>
#include <stdlib.h>

#include <charconv>
#include <cmath>
#include <limits>

#include "trace/TraceJson.h"

namespace memlens {
namespace {

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

void appendUtf8(std::string& out, unsigned codepoint) {
  const auto byte = [&out](unsigned value) { out += static_cast<char>(value); };
  if (codepoint < 0x80) {
    byte(codepoint);
  } else if (codepoint < 0x800) {
    byte(0xC0 | (codepoint >> 6));
    byte(0x80 | (codepoint & 0x3F));
  } else if (codepoint < 0x10000) {
    byte(0xE0 | (codepoint >> 12));
    byte(0x80 | ((codepoint >> 6) & 0x3F));
    byte(0x80 | (codepoint & 0x3F));
  } else {
    byte(0xF0 | (codepoint >> 18));
    byte(0x80 | ((codepoint >> 12) & 0x3F));
    byte(0x80 | ((codepoint >> 6) & 0x3F));
    byte(0x80 | (codepoint & 0x3F));
  }
}

// A literal from_chars cannot hold, read as nlohmann reads every number:
// strtod, which gives ±0 for one too small and infinity for one too large.
// (In the C locale: a GUI may have set another, with a decimal comma.)
double outOfRange(std::string_view literal) {
  static const locale_t c = newlocale(LC_ALL_MASK, "C", nullptr);
  const std::string text(literal);
  return strtod_l(text.c_str(), nullptr, c);
}

}  // namespace

std::string JsonPath::str() const {
  if (parent_ == nullptr) return {};
  std::string path = parent_->str();
  if (isItem_) return path + "[" + std::to_string(index_) + "]";
  if (!path.empty()) path += '.';
  return path.append(key_);
}

JsonReader::JsonReader(std::string_view text) : text_(text) {
  // nlohmann skips a byte order mark at the start.
  if (text_.starts_with("\xEF\xBB\xBF")) at_ = 3;
}

void JsonReader::fail(const JsonPath& at, std::string_view what) {
  std::string path = at.str();
  if (path.empty()) path = "trace";
  throw TraceFormatError(path + ": " + std::string(what));
}

void JsonReader::syntaxError() const {
  throw TraceFormatError("not valid JSON at byte " + std::to_string(at_));
}

void JsonReader::expect(char c) {
  if (!consume(c)) syntaxError();
}

std::size_t JsonReader::offset() {
  skipWhitespace();
  return at_;
}

JsonReader::Type JsonReader::peek() {
  skipWhitespace();
  if (at_ == text_.size()) syntaxError();
  switch (text_[at_]) {
    case '{': return Type::Object;
    case '[': return Type::Array;
    case '"': return Type::String;
    case 't':
    case 'f': return Type::Boolean;
    case 'n': return Type::Null;
    default:
      if (text_[at_] == '-' || isDigit(text_[at_])) return Type::Number;
      syntaxError();
  }
}

void JsonReader::literal(std::string_view word) {
  if (text_.substr(at_, word.size()) != word) syntaxError();
  at_ += word.size();
}

bool JsonReader::null() {
  if (peek() != Type::Null) return false;
  literal("null");
  return true;
}

bool JsonReader::boolean(const JsonPath& at) {
  if (peek() != Type::Boolean) fail(at, "expected true or false");
  const bool value = text_[at_] == 't';
  literal(value ? "true" : "false");
  return value;
}

std::string_view JsonReader::stringView(std::string& unescaped) {
  expect('"');
  const std::size_t start = at_;
  while (at_ < text_.size()) {
    const auto c = static_cast<unsigned char>(text_[at_]);
    if (c == '"') return text_.substr(start, at_++ - start);
    if (c == '\\') {
      unescaped.assign(text_.substr(start, at_ - start));
      unescape(unescaped);
      return unescaped;
    }
    if (c < 0x20) syntaxError();
    ++at_;
  }
  syntaxError();
}

// The rest of a string from its first backslash on, appended to `out`.
void JsonReader::unescape(std::string& out) {
  while (at_ < text_.size()) {
    const auto c = static_cast<unsigned char>(text_[at_++]);
    if (c == '"') return;
    if (c < 0x20) syntaxError();
    if (c != '\\') {
      out += static_cast<char>(c);
      continue;
    }
    if (at_ == text_.size()) syntaxError();
    switch (text_[at_++]) {
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      case '/': out += '/'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'u': {
        unsigned codepoint = hex4();
        if (codepoint >= 0xDC00 && codepoint <= 0xDFFF) syntaxError();
        if (codepoint >= 0xD800 && codepoint <= 0xDBFF) {
          literal("\\u");
          const unsigned low = hex4();
          if (low < 0xDC00 || low > 0xDFFF) syntaxError();
          codepoint = 0x10000 + ((codepoint - 0xD800) << 10) + (low - 0xDC00);
        }
        appendUtf8(out, codepoint);
        break;
      }
      default: syntaxError();
    }
  }
  syntaxError();
}

unsigned JsonReader::hex4() {
  if (text_.size() - at_ < 4) syntaxError();
  unsigned value = 0;
  for (int k = 0; k < 4; ++k) {
    const char c = text_[at_++];
    unsigned digit = 0;
    if (isDigit(c)) {
      digit = static_cast<unsigned>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      digit = static_cast<unsigned>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      digit = static_cast<unsigned>(c - 'A' + 10);
    } else {
      syntaxError();
    }
    value = value * 16 + digit;
  }
  return value;
}

std::string JsonReader::string(const JsonPath& at) {
  if (peek() != Type::String) fail(at, "expected a string");
  std::string unescaped;
  const std::string_view value = stringView(unescaped);
  if (value.data() == unescaped.data()) return unescaped;
  return std::string(value);
}

JsonNumber JsonReader::number(const JsonPath& at) {
  if (peek() != Type::Number) fail(at, "expected a number");
  const std::size_t start = at_;
  const auto digits = [this] {
    const std::size_t first = at_;
    while (at_ < text_.size() && isDigit(text_[at_])) ++at_;
    if (at_ == first) syntaxError();
  };
  const bool negative = consume('-');
  if (!consume('0')) digits();
  bool integral = true;
  if (consume('.')) {
    integral = false;
    digits();
  }
  if (consume('e') || consume('E')) {
    integral = false;
    if (!consume('+')) consume('-');
    digits();
  }
  const char* first = text_.data() + start;
  const char* last = text_.data() + at_;
  if (integral) {
    // What does not fit 64 bits is read as a floating-point number, as nlohmann does.
    if (negative) {
      std::int64_t value = 0;
      if (std::from_chars(first, last, value).ec == std::errc{}) return value;
    } else {
      std::uint64_t value = 0;
      if (std::from_chars(first, last, value).ec == std::errc{}) return value;
    }
  }
  double value = 0;
  if (std::from_chars(first, last, value).ec == std::errc::result_out_of_range) {
    value = outOfRange(text_.substr(start, at_ - start));
  }
  // nlohmann rejects a number too large for a double (its message is the one shown).
  if (!std::isfinite(value)) syntaxError();
  return value;
}

std::int64_t JsonReader::integer(const JsonPath& at) {
  if (peek() != Type::Number) fail(at, "expected an integer");
  return integer(number(at), at);
}

std::int64_t JsonReader::integer(const JsonNumber& number, const JsonPath& at) {
  if (const auto* u = std::get_if<std::uint64_t>(&number)) {
    if (*u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      fail(at, "integer out of range");
    }
    return static_cast<std::int64_t>(*u);
  }
  if (const auto* i = std::get_if<std::int64_t>(&number)) return *i;
  fail(at, "expected an integer");
}

std::uint64_t JsonReader::unsignedInteger(const JsonPath& at) {
  if (peek() == Type::Number) {
    const JsonNumber value = number(at);
    if (const auto* u = std::get_if<std::uint64_t>(&value)) return *u;
  }
  fail(at, "expected a non-negative integer");
}

int JsonReader::smallInteger(const JsonPath& at) {
  const std::int64_t value = integer(at);
  if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
    fail(at, "integer out of range");
  }
  return static_cast<int>(value);
}

void JsonReader::skip() {
  const JsonPath nowhere;  // a skipped value is never of the wrong type
  switch (peek()) {
    case Type::Object:
      object(nowhere, [this](std::string_view, const JsonPath&) { skip(); });
      break;
    case Type::Array: array(nowhere, [this](const JsonPath&) { skip(); }); break;
    case Type::String: stringView(scratch_); break;
    case Type::Number: number(nowhere); break;
    case Type::Boolean: boolean(nowhere); break;
    case Type::Null: literal("null"); break;
  }
}

void JsonReader::end() {
  skipWhitespace();
  if (at_ != text_.size()) syntaxError();
}

}  // namespace memlens

#pragma once
// A pull parser over JSON text: the trace reader asks for the value it expects
// at each place and builds its records straight from the text, with no
// document in between (which cost most of the reading time and several times
// the trace's size in memory). Values have the types nlohmann::json, which
// wrote the traces, gives them: an integer literal without a minus sign is
// unsigned, one that overflows 64 bits is a floating-point number.
//
// Complaints about a value name its path. Syntax errors carry only a byte
// offset: readTraceJson lets nlohmann's parser describe those.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace memlens {

// Where a value lies, such as `steps[3].tensors[0].shape`: a chain of
// fields and items kept on the reader's stack.
class JsonPath {
 public:
  JsonPath() = default;  // the whole document
  JsonPath(const JsonPath& parent, std::string_view key) : parent_(&parent), key_(key) {}
  JsonPath(const JsonPath& parent, std::size_t index)
      : parent_(&parent), index_(index), isItem_(true) {}

  std::string str() const;

 private:
  const JsonPath* parent_ = nullptr;
  std::string_view key_;
  std::size_t index_ = 0;
  bool isItem_ = false;
};

using JsonNumber = std::variant<std::uint64_t, std::int64_t, double>;

class JsonReader {
 public:
  enum class Type : std::uint8_t { Object, Array, String, Number, Boolean, Null };

  explicit JsonReader(std::string_view text);

  // The type of the next value, from its first character.
  Type peek();
  // Reads the next value if it is null.
  bool null();

  // Calls field(key, path) for each field of an object; it reads the value.
  template <class Field>
  void object(const JsonPath& at, Field&& field);
  // Calls item(path) for each item of an array; it reads the item.
  template <class Item>
  void array(const JsonPath& at, Item&& item);

  std::string string(const JsonPath& at);
  bool boolean(const JsonPath& at);
  JsonNumber number(const JsonPath& at);
  std::int64_t integer(const JsonPath& at);
  // A number read already, as a signed integer.
  static std::int64_t integer(const JsonNumber& number, const JsonPath& at);
  std::uint64_t unsignedInteger(const JsonPath& at);
  int smallInteger(const JsonPath& at);
  void skip();
  // Nothing but white space may follow.
  void end();

  // Where the next value starts, and going back there to read it again.
  std::size_t offset();
  void seek(std::size_t offset) { at_ = offset; }

  // Throws TraceFormatError: `steps[0].line: expected an integer`.
  [[noreturn]] static void fail(const JsonPath& at, std::string_view what);

 private:
  [[noreturn]] void syntaxError() const;
  // Inline: called around every value.
  void skipWhitespace() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\n' || text_[at_] == '\r' || text_[at_] == '\t')) {
      ++at_;
    }
  }
  bool consume(char c) {
    if (at_ == text_.size() || text_[at_] != c) return false;
    ++at_;
    return true;
  }
  void expect(char c);
  // The string starting here: a view of the text where it has no escapes,
  // else its value unescaped into `unescaped`.
  std::string_view stringView(std::string& unescaped);
  void unescape(std::string& out);
  unsigned hex4();
  void literal(std::string_view word);

  std::string_view text_;
  std::size_t at_ = 0;
  std::string scratch_;  // skipped strings
};

template <class Field>
void JsonReader::object(const JsonPath& at, Field&& field) {
  if (peek() != Type::Object) fail(at, "expected an object");
  ++at_;
  skipWhitespace();
  if (consume('}')) return;
  std::string unescaped;
  do {
    skipWhitespace();
    const std::string_view key = stringView(unescaped);
    skipWhitespace();
    expect(':');
    field(key, JsonPath(at, key));
    skipWhitespace();
  } while (consume(','));
  expect('}');
}

template <class Item>
void JsonReader::array(const JsonPath& at, Item&& item) {
  if (peek() != Type::Array) fail(at, "expected an array");
  ++at_;
  skipWhitespace();
  if (consume(']')) return;
  std::size_t index = 0;
  do {
    item(JsonPath(at, index++));
    skipWhitespace();
  } while (consume(','));
  expect(']');
}

}  // namespace memlens

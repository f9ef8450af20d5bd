#pragma once
// JSON text appended straight to a string, byte for byte as nlohmann::json's
// dump() writes the same values (compact, or pretty with one space per level;
// invalid UTF-8 replaced by U+FFFD): traces keep the bytes they always had
// without a document being built first, which cost most of the writing time.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace memlens {

// An object's key as written: quoted, with its colon, put together when
// compiled (keys are the format's field names, plain and short).
class JsonKey {
 public:
  // Implicit, so that a key is written as the string literal it is.
  consteval JsonKey(const char* name) {  // NOLINT(google-explicit-constructor)
    text_[size_++] = '"';
    for (; *name != '\0'; ++name) {
      // Not a constant expression: such a key does not compile.
      if (*name == '"' || *name == '\\' || *name < ' ' || size_ + 2 >= text_.size()) {
        throw "a key must be short and need no escapes";
      }
      text_[size_++] = *name;
    }
    text_[size_++] = '"';
    text_[size_++] = ':';
  }

  std::string_view text() const { return {text_.data(), size_}; }

 private:
  std::array<char, 32> text_{};
  std::size_t size_ = 0;
};

class JsonWriter {
 public:
  // Values written outside any object or array get no separators; the
  // caller places them.
  JsonWriter(std::string& out, bool pretty) : out_(out), pretty_(pretty) {}

  void beginObject() { open('{'); }
  void endObject() { close('}'); }
  void beginArray() { open('['); }
  void endArray() { close(']'); }
  // nlohmann::json keeps an object's keys sorted; give them in that order.
  JsonWriter& key(const JsonKey& key) {
    separate();
    out_ += key.text();
    if (pretty_) out_ += ' ';
    afterKey_ = true;
    return *this;
  }

  void string(std::string_view text);
  void integer(std::int64_t value);
  void unsignedInteger(std::uint64_t value);
  void real(double value);  // finite: JSON has no NaN or infinity
  void boolean(bool value) { text(value ? "true" : "false"); }
  void null() { text("null"); }

 private:
  // Before a key, or before a value that follows no key. Inline: it runs
  // for every key and value.
  void separate() {
    if (afterKey_) {
      afterKey_ = false;
    } else if (depth_ > 0) {
      if (!empty_) out_ += ',';
      if (pretty_) newLine();
      empty_ = false;
    }
  }
  void newLine();
  void text(std::string_view literal) {
    separate();
    out_ += literal;
  }
  void open(char bracket);
  void close(char bracket);

  std::string& out_;
  const bool pretty_;
  std::size_t depth_ = 0;
  bool empty_ = true;  // nothing written yet in the innermost open object or array
  bool afterKey_ = false;
};

// `text` escaped as the inside of a JSON string.
void appendJsonEscaped(std::string& out, std::string_view text);

}  // namespace memlens

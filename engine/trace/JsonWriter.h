#pragma once
// Compact JSON text appended to a string, byte for byte as nlohmann::json's
// dump() writes the same values (invalid UTF-8 replaced by U+FFFD): traces
// keep the bytes they always had without a document being built first,
// which cost most of the writing time. (PrettyJson.h lays the text out.)

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace memlens {

// An object's key as written: quoted, with its colon, put together when
// compiled (keys are the format's field names, plain and short). Given as a
// template argument, it is a constant of static storage, so that writing it
// copies a few words and builds nothing.
struct JsonKey {
  // Implicit, so that a key is written as the string literal it is.
  consteval JsonKey(const char* name) {  // NOLINT(google-explicit-constructor)
    text[size++] = '"';
    for (; *name != '\0'; ++name) {
      // Not a constant expression: such a key does not compile.
      if (*name == '"' || *name == '\\' || *name < ' ' || std::size_t{size} + 3 > text.size()) {
        throw "a key must be short and need no escapes";
      }
      text[size++] = *name;
    }
    text[size++] = '"';
    text[size++] = ':';
  }

  // Copied whole, whatever the key's length: a copy of fixed size is a few
  // instructions, one of the key's length a call.
  std::array<char, 31> text{};
  std::uint8_t size = 0;
};

// The text is put together in a buffer of the writer's own and appended to
// `out` in blocks: growing a string a few bytes at a time cost more than
// producing the bytes. It reaches `out` when flush() is called and when the
// writer is destroyed; until then nothing else may append to `out`.
class JsonWriter {
 public:
  // Values written outside any object or array get no separators; the
  // caller places them.
  explicit JsonWriter(std::string& out) : out_(out) {}
  // Flushes. Growing `out` can fail only for want of memory, which ends the
  // program here; call flush() first where it must be an exception instead.
  ~JsonWriter() { flush(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  // Appends what is buffered to `out`.
  void flush();

  void beginObject() { open('{'); }
  void endObject() { close('}'); }
  void beginArray() { open('['); }
  void endArray() { close(']'); }
  // nlohmann::json keeps an object's keys sorted; give them in that order.
  template <JsonKey kKey>
  JsonWriter& key() {
    char* at = separate();
    std::memcpy(at, kKey.text.data(), kKey.text.size());
    cursor_ = at + kKey.size;
    comma_ = 0;  // the value follows the colon
    return *this;
  }

  void string(std::string_view text);
  void integer(std::int64_t value);
  void unsignedInteger(std::uint64_t value);
  void real(double value);  // finite: JSON has no NaN or infinity
  void boolean(bool value) { value ? literal("true") : literal("false"); }
  void null() { literal("null"); }

 private:
  static constexpr std::size_t kBufferBytes = 16 * 1024;
  // Free bytes separate() leaves for what follows it: the longest key,
  // number or literal.
  static constexpr std::size_t kTokenBytes = 64;

  // Writes the comma that goes before a key, or before a value that follows
  // no key, and returns where that goes, with kTokenBytes free; the caller
  // moves the cursor past what it writes. Inline: it runs for every key and
  // value. (The buffer is written through a local pointer: after each write
  // through cursor_ it would be read again, as a char may alias it.)
  char* separate() {
    reserve(1 + kTokenBytes);
    char* at = cursor_;
    const std::size_t comma = comma_;
    comma_ = afterItem_;
    *at = ',';
    return at + comma;
  }
  // Makes `bytes` (at most kBufferBytes) free in the buffer.
  void reserve(std::size_t bytes) {
    if (cursor_ > buffer_.data() + buffer_.size() - bytes) flush();
  }
  std::size_t spare() const {
    return static_cast<std::size_t>(buffer_.data() + buffer_.size() - cursor_);
  }
  // `text` as the inside of a JSON string, at the cursor.
  void escaped(std::string_view text);
  // Writes the escape, or the UTF-8 sequence, that `text` starts with;
  // returns how many bytes of it that took.
  std::size_t escapeFirst(std::string_view text);
  template <std::size_t kSize>
  void literal(const char (&text)[kSize]) {
    char* at = separate();
    std::memcpy(at, text, kSize - 1);
    cursor_ = at + kSize - 1;
  }
  void open(char bracket) {
    char* at = separate();
    ++depth_;
    comma_ = 0;
    afterItem_ = 1;
    *at = bracket;
    cursor_ = at + 1;
  }
  void close(char bracket) {
    reserve(1);
    if (--depth_ == 0) afterItem_ = 0;
    comma_ = afterItem_;
    *cursor_++ = bracket;
  }

  std::string& out_;
  std::size_t depth_ = 0;
  // The bytes of comma before the next item (0 or 1), and after an item at
  // this depth: 1 inside an object or array. (Not characters: a write
  // through a char could change those, so they would be read again.)
  std::size_t comma_ = 0;
  std::size_t afterItem_ = 0;
  std::array<char, kBufferBytes> buffer_;  // NOLINT(cppcoreguidelines-pro-type-member-init)
  char* cursor_ = buffer_.data();          // the end of what is buffered
};

}  // namespace memlens

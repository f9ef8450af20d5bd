#pragma once
// JSON text appended straight to a string, byte for byte as nlohmann::json's
// dump() writes the same values (compact, or pretty with one space per level;
// invalid UTF-8 replaced by U+FFFD): traces keep the bytes they always had
// without a document being built first, which cost most of the writing time.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace memlens {

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
  JsonWriter& key(std::string_view name);

  void string(std::string_view text);
  void integer(std::int64_t value);
  void unsignedInteger(std::uint64_t value);
  void real(double value);  // finite: JSON has no NaN or infinity
  void boolean(bool value) { text(value ? "true" : "false"); }
  void null() { text("null"); }

 private:
  void separate();  // before a key, or before a value that follows no key
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

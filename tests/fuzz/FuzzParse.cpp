// libFuzzer target: the script lexer and parser on arbitrary bytes. Any
// input either parses or is a ScriptError; nothing else may escape.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "script/Parser.h"
#include "session/ScriptError.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    memlens::script::parseModule(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const memlens::ScriptError&) {
  }
  return 0;
}

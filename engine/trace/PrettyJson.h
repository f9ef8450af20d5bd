#pragma once
// Compact JSON text laid out as nlohmann::json's dump(1) lays it out, for
// readers rather than programs: JsonWriter writes compact text only, so
// that its every key and value need not ask which layout it is writing.

#include <string>
#include <string_view>

namespace memlens {

// Appends `compact` (well-formed, as JsonWriter writes it) with each item of
// a non-empty object or array on a line of its own, indented one space per
// level, and a space after each key's colon; {} and [] stay as they are.
void appendPrettyJson(std::string& out, std::string_view compact);

}  // namespace memlens

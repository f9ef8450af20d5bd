#pragma once
// Small helpers on script values shared by the evaluator's parts.

#include <ATen/core/ivalue.h>

#include <optional>
#include <string>
#include <vector>

#include "ops/OperatorCall.h"
#include "session/ScriptError.h"

namespace memlens::script {

[[noreturn]] inline void throwTypeError(const std::string& message) {
  throw ScriptError("TypeError", message);
}

// A Python number (bool, int, float, complex) as opposed to anything else.
inline bool isNumber(const c10::IValue& v) {
  return v.isBool() || v.isInt() || v.isDouble() || v.isComplexDouble();
}

// Python's int(v) for int and bool (bool is an int subclass).
inline bool isIntLike(const c10::IValue& v) {
  return v.isInt() || v.isBool();
}
inline std::int64_t toIntLike(const c10::IValue& v) {
  return v.isBool() ? static_cast<std::int64_t>(v.toBool()) : v.toInt();
}

// Lists, tuples and dicts nest at most this deep: deeper values would
// overflow the stack wherever they are walked (printing, comparing, the
// memory model, freeing), where Python would hit its recursion limit.
inline constexpr int kMaxNesting = 1000;

// Checks values about to go into a container: RecursionError if it would
// nest deeper than kMaxNesting; ValueError if one of them holds `container`
// itself, since a list that contains itself is never freed.
void checkContainable(const std::vector<c10::IValue>& items, const void* container = nullptr);

// The value passed as keyword `name`, or nullptr.
const c10::IValue* findKeyword(const ops::CallArguments& arguments, std::string_view name);

c10::IValue makeList(std::vector<c10::IValue> items);
c10::IValue makeTuple(std::vector<c10::IValue> items);
// torch.return_types.max(values=..., indices=...): a tuple whose type names its fields.
c10::IValue makeNamedTuple(const std::string& typeName, const std::vector<std::string>& fields,
                           std::vector<c10::IValue> items);

struct TupleNames {
  std::string typeName;
  std::vector<std::string> fields;
};
// The type and field names of a named tuple; nullopt for plain tuples.
std::optional<TupleNames> namedTupleNames(const c10::IValue& tuple);

// The Python-visible sequence behind lists, tuples and the typed lists LibTorch returns.
bool isSequence(const c10::IValue& v);
std::vector<c10::IValue> sequenceItems(const c10::IValue& v);

// Python's `is`.
bool isSameObject(const c10::IValue& a, const c10::IValue& b);
// Python's id(): an address that is the same exactly when `is` holds.
std::int64_t objectId(const c10::IValue& v);

// Converts LibTorch's return values to what Python shows: Tensor[] and
// int[] become tuples, Scalars become Python numbers.
c10::IValue pythonValue(c10::IValue v);

}  // namespace memlens::script

#pragma once
// Python's builtins that scripts about tensors use: print, len, range, id,
// int, float, bool, str, repr, abs, min, max, sum, round, list, tuple,
// isinstance, type, enumerate, zip, sorted, reversed.

#include <ATen/core/ivalue.h>

#include <optional>
#include <string_view>

#include "script/ScriptState.h"
#include "session/Scope.h"

namespace memlens::script {

// The builtin called `name`, or nullopt. `print` writes to `scope`.
std::optional<c10::IValue> builtin(std::string_view name, Scope& scope, const ScriptState& state);

// Python's type(value).__name__ with module where Python shows one ("torch.Tensor").
std::string qualifiedTypeName(const c10::IValue& value);

}  // namespace memlens::script

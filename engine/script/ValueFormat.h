#pragma once
// Python's str() and repr() of every script value.

#include <ATen/core/ivalue.h>

#include <string>

#include "script/TensorFormat.h"

namespace memlens::script {

std::string str(const c10::IValue& value, const PrintOptions& options);
std::string repr(const c10::IValue& value, const PrintOptions& options);

}  // namespace memlens::script

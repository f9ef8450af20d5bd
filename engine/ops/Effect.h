#pragma once
// What an operator's schema predicts it does to memory, read from its alias
// annotations: `Tensor(a!)` is written in place, `Tensor(a)` is aliased (a
// view). The observation is the truth; this is shown beside it.

#include <ATen/core/function_schema.h>

#include <string>

namespace memlens::ops {

enum class PredictedEffect { New, InPlace, Out, View, None };

PredictedEffect predictEffect(const c10::FunctionSchema& schema);
std::string describe(PredictedEffect effect);

}  // namespace memlens::ops

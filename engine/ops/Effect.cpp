#include "ops/Effect.h"

#include <algorithm>

namespace memlens::ops {

PredictedEffect predictEffect(const c10::FunctionSchema& schema) {
  const auto& args = schema.arguments();
  const auto writes = [](const c10::Argument& a) {
    return a.alias_info() != nullptr && a.alias_info()->isWrite();
  };
  if (std::any_of(args.begin(), args.end(), [](const auto& a) { return a.is_out(); })) {
    return PredictedEffect::Out;
  }
  if (std::any_of(args.begin(), args.end(), writes)) return PredictedEffect::InPlace;
  const auto& returns = schema.returns();
  if (std::any_of(returns.begin(), returns.end(),
                  [](const auto& r) { return r.alias_info() != nullptr; })) {
    return PredictedEffect::View;
  }
  const bool returnsTensor = std::any_of(returns.begin(), returns.end(), [](const auto& r) {
    return r.type()->kind() == c10::TypeKind::TensorType ||
           r.type()->kind() == c10::TypeKind::ListType;
  });
  return returnsTensor ? PredictedEffect::New : PredictedEffect::None;
}

std::string describe(PredictedEffect effect) {
  switch (effect) {
    case PredictedEffect::New: return "new";
    case PredictedEffect::InPlace: return "in-place";
    case PredictedEffect::Out: return "out=";
    case PredictedEffect::View: return "view";
    case PredictedEffect::None: return "none";
  }
  return "none";
}

}  // namespace memlens::ops

#include "script/GradFn.h"

#include <torch/csrc/autograd/function.h>

namespace memlens::script {

std::optional<std::string> gradFnName(const at::Tensor& tensor) {
  const auto& node = tensor.grad_fn();
  if (!node) return std::nullopt;
  return node->name();
}

const void* gradFnAddress(const at::Tensor& tensor) {
  return tensor.grad_fn().get();
}

}  // namespace memlens::script

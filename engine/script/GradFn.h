#pragma once
#include <ATen/core/Tensor.h>

#include <optional>
#include <string>

namespace memlens::script {

// type(tensor.grad_fn).__name__ ("AddBackward0"), or nullopt for leaves.
// Kept apart so only this file pays for LibTorch's autograd headers.
std::optional<std::string> gradFnName(const at::Tensor& tensor);
const void* gradFnAddress(const at::Tensor& tensor);

}  // namespace memlens::script

#pragma once
// repr(tensor) exactly as PyTorch 1.13's torch/_tensor_str.py writes it, and the reprs of
// torch.Size, torch.dtype and torch.device.

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <optional>
#include <string>

namespace memlens::script {

// torch.set_printoptions; the members keep Python's order and defaults.
struct PrintOptions {
  int precision = 4;
  std::int64_t threshold = 1000;
  std::int64_t edgeitems = 3;
  int linewidth = 80;
  std::optional<bool> sciMode;
};

// repr(tensor) == str(tensor): contents, dtype=, device=, grad_fn=/requires_grad=, size= for
// empty tensors, names=. Reads the tensor without writing it or bumping its version.
std::string formatTensor(const at::Tensor& tensor, const PrintOptions& options = {});

std::string formatSize(c10::IntArrayRef sizes);       // "torch.Size([2, 3])"
std::string formatDtype(c10::ScalarType type);        // "torch.float32"
std::string formatDevice(const c10::Device& device);  // "device(type='cuda', index=0)"

}  // namespace memlens::script

#pragma once
// torch.tensor(data, dtype=None, device=None, requires_grad=False): a new
// tensor from nested Python sequences, with Python's dtype inference.

#include <ATen/core/Tensor.h>
#include <ATen/core/ivalue.h>

#include <optional>
#include <vector>

namespace memlens::script {

at::Tensor tensorFromData(const c10::IValue& data, std::optional<c10::ScalarType> dtype,
                          std::optional<c10::Device> device, bool requiresGrad);

// tensor.tolist() / tensor.item() as Python values.
c10::IValue tensorToList(const at::Tensor& tensor);

}  // namespace memlens::script

#pragma once
// Reading a tensor's facts the way Python shows them, without running any
// ATen operator on CPU tensors (so reading never allocates or bumps versions).

#include <ATen/core/Tensor.h>

#include <optional>
#include <string>
#include <vector>

#include "trace/Step.h"

namespace memlens {

// PyTorch's short dtype name: "float32", "int64", "bool", "complex64", ...
std::string dtypeName(c10::ScalarType type);

// The tensor's version counter (`tensor._version`); 0 for inference tensors,
// which have none.
std::int64_t versionOf(const at::Tensor& tensor);

// Row-major element values of a strided tensor with a dtype we can read
// (any size); nullopt otherwise.
std::optional<std::vector<ElementValue>> readElements(const at::Tensor& tensor);

// Every element of a storage read as `type` (storage.tolist() in Python).
std::optional<std::vector<ElementValue>> readStorage(const c10::Storage& storage,
                                                     c10::ScalarType type);

// The raw bytes of a small CPU tensor's elements in row-major order, into
// `out` (reused). False when the tensor has more than kMaxRecordedElements
// elements or is not a readable strided CPU tensor. Cheap enough to run on
// every named tensor after every statement to notice writes.
bool gatherElementBytes(const at::Tensor& tensor, std::vector<std::uint8_t>& out);

// Whether gatherElementBytes would produce exactly `previous` now; reads a
// contiguous tensor's bytes in place without copying.
bool elementBytesEqual(const at::Tensor& tensor, const std::vector<std::uint8_t>& previous);

// readElements for tensors of at most kMaxRecordedElements elements.
std::optional<std::vector<ElementValue>> elementValues(const at::Tensor& tensor);

// Everything but `name`, `id` and `storage`, which need the session's registries.
TensorRecord describeTensor(const at::Tensor& tensor);

}  // namespace memlens

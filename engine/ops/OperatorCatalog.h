#pragma once
// The callable operators as plain data, for `memlens-cli ops` and the op
// palette. Torch-free header.

#include <string>
#include <string_view>
#include <vector>

namespace memlens::ops {

struct OperatorInfo {
  std::string name;      // "add"
  std::string overload;  // "Tensor", "" for the default overload
  std::string schema;  // "aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor"
  std::string effect;  // predicted from alias annotations: new, in-place, out=, view, none
};

// Every overload of every ATen operator whose name contains `pattern`, by name.
std::vector<OperatorInfo> listOperators(std::string_view pattern = {});

}  // namespace memlens::ops

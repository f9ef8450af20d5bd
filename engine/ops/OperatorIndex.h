#pragma once
// Every ATen operator registered with LibTorch's dispatcher, by name, with
// its overloads. Built once from c10::Dispatcher, not from a list of names.

#include <ATen/core/dispatch/Dispatcher.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace memlens::ops {

struct Overload {
  c10::OperatorHandle handle;
  const c10::FunctionSchema* schema;
  // Has TensorOptions arguments (dtype, layout, device, pin_memory): Python
  // calls such factories below the autograd layer and accepts requires_grad=.
  bool isFactory = false;
  // Has a keyword-only `out` argument written in place.
  bool hasOut = false;
  // Python's bindings do not expose this overload (see isHiddenFromPython).
  bool hiddenFromPython = false;
};

class OperatorIndex {
 public:
  static const OperatorIndex& instance();

  // Overloads of `aten::<name>` in binding order (see .cpp), or nullptr.
  const std::vector<Overload>* find(std::string_view name) const;
  // All operator names without the `aten::` prefix, sorted.
  const std::vector<std::string>& names() const { return names_; }

 private:
  OperatorIndex();

  std::unordered_map<std::string, std::vector<Overload>> byName_;
  std::vector<std::string> names_;
};

}  // namespace memlens::ops

#pragma once
// Python's torch.* factory functions run below the autograd and
// ADInplaceOrView layers (torch/csrc/autograd/generated/variable_factories.h),
// so a fresh tensor starts at version 0 even though e.g. `ones` fills it with
// `fill_`. Calling at::ones directly from C++ would bump the version to 1.
// Every factory call that stands for Python code goes through this.

#include <ATen/core/LegacyTypeDispatch.h>

#include <utility>

namespace memlens::ops {

template <typename Factory>
auto asPythonFactory(Factory&& factory) {
  at::AutoDispatchBelowADInplaceOrView guard;
  return std::forward<Factory>(factory)();
}

}  // namespace memlens::ops

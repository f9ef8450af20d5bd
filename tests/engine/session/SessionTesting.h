#pragma once
// Small helpers for tests that drive a Session with C++ bodies.

#include <ATen/core/Tensor.h>

#include <numeric>
#include <string>

#include "ops/PythonFactory.h"
#include "session/Scope.h"
#include "session/Session.h"

namespace memlens::testing {

inline at::Tensor tensor(Scope& scope, std::string_view name) {
  return scope.get(name).toTensor();
}

// Creates a tensor the way Python's torch.* factories do (version 0).
template <typename Factory>
at::Tensor factory(Factory&& make) {
  return ops::asPythonFactory(std::forward<Factory>(make));
}

// Runs one step whose statement text is `code`, numbering lines in order.
class Script {
 public:
  const Step& operator()(std::string code, const Session::Body& body) {
    return session.run(Statement{code, ++line_, 1}, body);
  }
  const TensorRecord& record(const std::string& name) const {
    return session.timeline().current().tensors.at(name);
  }
  const StorageRecord& storageOf(const std::string& name) const {
    return session.timeline().current().storages.at(record(name).storage);
  }

  Session session;

 private:
  int line_ = 0;
};

inline std::int64_t liveBytes(const State& state, const std::string& device) {
  std::int64_t sum = 0;
  for (const auto& [id, storage] : state.storages) {
    if (storage.device == device) sum += storage.bytes;
  }
  return sum;
}

}  // namespace memlens::testing

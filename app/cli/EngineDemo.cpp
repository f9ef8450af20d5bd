#include "cli/EngineDemo.h"

#include <ATen/ops/add.h>
#include <ATen/ops/arange.h>
#include <ATen/ops/scalar_tensor.h>
#include <ATen/ops/zeros.h>

#include "ops/PythonFactory.h"
#include "session/Scope.h"

namespace memlens::cli {
namespace {

at::Tensor tensorOf(Scope& scope, std::string_view name) {
  return scope.get(name).toTensor();
}

at::Tensor longScalar(std::int64_t value) {
  return ops::asPythonFactory([&] { return at::scalar_tensor(value, at::kLong); });
}

}  // namespace

void runEngineDemo(Session& session) {
  int line = 0;
  const auto step = [&](std::string code, const Session::Body& body) {
    session.run(Statement{std::move(code), ++line, 1}, body);
  };
  step("x = torch.tensor(4)", [](Scope& s) { s.bind("x", longScalar(4)); });
  step("y = torch.tensor(3)", [](Scope& s) { s.bind("y", longScalar(3)); });
  step("z = x.add_(y)", [](Scope& s) { s.bind("z", tensorOf(s, "x").add_(tensorOf(s, "y"))); });
  step("print(\"In-place Addition x:\", x.item())", [](Scope& s) {
    s.print("In-place Addition x: " + std::to_string(tensorOf(s, "x").item<std::int64_t>()) + "\n");
  });
  step("w = torch.add(x, y)",
       [](Scope& s) { s.bind("w", at::add(tensorOf(s, "x"), tensorOf(s, "y"))); });
  step("a = torch.arange(6)",
       [](Scope& s) { s.bind("a", ops::asPythonFactory([] { return at::arange(6); })); });
  step("b = a.view(2, 3).t()", [](Scope& s) { s.bind("b", tensorOf(s, "a").view({2, 3}).t()); });
  step("del w", [](Scope& s) { s.unbind("w"); });
  step("big = torch.zeros(1024)",
       [](Scope& s) { s.bind("big", ops::asPythonFactory([] { return at::zeros({1024}); })); });
  step("del big", [](Scope& s) { s.unbind("big"); });
  step("again = torch.zeros(1024)",
       [](Scope& s) { s.bind("again", ops::asPythonFactory([] { return at::zeros({1024}); })); });
  step("del a", [](Scope& s) { s.unbind("a"); });
  step("b.add_(1)", [](Scope& s) { tensorOf(s, "b").add_(1); });
}

}  // namespace memlens::cli

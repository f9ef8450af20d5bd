#pragma once
// Script-level Python objects that live in IValue capsules: modules,
// functions, ranges, slices, named tuples, context managers, storages.

#include <ATen/core/Tensor.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ops/Objects.h"
#include "ops/OperatorCall.h"

namespace memlens::script {

using ops::objectAs;
using ops::PyObject;

// An object with a Python repr of its own.
struct ReprObject : PyObject {
  virtual std::string repr() const = 0;
};

struct ModuleObject final : ReprObject {
  explicit ModuleObject(std::string n) : name(std::move(n)) {}
  std::string typeName() const override { return "module"; }
  std::string repr() const override { return "<module '" + name + "'>"; }
  std::string name;  // "torch", "torch.nn.functional", "torch.cuda"
};

struct FunctionObject final : ReprObject {
  using Body = std::function<c10::IValue(const ops::CallArguments&)>;
  FunctionObject(std::string n, Body b) : name(std::move(n)), body(std::move(b)) {}
  std::string typeName() const override { return "builtin_function_or_method"; }
  std::string repr() const override { return "<built-in function " + name + ">"; }
  std::string name;
  Body body;
};

// A Python type: for isinstance(), type() and `is`; calling it constructs
// (int("3"), torch.Size([2, 3])) where `construct` is set.
struct TypeObject final : ReprObject {
  explicit TypeObject(std::string n, FunctionObject::Body c = {})
      : name(std::move(n)), construct(std::move(c)) {}
  std::string typeName() const override { return "type"; }
  std::string repr() const override { return "<class '" + name + "'>"; }
  std::string name;  // "int", "torch.Tensor", ...
  FunctionObject::Body construct;
};

struct RangeObject final : ReprObject {
  RangeObject(std::int64_t b, std::int64_t e, std::int64_t s) : start(b), stop(e), step(s) {}
  std::string typeName() const override { return "range"; }
  std::string repr() const override;
  std::int64_t length() const;
  // Wrapping arithmetic: every index below length() lands inside the range.
  std::int64_t at(std::int64_t index) const {
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(start) +
                                     static_cast<std::uint64_t>(index) *
                                         static_cast<std::uint64_t>(step));
  }
  std::int64_t start, stop, step;
};

struct SliceObject final : ReprObject {
  SliceObject(c10::IValue l, c10::IValue u, c10::IValue s)
      : lower(std::move(l)), upper(std::move(u)), step(std::move(s)) {}
  std::string typeName() const override { return "slice"; }
  std::string repr() const override;
  c10::IValue lower, upper, step;
};

struct EllipsisObject final : ReprObject {
  std::string typeName() const override { return "ellipsis"; }
  std::string repr() const override { return "Ellipsis"; }
};

enum class GradMode { NoGrad, EnableGrad };
struct GradModeObject final : ReprObject {
  explicit GradModeObject(GradMode m) : mode(m) {}
  std::string typeName() const override {
    return mode == GradMode::NoGrad ? "no_grad" : "enable_grad";
  }
  std::string repr() const override { return "<torch.autograd.grad_mode." + typeName() + ">"; }
  GradMode mode;
};

struct GradFnObject final : ReprObject {
  GradFnObject(std::string n, const void* a) : name(std::move(n)), address(a) {}
  std::string typeName() const override { return name; }
  std::string repr() const override;
  std::string name;
  const void* address;
};

// tensor.storage() / tensor.untyped_storage()
struct StorageObject final : ReprObject {
  StorageObject(c10::Storage s, std::optional<c10::ScalarType> t)
      : storage(std::move(s)), dtype(t) {}
  std::string typeName() const override {
    return dtype ? "torch.TypedStorage" : "torch.UntypedStorage";
  }
  std::string repr() const override;
  c10::Storage storage;
  std::optional<c10::ScalarType> dtype;  // typed storages count elements
};

template <typename T, typename... Args>
c10::IValue makeObject(Args&&... args) {
  return c10::IValue::make_capsule(c10::make_intrusive<T>(std::forward<Args>(args)...));
}

c10::IValue makeFunction(std::string name, FunctionObject::Body body);
const c10::IValue& ellipsisValue();

}  // namespace memlens::script

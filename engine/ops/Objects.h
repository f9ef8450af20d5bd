#pragma once
// Python objects that are not plain IValues (torch.dtype, torch.Size, ...)
// travel inside IValue capsules. The operator binder needs to recognise the
// ones that can stand for an operator argument; the script layer adds more.

#include <ATen/core/ivalue.h>
#include <c10/core/Layout.h>
#include <c10/core/MemoryFormat.h>
#include <c10/core/ScalarType.h>

#include <string>
#include <vector>

namespace memlens::ops {

struct PyObject : torch::CustomClassHolder {
  // Python's type name, as `type(x).__name__` would show it in messages.
  virtual std::string typeName() const = 0;
};

struct DtypeObject final : PyObject {
  explicit DtypeObject(c10::ScalarType t) : type(t) {}
  std::string typeName() const override { return "torch.dtype"; }
  c10::ScalarType type;
};

struct LayoutObject final : PyObject {
  explicit LayoutObject(c10::Layout l) : layout(l) {}
  std::string typeName() const override { return "torch.layout"; }
  c10::Layout layout;
};

struct MemoryFormatObject final : PyObject {
  explicit MemoryFormatObject(c10::MemoryFormat f) : format(f) {}
  std::string typeName() const override { return "torch.memory_format"; }
  c10::MemoryFormat format;
};

struct SizeObject final : PyObject {
  explicit SizeObject(std::vector<std::int64_t> s) : sizes(std::move(s)) {}
  std::string typeName() const override { return "torch.Size"; }
  std::vector<std::int64_t> sizes;
};

// The object inside a capsule, if it is a T.
template <typename T>
const T* objectAs(const c10::IValue& value) {
  if (!value.isCapsule()) return nullptr;
  return dynamic_cast<const T*>(value.toCapsule().get());
}

// One interned dtype object per ScalarType, so that `is` works like Python's.
c10::IValue dtypeValue(c10::ScalarType type);
c10::IValue layoutValue(c10::Layout layout);
c10::IValue memoryFormatValue(c10::MemoryFormat format);
c10::IValue sizeValue(std::vector<std::int64_t> sizes);

// Python's type name of any value: "Tensor", "int", "float", "str", "list", ...
std::string pythonTypeName(const c10::IValue& value);

}  // namespace memlens::ops

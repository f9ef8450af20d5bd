#include "ops/ArgumentKinds.h"

#include <cstring>
#include <typeinfo>

namespace memlens::ops {

bool ArgumentKinds::add(const void* data, std::size_t size) {
  if (size_ + size > kCapacity) return false;
  std::memcpy(bytes_ + size_, data, size);
  size_ += size;
  return true;
}

namespace {

// The distinctions the binder makes (see OperatorCall.cpp); every other kind
// of value binds to nothing.
char kindOf(const c10::IValue& value) {
  if (value.isNone()) return 'N';
  if (value.isTensor()) return 'T';
  if (value.isBool()) return 'b';
  if (value.isInt()) return 'i';
  if (value.isDouble()) return 'f';
  if (value.isComplexDouble()) return 'c';
  if (value.isDevice()) return 'D';
  if (value.isCapsule()) return 'O';
  if (value.isList()) return 'L';
  if (value.isTuple()) return 'U';
  return '?';
}

}  // namespace

bool ArgumentKinds::addKind(const c10::IValue& value, int depth) {
  if (value.isString() || depth > 2) return false;
  const char kind = kindOf(value);
  if (!add(&kind, 1)) return false;
  if (value.isCapsule()) {
    // torch.dtype, torch.Size, ...: the binder tells them apart by class.
    const std::type_info* type = &typeid(*value.toCapsule());
    return add(&type, sizeof type);
  }
  const auto addElements = [&](c10::ArrayRef<c10::IValue> elements) {
    for (const auto& element : elements) {
      if (!addKind(element, depth + 1)) return false;
    }
    const char end = ')';
    return add(&end, 1);
  };
  if (value.isList()) return addElements(value.toListRef());
  if (value.isTuple()) return addElements(value.toTupleRef().elements());
  return true;
}

bool ArgumentKinds::describe(const std::vector<Overload>& overloads, const CallArguments& call) {
  size_ = 0;
  const void* op = &overloads;
  if (!add(&op, sizeof op)) return false;
  for (const auto& value : call.positional) {
    if (!addKind(value, 0)) return false;
  }
  for (const auto& [name, value] : call.keywords) {
    const char separator = '=';
    if (!add(&separator, 1) || !add(name.data(), name.size()) || !addKind(value, 0)) return false;
  }
  return true;
}

}  // namespace memlens::ops

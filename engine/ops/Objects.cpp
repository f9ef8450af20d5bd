#include "ops/Objects.h"

#include <array>
#include <map>
#include <mutex>

namespace memlens::ops {
namespace {

template <typename Object, typename Key>
c10::IValue interned(Key key) {
  static std::mutex mutex;
  static std::map<Key, c10::IValue> cache;
  const std::lock_guard lock(mutex);
  auto it = cache.find(key);
  if (it == cache.end()) {
    it = cache.emplace(key, c10::IValue::make_capsule(c10::make_intrusive<Object>(key))).first;
  }
  return it->second;
}

}  // namespace

c10::IValue dtypeValue(c10::ScalarType type) {
  return interned<DtypeObject>(type);
}
c10::IValue layoutValue(c10::Layout layout) {
  return interned<LayoutObject>(layout);
}
c10::IValue memoryFormatValue(c10::MemoryFormat format) {
  return interned<MemoryFormatObject>(format);
}
c10::IValue sizeValue(std::vector<std::int64_t> sizes) {
  return c10::IValue::make_capsule(c10::make_intrusive<SizeObject>(std::move(sizes)));
}

std::string pythonTypeName(const c10::IValue& value) {
  if (value.isTensor()) return "Tensor";
  if (value.isNone()) return "NoneType";
  if (value.isBool()) return "bool";
  if (value.isInt()) return "int";
  if (value.isDouble()) return "float";
  if (value.isComplexDouble()) return "complex";
  if (value.isString()) return "str";
  if (value.isList()) return "list";
  if (value.isTuple()) return "tuple";
  if (value.isGenericDict()) return "dict";
  if (value.isDevice()) return "torch.device";
  if (value.isCapsule()) {
    if (const auto* object = dynamic_cast<const PyObject*>(value.toCapsule().get())) {
      return object->typeName();
    }
  }
  return value.tagKind();
}

}  // namespace memlens::ops

#include "script/Values.h"

#include <ATen/core/Tensor.h>
#include <ATen/core/jit_type.h>

#include <algorithm>
#include <unordered_map>

#include "ops/Objects.h"
#include "script/Objects.h"

namespace memlens::script {

namespace {

// The nesting depth of `value` (0 for non-containers), memoised per object so
// that shared sublists are walked once.
int nestingDepth(const c10::IValue& value, const void* container, int level,
                 std::unordered_map<const void*, int>& known) {
  if (!value.isList() && !value.isTuple() && !value.isGenericDict()) return 0;
  const void* object = value.internalToPointer();
  if (object == container) {
    throw ScriptError("ValueError", "a list or dict cannot contain itself in MemLens scripts");
  }
  if (auto it = known.find(object); it != known.end()) return it->second;
  if (level >= kMaxNesting) {
    throw ScriptError("RecursionError", "lists, tuples and dicts nested too deeply (more than " +
                                            std::to_string(kMaxNesting) + " levels)");
  }
  int deepest = 0;
  const auto visit = [&](const c10::IValue& child) {
    deepest = std::max(deepest, nestingDepth(child, container, level + 1, known));
  };
  if (value.isGenericDict()) {
    for (const auto& entry : value.toGenericDict()) {
      visit(entry.key());
      visit(entry.value());
    }
  } else {
    for (const auto& child : sequenceItems(value)) visit(child);
  }
  known.emplace(object, deepest + 1);
  return deepest + 1;
}

}  // namespace

void checkContainable(const std::vector<c10::IValue>& items, const void* container) {
  std::unordered_map<const void*, int> known;
  for (const auto& item : items) nestingDepth(item, container, 1, known);
}

const c10::IValue* findKeyword(const ops::CallArguments& arguments, std::string_view name) {
  for (const auto& [key, value] : arguments.keywords) {
    if (key == name) return &value;
  }
  return nullptr;
}

c10::IValue makeList(std::vector<c10::IValue> items) {
  checkContainable(items);
  c10::impl::GenericList list(c10::AnyType::get());
  list.reserve(items.size());
  for (auto& item : items) list.push_back(std::move(item));
  return c10::IValue(std::move(list));
}

c10::IValue makeTuple(std::vector<c10::IValue> items) {
  checkContainable(items);
  return c10::IValue(c10::ivalue::Tuple::create(std::move(items)));
}

c10::IValue makeNamedTuple(const std::string& typeName, const std::vector<std::string>& fields,
                           std::vector<c10::IValue> items) {
  std::vector<c10::TypePtr> types;
  for (const auto& item : items) types.push_back(item.type());
  auto type = c10::TupleType::createNamed(c10::QualifiedName(typeName), fields, types);
  return c10::IValue(c10::ivalue::Tuple::createNamed(std::move(items), std::move(type)));
}

std::optional<TupleNames> namedTupleNames(const c10::IValue& tuple) {
  if (!tuple.isTuple()) return std::nullopt;
  const auto type = tuple.toTupleRef().type();
  if (!type->name() || !type->schema()) return std::nullopt;
  TupleNames names{type->name()->qualifiedName(), {}};
  for (const auto& argument : type->schema()->arguments()) names.fields.push_back(argument.name());
  return names;
}

bool isSequence(const c10::IValue& v) {
  return v.isList() || v.isTuple();
}

std::vector<c10::IValue> sequenceItems(const c10::IValue& v) {
  if (v.isTuple()) return v.toTupleRef().elements().vec();
  if (v.isList()) return v.toListRef().vec();
  return {};
}

bool isSameObject(const c10::IValue& a, const c10::IValue& b) {
  if (a.isTensor() && b.isTensor()) {
    return a.toTensor().unsafeGetTensorImpl() == b.toTensor().unsafeGetTensorImpl();
  }
  if (a.isNone() || b.isNone()) return a.isNone() && b.isNone();
  if (a.isBool() && b.isBool()) return a.toBool() == b.toBool();
  if (a.isInt() && b.isInt()) return a.toInt() == b.toInt();  // small-int caching, roughly
  if (a.isString() && b.isString()) return a.toStringRef() == b.toStringRef();
  // Types are singletons in Python: `type(t) is tuple`.
  const auto* typeA = ops::objectAs<TypeObject>(a);
  const auto* typeB = ops::objectAs<TypeObject>(b);
  if (typeA && typeB) return typeA->name == typeB->name;
  if (a.isPtrType() && b.isPtrType()) return a.internalToPointer() == b.internalToPointer();
  return false;
}

std::int64_t objectId(const c10::IValue& v) {
  if (v.isTensor()) return reinterpret_cast<std::intptr_t>(v.toTensor().unsafeGetTensorImpl());
  if (v.isPtrType()) return reinterpret_cast<std::intptr_t>(v.internalToPointer());
  // Immutable values without a heap object: derive a stable id from the value.
  return static_cast<std::int64_t>(c10::IValue::hash(v) & 0x7fffffffffff);
}

c10::IValue pythonValue(c10::IValue v) {
  if (v.isTensorList()) {
    std::vector<c10::IValue> items;
    for (const auto& t : v.toTensorVector()) items.emplace_back(t);
    return makeTuple(std::move(items));
  }
  if (v.isIntList()) {
    std::vector<c10::IValue> items;
    for (auto i : v.toIntVector()) items.emplace_back(i);
    return makeTuple(std::move(items));
  }
  if (v.isSymInt()) return c10::IValue(v.toSymInt().expect_int());
  return v;
}

}  // namespace memlens::script

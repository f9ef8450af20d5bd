#include "script/Indexing.h"

#include <ATen/TensorIndexing.h>

#include "ops/Objects.h"
#include "ops/OperatorCall.h"
#include "script/Objects.h"
#include "script/TensorFromData.h"
#include "script/Values.h"
#include "session/Cancellation.h"
#include "session/MemoryBudget.h"
#include "tracking/Recording.h"

namespace memlens::script {
namespace {

namespace idx = at::indexing;

c10::optional<std::int64_t> sliceBound(const c10::IValue& v) {
  if (v.isNone()) return c10::nullopt;
  if (isIntLike(v)) return toIntLike(v);
  throwTypeError("slice indices must be integers or None");
}

// Appends in place: TensorIndex's implicit move constructor copies its bool
// member even when it was never set, which UBSan rightly reports, so the
// indices are never moved (constructed in the vector, reserved up front).
void appendTensorIndex(std::vector<idx::TensorIndex>& out, const c10::IValue& v) {
  if (v.isNone()) {
    out.emplace_back(idx::None);
  } else if (objectAs<EllipsisObject>(v)) {
    out.emplace_back(idx::Ellipsis);
  } else if (v.isBool()) {
    out.emplace_back(v.toBool());
  } else if (v.isInt()) {
    out.emplace_back(v.toInt());
  } else if (v.isTensor()) {
    out.emplace_back(v.toTensor());
  } else if (const auto* slice = objectAs<SliceObject>(v)) {
    out.emplace_back(
        idx::Slice(sliceBound(slice->lower), sliceBound(slice->upper), sliceBound(slice->step)));
  } else if (v.isList()) {
    out.emplace_back(tensorFromData(v, std::nullopt, std::nullopt, false));
  } else {
    throwTypeError(
        "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are "
        "valid indices (got " +
        ops::pythonTypeName(v) + ")");
  }
}

std::vector<idx::TensorIndex> tensorIndicesOf(const c10::IValue& index) {
  std::vector<idx::TensorIndex> out;
  if (index.isTuple()) {
    const auto& elements = index.toTupleRef().elements();
    out.reserve(elements.size());
    for (const auto& element : elements) appendTensorIndex(out, element);
  } else {
    out.reserve(1);
    appendTensorIndex(out, index);
  }
  return out;
}

// Python's slice.indices(length) for a step-aware range of positions.
std::vector<std::int64_t> slicePositions(const SliceObject& slice, std::int64_t length) {
  const std::int64_t step = slice.step.isNone() ? 1 : toIntLike(slice.step);
  if (step == 0) throw ScriptError("ValueError", "slice step cannot be zero");
  const auto clamp = [&](const c10::IValue& bound, std::int64_t fallback) {
    if (bound.isNone()) return fallback;
    std::int64_t v = toIntLike(bound);
    if (v < 0) v += length;
    if (step > 0) return std::clamp<std::int64_t>(v, 0, length);
    return std::clamp<std::int64_t>(v, -1, length - 1);
  };
  const std::int64_t start = clamp(slice.lower, step > 0 ? 0 : length - 1);
  const std::int64_t stop = clamp(slice.upper, step > 0 ? length : -1);
  std::vector<std::int64_t> out;
  for (std::int64_t i = start; step > 0 ? i < stop : i > stop; i += step) out.push_back(i);
  return out;
}

std::int64_t position(const c10::IValue& index, std::int64_t length, const char* what) {
  if (!isIntLike(index)) {
    throwTypeError(std::string(what) + " indices must be integers or slices, not " +
                   ops::pythonTypeName(index));
  }
  std::int64_t i = toIntLike(index);
  if (i < 0) i += length;
  if (i < 0 || i >= length)
    throw ScriptError("IndexError", std::string(what) + " index out of range");
  return i;
}

c10::IValue sequenceGet(const std::vector<c10::IValue>& items, const c10::IValue& index,
                        const char* what, bool tuple) {
  const auto length = static_cast<std::int64_t>(items.size());
  if (const auto* slice = objectAs<SliceObject>(index)) {
    std::vector<c10::IValue> out;
    for (auto i : slicePositions(*slice, length)) out.push_back(items[static_cast<std::size_t>(i)]);
    return tuple ? makeTuple(std::move(out)) : makeList(std::move(out));
  }
  return items[static_cast<std::size_t>(position(index, length, what))];
}

}  // namespace

c10::IValue getItem(const c10::IValue& container, const c10::IValue& index) {
  if (container.isTensor()) {
    // Indexing calls its operators directly, not through ops::callOperator.
    const tracking::NotedArguments noted(container);
    return container.toTensor().index(tensorIndicesOf(index));
  }
  if (container.isList()) return sequenceGet(container.toListRef().vec(), index, "list", false);
  if (container.isTuple()) return sequenceGet(sequenceItems(container), index, "tuple", true);
  if (const auto* size = objectAs<ops::SizeObject>(container)) {
    if (const auto* slice = objectAs<SliceObject>(index)) {
      std::vector<std::int64_t> out;
      for (auto i : slicePositions(*slice, static_cast<std::int64_t>(size->sizes.size()))) {
        out.push_back(size->sizes[static_cast<std::size_t>(i)]);
      }
      return ops::sizeValue(std::move(out));
    }
    return size->sizes[static_cast<std::size_t>(
        position(index, static_cast<std::int64_t>(size->sizes.size()), "tuple"))];
  }
  if (container.isString()) {
    const std::string& text = container.toStringRef();
    if (const auto* slice = objectAs<SliceObject>(index)) {
      std::string out;
      for (auto i : slicePositions(*slice, static_cast<std::int64_t>(text.size()))) {
        out += text[static_cast<std::size_t>(i)];
      }
      return out;
    }
    return std::string(1, text[static_cast<std::size_t>(
                              position(index, static_cast<std::int64_t>(text.size()), "string"))]);
  }
  if (const auto* range = objectAs<RangeObject>(container)) {
    return range->at(position(index, range->length(), "range object"));
  }
  if (container.isGenericDict()) {
    const auto dict = container.toGenericDict();
    auto it = dict.find(index);
    if (it == dict.end()) throw ScriptError("KeyError", "key not found");
    return it->value();
  }
  throwTypeError("'" + ops::pythonTypeName(container) + "' object is not subscriptable");
}

void setItem(const c10::IValue& container, const c10::IValue& index, const c10::IValue& value) {
  if (container.isTensor()) {
    at::Tensor self = container.toTensor();
    // Indexing calls its operators directly, not through ops::callOperator;
    // of what it passes them, only `self` and its views can be written.
    const tracking::NotedArguments noted(container);
    const auto indices = tensorIndicesOf(index);
    if (value.isTensor()) {
      self.index_put_(indices, value.toTensor());
    } else if (isNumber(value)) {
      self.index_put_(indices, value.toScalar());
    } else if (isSequence(value)) {
      self.index_put_(indices, tensorFromData(value, self.scalar_type(), self.device(), false));
    } else {
      throwTypeError("can't assign a " + ops::pythonTypeName(value) + " to a " +
                     ops::pythonTypeName(container));
    }
    return;
  }
  if (container.isList()) {
    auto list = container.toList();
    checkContainable({value}, container.internalToPointer());
    list.set(static_cast<std::size_t>(
                 position(index, static_cast<std::int64_t>(list.size()), "list assignment")),
             value);
    return;
  }
  if (container.isGenericDict()) {
    checkContainable({index, value}, container.internalToPointer());
    container.toGenericDict().insert_or_assign(index, value);
    return;
  }
  throwTypeError("'" + ops::pythonTypeName(container) +
                 "' object does not support item assignment");
}

void deleteItem(const c10::IValue& container, const c10::IValue& index) {
  if (container.isList()) {
    auto list = container.toList();
    const auto i = position(index, static_cast<std::int64_t>(list.size()), "list assignment");
    list.erase(list.begin() + static_cast<std::size_t>(i));
    return;
  }
  throwTypeError("'" + ops::pythonTypeName(container) + "' object doesn't support item deletion");
}

void iterate(const c10::IValue& iterable, const std::function<bool(const c10::IValue&)>& visit) {
  if (const auto* range = objectAs<RangeObject>(iterable)) {
    for (std::int64_t i = 0, n = range->length(); i < n; ++i) {
      if (!visit(range->at(i))) return;
    }
    return;
  }
  for (const auto& item : materialize(iterable)) {
    if (!visit(item)) return;
  }
}

std::vector<c10::IValue> materialize(const c10::IValue& iterable) {
  if (isSequence(iterable)) return sequenceItems(iterable);
  if (iterable.isTensor()) {
    // Tensor.__iter__: iter(self.unbind(0))
    if (iterable.toTensor().dim() == 0) throwTypeError("iteration over a 0-d tensor");
    auto result = ops::callOperator("unbind", ops::CallArguments{{iterable}, {}}, "unbind");
    return sequenceItems(pythonValue(std::move(result.returns.at(0))));
  }
  if (const auto* size = objectAs<ops::SizeObject>(iterable)) {
    return std::vector<c10::IValue>(size->sizes.begin(), size->sizes.end());
  }
  if (const auto* range = objectAs<RangeObject>(iterable)) {
    const std::int64_t n = range->length();
    checkMemoryBudget(static_cast<std::uint64_t>(n) * sizeof(c10::IValue));
    std::vector<c10::IValue> out;
    out.reserve(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) {
      if (i % kItemsBetweenChecks == 0) checkCancellation();
      out.emplace_back(range->at(i));
    }
    return out;
  }
  if (iterable.isString()) {
    const std::string& text = iterable.toStringRef();
    checkMemoryBudget(text.size() * sizeof(c10::IValue));
    std::vector<c10::IValue> out;
    for (char c : text) out.emplace_back(std::string(1, c));
    return out;
  }
  if (iterable.isGenericDict()) {
    std::vector<c10::IValue> out;
    for (const auto& entry : iterable.toGenericDict()) out.push_back(entry.key());
    return out;
  }
  throwTypeError("'" + ops::pythonTypeName(iterable) + "' object is not iterable");
}

std::int64_t length(const c10::IValue& value) {
  if (value.isTensor()) {
    if (value.toTensor().dim() == 0) throwTypeError("len() of a 0-d tensor");
    return value.toTensor().size(0);
  }
  if (value.isString()) return static_cast<std::int64_t>(value.toStringRef().size());
  if (const auto* range = objectAs<RangeObject>(value)) return range->length();
  if (value.isGenericDict()) return static_cast<std::int64_t>(value.toGenericDict().size());
  if (isSequence(value) || objectAs<ops::SizeObject>(value)) {
    return static_cast<std::int64_t>(materialize(value).size());
  }
  throwTypeError("object of type '" + ops::pythonTypeName(value) + "' has no len()");
}

}  // namespace memlens::script

#pragma once
// Python's subscripting: x[i], x[a:b], x[..., None], x[mask] on tensors
// (through ATen's own indexing, the code Python's bindings use), lists,
// tuples, strings, torch.Size and ranges; and iteration over them.

#include <ATen/core/ivalue.h>

#include <functional>

namespace memlens::script {

c10::IValue getItem(const c10::IValue& container, const c10::IValue& index);
void setItem(const c10::IValue& container, const c10::IValue& index, const c10::IValue& value);
void deleteItem(const c10::IValue& container, const c10::IValue& index);

// Calls `visit` with each element, lazily for ranges. `visit` returns false to stop.
void iterate(const c10::IValue& iterable, const std::function<bool(const c10::IValue&)>& visit);
std::vector<c10::IValue> materialize(const c10::IValue& iterable);
std::int64_t length(const c10::IValue& value);

}  // namespace memlens::script

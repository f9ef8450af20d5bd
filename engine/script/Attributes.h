#pragma once
// Attribute access (`obj.name`) on every script value: the torch module and
// its submodules, tensors (ATen operators as methods plus the Python-only
// properties and methods), and plain Python objects.

#include <ATen/core/ivalue.h>

#include <string>

#include "ops/OperatorCall.h"
#include "script/ScriptState.h"

namespace memlens::script {

c10::IValue getAttribute(const c10::IValue& object, const std::string& name, ScriptState& state);
void setAttribute(const c10::IValue& object, const std::string& name, const c10::IValue& value);

// Per kind of object; each throws AttributeError with Python's message.
c10::IValue torchModuleAttribute(const std::string& module, const std::string& name,
                                 ScriptState& state);
c10::IValue tensorAttribute(const c10::IValue& tensor, const std::string& name);
// Whether `tensor.name` is, for every tensor, the ATen operator `name` bound
// to the tensor (no property or Python-only method claims the name)...
bool isOperatorMethod(const std::string& name);
// ...and calling it: what the bound method does, without making one.
c10::IValue callOperatorMethod(const c10::IValue& tensor, const std::string& name,
                               const ops::CallArguments& arguments);
void setTensorAttribute(const c10::IValue& tensor, const std::string& name,
                        const c10::IValue& value);
c10::IValue objectAttribute(const c10::IValue& object, const std::string& name);

// torch.unique / Tensor.unique, as torch/functional.py implements them.
c10::IValue unique(const c10::IValue& tensor, const ops::CallArguments& arguments);

// Calls ATen operator `op` the way Python's binding would, returning what Python shows.
c10::IValue callAten(const std::string& op, const std::string& displayName,
                     ops::CallArguments arguments);

}  // namespace memlens::script

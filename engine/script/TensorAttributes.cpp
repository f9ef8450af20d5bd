// tensor.<name>: Python-only properties and methods of torch.Tensor, and
// otherwise the ATen operator of that name bound to the tensor.

#include <torch/version.h>

#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "script/Attributes.h"
#include "script/GradFn.h"
#include "script/Objects.h"
#include "script/TensorFromData.h"
#include "script/Values.h"
#include "session/TensorFacts.h"
#include "tracking/Recording.h"

namespace memlens::script {
namespace {

using Args = ops::CallArguments;

std::int64_t wrapDim(std::int64_t dim, std::int64_t rank) {
  const std::int64_t bound = std::max<std::int64_t>(rank, 1);
  if (dim < -bound || dim >= bound) {
    throw ScriptError("IndexError", "Dimension out of range (expected to be in range of [" +
                                        std::to_string(-bound) + ", " + std::to_string(bound - 1) +
                                        "], but got " + std::to_string(dim) + ")");
  }
  return dim < 0 ? dim + bound : dim;
}

// size() and stride(): the whole tuple, or one dimension's.
c10::IValue perDimension(const at::Tensor& t, const Args& args, bool sizes, const char* name) {
  const c10::IValue* dim = args.positional.empty() ? findKeyword(args, "dim") : &args.positional[0];
  const auto values = sizes ? t.sizes() : t.strides();
  if (dim == nullptr || dim->isNone()) {
    std::vector<std::int64_t> all(values.begin(), values.end());
    if (sizes) return ops::sizeValue(std::move(all));
    return makeTuple(std::vector<c10::IValue>(all.begin(), all.end()));
  }
  if (!isIntLike(*dim)) throwTypeError(std::string(name) + "(): argument 'dim' must be int");
  if (t.dim() == 0) {
    throw ScriptError("IndexError", "Dimension specified as " + std::to_string(toIntLike(*dim)) +
                                        " but tensor has no dimensions");
  }
  return values[static_cast<std::size_t>(wrapDim(toIntLike(*dim), t.dim()))];
}

// Tensor.to(...) in all of Python's forms, bound to to.dtype_layout's keywords.
c10::IValue convertTo(const c10::IValue& self, const Args& args, const std::string& name) {
  Args call{{self}, {}};
  for (const auto& arg : args.positional) {
    if (objectAs<ops::DtypeObject>(arg)) {
      call.keywords.emplace_back("dtype", arg);
    } else if (arg.isString() || arg.isDevice() || arg.isInt()) {
      call.keywords.emplace_back(
          "device", arg.isInt() ? c10::IValue(c10::Device(
                                      c10::kCUDA, static_cast<c10::DeviceIndex>(arg.toInt())))
                                : arg);
    } else if (arg.isTensor()) {
      call.keywords.emplace_back("dtype", ops::dtypeValue(arg.toTensor().scalar_type()));
      call.keywords.emplace_back("device", c10::IValue(arg.toTensor().device()));
    } else if (arg.isBool()) {
      call.keywords.emplace_back(call.keywords.size() < 3 ? "non_blocking" : "copy", arg);
    } else {
      throwTypeError("to() received an invalid combination of arguments - got (" +
                     ops::pythonTypeName(arg) + ")");
    }
  }
  for (const auto& kw : args.keywords) call.keywords.push_back(kw);
  return callAten("to", name, std::move(call));
}

c10::IValue method(const std::string& name, FunctionObject::Body body) {
  return makeFunction("Tensor." + name, std::move(body));
}

std::optional<c10::ScalarType> conversionDtype(const std::string& name) {
  if (name == "float") return c10::kFloat;
  if (name == "double") return c10::kDouble;
  if (name == "half") return c10::kHalf;
  if (name == "bfloat16") return c10::kBFloat16;
  if (name == "int") return c10::kInt;
  if (name == "long") return c10::kLong;
  if (name == "short") return c10::kShort;
  if (name == "char") return c10::kChar;
  if (name == "byte") return c10::kByte;
  if (name == "bool") return c10::kBool;
  if (name == "cfloat") return c10::kComplexFloat;
  if (name == "cdouble") return c10::kComplexDouble;
  return std::nullopt;
}

using Property = c10::IValue (*)(const at::Tensor&);

// A string literal as a template argument, so that a Property can carry one.
template <std::size_t N>
struct Literal {
  consteval Literal(const char (&text)[N]) {  // NOLINT(google-explicit-constructor)
    std::copy_n(text, N, chars);
  }
  char chars[N];
};

// A property that is an operator applied to the tensor (`t.T` is numpy_T(t)),
// whose errors name the property, as Python's do.
template <Literal kOperator, Literal kProperty>
c10::IValue operatorProperty(const at::Tensor& t) {
  return callAten(kOperator.chars, kProperty.chars, Args{{t}, {}});
}

// Looked up by name: most attribute reads are method calls, which must first
// learn that no property claims the name.
const std::unordered_map<std::string_view, Property>& properties() {
  static const std::unordered_map<std::string_view, Property> table{
      {"shape",
       [](const at::Tensor& t) {
         return ops::sizeValue(std::vector<std::int64_t>(t.sizes().begin(), t.sizes().end()));
       }},
      {"dtype", [](const at::Tensor& t) { return ops::dtypeValue(t.scalar_type()); }},
      {"device", [](const at::Tensor& t) { return c10::IValue(t.device()); }},
      {"layout", [](const at::Tensor& t) { return ops::layoutValue(t.layout()); }},
      {"ndim", [](const at::Tensor& t) { return c10::IValue(t.dim()); }},
      {"data", [](const at::Tensor& t) { return c10::IValue(t.variable_data()); }},
      {"grad",
       [](const at::Tensor& t) {
         return t.grad().defined() ? c10::IValue(t.grad()) : c10::IValue();
       }},
      {"grad_fn",
       [](const at::Tensor& t) {
         auto gradFn = gradFnName(t);
         if (!gradFn) return c10::IValue();
         return makeObject<GradFnObject>(*gradFn, gradFnAddress(t));
       }},
      {"is_leaf", [](const at::Tensor& t) { return c10::IValue(t.is_leaf()); }},
      {"requires_grad", [](const at::Tensor& t) { return c10::IValue(t.requires_grad()); }},
      {"_version", [](const at::Tensor& t) { return c10::IValue(versionOf(t)); }},
      {"_base",
       [](const at::Tensor& t) { return t.is_view() ? c10::IValue(t._base()) : c10::IValue(); }},
      {"is_cuda", [](const at::Tensor& t) { return c10::IValue(t.is_cuda()); }},
      {"is_cpu", [](const at::Tensor& t) { return c10::IValue(t.is_cpu()); }},
      {"is_sparse", [](const at::Tensor& t) { return c10::IValue(t.is_sparse()); }},
      {"is_quantized", [](const at::Tensor& t) { return c10::IValue(t.is_quantized()); }},
      {"T", operatorProperty<"numpy_T", "T">},
      {"mT", operatorProperty<"mT", "mT">},
      {"H", operatorProperty<"adjoint", "H">},
      {"mH", operatorProperty<"mH", "mH">},
      {"real", operatorProperty<"real", "real">},
      {"imag", operatorProperty<"imag", "imag">},
  };
  return table;
}

std::optional<c10::IValue> pythonMethod(const c10::IValue& self, const std::string& name) {
  const at::Tensor t = self.toTensor();
  if (name == "item") {
    return method(name, [t](const Args& args) -> c10::IValue {
      if (!args.positional.empty()) throwTypeError("item() takes no arguments");
      if (t.numel() != 1) {
        throw ScriptError("ValueError",
                          "only one element tensors can be converted to Python scalars");
      }
      return callAten("item", "item", Args{{t}, {}});
    });
  }
  if (name == "tolist") return method(name, [t](const Args&) { return tensorToList(t); });
  if (name == "size" || name == "stride") {
    const bool sizes = name == "size";
    return method(name, [t, sizes](const Args& args) {
      return perDimension(t, args, sizes, sizes ? "size" : "stride");
    });
  }
  if (name == "storage_offset")
    return method(name, [t](const Args&) -> c10::IValue { return t.storage_offset(); });
  if (name == "data_ptr") {
    return method(name, [t](const Args&) -> c10::IValue {
      return static_cast<std::int64_t>(reinterpret_cast<std::uintptr_t>(t.data_ptr()));
    });
  }
  if (name == "dim" || name == "ndimension")
    return method(name, [t](const Args&) -> c10::IValue { return t.dim(); });
  if (name == "numel" || name == "nelement")
    return method(name, [t](const Args&) -> c10::IValue { return t.numel(); });
  if (name == "element_size") {
    return method(name, [t](const Args&) -> c10::IValue {
      return static_cast<std::int64_t>(t.element_size());
    });
  }
  if (name == "is_contiguous") {
    return method(name, [t](const Args& args) -> c10::IValue {
      const c10::IValue* format =
          args.positional.empty() ? findKeyword(args, "memory_format") : &args.positional[0];
      if (format != nullptr) {
        if (const auto* f = objectAs<ops::MemoryFormatObject>(*format))
          return t.is_contiguous(f->format);
      }
      return t.is_contiguous();
    });
  }
  if (name == "storage") {
    return method(name, [t](const Args&) -> c10::IValue {
      return makeObject<StorageObject>(t.storage(), t.scalar_type());
    });
  }
#if TORCH_VERSION_MAJOR >= 2
  if (name == "untyped_storage") {
    return method(name, [t](const Args&) -> c10::IValue {
      return makeObject<StorageObject>(t.storage(), std::nullopt);
    });
  }
#endif
  if (auto dtype = conversionDtype(name)) {
    const c10::ScalarType type = *dtype;
    return method(name, [t, type, name](const Args& args) {
      Args call{{t}, {{"dtype", ops::dtypeValue(type)}}};
      for (const auto& kw : args.keywords) call.keywords.push_back(kw);
      return callAten("to", name, std::move(call));
    });
  }
  if (name == "cpu" || name == "cuda") {
    const bool cuda = name == "cuda";
    return method(name, [t, cuda, name](const Args& args) {
      c10::Device device = cuda ? c10::Device(c10::kCUDA, 0) : c10::Device(c10::kCPU);
      if (cuda && !args.positional.empty() && args.positional[0].isInt()) {
        device = c10::Device(c10::kCUDA, static_cast<c10::DeviceIndex>(args.positional[0].toInt()));
      }
      return callAten("to", name, Args{{t}, {{"device", c10::IValue(device)}}});
    });
  }
  if (name == "to")
    return method(name, [self](const Args& args) { return convertTo(self, args, "to"); });
  if (name == "type") {
    return method(name, [t](const Args& args) -> c10::IValue {
      if (!args.positional.empty()) {
        if (const auto* dtype = objectAs<ops::DtypeObject>(args.positional[0])) {
          return callAten("to", "type", Args{{t}, {{"dtype", ops::dtypeValue(dtype->type)}}});
        }
      }
      // Python's legacy type names: torch.FloatTensor, torch.cuda.LongTensor.
      return "torch." + std::string(t.is_cuda() ? "cuda." : "") + c10::toString(t.scalar_type()) +
             "Tensor";
    });
  }
  if (name == "backward") {
    return method(name, [t](const Args& args) {
      Args call{{t, makeList({})}, {}};
      for (std::size_t i = 0; i < args.positional.size() && i < 3; ++i) {
        call.keywords.emplace_back(i == 0   ? "gradient"
                                   : i == 1 ? "retain_graph"
                                            : "create_graph",
                                   args.positional[i]);
      }
      for (const auto& kw : args.keywords) call.keywords.push_back(kw);
      return callAten("_backward", "backward", std::move(call));
    });
  }
  if (name == "unique")
    return method(name, [self](const Args& args) { return unique(self, args); });
  if (name == "new_tensor") {
    // Like torch.tensor, but dtype and device default to this tensor's.
    return method(name, [t](const Args& args) -> c10::IValue {
      if (args.positional.size() != 1) throwTypeError("new_tensor() takes 1 positional argument");
      std::optional<c10::ScalarType> dtype = t.scalar_type();
      std::optional<c10::Device> device = t.device();
      bool requiresGrad = false;
      for (const auto& [key, value] : args.keywords) {
        if (key == "dtype" && !value.isNone())
          dtype = objectAs<ops::DtypeObject>(value)->type;
        else if (key == "device" && !value.isNone())
          device = value.isDevice() ? value.toDevice() : c10::Device(value.toStringRef());
        else if (key == "requires_grad")
          requiresGrad = value.toBool();
      }
      return tensorFromData(args.positional[0], dtype, device, requiresGrad);
    });
  }
  if (name == "numpy") {
    return method(name, [](const Args&) -> c10::IValue {
      throw ScriptError("NotImplementedError", "numpy is not available in MemLens scripts");
    });
  }
  return std::nullopt;
}

// Whether `name`, unclaimed by properties and Python methods, is an operator
// method; the names starting with one underscore are LibTorch's internals.
bool isOperatorMethodName(const std::string& name) {
  return (!name.starts_with("_") || name.starts_with("__")) && ops::isOperator(name);
}

}  // namespace

c10::IValue tensorAttribute(const c10::IValue& tensor, const std::string& name) {
  if (const auto it = properties().find(name); it != properties().end()) {
    return it->second(tensor.toTensor());
  }
  if (auto value = pythonMethod(tensor, name)) return *value;
  if (isOperatorMethodName(name)) {
    return method(
        name, [tensor, name](const Args& args) { return callOperatorMethod(tensor, name, args); });
  }
  throw ScriptError("AttributeError", "'Tensor' object has no attribute '" + name + "'");
}

bool isOperatorMethod(const std::string& name) {
  // Per thread, so that runs on different threads need no lock; bounded, as
  // a script can spell endlessly many names.
  thread_local std::unordered_map<std::string, bool> known;
  constexpr std::size_t kMaxKnown = 4096;
  if (const auto it = known.find(name); it != known.end()) return it->second;
  // pythonMethod only makes closures, so any tensor shows which names it claims.
  const bool isOperator = !properties().contains(name) &&
                          !pythonMethod(c10::IValue(at::Tensor()), name) &&
                          isOperatorMethodName(name);
  if (known.size() >= kMaxKnown) known.clear();
  known.emplace(name, isOperator);
  return isOperator;
}

c10::IValue callOperatorMethod(const c10::IValue& tensor, const std::string& name,
                               const ops::CallArguments& arguments) {
  Args call{{tensor}, arguments.keywords};
  call.positional.insert(call.positional.end(), arguments.positional.begin(),
                         arguments.positional.end());
  return callAten(name, name, std::move(call));
}

void setTensorAttribute(const c10::IValue& tensor, const std::string& name,
                        const c10::IValue& value) {
  at::Tensor t = tensor.toTensor();
  // Not an operator (though `.data` calls one), so the recording hears of
  // this write only from here.
  tracking::noteWritten(t.unsafeGetTensorImpl(),
                        t.has_storage() ? t.storage().unsafeGetStorageImpl() : nullptr);
  const tracking::NotedArguments noted(value);
  if (name == "requires_grad") {
    if (!value.isBool()) throwTypeError("requires_grad must be a bool");
    if (!t.is_leaf()) {
      throw ScriptError(
          "RuntimeError",
          std::string("you can only change requires_grad flags of leaf variables.") +
              (value.toBool() ? ""
                              : " If you want to use a computed variable in a subgraph that "
                                "doesn't require differentiation use var_no_grad = "
                                "var.detach()."));
    }
    t.set_requires_grad(value.toBool());
    return;
  }
  if (name == "data") {
    if (!value.isTensor())
      throwTypeError("Variable data has to be a tensor, but got " + ops::pythonTypeName(value));
    t.set_data(value.toTensor());
    return;
  }
  if (name == "grad") {
    if (!value.isNone() && !value.isTensor()) {
      throwTypeError("assigned grad expected to be a Tensor or None but got grad of type " +
                     ops::pythonTypeName(value));
    }
    t.mutable_grad() = value.isNone() ? at::Tensor() : value.toTensor();
    return;
  }
  throw ScriptError("AttributeError",
                    "attribute '" + name + "' of 'torch._C._TensorBase' objects is not writable");
}

}  // namespace memlens::script

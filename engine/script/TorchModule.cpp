// torch.<name>: dtypes, layouts and memory formats, Python-only functions,
// submodules, and otherwise the ATen operator of that name.

#include <ATen/Context.h>
#include <c10/core/DefaultDtype.h>
#include <c10/core/GradMode.h>

#include <array>

#include "script/Attributes.h"
#include "script/Objects.h"
#include "script/Sandbox.h"
#include "script/TensorFromData.h"
#include "script/Values.h"
#include "tracking/Cuda.h"
#include "tracking/Recording.h"

namespace memlens::script {
namespace {

using Args = ops::CallArguments;

struct DtypeName {
  const char* name;
  c10::ScalarType type;
};
constexpr std::array<DtypeName, 23> kDtypes{{
    {"float32", c10::kFloat},
    {"float", c10::kFloat},
    {"float64", c10::kDouble},
    {"double", c10::kDouble},
    {"float16", c10::kHalf},
    {"half", c10::kHalf},
    {"bfloat16", c10::kBFloat16},
    {"int8", c10::kChar},
    {"int16", c10::kShort},
    {"short", c10::kShort},
    {"int32", c10::kInt},
    {"int", c10::kInt},
    {"int64", c10::kLong},
    {"long", c10::kLong},
    {"uint8", c10::kByte},
    {"bool", c10::kBool},
    {"complex64", c10::kComplexFloat},
    {"cfloat", c10::kComplexFloat},
    {"complex128", c10::kComplexDouble},
    {"cdouble", c10::kComplexDouble},
    {"complex32", c10::kComplexHalf},
    {"chalf", c10::kComplexHalf},
    {"quint8", c10::kQUInt8},
}};

std::optional<c10::ScalarType> dtypeArgument(const c10::IValue* v) {
  if (v == nullptr || v->isNone()) return std::nullopt;
  if (const auto* dtype = objectAs<ops::DtypeObject>(*v)) return dtype->type;
  throwTypeError("argument 'dtype' must be torch.dtype, not " + ops::pythonTypeName(*v));
}

std::optional<c10::Device> deviceArgument(const c10::IValue* v) {
  if (v == nullptr || v->isNone()) return std::nullopt;
  if (v->isDevice()) return v->toDevice();
  if (v->isString()) return c10::Device(v->toStringRef());
  throwTypeError("argument 'device' must be torch.device, not " + ops::pythonTypeName(*v));
}

c10::IValue tensorFunction(const Args& args) {
  if (args.positional.size() != 1) {
    throwTypeError("tensor() takes 1 positional argument but " +
                   std::to_string(args.positional.size()) + " were given");
  }
  for (const auto& [key, value] : args.keywords) {
    if (key != "dtype" && key != "device" && key != "requires_grad" && key != "pin_memory") {
      throwTypeError("tensor() got an unexpected keyword argument '" + key + "'");
    }
  }
  const auto* requiresGrad = findKeyword(args, "requires_grad");
  return tensorFromData(
      args.positional[0], dtypeArgument(findKeyword(args, "dtype")),
      deviceArgument(findKeyword(args, "device")),
      requiresGrad != nullptr && requiresGrad->isBool() && requiresGrad->toBool());
}

c10::IValue deviceConstructor(const Args& args) {
  if (args.positional.empty() || args.positional.size() > 2) {
    throwTypeError("device() received an invalid combination of arguments");
  }
  const c10::IValue& first = args.positional[0];
  if (first.isDevice()) return first;
  if (!first.isString()) throwTypeError("device(): argument 'type' must be str");
  if (args.positional.size() == 2) {
    return c10::Device(c10::Device(first.toStringRef()).type(),
                       static_cast<c10::DeviceIndex>(toIntLike(args.positional[1])));
  }
  return c10::Device(first.toStringRef());
}

c10::IValue sizeConstructor(const Args& args) {
  std::vector<std::int64_t> sizes;
  if (!args.positional.empty()) {
    for (const auto& v : sequenceItems(args.positional[0])) {
      if (!isIntLike(v)) throwTypeError("torch.Size() takes an iterable of 'int'");
      sizes.push_back(toIntLike(v));
    }
  }
  return ops::sizeValue(std::move(sizes));
}

c10::IValue setPrintOptions(ScriptState& state, const Args& args) {
  PrintOptions& options = state.printOptions;
  for (const auto& [key, value] : args.keywords) {
    if (key == "profile") {
      const std::string profile = value.toStringRef();
      if (profile == "default") options = PrintOptions{};
      if (profile == "short") options = PrintOptions{2, 1000, 2, 80, std::nullopt};
      if (profile == "full")
        options = PrintOptions{4, std::numeric_limits<std::int64_t>::max(), 3, 80, std::nullopt};
    }
  }
  for (const auto& [key, value] : args.keywords) {
    if (value.isNone()) continue;
    if (key == "precision")
      options.precision = static_cast<int>(toIntLike(value));
    else if (key == "threshold")
      options.threshold = toIntLike(value);
    else if (key == "edgeitems")
      options.edgeitems = toIntLike(value);
    else if (key == "linewidth")
      options.linewidth = static_cast<int>(toIntLike(value));
    else if (key == "sci_mode")
      options.sciMode = value.toBool();
    else if (key != "profile")
      throwTypeError("set_printoptions() got an unexpected keyword argument '" + key + "'");
  }
  if (const auto* sci = findKeyword(args, "sci_mode"); sci && sci->isNone())
    options.sciMode = std::nullopt;
  return c10::IValue();
}

c10::IValue gradMode(const Args& args, GradMode mode) {
  if (!args.positional.empty() || !args.keywords.empty()) {
    throwTypeError("__init__() takes 1 positional argument");
  }
  return makeObject<GradModeObject>(mode);
}

std::optional<c10::IValue> torchOnlyFunction(const std::string& name, ScriptState& state) {
  if (name == "tensor") return makeFunction("tensor", tensorFunction);
  if (name == "manual_seed") {
    return makeFunction("manual_seed", [](const Args& args) -> c10::IValue {
      if (args.positional.size() != 1 || !isIntLike(args.positional[0])) {
        throwTypeError("manual_seed() expects an int seed");
      }
      auto generator = at::detail::getDefaultCPUGenerator();
      const std::lock_guard lock(generator.mutex());
      generator.set_current_seed(static_cast<std::uint64_t>(toIntLike(args.positional[0])));
      return c10::IValue();
    });
  }
  if (name == "set_printoptions") {
    ScriptState* target = &state;
    return makeFunction("set_printoptions",
                        [target](const Args& args) { return setPrintOptions(*target, args); });
  }
  if (name == "get_default_dtype") {
    return makeFunction("get_default_dtype", [](const Args&) -> c10::IValue {
      return ops::dtypeValue(c10::typeMetaToScalarType(c10::get_default_dtype()));
    });
  }
  if (name == "set_default_dtype") {
    return makeFunction("set_default_dtype", [](const Args& args) -> c10::IValue {
      const auto dtype =
          args.positional.empty() ? std::nullopt : dtypeArgument(&args.positional[0]);
      if (!dtype || !c10::isFloatingType(*dtype)) {
        throwTypeError("only floating-point types are supported as the default type");
      }
      c10::set_default_dtype(c10::scalarTypeToTypeMeta(*dtype));
      return c10::IValue();
    });
  }
  if (name == "is_tensor") {
    return makeFunction("is_tensor", [](const Args& args) -> c10::IValue {
      return !args.positional.empty() && args.positional[0].isTensor();
    });
  }
  if (name == "numel") {
    return makeFunction("numel", [](const Args& args) -> c10::IValue {
      if (args.positional.size() != 1 || !args.positional[0].isTensor()) {
        throwTypeError("numel(): argument 'input' must be Tensor");
      }
      return args.positional[0].toTensor().numel();
    });
  }
  if (name == "is_grad_enabled") {
    return makeFunction("is_grad_enabled",
                        [](const Args&) -> c10::IValue { return c10::GradMode::is_enabled(); });
  }
  if (name == "no_grad")
    return makeObject<TypeObject>("torch.no_grad",
                                  [](const Args& a) { return gradMode(a, GradMode::NoGrad); });
  if (name == "enable_grad")
    return makeObject<TypeObject>("torch.enable_grad",
                                  [](const Args& a) { return gradMode(a, GradMode::EnableGrad); });
  if (name == "device") return makeObject<TypeObject>("torch.device", deviceConstructor);
  if (name == "Size") return makeObject<TypeObject>("torch.Size", sizeConstructor);
  if (name == "Tensor") return makeObject<TypeObject>("torch.Tensor");
  if (name == "dtype") return makeObject<TypeObject>("torch.dtype");
  if (name == "__version__") return c10::IValue(tracking::torchVersion());
  if (name == "unique") {
    return makeFunction("unique", [](const Args& args) -> c10::IValue {
      if (args.positional.empty() || !args.positional[0].isTensor()) {
        throwTypeError("unique(): argument 'input' must be Tensor");
      }
      Args rest{{args.positional.begin() + 1, args.positional.end()}, args.keywords};
      return unique(args.positional[0], rest);
    });
  }
  if (name == "broadcast_shapes") {
    // torch/functional.py: expand a 0-dim zero to every shape and broadcast those.
    return makeFunction("broadcast_shapes", [](const Args& args) -> c10::IValue {
      const c10::IValue scalar = callAten("zeros", "broadcast_shapes", Args{{makeList({})}, {}});
      std::vector<c10::IValue> expanded;
      for (const auto& shape : args.positional) {
        const c10::IValue sizes = isIntLike(shape) ? makeList({shape}) : shape;
        expanded.push_back(callAten("expand", "broadcast_shapes", Args{{scalar, sizes}, {}}));
      }
      const c10::IValue tensors = callAten("broadcast_tensors", "broadcast_shapes",
                                           Args{{makeList(std::move(expanded))}, {}});
      const at::Tensor first = sequenceItems(tensors).at(0).toTensor();
      return ops::sizeValue(std::vector<std::int64_t>(first.sizes().begin(), first.sizes().end()));
    });
  }
  return std::nullopt;
}

c10::IValue operatorFunction(const std::string& op, const std::string& displayName) {
  return makeFunction(
      displayName, [op, displayName](const Args& args) { return callAten(op, displayName, args); });
}

// torch.cuda.memory_allocated(device=None) and friends: None for the
// current device, an index, or a CUDA device (torch.cuda._get_device_index).
int cudaDeviceIndex(const Args& args) {
  const c10::IValue* device =
      args.positional.empty() ? findKeyword(args, "device") : &args.positional[0];
  if (device == nullptr || device->isNone()) return -1;
  if (isIntLike(*device)) return static_cast<int>(toIntLike(*device));
  const auto parsed = deviceArgument(device);
  if (!parsed->is_cuda()) {
    throw ScriptError("ValueError", "Expected a cuda device, but got: " + parsed->str());
  }
  return parsed->has_index() ? parsed->index() : -1;
}

// The statistics functions answer 0 until CUDA is initialised, whatever
// their argument, exactly as Python's do.
c10::IValue cudaStatistic(const std::string& name, std::int64_t tracking::CudaMemoryStats::*field) {
  return makeFunction(name, [field](const Args& args) -> c10::IValue {
    if (!tracking::cudaInitialized()) return std::int64_t{0};
    return tracking::cudaMemoryStats(cudaDeviceIndex(args)).*field;
  });
}

std::optional<c10::IValue> cudaFunction(const std::string& name) {
  if (name == "is_available") {
    return makeFunction(name, [](const Args&) -> c10::IValue { return at::hasCUDA(); });
  }
  if (name == "device_count") {
    return makeFunction(name, [](const Args&) -> c10::IValue {
      return static_cast<std::int64_t>(at::getNumGPUs());
    });
  }
  if (name == "is_initialized") {
    return makeFunction(name,
                        [](const Args&) -> c10::IValue { return tracking::cudaInitialized(); });
  }
  if (name == "memory_allocated") return cudaStatistic(name, &tracking::CudaMemoryStats::allocated);
  if (name == "memory_reserved") return cudaStatistic(name, &tracking::CudaMemoryStats::reserved);
  if (name == "max_memory_allocated") {
    return cudaStatistic(name, &tracking::CudaMemoryStats::peakAllocated);
  }
  if (name == "max_memory_reserved") {
    return cudaStatistic(name, &tracking::CudaMemoryStats::peakReserved);
  }
  if (name == "empty_cache") {
    return makeFunction(name, [](const Args&) -> c10::IValue {
      tracking::emptyCudaCache();
      return c10::IValue();
    });
  }
  if (name == "synchronize") {
    return makeFunction(name, [](const Args&) -> c10::IValue {
      tracking::synchronizeCuda();
      return c10::IValue();
    });
  }
  return std::nullopt;
}

[[noreturn]] void noAttribute(const std::string& module, const std::string& name) {
  throw ScriptError("AttributeError", "module '" + module + "' has no attribute '" + name + "'");
}

}  // namespace

c10::IValue torchModuleAttribute(const std::string& module, const std::string& name,
                                 ScriptState& state) {
  if (module == "torch") {
    checkTorchAttributeAllowed(name);
    for (const auto& dtype : kDtypes) {
      if (name == dtype.name) return ops::dtypeValue(dtype.type);
    }
    if (name == "strided") return ops::layoutValue(c10::kStrided);
    if (name == "sparse_coo") return ops::layoutValue(c10::kSparse);
    if (name == "contiguous_format") return ops::memoryFormatValue(c10::MemoryFormat::Contiguous);
    if (name == "channels_last") return ops::memoryFormatValue(c10::MemoryFormat::ChannelsLast);
    if (name == "preserve_format") return ops::memoryFormatValue(c10::MemoryFormat::Preserve);
    for (const char* submodule : {"nn", "cuda", "linalg", "fft", "special", "autograd"}) {
      if (name == submodule) return makeObject<ModuleObject>("torch." + name);
    }
    if (auto function = torchOnlyFunction(name, state)) return *function;
    if (ops::isOperator(name)) return operatorFunction(name, name);
    noAttribute(module, name);
  }
  if (module == "torch.nn") {
    if (name == "functional") return makeObject<ModuleObject>("torch.nn.functional");
    throw ScriptError("AttributeError", "torch.nn." + name +
                                            " is not supported in MemLens scripts; "
                                            "use torch.nn.functional or tensor operations");
  }
  if (module == "torch.nn.functional") {
    if (ops::isOperator(name)) return operatorFunction(name, name);
    noAttribute(module, name);
  }
  if (module == "torch.linalg" || module == "torch.fft" || module == "torch.special") {
    const std::string prefix = module.substr(6) + "_";
    if (ops::isOperator(prefix + name)) return operatorFunction(prefix + name, module + "." + name);
    noAttribute(module, name);
  }
  if (module == "torch.cuda") {
    if (auto function = cudaFunction(name)) return *function;
    noAttribute(module, name);
  }
  noAttribute(module, name);
}

}  // namespace memlens::script

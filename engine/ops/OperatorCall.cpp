#include "ops/OperatorCall.h"

#include <ATen/ScalarOps.h>
#include <ATen/core/LegacyTypeDispatch.h>
#include <ATen/core/jit_type.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <unordered_map>

#include "ops/ArgumentKinds.h"
#include "ops/Objects.h"
#include "session/ScriptError.h"
#include "tracking/Cuda.h"
#include "tracking/Recording.h"

namespace memlens::ops {
namespace {

bool isPlainInt(const c10::IValue& v) {
  return v.isInt();
}

// The elements of a list, tuple or torch.Size, or nullopt for anything else.
std::optional<std::vector<c10::IValue>> sequenceOf(const c10::IValue& v) {
  if (v.isList()) return v.toListRef().vec();
  if (v.isTuple()) return v.toTupleRef().elements().vec();
  if (v.isIntList()) {
    std::vector<c10::IValue> out;
    for (auto i : v.toIntVector()) out.emplace_back(i);
    return out;
  }
  if (const auto* size = objectAs<SizeObject>(v)) {
    std::vector<c10::IValue> out;
    for (auto i : size->sizes) out.emplace_back(i);
    return out;
  }
  return std::nullopt;
}

class Binder {
 public:
  Binder(bool numbersAsTensors, bool singleIntAsList)
      : numbersAsTensors_(numbersAsTensors), singleIntAsList_(singleIntAsList) {}

  // Whether one int may stand for a whole int[] (`view(6)`): only once no
  // overload takes that int as it is (`hsplit(3)` is hsplit.int, not .array).
  bool singleIntAsList() const { return singleIntAsList_; }

  std::optional<c10::IValue> convert(const c10::IValue& v, const c10::TypePtr& type) const {
    switch (type->kind()) {
      case c10::TypeKind::OptionalType:
        if (v.isNone()) return c10::IValue();
        return convert(v, type->expectRef<c10::OptionalType>().getElementType());
      case c10::TypeKind::TensorType:
        if (v.isTensor()) return v;
        if (numbersAsTensors_ && (v.isInt() || v.isDouble() || v.isBool() || v.isComplexDouble())) {
          // Python wraps a number passed for a Tensor as a "wrapped number",
          // which takes part in type promotion like a Python scalar.
          at::Tensor wrapped = c10::scalar_to_tensor(v.toScalar());
          wrapped.unsafeGetTensorImpl()->set_wrapped_number(true);
          return c10::IValue(wrapped);
        }
        return std::nullopt;
      case c10::TypeKind::NumberType:
        if (v.isInt() || v.isDouble() || v.isBool() || v.isComplexDouble()) return v;
        return std::nullopt;
      case c10::TypeKind::IntType:
      case c10::TypeKind::SymIntType:
        if (isPlainInt(v)) return v;
        return std::nullopt;
      case c10::TypeKind::FloatType:
        if (v.isDouble()) return v;
        if (v.isInt()) return c10::IValue(static_cast<double>(v.toInt()));
        return std::nullopt;
      case c10::TypeKind::BoolType:
        if (v.isBool()) return v;
        return std::nullopt;
      case c10::TypeKind::StringType:
        if (v.isString()) return v;
        return std::nullopt;
      case c10::TypeKind::ScalarTypeType:
        if (const auto* dtype = objectAs<DtypeObject>(v)) {
          return c10::IValue(static_cast<std::int64_t>(dtype->type));
        }
        return std::nullopt;
      case c10::TypeKind::LayoutType:
        if (const auto* layout = objectAs<LayoutObject>(v)) {
          return c10::IValue(static_cast<std::int64_t>(layout->layout));
        }
        return std::nullopt;
      case c10::TypeKind::MemoryFormatType:
        if (const auto* format = objectAs<MemoryFormatObject>(v)) {
          return c10::IValue(static_cast<std::int64_t>(format->format));
        }
        return std::nullopt;
      case c10::TypeKind::DeviceObjType:
        if (v.isDevice()) return v;
        if (v.isString()) return c10::IValue(c10::Device(v.toStringRef()));
        if (v.isInt())
          return c10::IValue(c10::Device(c10::kCUDA, static_cast<c10::DeviceIndex>(v.toInt())));
        return std::nullopt;
      case c10::TypeKind::ListType:
        return convertList(v, type->expectRef<c10::ListType>().getElementType());
      default: return std::nullopt;
    }
  }

 private:
  std::optional<c10::IValue> convertList(const c10::IValue& v, const c10::TypePtr& element) const {
    auto items = sequenceOf(v);
    if (!items) return std::nullopt;
    switch (element->kind()) {
      case c10::TypeKind::IntType:
      case c10::TypeKind::SymIntType: {
        std::vector<std::int64_t> out;
        for (const auto& item : *items) {
          if (!isPlainInt(item)) return std::nullopt;
          out.push_back(item.toInt());
        }
        return c10::IValue(out);
      }
      case c10::TypeKind::FloatType: {
        std::vector<double> out;
        for (const auto& item : *items) {
          auto converted = convert(item, element);
          if (!converted) return std::nullopt;
          out.push_back(converted->toDouble());
        }
        return c10::IValue(out);
      }
      case c10::TypeKind::BoolType: {
        c10::List<bool> out;
        for (const auto& item : *items) {
          if (!item.isBool()) return std::nullopt;
          out.push_back(item.toBool());
        }
        return c10::IValue(out);
      }
      case c10::TypeKind::TensorType: {
        c10::List<at::Tensor> out;
        for (const auto& item : *items) {
          if (!item.isTensor()) return std::nullopt;
          out.push_back(item.toTensor());
        }
        return c10::IValue(out);
      }
      case c10::TypeKind::OptionalType: {
        if (element->expectRef<c10::OptionalType>().getElementType()->kind() !=
            c10::TypeKind::TensorType) {
          return std::nullopt;
        }
        c10::List<c10::optional<at::Tensor>> out;
        for (const auto& item : *items) {
          if (item.isNone()) {
            out.push_back(c10::nullopt);
          } else if (item.isTensor()) {
            out.push_back(item.toTensor());
          } else {
            return std::nullopt;
          }
        }
        return c10::IValue(out);
      }
      default: return std::nullopt;
    }
  }

  bool numbersAsTensors_;
  bool singleIntAsList_;
};

bool isIntList(const c10::TypePtr& type) {
  const c10::TypePtr* t = &type;
  if ((*t)->kind() == c10::TypeKind::OptionalType) {
    t = &(*t)->expectRef<c10::OptionalType>().getElementType();
  }
  if ((*t)->kind() != c10::TypeKind::ListType) return false;
  const auto kind = (*t)->expectRef<c10::ListType>().getElementType()->kind();
  return kind == c10::TypeKind::IntType || kind == c10::TypeKind::SymIntType;
}

struct Bound {
  torch::jit::Stack stack;
  bool requiresGrad = false;
};

std::optional<Bound> bind(const Overload& overload, const CallArguments& call,
                          const Binder& binder) {
  const auto& params = overload.schema->arguments();
  std::vector<std::optional<c10::IValue>> slots(params.size());
  std::size_t next = 0;  // next positional argument
  for (std::size_t p = 0; p < params.size() && next < call.positional.size(); ++p) {
    const c10::Argument& param = params[p];
    if (param.kwarg_only()) break;
    const c10::IValue& arg = call.positional[next];
    const bool lastPositional = p + 1 == params.size() || params[p + 1].kwarg_only();
    if (isIntList(param.real_type()) && isPlainInt(arg)) {
      // Python accepts int[] as varargs (`view(2, 3)`, `zeros(2, 3)`) and a
      // single int for a sized list (`int[1] dim`).
      std::vector<std::int64_t> values;
      const bool single = next + 1 == call.positional.size();
      if (lastPositional && (!single || binder.singleIntAsList())) {
        for (; next < call.positional.size(); ++next) {
          if (!isPlainInt(call.positional[next])) return std::nullopt;
          values.push_back(call.positional[next].toInt());
        }
      } else if (param.N()) {
        values.assign(static_cast<std::size_t>(*param.N()), arg.toInt());
        ++next;
      } else {
        return std::nullopt;
      }
      slots[p] = c10::IValue(values);
      continue;
    }
    auto converted = binder.convert(arg, param.real_type());
    if (!converted) return std::nullopt;
    slots[p] = std::move(*converted);
    ++next;
  }
  if (next < call.positional.size()) return std::nullopt;

  Bound bound;
  for (const auto& [name, value] : call.keywords) {
    if (name == "requires_grad" && overload.isFactory) {
      if (!value.isBool()) return std::nullopt;
      bound.requiresGrad = value.toBool();
      continue;
    }
    std::size_t p = 0;
    while (p < params.size() && params[p].name() != name) ++p;
    if (p == params.size() || slots[p]) return std::nullopt;
    const c10::Argument& param = params[p];
    std::optional<c10::IValue> converted;
    if (isIntList(param.real_type()) && isPlainInt(value) && param.N()) {
      converted = c10::IValue(
          std::vector<std::int64_t>(static_cast<std::size_t>(*param.N()), value.toInt()));
    } else {
      converted = binder.convert(value, param.real_type());
    }
    if (!converted) return std::nullopt;
    slots[p] = std::move(converted);
  }

  bound.stack.reserve(params.size());
  for (std::size_t p = 0; p < params.size(); ++p) {
    if (slots[p]) {
      bound.stack.push_back(std::move(*slots[p]));
    } else if (params[p].default_value()) {
      bound.stack.push_back(*params[p].default_value());
    } else {
      return std::nullopt;
    }
  }
  return bound;
}

std::string describeArguments(const CallArguments& call) {
  std::string out = "(";
  bool first = true;
  const auto add = [&](const std::string& text) {
    if (!first) out += ", ";
    out += text;
    first = false;
  };
  for (const auto& v : call.positional) add(pythonTypeName(v));
  for (const auto& [name, v] : call.keywords) add(name + "=" + pythonTypeName(v));
  return out + ")";
}

thread_local bool tlsFlowRecording = false;
thread_local std::vector<ObservedFlow> tlsFlows;

void collectStorages(const c10::IValue& value,
                     std::vector<c10::weak_intrusive_ptr<c10::StorageImpl>>& out) {
  const auto add = [&](const at::Tensor& tensor) {
    if (tensor.defined() && tensor.has_storage() && tensor.storage().unsafeGetStorageImpl()) {
      out.push_back(tensor.storage().getWeakStorageImpl());
    }
  };
  if (value.isTensor()) {
    add(value.toTensor());
  } else if (value.isTensorList()) {
    for (const at::Tensor& tensor : value.toTensorVector()) add(tensor);
  }
}

}  // namespace

FlowRecording::FlowRecording() {
  tlsFlows.clear();
  tlsFlowRecording = true;
}

FlowRecording::~FlowRecording() {
  tlsFlowRecording = false;
  tlsFlows.clear();
}

void FlowRecording::take(std::vector<ObservedFlow>& into) {
  into.clear();
  into.swap(tlsFlows);
}

std::string signatureOf(const c10::FunctionSchema& schema) {
  std::ostringstream out;
  out << "(";
  bool keywordMarker = false;
  for (std::size_t i = 0; i < schema.arguments().size(); ++i) {
    const c10::Argument& a = schema.arguments()[i];
    if (i > 0) out << ", ";
    if (a.kwarg_only() && !keywordMarker) {
      out << "*, ";
      keywordMarker = true;
    }
    out << a.real_type()->str() << " " << a.name();
    if (a.default_value()) out << "=" << *a.default_value();
  }
  out << ")";
  return out.str();
}

bool isOperator(std::string_view name) {
  return OperatorIndex::instance().find(name) != nullptr;
}

namespace {

// Python's preferences, strictest first.
const Binder kBinders[] = {Binder(false, false), Binder(false, true), Binder(true, true)};

struct Choice {
  std::uint8_t binder;
  std::uint32_t overload;
};

struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
};

// The overload each operator last bound to, by argument kinds. Per thread, so
// that runs on different threads need no lock; bounded, since scripts can
// call with endlessly many combinations of kinds.
thread_local std::unordered_map<std::string, Choice, KeyHash, std::equal_to<>> tlsChoices;
constexpr std::size_t kMaxChoices = 4096;

CallResult invoke(const Overload& overload, Bound bound) {
  // Python's bindings initialise CUDA once the arguments parse and name a
  // CUDA device (factories, to, cuda, *_like): on a build without CUDA that
  // is where its AssertionError comes from.
  if (std::any_of(bound.stack.begin(), bound.stack.end(),
                  [](const c10::IValue& v) { return v.isDevice() && v.toDevice().is_cuda(); })) {
    tracking::initCuda();
  }
  for (const auto& input : bound.stack) tracking::noteReceived(input);
  const tracking::NotedArguments noted;
  ObservedFlow flow;
  if (tlsFlowRecording) {
    flow.op = overload.schema->name();
    for (const auto& input : bound.stack) collectStorages(input, flow.reads);
  }
  if (overload.isFactory) {
    // As torch::<factory> does for Python: below autograd, fresh version.
    at::AutoDispatchBelowADInplaceOrView guard;
    overload.handle.callBoxed(&bound.stack);
  } else {
    overload.handle.callBoxed(&bound.stack);
  }
  if (tlsFlowRecording) {
    for (const auto& output : bound.stack) collectStorages(output, flow.produces);
    tlsFlows.push_back(std::move(flow));
  }
  if (bound.requiresGrad) {
    for (auto& v : bound.stack) {
      if (v.isTensor()) v.toTensor().set_requires_grad(true);
    }
  }
  return CallResult{&overload, std::move(bound.stack)};
}

}  // namespace

CallResult callOperator(std::string_view name, const CallArguments& arguments,
                        std::string_view displayName) {
  const auto* overloads = OperatorIndex::instance().find(name);
  if (overloads == nullptr) {
    throw ScriptError("AttributeError", "no operator named '" + std::string(name) + "'");
  }
  ArgumentKinds kinds;
  const bool remembered = kinds.describe(*overloads, arguments);
  if (remembered) {
    if (auto it = tlsChoices.find(kinds.key()); it != tlsChoices.end()) {
      const Overload& overload = (*overloads)[it->second.overload];
      if (auto bound = bind(overload, arguments, kBinders[it->second.binder])) {
        return invoke(overload, std::move(*bound));
      }
    }
  }
  for (std::uint8_t b = 0; b < std::size(kBinders); ++b) {
    for (std::uint32_t o = 0; o < overloads->size(); ++o) {
      const Overload& overload = (*overloads)[o];
      if (overload.hiddenFromPython) continue;
      auto bound = bind(overload, arguments, kBinders[b]);
      if (!bound) continue;
      if (remembered) {
        if (tlsChoices.size() >= kMaxChoices) tlsChoices.clear();
        tlsChoices.insert_or_assign(std::string(kinds.key()), Choice{b, o});
      }
      return invoke(overload, std::move(*bound));
    }
  }
  std::string message = std::string(displayName) +
                        "() received an invalid combination of arguments - got " +
                        describeArguments(arguments) + ", but expected one of:";
  for (const Overload& overload : *overloads) {
    if (!overload.hiddenFromPython) message += "\n * " + signatureOf(*overload.schema);
  }
  throw ScriptError("TypeError", message);
}

}  // namespace memlens::ops

#include "script/TensorFromData.h"

#include <ATen/ops/empty.h>
#include <c10/core/DefaultDtype.h>
#include <c10/util/BFloat16.h>
#include <c10/util/Half.h>
#include <c10/util/complex.h>

#include "ops/Objects.h"
#include "ops/PythonFactory.h"
#include "script/Values.h"
#include "session/ScriptError.h"
#include "session/TensorFacts.h"
#include "tracking/Cuda.h"
#include "tracking/Recording.h"

namespace memlens::script {
namespace {

enum class Kind { Bool, Int, Float, Complex };

struct Flattened {
  std::vector<std::int64_t> shape;
  std::vector<c10::IValue> scalars;
  Kind kind = Kind::Bool;
  bool sawScalar = false;
};

void note(Flattened& out, const c10::IValue& scalar) {
  Kind kind = Kind::Bool;
  if (scalar.isInt()) kind = Kind::Int;
  if (scalar.isDouble()) kind = Kind::Float;
  if (scalar.isComplexDouble()) kind = Kind::Complex;
  if (!out.sawScalar || kind > out.kind) out.kind = kind;
  out.sawScalar = true;
  out.scalars.push_back(scalar);
}

void flatten(const c10::IValue& value, std::size_t depth, Flattened& out) {
  if (isSequence(value)) {
    const auto items = sequenceItems(value);
    const auto length = static_cast<std::int64_t>(items.size());
    if (depth == out.shape.size()) {
      out.shape.push_back(length);
    } else if (depth > out.shape.size() || out.shape[depth] != length) {
      throw ScriptError("ValueError",
                        "expected sequence of length " +
                            std::to_string(depth < out.shape.size() ? out.shape[depth] : 0) +
                            " at dim " + std::to_string(depth) + " (got " + std::to_string(length) +
                            ")");
    }
    for (const auto& item : items) flatten(item, depth + 1, out);
    return;
  }
  if (depth != out.shape.size()) {
    throw ScriptError("ValueError", "expected sequence of length " +
                                        std::to_string(out.shape[depth]) + " at dim " +
                                        std::to_string(depth) + " (got a scalar)");
  }
  if (value.isTensor() && value.toTensor().dim() == 0) {
    note(out, value.toTensor().item().isFloatingPoint()
                  ? c10::IValue(value.toTensor().item().toDouble())
                  : c10::IValue(value.toTensor().item().toLong()));
    return;
  }
  if (!isNumber(value)) {
    throw ScriptError("TypeError", "new(): invalid data type '" + ops::pythonTypeName(value) + "'");
  }
  note(out, value);
}

template <typename T>
void store(void* data, const std::vector<c10::IValue>& scalars) {
  auto* out = static_cast<T*>(data);
  for (std::size_t i = 0; i < scalars.size(); ++i) {
    const c10::Scalar s = scalars[i].toScalar();
    if constexpr (std::is_same_v<T, c10::complex<float>> ||
                  std::is_same_v<T, c10::complex<double>>) {
      out[i] = s.to<T>();
    } else if constexpr (std::is_same_v<T, bool>) {
      out[i] =
          s.isComplex() ? s.toComplexDouble() != c10::complex<double>(0, 0) : s.toDouble() != 0;
    } else if constexpr (std::is_integral_v<T>) {
      out[i] = s.isIntegral(false) ? static_cast<T>(s.toLong()) : static_cast<T>(s.toDouble());
    } else {
      // Floating types: through double, as Python's float() does for ints.
      const double value = s.isIntegral(false) ? static_cast<double>(s.toLong()) : s.toDouble();
      if constexpr (std::is_same_v<T, double>) {
        out[i] = value;
      } else {
        out[i] = T(static_cast<float>(value));
      }
    }
  }
}

c10::ScalarType inferred(Kind kind) {
  switch (kind) {
    case Kind::Bool: return c10::kBool;
    case Kind::Int: return c10::kLong;
    case Kind::Float: return c10::typeMetaToScalarType(c10::get_default_dtype());
    case Kind::Complex: return c10::typeMetaToScalarType(c10::get_default_complex_dtype());
  }
  return c10::kFloat;
}

c10::IValue elementToPython(const ElementValue& element) {
  return std::visit(
      [](const auto& v) -> c10::IValue {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::complex<double>>) {
          return c10::IValue(c10::complex<double>(v.real(), v.imag()));
        } else {
          return c10::IValue(v);
        }
      },
      element);
}

c10::IValue nest(const std::vector<ElementValue>& flat, c10::IntArrayRef sizes, std::size_t dim,
                 std::size_t& next) {
  if (dim == sizes.size()) return elementToPython(flat[next++]);
  std::vector<c10::IValue> items;
  for (std::int64_t i = 0; i < sizes[dim]; ++i) items.push_back(nest(flat, sizes, dim + 1, next));
  return makeList(std::move(items));
}

}  // namespace

at::Tensor tensorFromData(const c10::IValue& data, std::optional<c10::ScalarType> dtype,
                          std::optional<c10::Device> device, bool requiresGrad) {
  // Reads the tensors among the data (item()) and makes a new one.
  const tracking::NotedArguments noted(data);
  Flattened flat;
  flatten(data, 0, flat);
  if (!flat.sawScalar) flat.kind = Kind::Float;  // torch.tensor([]) is float32
  const c10::ScalarType type = dtype.value_or(inferred(flat.kind));
  at::Tensor result =
      ops::asPythonFactory([&] { return at::empty(flat.shape, at::TensorOptions().dtype(type)); });
  void* out = result.data_ptr();
  switch (type) {
    case c10::kBool: store<bool>(out, flat.scalars); break;
    case c10::kByte: store<std::uint8_t>(out, flat.scalars); break;
    case c10::kChar: store<std::int8_t>(out, flat.scalars); break;
    case c10::kShort: store<std::int16_t>(out, flat.scalars); break;
    case c10::kInt: store<std::int32_t>(out, flat.scalars); break;
    case c10::kLong: store<std::int64_t>(out, flat.scalars); break;
    case c10::kHalf: store<c10::Half>(out, flat.scalars); break;
    case c10::kBFloat16: store<c10::BFloat16>(out, flat.scalars); break;
    case c10::kFloat: store<float>(out, flat.scalars); break;
    case c10::kDouble: store<double>(out, flat.scalars); break;
    case c10::kComplexFloat: store<c10::complex<float>>(out, flat.scalars); break;
    case c10::kComplexDouble: store<c10::complex<double>>(out, flat.scalars); break;
    default:
      throw ScriptError(
          "TypeError", "torch.tensor() does not support dtype " + std::string(c10::toString(type)));
  }
  if (device && device->is_cuda()) tracking::initCuda();  // as Python, once the data is read
  if (device && *device != result.device()) result = result.to(*device);
  if (requiresGrad) result.set_requires_grad(true);
  return result;
}

c10::IValue tensorToList(const at::Tensor& tensor) {
  const tracking::NotedArguments noted(tensor);
  const auto values = readElements(tensor.is_cpu() ? tensor : tensor.cpu());
  if (!values) throw ScriptError("TypeError", "tolist() is not supported for this tensor");
  std::size_t next = 0;
  return nest(*values, tensor.sizes(), 0, next);
}

}  // namespace memlens::script

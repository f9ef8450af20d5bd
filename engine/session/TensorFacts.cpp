#include "session/TensorFacts.h"

#include <c10/util/BFloat16.h>
#include <c10/util/Half.h>
#include <c10/util/complex.h>
#include <torch/csrc/autograd/function.h>

#include <cstring>

namespace memlens {
namespace {

template <typename T>
ElementValue readElement(const void* address) {
  const T value = *static_cast<const T*>(address);
  if constexpr (std::is_same_v<T, bool>) {
    return value;
  } else if constexpr (std::is_integral_v<T>) {
    return static_cast<std::int64_t>(value);
  } else if constexpr (std::is_same_v<T, c10::complex<float>> ||
                       std::is_same_v<T, c10::complex<double>> ||
                       std::is_same_v<T, c10::complex<c10::Half>>) {
    return std::complex<double>(static_cast<double>(value.real()),
                                static_cast<double>(value.imag()));
  } else {
    return static_cast<double>(value);
  }
}

using ElementReader = ElementValue (*)(const void*);

std::optional<ElementReader> readerFor(c10::ScalarType type) {
  switch (type) {
    case c10::ScalarType::Bool: return readElement<bool>;
    case c10::ScalarType::Byte: return readElement<std::uint8_t>;
    case c10::ScalarType::Char: return readElement<std::int8_t>;
    case c10::ScalarType::Short: return readElement<std::int16_t>;
    case c10::ScalarType::Int: return readElement<std::int32_t>;
    case c10::ScalarType::Long: return readElement<std::int64_t>;
    case c10::ScalarType::Half: return readElement<c10::Half>;
    case c10::ScalarType::BFloat16: return readElement<c10::BFloat16>;
    case c10::ScalarType::Float: return readElement<float>;
    case c10::ScalarType::Double: return readElement<double>;
    case c10::ScalarType::ComplexHalf: return readElement<c10::complex<c10::Half>>;
    case c10::ScalarType::ComplexFloat: return readElement<c10::complex<float>>;
    case c10::ScalarType::ComplexDouble: return readElement<c10::complex<double>>;
    default: return std::nullopt;  // quantized and bit types: no plain values
  }
}

// Visits the storage address of every element in row-major order.
template <typename Visit>
void forEachElementAddress(const at::Tensor& tensor, const char* base, std::int64_t itemSize,
                           const Visit& visit) {
  const auto sizes = tensor.sizes();
  const auto strides = tensor.strides();
  const std::size_t dims = sizes.size();
  if (tensor.numel() == 0) return;
  std::vector<std::int64_t> index(dims, 0);
  for (;;) {
    std::int64_t element = tensor.storage_offset();
    for (std::size_t d = 0; d < dims; ++d) element += index[d] * strides[d];
    visit(base + element * itemSize);
    std::size_t d = dims;
    for (;;) {
      if (d == 0) return;
      --d;
      if (++index[d] < sizes[d]) break;
      index[d] = 0;
    }
  }
}

}  // namespace

std::string dtypeName(c10::ScalarType type) {
  switch (type) {
    case c10::ScalarType::Bool: return "bool";
    case c10::ScalarType::Byte: return "uint8";
    case c10::ScalarType::Char: return "int8";
    case c10::ScalarType::Short: return "int16";
    case c10::ScalarType::Int: return "int32";
    case c10::ScalarType::Long: return "int64";
    case c10::ScalarType::Half: return "float16";
    case c10::ScalarType::BFloat16: return "bfloat16";
    case c10::ScalarType::Float: return "float32";
    case c10::ScalarType::Double: return "float64";
    case c10::ScalarType::ComplexHalf: return "complex32";
    case c10::ScalarType::ComplexFloat: return "complex64";
    case c10::ScalarType::ComplexDouble: return "complex128";
    case c10::ScalarType::QInt8: return "qint8";
    case c10::ScalarType::QUInt8: return "quint8";
    case c10::ScalarType::QInt32: return "qint32";
    case c10::ScalarType::QUInt4x2: return "quint4x2";
    case c10::ScalarType::QUInt2x4: return "quint2x4";
    default: return c10::toString(type);
  }
}

std::int64_t versionOf(const at::Tensor& tensor) {
  if (tensor.is_inference()) return 0;
  return static_cast<std::int64_t>(
      tensor.unsafeGetTensorImpl()->version_counter().current_version());
}

std::optional<std::vector<ElementValue>> elementValues(const at::Tensor& tensor) {
  if (!tensor.defined() || tensor.numel() > kMaxRecordedElements) return std::nullopt;
  return readElements(tensor);
}

std::optional<std::vector<ElementValue>> readElements(const at::Tensor& tensor) {
  if (!tensor.defined() || tensor.layout() != c10::kStrided || !tensor.has_storage()) {
    return std::nullopt;
  }
  const auto reader = readerFor(tensor.scalar_type());
  if (!reader) return std::nullopt;
  // Device memory is copied to the host first; CPU memory is read in place.
  const at::Tensor host = tensor.is_cpu() ? tensor : tensor.cpu();
  const auto* base = static_cast<const char*>(host.storage().data());
  std::vector<ElementValue> values;
  values.reserve(static_cast<std::size_t>(host.numel()));
  forEachElementAddress(host, base, static_cast<std::int64_t>(host.element_size()),
                        [&](const char* element) { values.push_back((*reader)(element)); });
  return values;
}

bool gatherElementBytes(const at::Tensor& tensor, std::vector<std::uint8_t>& out) {
  out.clear();
  if (!tensor.defined() || tensor.numel() > kMaxRecordedElements ||
      tensor.layout() != c10::kStrided || !tensor.has_storage() || !tensor.is_cpu()) {
    return false;
  }
  const auto itemSize = static_cast<std::int64_t>(tensor.element_size());
  const auto* base = static_cast<const char*>(tensor.storage().data());
  forEachElementAddress(tensor, base, itemSize, [&](const char* element) {
    out.insert(out.end(), element, element + itemSize);
  });
  return true;
}

bool elementBytesEqual(const at::Tensor& tensor, const std::vector<std::uint8_t>& previous) {
  if (tensor.is_cpu() && tensor.layout() == c10::kStrided && tensor.has_storage() &&
      tensor.numel() <= kMaxRecordedElements && tensor.is_contiguous()) {
    const auto bytes =
        static_cast<std::size_t>(tensor.numel()) * static_cast<std::size_t>(tensor.element_size());
    // An empty tensor may sit on a storage with no memory: no pointer to offset.
    if (bytes == 0) return previous.empty();
    const auto* data = static_cast<const std::uint8_t*>(tensor.storage().data()) +
                       tensor.storage_offset() * static_cast<std::int64_t>(tensor.element_size());
    return bytes == previous.size() && std::memcmp(data, previous.data(), bytes) == 0;
  }
  thread_local std::vector<std::uint8_t> current;
  return gatherElementBytes(tensor, current) && current == previous;
}

std::optional<std::vector<ElementValue>> readStorage(const c10::Storage& storage,
                                                     c10::ScalarType type) {
  const auto reader = readerFor(type);
  if (!reader || storage.device().type() != c10::kCPU) return std::nullopt;
  const auto itemSize = c10::elementSize(type);
  const auto* base = static_cast<const char*>(storage.data());
  std::vector<ElementValue> values;
  for (std::size_t offset = 0; offset + itemSize <= storage.nbytes(); offset += itemSize) {
    values.push_back((*reader)(base + offset));
  }
  return values;
}

TensorRecord describeTensor(const at::Tensor& tensor) {
  TensorRecord record;
  record.shape.assign(tensor.sizes().begin(), tensor.sizes().end());
  if (tensor.layout() == c10::kStrided) {
    record.strides.assign(tensor.strides().begin(), tensor.strides().end());
    record.offset = tensor.storage_offset();
  }
  record.dtype = dtypeName(tensor.scalar_type());
  record.device = tensor.device().str();
  record.version = versionOf(tensor);
  record.requiresGrad = tensor.requires_grad();
  // The node's name is Python's class name of grad_fn (AddBackward0). A view
  // of a multi-output view op written in place has none Python can read:
  // reading it raises there, and is recorded as none here.
  try {
    if (const auto& node = tensor.grad_fn()) record.gradFn = node->name();
  } catch (const c10::Error&) {
  }
  record.values = elementValues(tensor);
  return record;
}

}  // namespace memlens

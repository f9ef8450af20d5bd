#include "session/TensorFacts.h"

#include <c10/util/BFloat16.h>
#include <c10/util/Half.h>
#include <c10/util/complex.h>
#include <torch/csrc/autograd/function.h>

#include <cstring>

#include "tracking/DeviceName.h"

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

// Calls `visit` with a null pointer to the C++ type of `type`'s elements, so
// that a loop over many elements is compiled for that type; false for the
// types with no plain values (quantized and bit types).
template <typename Visit>
bool visitElementType(c10::ScalarType type, const Visit& visit) {
  switch (type) {
    case c10::ScalarType::Bool: visit(static_cast<bool*>(nullptr)); return true;
    case c10::ScalarType::Byte: visit(static_cast<std::uint8_t*>(nullptr)); return true;
    case c10::ScalarType::Char: visit(static_cast<std::int8_t*>(nullptr)); return true;
    case c10::ScalarType::Short: visit(static_cast<std::int16_t*>(nullptr)); return true;
    case c10::ScalarType::Int: visit(static_cast<std::int32_t*>(nullptr)); return true;
    case c10::ScalarType::Long: visit(static_cast<std::int64_t*>(nullptr)); return true;
    case c10::ScalarType::Half: visit(static_cast<c10::Half*>(nullptr)); return true;
    case c10::ScalarType::BFloat16: visit(static_cast<c10::BFloat16*>(nullptr)); return true;
    case c10::ScalarType::Float: visit(static_cast<float*>(nullptr)); return true;
    case c10::ScalarType::Double: visit(static_cast<double*>(nullptr)); return true;
    case c10::ScalarType::ComplexHalf:
      visit(static_cast<c10::complex<c10::Half>*>(nullptr));
      return true;
    case c10::ScalarType::ComplexFloat:
      visit(static_cast<c10::complex<float>*>(nullptr));
      return true;
    case c10::ScalarType::ComplexDouble:
      visit(static_cast<c10::complex<double>*>(nullptr));
      return true;
    default: return false;
  }
}

// Visits the storage address of every element in row-major order.
template <typename Visit>
void forEachElementAddress(const at::Tensor& tensor, const char* base, std::int64_t itemSize,
                           const Visit& visit) {
  const std::int64_t count = tensor.numel();
  if (count == 0) return;
  // Row-major order is memory order: no index to carry.
  if (tensor.is_contiguous()) {
    const char* first = base + tensor.storage_offset() * itemSize;
    for (std::int64_t i = 0; i < count; ++i) visit(first + i * itemSize);
    return;
  }
  const auto sizes = tensor.sizes();
  const auto strides = tensor.strides();
  const std::size_t dims = sizes.size();
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
  std::vector<ElementValue> values;
  const bool readable = visitElementType(tensor.scalar_type(), [&]<typename T>(T*) {
    // Device memory is copied to the host first; CPU memory is read in place.
    const at::Tensor host = tensor.is_cpu() ? tensor : tensor.cpu();
    const auto* base = static_cast<const char*>(host.storage().data());
    // Sized once and written in place: appending costs more per element.
    values.resize(static_cast<std::size_t>(host.numel()));
    ElementValue* next = values.data();
    forEachElementAddress(host, base, static_cast<std::int64_t>(host.element_size()),
                          [&](const char* element) { *next++ = readElement<T>(element); });
  });
  if (!readable) return std::nullopt;
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
  if (tensor.numel() > 0 && tensor.is_contiguous()) {
    const auto* first =
        reinterpret_cast<const std::uint8_t*>(base + tensor.storage_offset() * itemSize);
    out.assign(first, first + tensor.numel() * itemSize);
    return true;
  }
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
  if (storage.device().type() != c10::kCPU) return std::nullopt;
  std::vector<ElementValue> values;
  const bool readable = visitElementType(type, [&]<typename T>(T*) {
    const auto itemSize = c10::elementSize(type);
    const auto* base = static_cast<const char*>(storage.data());
    for (std::size_t offset = 0; offset + itemSize <= storage.nbytes(); offset += itemSize) {
      values.push_back(readElement<T>(base + offset));
    }
  });
  if (!readable) return std::nullopt;
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
  record.device = tracking::deviceName(tensor.device());
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

#include "script/Objects.h"

#include <limits>
#include <sstream>

#include "script/PythonFormat.h"
#include "script/TensorFormat.h"
#include "session/ScriptError.h"
#include "session/TensorFacts.h"

namespace memlens::script {
namespace {

std::string reprOfOptionalInt(const c10::IValue& v) {
  return v.isNone() ? "None" : std::to_string(v.toInt());
}

std::string hexAddress(const void* address) {
  std::ostringstream out;
  out << "0x" << std::hex << reinterpret_cast<std::uintptr_t>(address);
  return out.str();
}

}  // namespace

std::string RangeObject::repr() const {
  return "range(" + std::to_string(start) + ", " + std::to_string(stop) +
         (step == 1 ? "" : ", " + std::to_string(step)) + ")";
}

std::int64_t RangeObject::length() const {
  // In unsigned arithmetic: range(-2**63, 2**63 - 1) must not overflow.
  const auto distance = [](std::int64_t high, std::int64_t low) {
    return static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low);
  };
  std::uint64_t n = 0;
  if (step > 0 && start < stop) {
    n = (distance(stop, start) - 1) / static_cast<std::uint64_t>(step) + 1;
  } else if (step < 0 && start > stop) {
    n = (distance(start, stop) - 1) / (0 - static_cast<std::uint64_t>(step)) + 1;
  }
  if (n > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    throw ScriptError("OverflowError", "Python int too large to convert to C ssize_t");
  }
  return static_cast<std::int64_t>(n);
}

std::string SliceObject::repr() const {
  return "slice(" + reprOfOptionalInt(lower) + ", " + reprOfOptionalInt(upper) + ", " +
         reprOfOptionalInt(step) + ")";
}

std::string GradFnObject::repr() const {
  return "<" + name + " object at " + hexAddress(address) + ">";
}

std::string StorageObject::repr() const {
  // As torch/storage.py prints it: each element on its own line, then a summary line.
  const c10::ScalarType type = dtype.value_or(c10::kByte);
  std::string out = " ";
  bool first = true;
  for (const auto& element : readStorage(storage, type).value_or(std::vector<ElementValue>{})) {
    if (!first) out += "\n ";
    first = false;
    out += std::visit(
        [](const auto& v) -> std::string {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, bool>)
            return v ? "True" : "False";
          else if constexpr (std::is_same_v<T, std::int64_t>)
            return std::to_string(v);
          else if constexpr (std::is_same_v<T, double>)
            return formatPythonFloat(v);
          else
            return formatPythonComplex(v.real(), v.imag());
        },
        element);
  }
  const auto elements = static_cast<std::int64_t>(storage.nbytes() / c10::elementSize(type));
  out += "\n[torch.storage." +
         std::string(dtype ? "TypedStorage(dtype=" + formatDtype(type) + ", " : "UntypedStorage(") +
         "device=" + storage.device().str() + ") of size " + std::to_string(elements) + "]";
  return out;
}

c10::IValue makeFunction(std::string name, FunctionObject::Body body) {
  return makeObject<FunctionObject>(std::move(name), std::move(body));
}

const c10::IValue& ellipsisValue() {
  static const c10::IValue ellipsis = makeObject<EllipsisObject>();
  return ellipsis;
}

}  // namespace memlens::script

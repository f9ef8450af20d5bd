#include "script/Objects.h"

#include <sstream>

#include "script/PythonFormat.h"

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
  if (step > 0 && start < stop) return (stop - start + step - 1) / step;
  if (step < 0 && start > stop) return (start - stop - step - 1) / (-step);
  return 0;
}

std::string SliceObject::repr() const {
  return "slice(" + reprOfOptionalInt(lower) + ", " + reprOfOptionalInt(upper) + ", " +
         reprOfOptionalInt(step) + ")";
}

std::string GradFnObject::repr() const {
  return "<" + name + " object at " + hexAddress(address) + ">";
}

std::string StorageObject::repr() const {
  const auto bytes = static_cast<std::int64_t>(storage.nbytes());
  const auto elements = dtype ? bytes / static_cast<std::int64_t>(c10::elementSize(*dtype)) : bytes;
  return "<" + typeName() + " of size " + std::to_string(elements) + " at " +
         hexAddress(storage.data()) + ">";
}

c10::IValue makeFunction(std::string name, FunctionObject::Body body) {
  return makeObject<FunctionObject>(std::move(name), std::move(body));
}

const c10::IValue& ellipsisValue() {
  static const c10::IValue ellipsis = makeObject<EllipsisObject>();
  return ellipsis;
}

}  // namespace memlens::script

#include "script/ValueFormat.h"

#include <c10/core/Layout.h>

#include "script/Objects.h"
#include "script/PythonFormat.h"
#include "script/Values.h"
#include "tracking/Recording.h"

namespace memlens::script {
namespace {

std::string layoutName(c10::Layout layout) {
  switch (layout) {
    case c10::kStrided: return "torch.strided";
    case c10::kSparse: return "torch.sparse_coo";
    case c10::kSparseCsr: return "torch.sparse_csr";
    default: return "torch.layout";
  }
}

std::string memoryFormatName(c10::MemoryFormat format) {
  switch (format) {
    case c10::MemoryFormat::Contiguous: return "torch.contiguous_format";
    case c10::MemoryFormat::ChannelsLast: return "torch.channels_last";
    case c10::MemoryFormat::ChannelsLast3d: return "torch.channels_last_3d";
    case c10::MemoryFormat::Preserve: return "torch.preserve_format";
    default: return "torch.memory_format";
  }
}

template <typename Range>
std::string joinRepr(const Range& items, const PrintOptions& options) {
  std::string out;
  bool first = true;
  for (const auto& item : items) {
    if (!first) out += ", ";
    out += repr(c10::IValue(item), options);
    first = false;
  }
  return out;
}

std::string namedTupleRepr(const TupleNames& names, const c10::IValue& tuple,
                           const PrintOptions& options) {
  // PyTorch's return types print one field per line.
  const auto& values = tuple.toTupleRef().elements();
  std::string out = names.typeName + "(\n";
  for (std::size_t i = 0; i < names.fields.size(); ++i) {
    out += names.fields[i] + "=" + repr(values[i], options);
    out += i + 1 < names.fields.size() ? ",\n" : ")";
  }
  return out;
}

}  // namespace

std::string repr(const c10::IValue& value, const PrintOptions& options) {
  if (value.isTensor()) {
    // Printing reads the values through operators called directly.
    const tracking::NotedArguments noted(value);
    return formatTensor(value.toTensor(), options);
  }
  if (value.isNone()) return "None";
  if (value.isBool()) return value.toBool() ? "True" : "False";
  if (value.isInt()) return std::to_string(value.toInt());
  if (value.isDouble()) return formatPythonFloat(value.toDouble());
  if (value.isComplexDouble()) {
    const auto c = value.toComplexDouble();
    return formatPythonComplex(c.real(), c.imag());
  }
  if (value.isString()) return quotePythonString(value.toStringRef());
  if (value.isDevice()) return formatDevice(value.toDevice());
  if (value.isList()) return "[" + joinRepr(value.toListRef(), options) + "]";
  if (value.isTuple()) {
    if (auto names = namedTupleNames(value)) return namedTupleRepr(*names, value, options);
    const auto& elements = value.toTupleRef().elements();
    return "(" + joinRepr(elements, options) + (elements.size() == 1 ? ",)" : ")");
  }
  if (value.isIntList()) return "[" + joinRepr(value.toIntVector(), options) + "]";
  if (value.isDoubleList()) return "[" + joinRepr(value.toDoubleVector(), options) + "]";
  if (value.isTensorList()) return "[" + joinRepr(value.toTensorVector(), options) + "]";
  if (value.isGenericDict()) {
    std::string out = "{";
    bool first = true;
    for (const auto& entry : value.toGenericDict()) {
      if (!first) out += ", ";
      out += repr(entry.key(), options) + ": " + repr(entry.value(), options);
      first = false;
    }
    return out + "}";
  }
  if (const auto* dtype = objectAs<ops::DtypeObject>(value)) return formatDtype(dtype->type);
  if (const auto* size = objectAs<ops::SizeObject>(value)) return formatSize(size->sizes);
  if (const auto* layout = objectAs<ops::LayoutObject>(value)) return layoutName(layout->layout);
  if (const auto* format = objectAs<ops::MemoryFormatObject>(value)) {
    return memoryFormatName(format->format);
  }
  if (const auto* object = objectAs<ReprObject>(value)) return object->repr();
  return "<" + ops::pythonTypeName(value) + " object>";
}

std::string str(const c10::IValue& value, const PrintOptions& options) {
  if (value.isString()) return value.toStringRef();
  if (value.isDevice()) return value.toDevice().str();
  return repr(value, options);
}

}  // namespace memlens::script

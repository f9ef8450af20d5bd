#include "script/TensorFormat.h"

#include <ATen/ops/cat.h>
#include <ATen/ops/empty.h>
#include <c10/core/GradMode.h>
#include <c10/util/complex.h>
#include <torch/csrc/autograd/function.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "script/PythonFormat.h"
#include "session/ScriptError.h"

namespace memlens::script {
namespace {

std::string pythonTuple(c10::IntArrayRef sizes) {
  std::string out = "(";
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    if (i > 0) out += ", ";
    out += std::to_string(sizes[i]);
  }
  return out + (sizes.size() == 1 ? ",)" : ")");
}

// The dtypes Python prints without a dtype= suffix (torch's default dtype is float32).
bool hasDefaultDtype(c10::ScalarType type) {
  return type == c10::kFloat || type == c10::kComplexFloat || type == c10::kLong ||
         type == c10::kBool;
}

bool isElided(std::int64_t size, bool summarize, const PrintOptions& options) {
  return summarize && size > 2 * options.edgeitems;
}

// get_summarized_data: every dimension longer than 2*edgeitems keeps its first and last
// edgeitems entries, which are exactly the entries printed.
at::Tensor summarizedData(const at::Tensor& tensor, bool summarize, const PrintOptions& options) {
  at::Tensor data = tensor;
  const std::int64_t edge = options.edgeitems;
  for (std::int64_t dim = 0; dim < tensor.dim(); ++dim) {
    const std::int64_t size = tensor.size(dim);
    if (!isElided(size, summarize, options)) continue;
    if (edge == 0) {
      // Python stacks an empty list of rows here; a vector keeps everything, as self[-0:] does.
      if (dim + 1 < tensor.dim())
        throw ScriptError("RuntimeError", "stack expects a non-empty TensorList");
      continue;
    }
    data = at::cat({data.narrow(dim, 0, edge), data.narrow(dim, size - edge, edge)}, dim);
  }
  return data;
}

// The widest type that holds every value of `type` exactly, as Python's tolist() sees it.
c10::ScalarType readableType(c10::ScalarType type) {
  if (c10::isComplexType(type)) return c10::kComplexDouble;
  if (c10::isFloatingType(type)) return c10::kDouble;
  if (type == c10::kBool) return c10::kBool;
  return c10::kLong;
}

template <typename T>
std::vector<T> valuesOf(const at::Tensor& contiguous) {
  const T* first = contiguous.data_ptr<T>();
  return std::vector<T>(first, first + contiguous.numel());
}

std::string padLeft(std::string text, std::size_t width) {
  if (text.size() < width) text.insert(0, width - text.size(), ' ');
  return text;
}

// _Formatter for floating tensors: picks integer, fixed or scientific notation and one width
// from the nonzero finite values that will be printed.
class FloatFormatter {
 public:
  FloatFormatter(const std::vector<double>& values, const PrintOptions& options)
      : precision_(options.precision) {
    std::vector<double> nonzeroFinite;
    std::copy_if(values.begin(), values.end(), std::back_inserter(nonzeroFinite),
                 [](double v) { return std::isfinite(v) && v != 0.0; });
    // Without such values Python returns before applying the sci_mode option.
    if (nonzeroFinite.empty()) return;

    double minAbs = std::fabs(nonzeroFinite.front());
    double maxAbs = minAbs;
    for (const double value : nonzeroFinite) {
      minAbs = std::min(minAbs, std::fabs(value));
      maxAbs = std::max(maxAbs, std::fabs(value));
    }
    intMode_ = std::all_of(nonzeroFinite.begin(), nonzeroFinite.end(),
                           [](double v) { return v == std::ceil(v); });
    const bool wideRange = maxAbs / minAbs > 1000.0 || maxAbs > 1.0e8;
    sciMode_ = intMode_ ? wideRange : wideRange || minAbs < 1.0e-4;
    for (const double value : nonzeroFinite) {
      std::size_t width = 0;
      if (sciMode_) {
        width = formatScientific(value, precision_).size();
      } else if (intMode_) {
        width = formatFixed(value, 0).size() + 1;  // the "." that marks a float
      } else {
        width = formatFixed(value, precision_).size();
      }
      maxWidth_ = std::max(maxWidth_, width);
    }
    if (options.sciMode) sciMode_ = *options.sciMode;
  }

  std::size_t width() const { return maxWidth_; }

  std::string format(double value) const {
    std::string text;
    if (sciMode_) {
      text = formatScientific(value, precision_);
    } else if (intMode_) {
      text = formatFixed(value, 0);
      if (std::isfinite(value)) text += '.';
    } else {
      text = formatFixed(value, precision_);
    }
    return padLeft(std::move(text), maxWidth_);
  }

 private:
  int precision_;
  bool intMode_ = true;
  bool sciMode_ = false;
  std::size_t maxWidth_ = 1;
};

// The text of every printed element, and the width _vector_str budgets per element.
struct Cells {
  std::vector<std::string> texts;
  std::size_t elementLength = 0;
};

Cells floatCells(const std::vector<double>& values, const PrintOptions& options) {
  const FloatFormatter formatter(values, options);
  Cells cells;
  cells.elementLength = formatter.width() + 2;
  for (const double value : values) cells.texts.push_back(formatter.format(value));
  return cells;
}

Cells complexCells(const std::vector<c10::complex<double>>& values, const PrintOptions& options) {
  std::vector<double> reals;
  std::vector<double> imags;
  for (const auto& value : values) {
    reals.push_back(value.real());
    imags.push_back(value.imag());
  }
  const FloatFormatter realFormatter(reals, options);
  const FloatFormatter imagFormatter(imags, options);
  Cells cells;
  cells.elementLength = realFormatter.width() + 2 + imagFormatter.width() + 1;
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::string imag = imagFormatter.format(imags[i]) + "j";
    imag.erase(0, imag.find_first_not_of(' '));
    const bool signed_ = imag[0] == '+' || imag[0] == '-';
    cells.texts.push_back(realFormatter.format(reals[i]) + (signed_ ? "" : "+") + imag);
  }
  return cells;
}

Cells plainCells(std::vector<std::string> texts) {
  std::size_t width = 1;
  for (const auto& text : texts) width = std::max(width, text.size());
  Cells cells;
  cells.elementLength = width + 2;
  for (auto& text : texts) cells.texts.push_back(padLeft(std::move(text), width));
  return cells;
}

Cells cellsOf(const at::Tensor& values, const PrintOptions& options) {
  switch (values.scalar_type()) {
    case c10::kComplexDouble: return complexCells(valuesOf<c10::complex<double>>(values), options);
    case c10::kDouble: return floatCells(valuesOf<double>(values), options);
    case c10::kBool: {
      std::vector<std::string> texts;
      for (const bool value : valuesOf<bool>(values)) texts.emplace_back(value ? "True" : "False");
      return plainCells(std::move(texts));
    }
    default: {
      std::vector<std::string> texts;
      for (const std::int64_t value : valuesOf<std::int64_t>(values))
        texts.push_back(std::to_string(value));
      return plainCells(std::move(texts));
    }
  }
}

// _tensor_str_with_formatter over the printed elements, laid out row-major in `cells`.
class Layout {
 public:
  Layout(const Cells& cells, std::vector<std::int64_t> sizes, std::vector<bool> elided,
         const PrintOptions& options)
      : cells_(cells), sizes_(std::move(sizes)), elided_(std::move(elided)), options_(options) {}

  std::string render(std::int64_t indent) const {
    if (sizes_.empty()) return cells_.texts.front();
    return render(0, 0, indent);
  }

 private:
  // The number of elements one step along `dim` skips.
  std::int64_t stride(std::size_t dim) const {
    std::int64_t result = 1;
    for (std::size_t d = dim + 1; d < sizes_.size(); ++d) result *= sizes_[d];
    return result;
  }

  // Entries along `dim`, with `marker` where a summary leaves entries out.
  template <typename Entry>
  std::vector<std::string> entries(std::size_t dim, const std::string& marker, Entry entry) const {
    std::vector<std::string> out;
    const std::int64_t head = std::min(options_.edgeitems, sizes_[dim]);
    for (std::int64_t i = 0; i < sizes_[dim]; ++i) {
      if (elided_[dim] && i == head) out.push_back(marker);
      out.push_back(entry(i));
    }
    return out;
  }

  std::string render(std::size_t dim, std::int64_t offset, std::int64_t indent) const {
    const std::size_t remainingDims = sizes_.size() - dim;
    std::string out = "[";
    if (remainingDims == 1) {
      // _vector_str: as many elements per line as the line width allows.
      const auto elementLength = static_cast<std::int64_t>(cells_.elementLength);
      const std::int64_t perLine =
          std::max<std::int64_t>(1, (options_.linewidth - indent) / elementLength);
      const std::vector<std::string> data = entries(dim, " ...", [&](std::int64_t i) {
        return cells_.texts[static_cast<std::size_t>(offset + i)];
      });
      const std::string lineBreak = ",\n" + std::string(static_cast<std::size_t>(indent + 1), ' ');
      for (std::size_t i = 0; i < data.size(); ++i) {
        if (i > 0) out += i % static_cast<std::size_t>(perLine) == 0 ? lineBreak : ", ";
        out += data[i];
      }
    } else {
      const std::vector<std::string> slices = entries(dim, "...", [&](std::int64_t i) {
        return render(dim + 1, offset + i * stride(dim), indent + 1);
      });
      const std::string separator = "," + std::string(remainingDims - 1, '\n') +
                                    std::string(static_cast<std::size_t>(indent + 1), ' ');
      for (std::size_t i = 0; i < slices.size(); ++i) {
        if (i > 0) out += separator;
        out += slices[i];
      }
    }
    return out + "]";
  }

  const Cells& cells_;
  std::vector<std::int64_t> sizes_;
  std::vector<bool> elided_;
  const PrintOptions& options_;
};

// _tensor_str for a tensor with elements.
std::string contentsOf(const at::Tensor& tensor, std::int64_t indent, const PrintOptions& options) {
  const bool summarize = tensor.numel() > options.threshold;
  const at::Tensor unnamed = tensor.has_names() ? tensor.rename(c10::nullopt) : tensor;
  const at::Tensor data = summarizedData(unnamed, summarize, options);
  // A fresh CPU copy: copy_ also resolves the conjugate and negative bits.
  at::Tensor values =
      at::empty(data.sizes(), at::TensorOptions().dtype(readableType(data.scalar_type())));
  values.copy_(data);

  std::vector<bool> elided;
  for (const std::int64_t size : tensor.sizes())
    elided.push_back(isElided(size, summarize, options));
  const Cells cells = cellsOf(values, options);
  return Layout(cells, data.sizes().vec(), std::move(elided), options).render(indent);
}

// type(grad_fn).__name__: generated nodes name themselves, others carry their C++ namespace.
std::string gradFnName(const torch::autograd::Node& node) {
  const std::string name = node.name();
  const std::size_t colons = name.rfind("::");
  return colons == std::string::npos ? name : name.substr(colons + 2);
}

std::string namesSuffix(const at::Tensor& tensor) {
  std::string out = "names=(";
  const auto names = tensor.names();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ", ";
    out += names[i].isWildcard() ? "None" : quotePythonString(names[i].symbol().toUnqualString());
  }
  return out + (names.size() == 1 ? ",)" : ")");
}

// _add_suffixes: ", suffix" while it fits the line, otherwise a new line at the indent.
std::string addSuffixes(const std::string& text, const std::vector<std::string>& suffixes,
                        std::int64_t indent, const PrintOptions& options) {
  std::string out = text;
  const std::size_t lastBreak = text.rfind('\n');
  // Python computes len - rfind('\n') + 1, with rfind giving -1 when there is no newline.
  auto lastLineLength =
      static_cast<std::int64_t>(text.size()) -
      (lastBreak == std::string::npos ? -1 : static_cast<std::int64_t>(lastBreak)) + 1;
  for (const auto& suffix : suffixes) {
    const auto suffixLength = static_cast<std::int64_t>(suffix.size());
    if (lastLineLength + suffixLength + 2 > options.linewidth) {
      out += ",\n" + std::string(static_cast<std::size_t>(indent), ' ') + suffix;
      lastLineLength = indent + suffixLength;
    } else {
      out += ", " + suffix;
      lastLineLength += suffixLength + 2;
    }
  }
  return out + ")";
}

}  // namespace

std::string formatTensor(const at::Tensor& tensor, const PrintOptions& options) {
  if (tensor.layout() != c10::kStrided || tensor.is_quantized()) {
    throw ScriptError("NotImplementedError",
                      "printing sparse or quantized tensors is not supported");
  }
  // Python prints under torch.no_grad(): reading the values records no autograd history.
  const c10::NoGradGuard noGrad;
  const std::string prefix = "tensor(";
  const auto indent = static_cast<std::int64_t>(prefix.size());
  std::vector<std::string> suffixes;

  if (tensor.device().type() != c10::DeviceType::CPU)
    suffixes.push_back("device='" + tensor.device().str() + "'");

  std::string contents;
  if (tensor.is_meta()) {
    suffixes.push_back("size=" + pythonTuple(tensor.sizes()));
    if (tensor.scalar_type() != c10::kFloat)
      suffixes.push_back("dtype=" + formatDtype(tensor.scalar_type()));
    contents = "...";
  } else if (tensor.numel() == 0) {
    // Like NumPy, the shape is shown unless it is (0,); the dtype always, as nothing hints at it.
    if (tensor.dim() != 1) suffixes.push_back("size=" + pythonTuple(tensor.sizes()));
    if (tensor.scalar_type() != c10::kFloat)
      suffixes.push_back("dtype=" + formatDtype(tensor.scalar_type()));
    contents = "[]";
  } else {
    if (!hasDefaultDtype(tensor.scalar_type()))
      suffixes.push_back("dtype=" + formatDtype(tensor.scalar_type()));
    contents = contentsOf(tensor, indent, options);
  }

  if (const auto& gradFn = tensor.grad_fn()) {
    suffixes.push_back("grad_fn=<" + gradFnName(*gradFn) + ">");
  } else if (tensor.requires_grad()) {
    suffixes.push_back("requires_grad=True");
  }
  if (tensor.has_names()) suffixes.push_back(namesSuffix(tensor));
  return addSuffixes(prefix + contents, suffixes, indent, options);
}

std::string formatSize(c10::IntArrayRef sizes) {
  std::string out = "torch.Size([";
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    if (i > 0) out += ", ";
    out += std::to_string(sizes[i]);
  }
  return out + "])";
}

std::string formatDtype(c10::ScalarType type) {
  switch (type) {
    case c10::kByte: return "torch.uint8";
    case c10::kChar: return "torch.int8";
    case c10::kShort: return "torch.int16";
    case c10::kInt: return "torch.int32";
    case c10::kLong: return "torch.int64";
    case c10::kHalf: return "torch.float16";
    case c10::kFloat: return "torch.float32";
    case c10::kDouble: return "torch.float64";
    case c10::kComplexHalf: return "torch.complex32";
    case c10::kComplexFloat: return "torch.complex64";
    case c10::kComplexDouble: return "torch.complex128";
    case c10::kBool: return "torch.bool";
    case c10::kQInt8: return "torch.qint8";
    case c10::kQUInt8: return "torch.quint8";
    case c10::kQInt32: return "torch.qint32";
    case c10::kBFloat16: return "torch.bfloat16";
    case c10::kQUInt4x2: return "torch.quint4x2";
    case c10::kQUInt2x4: return "torch.quint2x4";
    default:
      throw ScriptError("ValueError", std::string("no Python dtype for ") + c10::toString(type));
  }
}

std::string formatDevice(const c10::Device& device) {
  std::string out = "device(type='" + c10::DeviceTypeName(device.type(), /*lower_case=*/true) + "'";
  if (device.has_index()) out += ", index=" + std::to_string(device.index());
  return out + ")";
}

}  // namespace memlens::script

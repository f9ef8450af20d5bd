#include "ui/ElementText.h"

#include "ui/StorageCells.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <utility>

namespace memlens::ui {
namespace {

std::string shortFloat(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%.4g", value);
  std::string text = buffer.data();
  // PyTorch prints whole floats with a trailing point ("7."), which tells a
  // float cell from an int cell at a glance.
  if (text.find_first_of(".e") == std::string::npos) text += ".";
  return text;
}

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};

}  // namespace

std::string elementText(const ElementValue& value) {
  return std::visit(Overloaded{
                        [](bool b) -> std::string { return b ? "True" : "False"; },
                        [](std::int64_t i) { return std::to_string(i); },
                        [](double d) { return shortFloat(d); },
                        [](const std::complex<double>& c) {
                          std::string imag = shortFloat(std::abs(c.imag()));
                          if (imag.back() == '.') imag.pop_back();
                          return shortFloat(c.real()) + (c.imag() < 0 ? "-" : "+") + imag + "j";
                        },
                    },
                    value);
}

std::int64_t dtypeSize(std::string_view dtype) {
  static constexpr std::array<std::pair<std::string_view, std::int64_t>, 16> kSizes{{
      {"bool", 1},
      {"uint8", 1},
      {"int8", 1},
      {"int16", 2},
      {"int32", 4},
      {"int64", 8},
      {"float16", 2},
      {"bfloat16", 2},
      {"float32", 4},
      {"float64", 8},
      {"complex32", 4},
      {"complex64", 8},
      {"complex128", 16},
      {"qint8", 1},
      {"quint8", 1},
      {"qint32", 4},
  }};
  for (const auto& [name, size] : kSizes) {
    if (name == dtype) return size;
  }
  return 0;
}

std::string shapeLine(const TensorRecord& tensor) {
  return "shape " + tupleText(tensor.shape) + " " + tensor.dtype;
}

std::string strideLine(const TensorRecord& tensor) {
  return "stride " + tupleText(tensor.strides) + " offset " + std::to_string(tensor.offset);
}

std::string byteSizeText(std::int64_t bytes) {
  static constexpr std::array<const char*, 4> kUnits{"KiB", "MiB", "GiB", "TiB"};
  if (bytes < 1024) return std::to_string(bytes) + " B";
  auto value = static_cast<double>(bytes) / 1024.0;
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < kUnits.size()) {
    value /= 1024.0;
    ++unit;
  }
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), value < 10.0 ? "%.3g %s" : "%.0f %s", value,
                kUnits.at(unit));
  return buffer.data();
}

std::string shortAddressText(std::uint64_t ptr) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%04llx",
                static_cast<unsigned long long>(ptr & 0xffffU));
  return std::string("\u2026") + buffer.data();
}

}  // namespace memlens::ui

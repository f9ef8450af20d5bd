#pragma once
// The text of the map: how one tensor element reads in a cell (ints plain,
// floats short `1.5`, `7.`, bools `True`/`False`, complex `1+2j`), a tensor
// object's facts, sizes and addresses; and the byte size of PyTorch's dtypes,
// which turns a storage's bytes into a count of cells.

#include <cstdint>
#include <string>
#include <string_view>

#include "trace/Step.h"

namespace memlens::ui {

std::string elementText(const ElementValue& value);

// Bytes per element of a PyTorch dtype short name; 0 when unknown.
std::int64_t dtypeSize(std::string_view dtype);

// The two lines of a tensor object's box: "shape (2, 3) int64" and
// "stride (3, 1) offset 0".
std::string shapeLine(const TensorRecord& tensor);
std::string strideLine(const TensorRecord& tensor);

// "8 B", "48 B", "4 KiB", "1.5 MiB".
std::string byteSizeText(std::int64_t bytes);

// The last hex digits of an address, enough to tell neighbours apart: "…a300".
std::string shortAddressText(std::uint64_t ptr);

}  // namespace memlens::ui

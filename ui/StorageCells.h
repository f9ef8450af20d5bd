#pragma once
// Which storage elements a tensor reads, in the order it reads them: the
// stride walk that a view highlight and the inspector's index grid show.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "trace/Step.h"

namespace memlens::ui {

// The number of elements of a shape (1 for a scalar).
std::int64_t elementCount(const std::vector<std::int64_t>& shape);

// Storage element index of each tensor element, row-major; none when the
// tensor has more than `limit` elements (the walk would cost more than it
// can show).
std::optional<std::vector<std::int64_t>> storageIndices(const TensorRecord& tensor,
                                                        std::int64_t limit);

// The values of a storage's elements, as far as the tensors on it reveal them
// (a cell no tensor reads stays empty).
std::vector<std::optional<ElementValue>> storageValues(
    std::int64_t elementCountOfStorage, const std::vector<const TensorRecord*>& tensors);

// "(2, 3)" - Python's spelling of a shape or strides tuple.
std::string tupleText(const std::vector<std::int64_t>& values);

}  // namespace memlens::ui

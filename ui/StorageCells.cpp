#include "ui/StorageCells.h"

namespace memlens::ui {

std::int64_t elementCount(const std::vector<std::int64_t>& shape) {
  std::int64_t count = 1;
  for (auto size : shape) count *= size;
  return count;
}

std::optional<std::vector<std::int64_t>> storageIndices(const TensorRecord& tensor,
                                                        std::int64_t limit) {
  const auto count = elementCount(tensor.shape);
  if (count > limit || tensor.strides.size() != tensor.shape.size()) return std::nullopt;
  std::vector<std::int64_t> indices;
  indices.reserve(static_cast<std::size_t>(count));
  std::vector<std::int64_t> position(tensor.shape.size(), 0);
  for (std::int64_t n = 0; n < count; ++n) {
    std::int64_t index = tensor.offset;
    for (std::size_t d = 0; d < position.size(); ++d) index += position[d] * tensor.strides[d];
    indices.push_back(index);
    // Advance the row-major odometer.
    for (auto d = position.size(); d-- > 0;) {
      if (++position[d] < tensor.shape[d]) break;
      position[d] = 0;
    }
  }
  return indices;
}

std::vector<std::optional<ElementValue>> storageValues(
    std::int64_t elementCountOfStorage, const std::vector<const TensorRecord*>& tensors) {
  std::vector<std::optional<ElementValue>> values(static_cast<std::size_t>(elementCountOfStorage));
  for (const auto* tensor : tensors) {
    if (!tensor->values) continue;
    const auto indices = storageIndices(*tensor, static_cast<std::int64_t>(tensor->values->size()));
    if (!indices || indices->size() != tensor->values->size()) continue;
    for (std::size_t i = 0; i < indices->size(); ++i) {
      const auto cell = (*indices)[i];
      if (cell >= 0 && cell < elementCountOfStorage) {
        values[static_cast<std::size_t>(cell)] = (*tensor->values)[i];
      }
    }
  }
  return values;
}

std::string tupleText(const std::vector<std::int64_t>& values) {
  std::string text = "(";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(values[i]);
  }
  if (values.size() == 1) text += ",";
  return text + ")";
}

}  // namespace memlens::ui

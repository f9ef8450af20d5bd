#pragma once
// Every fact the inspector shows about one tensor object at one step, worked
// out from the timeline: what the map shows plus address, bytes, sharing and
// the operator that produced it, and which storage cell each index reads.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "trace/State.h"
#include "trace/Timeline.h"

namespace memlens::ui {

struct IndexCell {
  std::string index;  // "[1, 0]"
  std::optional<std::int64_t> storageCell;
  std::string value;
};

struct TensorDescription {
  std::string title;                                       // "x, z"
  std::vector<std::pair<std::string, std::string>> facts;  // label, value
  // The index -> storage-cell grid: rows of the tensor's last dimension,
  // each labelled with the indices before it ("[1, :]").
  std::vector<std::vector<IndexCell>> grid;
  std::vector<std::string> rowLabels;
};

// None when no name at that step refers to `tensor`.
std::optional<TensorDescription> describeTensor(const Timeline& timeline, std::size_t step,
                                                const State& state, std::int64_t tensor);

}  // namespace memlens::ui

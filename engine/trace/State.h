#pragma once
// The whole memory picture after some step: every named tensor and every
// live storage. Built by applying steps (which hold only changes) in order.

#include <cstdint>
#include <map>
#include <string>

#include "trace/Step.h"

namespace memlens {

struct State {
  std::map<std::string, TensorRecord> tensors;     // by name
  std::map<std::int64_t, StorageRecord> storages;  // live storages by id
  // Reserved segments of caching allocators, by device; absent: none known.
  std::map<std::string, std::vector<MemorySegment>> segments;

  // Applies the changes a step (and its substeps, which it already sums up)
  // records. Order within the step: bindings, unbindings, storages, frees, segments.
  void apply(const Step& step);

  bool operator==(const State&) const = default;
};

}  // namespace memlens

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

  // Applies the changes a step (and its substeps, which it already sums up)
  // records. Order within the step: bindings, unbindings, storages, frees.
  void apply(const Step& step);

  bool operator==(const State&) const = default;
};

}  // namespace memlens

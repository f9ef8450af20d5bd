#pragma once
// Hand-made steps for trace-layer tests, which need no LibTorch.

#include <string>

#include "trace/Step.h"

namespace memlens::testing {

inline TensorRecord tensorRecord(std::string name, std::int64_t id, std::int64_t storage,
                                 std::int64_t version = 0) {
  TensorRecord t;
  t.name = std::move(name);
  t.id = id;
  t.storage = storage;
  t.shape = {2};
  t.strides = {1};
  t.dtype = "float32";
  t.device = "cpu";
  t.version = version;
  t.values = std::vector<ElementValue>{1.5, -0.0};
  return t;
}

inline StorageRecord storageRecord(std::int64_t id, std::uint64_t ptr, std::int64_t bytes = 8) {
  return StorageRecord{id, ptr, bytes, "cpu", false, false};
}

}  // namespace memlens::testing

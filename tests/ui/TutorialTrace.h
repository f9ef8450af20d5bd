#pragma once
// Hand-written traces for the tests, built with the trace model exactly as
// the session records them.

#include <cstddef>
#include <cstdint>
#include <string>

#include "trace/State.h"
#include "trace/Step.h"
#include "trace/Timeline.h"

namespace memlens::ui::test {

// The seed example: x = torch.tensor(4); y = torch.tensor(3);
// z = x.add_(y); w = torch.add(x, y).
Timeline tutorialTimeline();

Step statement(int line, const std::string& code, StepKind kind);
TensorRecord scalarTensor(const std::string& name, std::int64_t id, std::int64_t storage,
                          std::int64_t value, std::int64_t version = 0);
StorageRecord storageRecord(std::int64_t id, std::uint64_t ptr, std::int64_t bytes);
MemoryEvent allocation(std::int64_t storage, std::uint64_t ptr, std::int64_t bytes,
                       const std::string& op);

// `storages` live storages of growing sizes with two tensor objects each on
// every other one (a base and a view): a map far bigger than a screen.
State largeState(std::size_t storages);

}  // namespace memlens::ui::test

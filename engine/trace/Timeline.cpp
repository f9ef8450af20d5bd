#include "trace/Timeline.h"

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <string>

namespace memlens {

void Timeline::append(Step step) {
  current_.apply(step);
  // What replaying the step costs: its records, and the step itself.
  changesSinceCheckpoint_ +=
      1 + step.tensors.size() + step.unbound.size() + step.storages.size() + step.freed.size();
  steps_.push_back(std::move(step));
  const std::size_t stateSize = current_.tensors.size() + current_.storages.size();
  if (changesSinceCheckpoint_ >= std::max(kMinCheckpointChanges, stateSize)) {
    checkpoints_.push_back({steps_.size() - 1, current_});
    changesSinceCheckpoint_ = 0;
  }
}

void Timeline::clear() {
  steps_.clear();
  checkpoints_.clear();
  current_ = State{};
  changesSinceCheckpoint_ = 0;
}

State Timeline::stateAfter(std::size_t index) const {
  if (index >= steps_.size()) {
    throw std::out_of_range("step " + std::to_string(index) + " is past the last step (" +
                            std::to_string(steps_.size()) + " steps)");
  }
  if (index + 1 == steps_.size()) return current_;
  // The last checkpoint at or before the step.
  const auto after = std::upper_bound(
      checkpoints_.begin(), checkpoints_.end(), index,
      [](std::size_t step, const Checkpoint& checkpoint) { return step < checkpoint.step; });
  State state;
  std::size_t next = 0;
  if (after != checkpoints_.begin()) {
    state = std::prev(after)->state;
    next = std::prev(after)->step + 1;
  }
  for (std::size_t i = next; i <= index; ++i) state.apply(steps_[i]);
  return state;
}

}  // namespace memlens

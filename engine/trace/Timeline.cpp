#include "trace/Timeline.h"

#include <stdexcept>
#include <string>

namespace memlens {

void Timeline::append(Step step) {
  current_.apply(step);
  steps_.push_back(std::move(step));
  if (steps_.size() % kCheckpointInterval == 0) checkpoints_.push_back(current_);
}

void Timeline::clear() {
  steps_.clear();
  checkpoints_.clear();
  current_ = State{};
}

State Timeline::stateAfter(std::size_t index) const {
  if (index >= steps_.size()) {
    throw std::out_of_range("step " + std::to_string(index) + " is past the last step (" +
                            std::to_string(steps_.size()) + " steps)");
  }
  if (index + 1 == steps_.size()) return current_;
  const std::size_t checkpointCount = (index + 1) / kCheckpointInterval;
  State state = checkpointCount > 0 ? checkpoints_[checkpointCount - 1] : State{};
  for (std::size_t i = checkpointCount * kCheckpointInterval; i <= index; ++i) {
    state.apply(steps_[i]);
  }
  return state;
}

}  // namespace memlens

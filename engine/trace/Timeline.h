#pragma once
// The ordered steps of a session with the state after any of them
// reconstructable. Steps hold changes only; a full State is kept every
// kCheckpointInterval steps so that a jump costs at most that many applies,
// and memory grows with the changes rather than steps x live tensors.

#include <cstddef>
#include <vector>

#include "trace/State.h"
#include "trace/Step.h"

namespace memlens {

class Timeline {
 public:
  static constexpr std::size_t kCheckpointInterval = 256;

  void append(Step step);
  void clear();

  std::size_t size() const { return steps_.size(); }
  bool empty() const { return steps_.empty(); }
  const Step& step(std::size_t index) const { return steps_.at(index); }
  const std::vector<Step>& steps() const { return steps_; }

  // The state after step `index` (all steps 0..index applied).
  State stateAfter(std::size_t index) const;
  // The state after the last step (empty when there are no steps).
  const State& current() const { return current_; }

 private:
  std::vector<Step> steps_;
  std::vector<State> checkpoints_;  // checkpoints_[i]: state after step (i+1)*interval-1
  State current_;
};

}  // namespace memlens

#pragma once
// The ordered steps of a session with the state after any of them
// reconstructable. Steps hold changes only; a full State is kept once the
// changes since the last one reach the state's size (and at least
// kMinCheckpointChanges), so memory grows with the changes rather than
// steps x live tensors, and a jump replays no more changes than a
// checkpoint copies.

#include <cstddef>
#include <vector>

#include "trace/State.h"
#include "trace/Step.h"

namespace memlens {

class Timeline {
 public:
  static constexpr std::size_t kMinCheckpointChanges = 256;

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
  std::size_t checkpointCount() const { return checkpoints_.size(); }

 private:
  std::vector<Step> steps_;
  struct Checkpoint {
    std::size_t step;  // the state after this step
    State state;
  };
  std::vector<Checkpoint> checkpoints_;  // by step
  State current_;
  std::size_t changesSinceCheckpoint_ = 0;
};

}  // namespace memlens

#include "ui/LayoutSequence.h"

#include <algorithm>

namespace memlens::ui {

LayoutSequence::LayoutSequence(const Timeline& timeline, LayoutOptions options)
    : timeline_(timeline), options_(options) {}

LayoutSequence::Shared LayoutSequence::layOut(State& state, Shared layout, std::size_t from,
                                              std::size_t to) {
  for (auto k = from + 1; k <= to; ++k) {
    const Step& step = timeline_.step(k);
    state.apply(step);
    const MapInput input(state, &step, stepTitle(timeline_, k));
    layout = std::make_shared<const MapLayout>(layoutMap(input, options_, layout.get()));
    if (k % kCheckpointInterval == 0 && k / kCheckpointInterval == checkpoints_.size())
      checkpoints_.push_back({state, layout});
  }
  return layout;
}

const MapLayout& LayoutSequence::at(std::size_t index) {
  const auto kept = std::find_if(recent_.begin(), recent_.end(),
                                 [index](const auto& entry) { return entry.first == index; });
  if (kept != recent_.end()) return *kept->second;

  if (checkpoints_.empty()) {
    State state;
    state.apply(timeline_.step(0));
    const MapInput input(state, &timeline_.step(0), stepTitle(timeline_, 0));
    auto first = std::make_shared<const MapLayout>(layoutMap(input, options_, nullptr));
    checkpoints_.push_back({std::move(state), std::move(first)});
  }
  // Go on from the last step laid out when it lies between the step and the
  // checkpoint before it (stepping forward), else from that checkpoint.
  const auto checkpoint = std::min(checkpoints_.size() - 1, index / kCheckpointInterval);
  auto from = checkpoint * kCheckpointInterval;
  State state;
  Shared layout;
  if (cursor_ && *cursor_ <= index && *cursor_ >= from) {
    from = *cursor_;
    state = std::move(cursorState_);
    layout = cursorLayout_;
  } else {
    state = checkpoints_[checkpoint].state;
    layout = checkpoints_[checkpoint].layout;
  }
  layout = layOut(state, std::move(layout), from, index);
  cursor_ = index;
  cursorState_ = std::move(state);
  cursorLayout_ = layout;

  recent_.emplace_front(index, std::move(layout));
  if (recent_.size() > kKeptLayouts) recent_.pop_back();
  return *recent_.front().second;
}

void LayoutSequence::setOptions(LayoutOptions options) {
  options_ = options;
  checkpoints_.clear();
  recent_.clear();
  cursor_.reset();
  cursorState_ = {};
  cursorLayout_.reset();
}

std::string LayoutSequence::stepTitle(const Timeline& timeline, std::size_t index) {
  return "Step " + std::to_string(index + 1) + " of " + std::to_string(timeline.size()) +
         " \u00b7 line " + std::to_string(timeline.step(index).line);
}

}  // namespace memlens::ui

#include "ui/LayoutSequence.h"

namespace memlens::ui {

LayoutSequence::LayoutSequence(const Timeline& timeline, LayoutOptions options)
    : timeline_(timeline), options_(options) {}

const MapLayout& LayoutSequence::at(std::size_t index) {
  while (layouts_.size() <= index) {
    const auto k = layouts_.size();
    const Step& step = timeline_.step(k);
    state_.apply(step);
    const MapInput input(state_, &step, stepTitle(timeline_, k));
    layouts_.push_back(layoutMap(input, options_, layouts_.empty() ? nullptr : &layouts_.back()));
  }
  return layouts_.at(index);
}

void LayoutSequence::setOptions(LayoutOptions options) {
  options_ = options;
  layouts_.clear();
  state_ = {};
}

std::string LayoutSequence::stepTitle(const Timeline& timeline, std::size_t index) {
  return "Step " + std::to_string(index + 1) + " of " + std::to_string(timeline.size()) +
         " \u00b7 line " + std::to_string(timeline.step(index).line);
}

}  // namespace memlens::ui

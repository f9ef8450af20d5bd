#pragma once
// The layouts of a timeline's steps, each computed from the one before so
// that a storage keeps its place for its whole life. The window and the
// exporter both go through it, so an exported step looks as it did on screen.

#include <cstddef>
#include <deque>
#include <string>

#include "trace/State.h"
#include "trace/Timeline.h"
#include "ui/MapLayout.h"

namespace memlens::ui {

class LayoutSequence {
 public:
  LayoutSequence(const Timeline& timeline, LayoutOptions options);

  // The layout after step `index` (computed once, in order, then kept; the
  // reference stays valid while the options stay).
  const MapLayout& at(std::size_t index);
  std::size_t size() const { return timeline_.size(); }

  const LayoutOptions& options() const { return options_; }
  void setOptions(LayoutOptions options);

  // "Step 3 of 13 · line 3".
  static std::string stepTitle(const Timeline& timeline, std::size_t index);

 private:
  const Timeline& timeline_;
  LayoutOptions options_;
  std::deque<MapLayout> layouts_;  // a deque: references survive growth
  State state_;                    // after the last computed step
};

}  // namespace memlens::ui

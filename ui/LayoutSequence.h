#pragma once
// The layouts of a timeline's steps, each computed from the one before so
// that a storage keeps its place for its whole life. The window and the
// exporter both go through it, so an exported step looks as it did on screen.
// Only every kCheckpointInterval-th layout (with its state) and the last few
// asked for are kept: a jump lays out at most that many steps from the
// checkpoint before it, and memory grows with steps / interval.

#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "trace/State.h"
#include "trace/Timeline.h"
#include "ui/MapLayout.h"

namespace memlens::ui {

class LayoutSequence {
 public:
  static constexpr std::size_t kCheckpointInterval = 64;
  static constexpr std::size_t kKeptLayouts = 8;

  LayoutSequence(const Timeline& timeline, LayoutOptions options);

  // The layout after step `index`. The reference stays valid for the next
  // kKeptLayouts - 1 calls (so two neighbouring steps can be held at once)
  // while the options stay.
  const MapLayout& at(std::size_t index);
  std::size_t size() const { return timeline_.size(); }

  const LayoutOptions& options() const { return options_; }
  void setOptions(LayoutOptions options);

  // "Step 3 of 13 · line 3".
  static std::string stepTitle(const Timeline& timeline, std::size_t index);

 private:
  using Shared = std::shared_ptr<const MapLayout>;
  // Lays out the steps after `from` (whose state and layout are given) up to
  // `to`, laying down the checkpoints not yet there.
  Shared layOut(State& state, Shared layout, std::size_t from, std::size_t to);

  struct Checkpoint {
    State state;
    Shared layout;
  };

  const Timeline& timeline_;
  LayoutOptions options_;
  std::vector<Checkpoint> checkpoints_;  // checkpoints_[i]: after step i * kCheckpointInterval
  std::deque<std::pair<std::size_t, Shared>> recent_;  // most recent first
  // The last step laid out and its state: stepping forward goes on from it.
  std::optional<std::size_t> cursor_;
  State cursorState_;
  Shared cursorLayout_;
};

}  // namespace memlens::ui

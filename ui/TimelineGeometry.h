#pragma once
// The timeline's data and geometry without Qt: per-step series kept in compact
// arrays and extended step by step as a script runs, the x axis (which steps
// are visible where, zoom and pan), and what is drawn per pixel column or per
// marker when steps are denser than pixels, so painting follows pixels, not
// steps.

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "trace/Step.h"

namespace memlens::ui {

// The mark of a step. A statement can be several kinds; the mark is the most
// notable one, in this order (an error above all).
enum class MarkerKind : std::uint8_t { Error, New, InPlace, View, Free, None };
inline constexpr std::size_t kMarkerKinds = 6;
MarkerKind markerKindOf(const Step& step);

// Bytes allocated per device after each step (the live storages, as the
// reports count them) and each device's peak, which may fall inside a
// statement (LibTorch's running total at its events).
class TimelineSeries {
 public:
  struct Device {
    std::string name;
    std::vector<std::int64_t> afterStep;  // one per step
    std::int64_t peakBytes = 0;
    std::size_t peakStep = 0;  // 0-based; meaningful when peakBytes > 0
  };

  void clear();
  // O(the step's changes + devices): appending never rescans earlier steps.
  void append(const Step& step);

  std::size_t size() const { return markers_.size(); }
  MarkerKind marker(std::size_t step) const { return markers_[step]; }
  // cpu first, then by name, as the reports order them.
  const std::vector<Device>& devices() const { return devices_; }
  std::int64_t maxBytes() const { return maxBytes_; }

 private:
  std::size_t deviceIndex(const std::string& name);

  struct LiveStorage {
    std::size_t device = 0;
    std::int64_t bytes = 0;
  };
  std::vector<MarkerKind> markers_;
  std::vector<Device> devices_;
  std::vector<std::int64_t> liveBytes_;  // per device, now
  std::unordered_map<std::int64_t, LiveStorage> live_;
  std::int64_t maxBytes_ = 0;
};

// The x axis: step k spans [k, k + 1) in step units; `first` step units sit
// at pixel `left` and `span` step units fill `width` pixels.
struct TimelineAxis {
  double left = 0;
  double width = 1;
  double first = 0;
  double span = 1;
  std::size_t steps = 0;

  // The axis showing all `steps` across [left, left + width).
  static TimelineAxis fit(double left, double width, std::size_t steps);

  double pixelsPerStep() const { return width / span; }
  double xOf(double stepUnits) const { return left + (stepUnits - first) * pixelsPerStep(); }
  double centreOf(std::size_t step) const { return xOf(static_cast<double>(step) + 0.5); }
  // The step drawn at pixel x, clamped to the steps; -1 when there are none.
  int stepAt(double x) const;
  // [begin, end): the steps at least partly visible.
  std::pair<std::size_t, std::size_t> visibleSteps() const;
  bool showsAll() const { return first <= 0 && span >= static_cast<double>(steps); }

  // Zoomed in by `factor` (> 1 in, < 1 out) keeping the step units under
  // pixel x where they are; at most all steps, at least a few.
  TimelineAxis zoomed(double x, double factor) const;
  TimelineAxis panned(double stepUnits) const;
  // Panned as little as possible so that `step` is wholly visible.
  TimelineAxis showing(std::size_t step) const;
  // With `steps` steps, keeping the zoom; an axis that showed all steps
  // goes on showing all of them (a running script's timeline grows).
  TimelineAxis withSteps(std::size_t count) const;
  // Span and first kept within the steps.
  TimelineAxis clamped() const;
};

// A run of steps under one marker: one step when markers have room, else an
// aligned run of steps marked with their most frequent kind (any error wins,
// so an error is never hidden by zooming out).
struct MarkerGroup {
  std::size_t begin = 0;
  std::size_t end = 0;
  MarkerKind kind = MarkerKind::None;
};
// The groups covering the visible steps with at least `markerPixels` each.
std::vector<MarkerGroup> markerGroups(const TimelineSeries& series, const TimelineAxis& axis,
                                      double markerPixels);

// One pixel column of a device's memory line when steps are denser than
// pixels: the lowest and highest value after any step in the column and the
// value after its last step.
struct ColumnBucket {
  double x = 0;  // the column's left edge
  std::int64_t low = 0;
  std::int64_t high = 0;
  std::int64_t last = 0;
};
// The columns of the plot that hold steps; O(visible steps + columns).
std::vector<ColumnBucket> columnBuckets(const std::vector<std::int64_t>& afterStep,
                                        const TimelineAxis& axis);

}  // namespace memlens::ui

#include "ui/TimelineGeometry.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace memlens::ui {
namespace {

// However far in, a few steps stay on screen.
constexpr double kMinimumSpan = 4;

bool devicesInOrder(const std::string& a, const std::string& b) {
  if (a == "cpu" || b == "cpu") return a == "cpu" && b != "cpu";
  return a < b;
}

std::size_t floorIndex(double units) {
  return units <= 0 ? 0 : static_cast<std::size_t>(std::floor(units));
}

}  // namespace

MarkerKind markerKindOf(const Step& step) {
  if (step.error) return MarkerKind::Error;
  for (const auto& [kind, marker] :
       {std::pair{StepKind::New, MarkerKind::New},
        std::pair{StepKind::InPlace, MarkerKind::InPlace},
        std::pair{StepKind::View, MarkerKind::View}, std::pair{StepKind::Free, MarkerKind::Free}}) {
    if (step.hasKind(kind)) return marker;
  }
  return MarkerKind::None;
}

void TimelineSeries::clear() {
  *this = TimelineSeries();
}

std::size_t TimelineSeries::deviceIndex(const std::string& name) {
  const auto it = std::lower_bound(
      devices_.begin(), devices_.end(), name,
      [](const Device& device, const std::string& n) { return devicesInOrder(device.name, n); });
  const auto index = static_cast<std::size_t>(it - devices_.begin());
  if (it != devices_.end() && it->name == name) return index;
  // Nothing was allocated on the device before this step (append has
  // already counted this step's marker).
  Device device{name, std::vector<std::int64_t>(markers_.size() - 1, 0), 0, 0};
  devices_.insert(it, std::move(device));
  liveBytes_.insert(liveBytes_.begin() + static_cast<std::ptrdiff_t>(index), 0);
  for (auto& [id, storage] : live_) storage.device += storage.device >= index ? 1 : 0;
  return index;
}

void TimelineSeries::append(const Step& step) {
  const std::size_t number = markers_.size();
  markers_.push_back(markerKindOf(step));
  const auto raise = [&](std::size_t device, std::int64_t bytes) {
    auto& d = devices_[device];
    if (bytes > d.peakBytes) {
      d.peakBytes = bytes;
      d.peakStep = number;
    }
    maxBytes_ = std::max(maxBytes_, bytes);
  };
  for (const auto& event : step.events) raise(deviceIndex(event.device), event.totalAllocated);
  for (const auto& storage : step.storages) {
    const auto device = deviceIndex(storage.device);
    const auto [it, added] = live_.try_emplace(storage.id);
    if (!added) liveBytes_[it->second.device] -= it->second.bytes;
    it->second = {device, storage.bytes};
    liveBytes_[device] += storage.bytes;
  }
  for (const auto id : step.freed) {
    const auto it = live_.find(id);
    if (it == live_.end()) continue;
    liveBytes_[it->second.device] -= it->second.bytes;
    live_.erase(it);
  }
  for (std::size_t d = 0; d < devices_.size(); ++d) {
    devices_[d].afterStep.push_back(liveBytes_[d]);
    raise(d, liveBytes_[d]);
  }
}

TimelineAxis TimelineAxis::fit(double left, double width, std::size_t steps) {
  return TimelineAxis{left, std::max(width, 1.0), 0, std::max(static_cast<double>(steps), 1.0),
                      steps};
}

int TimelineAxis::stepAt(double x) const {
  if (steps == 0) return -1;
  const double units = first + (x - left) / pixelsPerStep();
  return static_cast<int>(std::min(floorIndex(units), steps - 1));
}

std::pair<std::size_t, std::size_t> TimelineAxis::visibleSteps() const {
  const auto end = static_cast<std::size_t>(std::max(std::ceil(first + span), 0.0));
  return {std::min(floorIndex(first), steps), std::min(end, steps)};
}

TimelineAxis TimelineAxis::clamped() const {
  TimelineAxis axis = *this;
  const double all = std::max(static_cast<double>(steps), 1.0);
  axis.span = std::clamp(span, std::min(kMinimumSpan, all), all);
  axis.first = std::clamp(first, 0.0, all - axis.span);
  return axis;
}

TimelineAxis TimelineAxis::zoomed(double x, double factor) const {
  TimelineAxis axis = *this;
  const double fraction = (x - left) / width;
  axis.span = span / factor;
  axis.first = first + fraction * span - fraction * axis.clamped().span;
  return axis.clamped();
}

TimelineAxis TimelineAxis::panned(double stepUnits) const {
  TimelineAxis axis = *this;
  axis.first += stepUnits;
  return axis.clamped();
}

TimelineAxis TimelineAxis::showing(std::size_t step) const {
  TimelineAxis axis = *this;
  const auto at = static_cast<double>(step);
  if (at < first) axis.first = at;
  if (at + 1 > first + span) axis.first = at + 1 - span;
  return axis.clamped();
}

TimelineAxis TimelineAxis::withSteps(std::size_t count) const {
  TimelineAxis axis = *this;
  axis.steps = count;
  if (showsAll()) return fit(left, width, count);
  return axis.clamped();
}

std::vector<MarkerGroup> markerGroups(const TimelineSeries& series, const TimelineAxis& axis,
                                      double markerPixels) {
  std::vector<MarkerGroup> groups;
  const auto [begin, end] = axis.visibleSteps();
  const auto size = static_cast<std::size_t>(
      std::max(1.0, std::ceil(markerPixels / axis.pixelsPerStep() - 1e-9)));
  // Aligned to multiples of the group size, so panning does not regroup.
  for (std::size_t start = begin / size * size; start < end; start += size) {
    MarkerGroup group{start, std::min(start + size, axis.steps), MarkerKind::None};
    std::array<std::size_t, kMarkerKinds> counts{};
    for (std::size_t k = group.begin; k < group.end; ++k) {
      ++counts[static_cast<std::size_t>(series.marker(k))];
    }
    if (counts[static_cast<std::size_t>(MarkerKind::Error)] > 0) {
      group.kind = MarkerKind::Error;
    } else {
      // The most frequent kind that did something; `none` only if all were.
      std::size_t best = 0;
      for (std::size_t kind = 0; kind + 1 < kMarkerKinds; ++kind) {
        if (counts[kind] > best) {
          best = counts[kind];
          group.kind = static_cast<MarkerKind>(kind);
        }
      }
    }
    groups.push_back(group);
  }
  return groups;
}

std::vector<ColumnBucket> columnBuckets(const std::vector<std::int64_t>& afterStep,
                                        const TimelineAxis& axis) {
  std::vector<ColumnBucket> columns;
  const std::size_t steps = std::min(axis.steps, afterStep.size());
  const double unitsPerPixel = 1 / axis.pixelsPerStep();
  const auto count = static_cast<std::size_t>(std::ceil(axis.width));
  columns.reserve(count);
  for (std::size_t c = 0; c < count; ++c) {
    const double from = axis.first + static_cast<double>(c) * unitsPerPixel;
    const std::size_t begin = floorIndex(from);
    const std::size_t end =
        std::min(steps, static_cast<std::size_t>(std::ceil(from + unitsPerPixel)));
    if (begin >= end) continue;
    ColumnBucket column{axis.left + static_cast<double>(c), afterStep[begin], afterStep[begin],
                        afterStep[end - 1]};
    for (std::size_t k = begin + 1; k < end; ++k) {
      column.low = std::min(column.low, afterStep[k]);
      column.high = std::max(column.high, afterStep[k]);
    }
    columns.push_back(column);
  }
  return columns;
}

}  // namespace memlens::ui

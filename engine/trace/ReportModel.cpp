#include "trace/ReportModel.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <unordered_map>

namespace memlens {
namespace {

struct LiveStorage {
  std::string device;
  std::int64_t bytes = 0;
};

// Live bytes per device, kept up to date from each step's changes rather than
// by summing every live storage after every step.
class LiveBytes {
 public:
  void apply(const Step& step) {
    for (const auto& storage : step.storages) {
      auto& live = storages_[storage.id];
      if (!live.device.empty()) perDevice_[live.device] -= live.bytes;
      live = {storage.device, storage.bytes};
      perDevice_[live.device] += live.bytes;
    }
    for (const auto id : step.freed) {
      const auto it = storages_.find(id);
      if (it == storages_.end()) continue;
      perDevice_[it->second.device] -= it->second.bytes;
      storages_.erase(it);
    }
  }
  const std::map<std::string, std::int64_t>& perDevice() const { return perDevice_; }

 private:
  std::unordered_map<std::int64_t, LiveStorage> storages_;
  std::map<std::string, std::int64_t> perDevice_;
};

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    lines.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  for (auto& line : lines) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
  }
  return lines;
}

// Each statement's text at its line, blank lines between: the script as far as
// a trace remembers it.
std::vector<std::string> linesFromSteps(const std::vector<Step>& steps) {
  std::vector<std::string> lines;
  for (const auto& step : steps) {
    if (step.line < 1) continue;
    auto index = static_cast<std::size_t>(step.line - 1);
    for (const auto& line : splitLines(step.code)) {
      if (lines.size() <= index) lines.resize(index + 1);
      lines[index++] = line;
    }
  }
  return lines;
}

std::string trimmedFront(const std::string& line) {
  const auto start = line.find_first_not_of(" \t");
  return start == std::string::npos ? std::string() : line.substr(start);
}

ReportStepRow rowOf(const Step& step, std::size_t number) {
  ReportStepRow row;
  row.number = number;
  row.line = step.line;
  row.code = step.code;
  row.kinds = step.kinds;
  row.error = step.error;
  for (const auto& event : step.events) {
    if (event.action == MemoryAction::Alloc) {
      ++row.allocations;
      row.allocatedBytes += event.bytes;
    } else {
      row.freedBytes += event.bytes;
    }
  }
  const auto addOperator = [&row](const std::string& op) {
    if (!op.empty() &&
        std::find(row.operators.begin(), row.operators.end(), op) == row.operators.end()) {
      row.operators.push_back(op);
    }
  };
  // The operators the statement called, when the trace records them; older
  // traces name only the operators that allocated or freed.
  for (const auto& call : step.calls) {
    addOperator(call.count > 1 ? call.op() + " \u00d7" + std::to_string(call.count) : call.op());
  }
  if (step.calls.empty()) {
    for (const auto& event : step.events) addOperator(event.topOp.empty() ? event.op : event.topOp);
  }
  for (const auto& storage : step.storages) row.recycledStorages += storage.recycledAddress ? 1 : 0;
  return row;
}

void count(ReportCounts& counts, const ReportStepRow& row) {
  const auto has = [&](StepKind kind) {
    return std::find(row.kinds.begin(), row.kinds.end(), kind) != row.kinds.end();
  };
  counts.newSteps += has(StepKind::New) ? 1 : 0;
  counts.inPlaceSteps += has(StepKind::InPlace) ? 1 : 0;
  counts.viewSteps += has(StepKind::View) ? 1 : 0;
  counts.freeSteps += has(StepKind::Free) ? 1 : 0;
  counts.recycledStorages += row.recycledStorages;
  counts.errors += row.error ? 1 : 0;
}

}  // namespace

std::string captionAbove(const std::vector<std::string>& lines, int line) {
  std::vector<std::string> parts;
  for (auto k = static_cast<std::size_t>(std::max(line - 1, 0)); k > 0; --k) {
    const auto text = trimmedFront(lines.size() >= k ? lines[k - 1] : std::string());
    if (!text.starts_with("#>")) break;
    parts.insert(parts.begin(), trimmedFront(text.substr(2)));
  }
  std::string caption;
  for (const auto& part : parts) caption += (caption.empty() ? "" : " ") + part;
  return caption;
}

std::string paragraphCaption(const std::vector<std::string>& lines, int line) {
  for (int k = line - 1; k >= 1 && static_cast<std::size_t>(k) <= lines.size(); --k) {
    const std::string text = trimmedFront(lines[static_cast<std::size_t>(k - 1)]);
    if (text.empty()) return {};
    if (text.starts_with("#>")) return captionAbove(lines, k + 1);
  }
  return {};
}

ReportModel buildReportModel(const std::vector<Step>& steps, std::string torchVersion,
                             std::string title, const std::string& script) {
  ReportModel model;
  model.title = std::move(title);
  model.torchVersion = std::move(torchVersion);
  model.scriptLines = script.empty() ? linesFromSteps(steps) : splitLines(script);
  model.rows.reserve(steps.size());

  std::map<std::string, DeviceSeries> series;
  const auto seriesFor = [&](const std::string& device) -> DeviceSeries& {
    auto [it, added] = series.try_emplace(device);
    if (added) {
      it->second.device = device;
      it->second.afterStep.assign(model.rows.size(), 0);  // nothing on it before
    }
    return it->second;
  };
  const auto raisePeak = [](DeviceSeries& device, std::int64_t bytes, std::size_t number) {
    if (bytes > device.peakBytes) {
      device.peakBytes = bytes;
      device.peakStep = number;
    }
  };

  LiveBytes live;
  for (const auto& step : steps) {
    const std::size_t number = model.rows.size() + 1;
    for (const auto& event : step.events) {
      raisePeak(seriesFor(event.device), event.totalAllocated, number);
    }
    live.apply(step);
    for (const auto& [device, bytes] : live.perDevice()) seriesFor(device);
    for (auto& [device, points] : series) {
      const auto it = live.perDevice().find(device);
      const std::int64_t bytes = it == live.perDevice().end() ? 0 : it->second;
      points.afterStep.push_back(bytes);
      raisePeak(points, bytes, number);
    }
    model.rows.push_back(rowOf(step, number));
    model.rows.back().caption = captionAbove(model.scriptLines, step.line);
    count(model.counts, model.rows.back());
  }

  if (const auto cpu = series.find("cpu"); cpu != series.end()) {
    model.devices.push_back(std::move(cpu->second));
    series.erase(cpu);
  }
  for (auto& [device, points] : series) model.devices.push_back(std::move(points));
  return model;
}

std::vector<std::size_t> stepsThatChangedMemory(const ReportModel& model, std::size_t limit) {
  std::vector<std::size_t> peaks;
  for (const auto& device : model.devices) {
    if (device.peakStep > 0) peaks.push_back(device.peakStep - 1);
  }
  std::vector<std::size_t> chosen;
  for (const auto& row : model.rows) {
    const auto index = row.number - 1;
    const bool changed = std::any_of(row.kinds.begin(), row.kinds.end(),
                                     [](StepKind kind) { return kind != StepKind::None; });
    const bool peak = std::find(peaks.begin(), peaks.end(), index) != peaks.end();
    // Leave room for the peaks still to come.
    const auto peaksAhead = static_cast<std::size_t>(
        std::count_if(peaks.begin(), peaks.end(), [&](std::size_t p) { return p > index; }));
    if (peak || (changed && chosen.size() + peaksAhead < limit)) chosen.push_back(index);
  }
  return chosen;
}

std::string formatBytes(std::int64_t bytes) {
  static constexpr std::array<const char*, 5> kUnits = {"B", "KiB", "MiB", "GiB", "TiB"};
  const bool negative = bytes < 0;
  auto value = static_cast<double>(negative ? -bytes : bytes);
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < kUnits.size()) {
    value /= 1024;
    ++unit;
  }
  std::array<char, 32> text{};
  if (unit == 0 || value >= 1000) {
    std::snprintf(text.data(), text.size(), "%.0f %s", value, kUnits.at(unit));
  } else {
    std::snprintf(text.data(), text.size(), "%.3g %s", value, kUnits.at(unit));
  }
  return (negative ? "-" : "") + std::string(text.data());
}

std::string joinKinds(const std::vector<StepKind>& kinds) {
  std::string out;
  for (const auto kind : kinds) {
    if (!out.empty()) out += ", ";
    out += toString(kind);
  }
  return out;
}

}  // namespace memlens

#pragma once
// What every report (Markdown, HTML, PDF) says about a trace, computed once
// from the steps: one row per step, memory over time per device, the peaks,
// and how many steps were new / in-place / view / free. Plain data, no Qt, so
// memlens-cli and the Qt reports share it.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "trace/Step.h"

namespace memlens {

struct ReportStepRow {
  std::size_t number = 0;  // 1-based, as captions count steps
  int line = 0;
  std::string code;
  std::vector<StepKind> kinds;
  std::optional<StepError> error;
  std::int64_t allocations = 0;  // allocation events in the statement
  std::int64_t allocatedBytes = 0;
  std::int64_t freedBytes = 0;
  std::int64_t recycledStorages = 0;   // new storages on an address freed earlier
  std::vector<std::string> operators;  // ATen operators the statement called ("aten::add_.Tensor")
  std::string caption;                 // the lesson's `#>` lines just above the statement
};

// Bytes allocated on one device after each step (the live storages, which the
// engine checks against LibTorch's running total) and the highest total LibTorch
// reported at any moment, which may fall inside a statement.
struct DeviceSeries {
  std::string device;
  std::vector<std::int64_t> afterStep;  // one per step
  std::int64_t peakBytes = 0;
  std::size_t peakStep = 0;  // 1-based step during which the peak was reached
};

struct ReportCounts {
  std::int64_t newSteps = 0;
  std::int64_t inPlaceSteps = 0;
  std::int64_t viewSteps = 0;
  std::int64_t freeSteps = 0;
  std::int64_t recycledStorages = 0;
  std::int64_t errors = 0;
};

struct ReportModel {
  std::string title;
  std::string torchVersion;
  std::vector<std::string> scriptLines;  // line k+1 of the script is scriptLines[k]
  std::vector<ReportStepRow> rows;
  std::vector<DeviceSeries> devices;  // cpu first, then by name
  ReportCounts counts;
};

// `script`: the source the steps ran from; when empty (a trace file), the
// listing is rebuilt from each step's line and code.
ReportModel buildReportModel(const std::vector<Step>& steps, std::string torchVersion,
                             std::string title, const std::string& script = {});

// The steps worth a memory map: those that changed memory (anything but
// `none`) and the step of each device's peak, at most `limit`, in order.
std::vector<std::size_t> stepsThatChangedMemory(const ReportModel& model, std::size_t limit);

// The lesson caption of the statement on `line` (1-based): the `#>` comment
// lines directly above it (docs/LESSONS.md), joined with spaces.
std::string captionAbove(const std::vector<std::string>& lines, int line);
// The caption a statement on `line` is narrated by: the `#>` lines that open
// its paragraph (lines up to the first blank line above it); empty if none.
std::string paragraphCaption(const std::vector<std::string>& lines, int line);

// "8 B", "1.5 KiB", "24 MiB", "2 GiB": binary units, at most three significant digits.
std::string formatBytes(std::int64_t bytes);
// "new, in-place" as the trace format spells kinds.
std::string joinKinds(const std::vector<StepKind>& kinds);

}  // namespace memlens

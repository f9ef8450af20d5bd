#include "trace/MarkdownReport.h"

#include <sstream>

#include "trace/ReportModel.h"

namespace memlens {
namespace {

// Markdown table cells cannot hold pipes or newlines.
std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += " ⏎ ";
    else
      out += c;
  }
  return out;
}

// Inline code that may itself contain backticks.
std::string code(const std::string& text) {
  const std::string fence = text.find('`') == std::string::npos ? "`" : "`` ";
  const std::string close = fence == "`" ? "`" : " ``";
  return fence + cell(text) + close;
}

std::string devicesOf(const ReportModel& model) {
  std::string out;
  for (const auto& device : model.devices) out += (out.empty() ? "" : ", ") + device.device;
  return out.empty() ? "no memory allocated" : out;
}

void writeSummary(std::ostringstream& out, const ReportModel& model) {
  const auto& counts = model.counts;
  out << "## Summary\n\n| kind | steps | meaning |\n|---|---|---|\n"
      << "| new | " << counts.newSteps << " | allocated a new storage |\n"
      << "| in-place | " << counts.inPlaceSteps << " | wrote into an existing storage |\n"
      << "| view | " << counts.viewSteps << " | made a tensor sharing an existing storage |\n"
      << "| free | " << counts.freeSteps << " | released storage |\n"
      << "| recycled address | " << counts.recycledStorages
      << " | new storages on an address freed earlier (counted per storage) |\n";
  if (counts.errors > 0) out << "| error | " << counts.errors << " | raised an exception |\n";
  out << "\n";
  if (model.devices.empty()) return;
  out << "| device | peak allocated | reached in step | after the last step |\n"
         "|---|---|---|---|\n";
  for (const auto& device : model.devices) {
    out << "| " << device.device << " | " << formatBytes(device.peakBytes) << " | "
        << device.peakStep << " | "
        << formatBytes(device.afterStep.empty() ? 0 : device.afterStep.back()) << " |\n";
  }
  out << "\n";
}

void writeSteps(std::ostringstream& out, const ReportModel& model) {
  out << "## Steps\n\n| step | line | code | kind | allocations | allocated | freed | operators";
  for (const auto& device : model.devices) out << " | " << device.device << " after";
  out << " |\n|---|---|---|---|---|---|---|---";
  for (std::size_t i = 0; i < model.devices.size(); ++i) out << "|---";
  out << "|\n";
  for (const auto& row : model.rows) {
    std::string operators;
    for (const auto& op : row.operators) operators += (operators.empty() ? "" : ", ") + code(op);
    out << "| " << row.number << " | " << row.line << " | " << code(row.code) << " | "
        << joinKinds(row.kinds) << (row.error ? " (" + row.error->type + ")" : "") << " | "
        << row.allocations << " | " << formatBytes(row.allocatedBytes) << " | "
        << formatBytes(row.freedBytes) << " | " << operators;
    for (const auto& device : model.devices) {
      out << " | " << formatBytes(device.afterStep.at(row.number - 1));
    }
    out << " |\n";
  }
}

}  // namespace

std::string markdownReport(const Trace& trace, const std::string& title) {
  const ReportModel model = buildReportModel(trace.steps, trace.torchVersion, title);
  std::ostringstream out;
  out << "# MemLens report: " << model.title << "\n\n";
  out << "LibTorch " << model.torchVersion << ", " << devicesOf(model) << ", " << model.rows.size()
      << " steps.\n\n";
  writeSummary(out, model);
  writeSteps(out, model);
  return out.str();
}

}  // namespace memlens

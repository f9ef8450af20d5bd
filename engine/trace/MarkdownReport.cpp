#include "trace/MarkdownReport.h"

#include <algorithm>
#include <map>
#include <sstream>

namespace memlens {
namespace {

std::string kindsOf(const Step& step) {
  std::string out;
  for (auto kind : step.kinds) out += (out.empty() ? "" : ", ") + std::string(toString(kind));
  return out;
}

// Markdown table cells cannot hold pipes or newlines.
std::string cell(std::string text) {
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

std::string bytes(std::int64_t n) {
  std::ostringstream out;
  if (n >= 1 << 20)
    out << static_cast<double>(n) / (1 << 20) << " MiB";
  else if (n >= 1 << 10)
    out << static_cast<double>(n) / (1 << 10) << " KiB";
  else
    out << n << " B";
  return out.str();
}

}  // namespace

std::string markdownReport(const Trace& trace, const std::string& title) {
  std::map<StepKind, int> kindCounts;
  int recycled = 0;
  std::map<std::string, std::int64_t> peak;
  for (const auto& step : trace.steps) {
    for (auto kind : step.kinds) ++kindCounts[kind];
    for (const auto& storage : step.storages) recycled += storage.recycledAddress ? 1 : 0;
    for (const auto& event : step.events) {
      peak[event.device] = std::max(peak[event.device], event.totalAllocated);
    }
  }
  std::ostringstream out;
  out << "# MemLens report: " << title << "\n\n";
  out << "LibTorch " << trace.torchVersion << ", " << trace.steps.size() << " steps.\n\n";
  out << "## Summary\n\n| | count |\n|---|---|\n";
  for (auto kind : {StepKind::New, StepKind::InPlace, StepKind::View, StepKind::Free}) {
    out << "| " << toString(kind) << " | " << kindCounts[kind] << " |\n";
  }
  out << "| recycled address | " << recycled << " |\n\n";
  if (!peak.empty()) {
    out << "| device | peak allocated |\n|---|---|\n";
    for (const auto& [device, bytesPeak] : peak)
      out << "| " << device << " | " << bytes(bytesPeak) << " |\n";
    out << "\n";
  }
  out << "## Steps\n\n| line | code | kind | allocated | freed | operators "
         "|\n|---|---|---|---|---|---|\n";
  for (const auto& step : trace.steps) {
    std::int64_t allocated = 0, freed = 0;
    std::vector<std::string> ops;
    for (const auto& event : step.events) {
      (event.action == MemoryAction::Alloc ? allocated : freed) += event.bytes;
      if (!event.topOp.empty() && std::find(ops.begin(), ops.end(), event.topOp) == ops.end()) {
        ops.push_back(event.topOp);
      }
    }
    std::string opText;
    for (const auto& op : ops) opText += (opText.empty() ? "`" : ", `") + op + "`";
    out << "| " << step.line << " | `" << cell(step.code) << "` | " << kindsOf(step)
        << (step.error ? " (" + step.error->type + ")" : "") << " | " << bytes(allocated) << " | "
        << bytes(freed) << " | " << opText << " |\n";
  }
  return out.str();
}

}  // namespace memlens

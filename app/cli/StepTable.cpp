#include "cli/StepTable.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace memlens::cli {
namespace {

std::string kindsText(const Step& step) {
  std::string text;
  for (auto kind : step.kinds) {
    if (!text.empty()) text += ",";
    text += toString(kind);
  }
  return text;
}

std::string memoryText(const Step& step) {
  std::ostringstream text;
  for (const auto& storage : step.storages) {
    text << " +S" << storage.id << "(" << storage.bytes << "B"
         << (storage.recycledAddress ? ", recycled address" : "") << ")";
  }
  for (auto id : step.freed) text << " -S" << id;
  std::vector<std::string> ops;
  for (const auto& event : step.events) {
    if (!event.topOp.empty() && std::find(ops.begin(), ops.end(), event.topOp) == ops.end()) {
      ops.push_back(event.topOp);
    }
  }
  if (!ops.empty()) {
    text << "  by";
    for (const auto& op : ops) text << " " << op;
  }
  return text.str();
}

}  // namespace

void printStepTable(std::ostream& out, const Timeline& timeline) {
  std::size_t codeWidth = 4;
  for (const auto& step : timeline.steps()) codeWidth = std::max(codeWidth, step.code.size());
  out << std::left << std::setw(5) << "line" << std::setw(static_cast<int>(codeWidth + 2)) << "code"
      << std::setw(16) << "kind"
      << "memory\n";
  for (const auto& step : timeline.steps()) {
    out << std::setw(5) << step.line << std::setw(static_cast<int>(codeWidth + 2)) << step.code
        << std::setw(16) << kindsText(step) << memoryText(step) << "\n";
    if (step.error) out << "     ! " << step.error->type << ": " << step.error->message << "\n";
  }
}

}  // namespace memlens::cli

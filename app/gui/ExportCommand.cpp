#include "gui/ExportCommand.h"

#include <QFile>

#include <charconv>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <variant>

#include "gui/LoadTimeline.h"
#include "trace/ReportModel.h"
#include "trace/TraceJson.h"
#include "tracking/Recording.h"
#include "ui/HtmlReport.h"
#include "ui/LayoutSequence.h"
#include "ui/MapAnimation.h"
#include "ui/MapExport.h"
#include "ui/PdfReport.h"

namespace memlens::gui {

const char* const kExportUsage =
    "usage: memlens export (SCRIPT.py | TRACE.json) [--step N|last] [--png F] [--svg F] [--pdf F]\n"
    "                      [--html F] [--pdf-report F] [--report-steps S]\n"
    "                      [--scale K] [--theme light|dark] [--layout log|linear|address]\n"
    "                      [--select NAME] [--motion T] [--no-legend]\n"
    "\n"
    "  --step N      the step to draw, 1-based as the caption counts them (default: last)\n"
    "  --png F       write a PNG, --scale K times the map's size (default 2)\n"
    "  --svg F       write an SVG (text stays text)\n"
    "  --pdf F       write a one-page PDF\n"
    "  --html F      write the report as one self-contained HTML file: summary, memory over\n"
    "                time, the script, every step, and memory maps as inline SVG\n"
    "  --pdf-report F  write the same report as a PDF\n"
    "  --report-steps S  the steps the reports draw maps of: changes (default: every step that\n"
    "                changed memory, and each peak), all, or a list such as 2,4,last\n"
    "  --theme T     light (default) or dark\n"
    "  --layout L    block widths: log (default), linear, or address-true positions\n"
    "  --select NAME highlight the tensor NAME refers to and the storage cells it reads\n"
    "  --motion T    draw the motion into the step at time T in [0, 1] instead of the step\n"
    "  --no-legend   leave the legend out\n";

namespace {

int usageError(const std::string& message) {
  std::cerr << "memlens export: " << message << "\n\n" << kExportUsage;
  return 2;
}

struct ExportRequest {
  std::string input;
  std::string step = "last";
  std::string png, svg, pdf, html, pdfReport;
  std::string reportSteps = "changes";
  double scale = 2;
  std::string theme = "light";
  std::string layout = "log";
  std::string select;
  std::optional<double> motion;
  bool legend = true;
};

std::optional<ui::WidthScale> widthScale(std::string_view name) {
  if (name == "log") return ui::WidthScale::Log;
  if (name == "linear") return ui::WidthScale::Linear;
  if (name == "address") return ui::WidthScale::Address;
  return std::nullopt;
}

// The maps a report draws, 0-based; a usage error message when `spec` is not
// "changes", "all" or a list of step numbers and `last`.
std::variant<std::vector<std::size_t>, std::string> reportSteps(const std::string& spec,
                                                                const Timeline& timeline) {
  constexpr std::size_t kMostMaps = 60;  // a report stays readable and small
  if (spec == "changes") {
    return stepsThatChangedMemory(buildReportModel(timeline.steps(), {}, {}), kMostMaps);
  }
  std::vector<std::size_t> steps;
  if (spec == "all") {
    for (std::size_t k = 0; k < timeline.size() && k < kMostMaps; ++k) steps.push_back(k);
    return steps;
  }
  std::istringstream items(spec);
  for (std::string item; std::getline(items, item, ',');) {
    std::size_t number = timeline.size();
    if (item != "last") {
      const auto* end = item.data() + item.size();
      const auto [ptr, ec] = std::from_chars(item.data(), end, number);
      if (ec != std::errc() || ptr != end || number < 1 || number > timeline.size()) {
        return "--report-steps: '" + item + "' is not a step 1.." + std::to_string(timeline.size());
      }
    }
    steps.push_back(number - 1);
  }
  return steps;
}

int writeReports(const ExportRequest& request, const Timeline& timeline, const ui::Theme& theme,
                 const ui::LayoutOptions& options) {
  auto steps = reportSteps(request.reportSteps, timeline);
  if (const auto* error = std::get_if<std::string>(&steps)) return usageError(*error);
  ui::ReportRequest report;
  report.title = std::filesystem::path(request.input).filename().string();
  report.script = scriptTextFor(request.input);
  report.torchVersion = torchVersionFor(request.input);
  report.generator = "MemLens " MEMLENS_VERSION;
  report.mapSteps = std::get<std::vector<std::size_t>>(std::move(steps));
  report.theme = theme;
  report.layout = options;
  const auto content = ui::collectReport(timeline, report);
  if (!request.html.empty()) {
    QFile file(QString::fromStdString(request.html));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(ui::htmlReport(content)) < 0 || !file.flush()) {
      throw ui::ExportError("cannot write '" + request.html +
                            "': " + file.errorString().toStdString());
    }
  }
  if (!request.pdfReport.empty()) {
    ui::writePdfReport(QString::fromStdString(request.pdfReport), content);
  }
  return 0;
}

int write(const ExportRequest& request) {
  const auto theme = ui::Theme::named(request.theme);
  if (!theme) return usageError("unknown theme '" + request.theme + "'");
  const auto scale = widthScale(request.layout);
  if (!scale) return usageError("unknown layout '" + request.layout + "'");

  const auto loaded = loadTimeline(request.input);
  const auto& timeline = loaded.timeline;
  if (loaded.firstError) {
    std::cerr << request.input << ":" << loaded.firstError->line << ":" << loaded.firstError->column
              << ": " << loaded.firstError->type << ": " << loaded.firstError->message << "\n";
  }
  if (timeline.empty()) {
    std::cerr << "memlens export: '" << request.input << "' has no steps\n";
    return 1;
  }
  std::size_t index = timeline.size() - 1;
  if (request.step != "last") {
    std::size_t number = 0;
    const auto* end = request.step.data() + request.step.size();
    const auto [ptr, ec] = std::from_chars(request.step.data(), end, number);
    if (ec != std::errc() || ptr != end || number < 1 || number > timeline.size()) {
      return usageError("--step must be 1.." + std::to_string(timeline.size()) + " or last");
    }
    index = number - 1;
  }

  ui::LayoutOptions options;
  options.scale = *scale;
  options.legend = request.legend;
  ui::LayoutSequence layouts(timeline, options);
  const ui::MapLayout layout =
      request.motion && index > 0
          ? ui::interpolateLayouts(layouts.at(index - 1), layouts.at(index), *request.motion)
          : layouts.at(index);
  ui::RenderState state;
  if (!request.select.empty()) {
    const auto& tensors = timeline.stateAfter(index).tensors;
    const auto it = tensors.find(request.select);
    if (it == tensors.end()) {
      std::cerr << "memlens export: no tensor named '" << request.select << "' at step "
                << index + 1 << "\n";
      return 1;
    }
    state.selection = ui::Selection::tensor(it->second.id);
  }
  const ui::MemoryMapRenderer renderer(*theme);
  if (!request.png.empty()) {
    ui::exportPng(QString::fromStdString(request.png), layout, renderer, request.scale, state);
  }
  if (!request.svg.empty())
    ui::exportSvg(QString::fromStdString(request.svg), layout, renderer, state);
  if (!request.pdf.empty())
    ui::exportPdf(QString::fromStdString(request.pdf), layout, renderer, state);
  if (!request.html.empty() || !request.pdfReport.empty()) {
    return writeReports(request, timeline, *theme, options);
  }
  return 0;
}

}  // namespace

std::string torchVersionFor(const std::filesystem::path& input) {
  return input.extension() == ".json" ? readTraceFile(input).torchVersion
                                      : tracking::torchVersion();
}

std::string scriptTextFor(const std::filesystem::path& input) {
  if (input.extension() == ".json") return {};
  std::ifstream in(input, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int runExport(const std::vector<std::string_view>& args) {
  ExportRequest request;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto value = [&](std::string& target) {
      if (i + 1 >= args.size()) return false;
      target = args[++i];
      return true;
    };
    const auto option = args[i];
    if (option == "--step") {
      if (!value(request.step)) return usageError("--step needs N or last");
    } else if (option == "--png") {
      if (!value(request.png)) return usageError("--png needs a file");
    } else if (option == "--svg") {
      if (!value(request.svg)) return usageError("--svg needs a file");
    } else if (option == "--pdf") {
      if (!value(request.pdf)) return usageError("--pdf needs a file");
    } else if (option == "--html") {
      if (!value(request.html)) return usageError("--html needs a file");
    } else if (option == "--pdf-report") {
      if (!value(request.pdfReport)) return usageError("--pdf-report needs a file");
    } else if (option == "--report-steps") {
      if (!value(request.reportSteps))
        return usageError("--report-steps needs changes, all or N,M");
    } else if (option == "--theme") {
      if (!value(request.theme)) return usageError("--theme needs light or dark");
    } else if (option == "--layout") {
      if (!value(request.layout)) return usageError("--layout needs log, linear or address");
    } else if (option == "--select") {
      if (!value(request.select)) return usageError("--select needs a name");
    } else if (option == "--no-legend") {
      request.legend = false;
    } else if (option == "--scale" || option == "--motion") {
      std::string text;
      if (!value(text)) return usageError(std::string(option) + " needs a number");
      double number = 0;
      try {
        number = std::stod(text);
      } catch (const std::exception&) {
        return usageError(std::string(option) + " needs a number, not '" + text + "'");
      }
      if (option == "--scale") {
        if (!(number > 0 && number <= 16)) return usageError("--scale must be in (0, 16]");
        request.scale = number;
      } else {
        if (!(number >= 0 && number <= 1)) return usageError("--motion must be in [0, 1]");
        request.motion = number;
      }
    } else if (option.starts_with("-")) {
      return usageError("unknown option '" + std::string(option) + "'");
    } else if (request.input.empty()) {
      request.input = option;
    } else {
      return usageError("unexpected argument '" + std::string(option) + "'");
    }
  }
  if (request.input.empty()) return usageError("export needs a script or trace");
  if (request.png.empty() && request.svg.empty() && request.pdf.empty() && request.html.empty() &&
      request.pdfReport.empty()) {
    return usageError("nothing to write: give --png, --svg, --pdf, --html or --pdf-report");
  }
  try {
    return write(request);
  } catch (const std::exception& e) {
    std::cerr << "memlens export: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace memlens::gui

#include "gui/ExportCommand.h"

#include <charconv>
#include <iostream>
#include <optional>
#include <string>

#include "gui/LoadTimeline.h"
#include "ui/LayoutSequence.h"
#include "ui/MapAnimation.h"
#include "ui/MapExport.h"

namespace memlens::gui {

const char* const kExportUsage =
    "usage: memlens export (SCRIPT.py | TRACE.json) [--step N|last] [--png F] [--svg F] [--pdf F]\n"
    "                      [--scale K] [--theme light|dark] [--layout log|linear|address]\n"
    "                      [--select NAME] [--motion T] [--no-legend]\n"
    "\n"
    "  --step N      the step to draw, 1-based as the caption counts them (default: last)\n"
    "  --png F       write a PNG, --scale K times the map's size (default 2)\n"
    "  --svg F       write an SVG (text stays text)\n"
    "  --pdf F       write a one-page PDF\n"
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
  std::string png, svg, pdf;
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
  return 0;
}

}  // namespace

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
  if (request.png.empty() && request.svg.empty() && request.pdf.empty()) {
    return usageError("nothing to write: give --png, --svg or --pdf");
  }
  try {
    return write(request);
  } catch (const std::exception& e) {
    std::cerr << "memlens export: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace memlens::gui

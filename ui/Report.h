#pragma once
// What the HTML and PDF reports are made from: the report model of a
// timeline, the script, and the memory maps of the chosen steps laid out by
// the same LayoutSequence as the window, so a report's map looks as it did on
// screen.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "trace/ReportModel.h"
#include "trace/Timeline.h"
#include "ui/MapLayout.h"
#include "ui/Theme.h"

namespace memlens::ui {

struct ReportRequest {
  std::string title;                  // usually the script's or trace's file name
  std::string script;                 // its source; empty for a trace (rebuilt from the steps)
  std::string torchVersion;           // of the LibTorch that ran it
  std::string generator;              // "MemLens 0.1.0"
  std::vector<std::size_t> mapSteps;  // 0-based steps to draw the map of, in order
  Theme theme = Theme::light();
  LayoutOptions layout;
};

// Called as work completes: `done` of `total` units (one per map, one per page).
using ReportProgress = std::function<void(std::size_t done, std::size_t total)>;

struct ReportMap {
  std::size_t step = 0;  // 0-based
  MapLayout layout;
};

struct ReportContent {
  ReportModel model;
  std::vector<ReportMap> maps;
  Theme theme;
  std::string generator;
};

// The first map keeps the legend; the others leave it out, since a page of
// maps needs it once.
ReportContent collectReport(const Timeline& timeline, const ReportRequest& request);

}  // namespace memlens::ui

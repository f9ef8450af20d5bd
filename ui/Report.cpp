#include "ui/Report.h"

#include "ui/LayoutSequence.h"

namespace memlens::ui {

ReportContent collectReport(const Timeline& timeline, const ReportRequest& request) {
  ReportContent content{
      buildReportModel(timeline.steps(), request.torchVersion, request.title, request.script),
      {},
      request.theme,
      request.generator};
  LayoutOptions withLegend = request.layout;
  withLegend.legend = true;
  LayoutOptions withoutLegend = request.layout;
  withoutLegend.legend = false;
  LayoutSequence first(timeline, withLegend);
  LayoutSequence rest(timeline, withoutLegend);
  for (const auto step : request.mapSteps) {
    if (step >= timeline.size()) continue;
    auto& layouts = content.maps.empty() && request.layout.legend ? first : rest;
    content.maps.push_back({step, layouts.at(step)});
  }
  return content;
}

}  // namespace memlens::ui

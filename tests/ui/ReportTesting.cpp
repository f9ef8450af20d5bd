#include "ReportTesting.h"

#include <QStandardPaths>

#include "trace/TraceJson.h"

namespace memlens::ui::test {

Timeline demoTimeline() {
  Timeline timeline;
  for (auto& step : readTraceFile(MEMLENS_UI_TEST_DATA "/demo_trace.json").steps) {
    timeline.append(std::move(step));
  }
  return timeline;
}

ReportContent demoReport(const Timeline& timeline, const std::vector<std::size_t>& mapSteps,
                         Theme theme) {
  ReportRequest request;
  request.title = "demo_trace.json";
  request.torchVersion = "1.13.0";
  request.generator = "MemLens test";
  request.mapSteps = mapSteps;
  request.theme = std::move(theme);
  return collectReport(timeline, request);
}

QString findProgram(const QString& name) {
  return QStandardPaths::findExecutable(name);
}

}  // namespace memlens::ui::test

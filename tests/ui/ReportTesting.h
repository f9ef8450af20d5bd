#pragma once
// A report of the recorded demo trace (13 steps of the seed example and a
// few views), for the HTML, PDF and Chromium tests.

#include <QString>

#include "trace/Timeline.h"
#include "ui/Report.h"

namespace memlens::ui::test {

Timeline demoTimeline();
// Maps at `mapSteps` (0-based); the script is rebuilt from the steps.
ReportContent demoReport(const Timeline& timeline, const std::vector<std::size_t>& mapSteps,
                         Theme theme = Theme::light());
// The full path of an installed program, or empty.
QString findProgram(const QString& name);

}  // namespace memlens::ui::test

#pragma once
// The report's text as HTML fragments: the summary, the script listing and
// the step table. The same markup goes into the HTML report (styled by its
// CSS) and into the PDF report (through QTextDocument, which reads this
// subset of HTML and CSS), so both say the same thing.

#include <QString>

#include <cstddef>
#include <vector>

#include "trace/ReportModel.h"
#include "ui/Theme.h"

namespace memlens::ui {

// "LibTorch 1.13.0 · cpu · 13 steps · MemLens 0.1.0".
QString reportMetaLine(const ReportModel& model, const QString& generator);
// Peak per device and the counts of new / in-place / view / free / recycled.
QString summaryHtml(const ReportModel& model);
// Every line of the script, numbered, with the steps that start on it.
QString scriptHtml(const ReportModel& model);
// One row per step; a step with a map (0-based in `mapped`) links to it.
QString stepTableHtml(const ReportModel& model, const std::vector<std::size_t>& mapped);
// The stylesheet of the classes the fragments use, in the theme's colours.
// `rich` adds what only browsers read (rounded badges, sticky headers).
QString reportCss(const Theme& theme, bool rich);

}  // namespace memlens::ui

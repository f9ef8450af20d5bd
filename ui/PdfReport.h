#pragma once
// The PDF report: the HTML report's content on landscape A4 pages, all
// vector - text through QTextDocument, the chart and the memory maps through
// the same painters as the screen.

#include <QString>

#include "ui/Report.h"

namespace memlens::ui {

// Throws ExportError naming the file when it cannot be written.
void writePdfReport(const QString& path, const ReportContent& content,
                    const ReportProgress& progress = {});

}  // namespace memlens::ui

#pragma once
// The reports' memory-over-time chart: bytes allocated after each step, one
// stepped line per device (each with its own line style and a label, not only
// a colour), and each device's peak marked with its size and step. Painted
// onto any QPainter, so the HTML report's inline SVG and the PDF draw the same.

#include <QPainter>
#include <QSizeF>

#include "trace/ReportModel.h"
#include "ui/Theme.h"

namespace memlens::ui {

// The chart's natural size in layout units (one unit is one CSS pixel).
inline constexpr QSizeF kMemoryChartSize{960, 320};

// Paints the chart into (0, 0, kMemoryChartSize) through the painter's transform.
void paintMemoryChart(QPainter& painter, const ReportModel& model, const Theme& theme);

// The chart as a standalone SVG document (text stays text).
QByteArray memoryChartSvg(const ReportModel& model, const Theme& theme);

}  // namespace memlens::ui

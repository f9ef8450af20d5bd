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

// A round step between gridlines, in bytes: 1, 2 or 5 times a power of ten of
// the largest binary unit that fits, so labels read "512 B", "2 KiB", "10 MiB".
std::int64_t byteTickStep(std::int64_t maxBytes);

// The line of the device at `index` in the charts' device order: a colour and
// a line style of its own, so devices are told apart without colour.
struct DeviceLineStyle {
  QColor colour;
  Qt::PenStyle line;
};
DeviceLineStyle deviceLineStyle(std::size_t index, const Theme& theme);

// Paints the chart into (0, 0, kMemoryChartSize) through the painter's transform.
void paintMemoryChart(QPainter& painter, const ReportModel& model, const Theme& theme);

// The chart as a standalone SVG document (text stays text).
QByteArray memoryChartSvg(const ReportModel& model, const Theme& theme);

}  // namespace memlens::ui

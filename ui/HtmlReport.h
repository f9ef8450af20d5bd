#pragma once
// The HTML report: one self-contained file (no external references) with the
// summary, the memory-over-time chart and the memory maps as inline SVG, the
// script with line numbers, and the step table.

#include <QByteArray>

#include "ui/Report.h"

namespace memlens::ui {

QByteArray htmlReport(const ReportContent& content, const ReportProgress& progress = {});

// An SVG document made fit to sit inside HTML beside others: no XML
// declaration, and its ids (gradients, clip paths) prefixed with `prefix` so
// that two inline SVGs never resolve each other's references.
QByteArray inlineSvg(const QByteArray& svg, const QByteArray& prefix);

}  // namespace memlens::ui

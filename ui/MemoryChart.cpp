#include "ui/MemoryChart.h"

#include <QBuffer>
#include <QPainterPath>
#include <QSvgGenerator>

#include <algorithm>
#include <array>
#include <cmath>

namespace memlens::ui {
namespace {

constexpr double kLeft = 96;
constexpr double kRight = 120;
constexpr double kTop = 56;
constexpr double kBottom = 56;

QFont chartFont(double pixels, bool bold = false) {
  QFont font(QStringLiteral("DejaVu Sans"));
  font.setPixelSize(static_cast<int>(pixels));
  font.setBold(bold);
  return font;
}

std::size_t stepTickStep(std::size_t steps) {
  for (std::size_t decade = 1;; decade *= 10) {
    for (const std::size_t factor : {1U, 2U, 5U}) {
      if (steps / (factor * decade) < 12) return factor * decade;
    }
  }
}

class Chart {
 public:
  Chart(QPainter& painter, const ReportModel& model, const Theme& theme)
      : p_(painter), model_(model), theme_(theme) {
    plot_ = QRectF(kLeft, kTop, kMemoryChartSize.width() - kLeft - kRight,
                   kMemoryChartSize.height() - kTop - kBottom);
    steps_ = model.rows.size();
    for (const auto& device : model.devices) {
      maxBytes_ = std::max(maxBytes_, device.peakBytes);
      for (const auto bytes : device.afterStep) maxBytes_ = std::max(maxBytes_, bytes);
    }
    tick_ = byteTickStep(std::max<std::int64_t>(maxBytes_, 1));
    top_ = tick_ * (maxBytes_ / tick_ + 1);
  }

  void paint() {
    p_.save();
    p_.setRenderHint(QPainter::Antialiasing);
    p_.fillRect(QRectF(QPointF(0, 0), kMemoryChartSize), theme_.background);
    p_.setPen(theme_.ink);
    p_.setFont(chartFont(18, true));
    p_.drawText(QRectF(0, 8, kMemoryChartSize.width(), 28), Qt::AlignLeft | Qt::AlignVCenter,
                QStringLiteral("Memory allocated after each step"));
    if (steps_ == 0) {
      p_.setFont(chartFont(16));
      p_.drawText(plot_, Qt::AlignCenter, QStringLiteral("no steps"));
    } else {
      paintGrid();
      for (std::size_t i = 0; i < model_.devices.size(); ++i) paintDevice(i);
    }
    p_.restore();
  }

 private:
  double xAt(double stepEdge) const {
    return plot_.left() + plot_.width() * stepEdge / static_cast<double>(steps_);
  }
  double yAt(std::int64_t bytes) const {
    return plot_.bottom() - plot_.height() * static_cast<double>(bytes) / static_cast<double>(top_);
  }

  void paintGrid() {
    p_.setFont(chartFont(14));
    for (std::int64_t bytes = 0; bytes <= top_; bytes += tick_) {
      const double y = yAt(bytes);
      p_.setPen(QPen(bytes == 0 ? theme_.mutedInk : theme_.laneBorder, bytes == 0 ? 2 : 1));
      p_.drawLine(QPointF(plot_.left(), y), QPointF(plot_.right(), y));
      p_.setPen(theme_.mutedInk);
      p_.drawText(QRectF(0, y - 12, kLeft - 12, 24), Qt::AlignRight | Qt::AlignVCenter,
                  QString::fromStdString(formatBytes(bytes)));
    }
    const std::size_t every = stepTickStep(steps_);
    for (std::size_t number = 1; number <= steps_; ++number) {
      if (number != 1 && number % every != 0) continue;
      const double x = xAt(static_cast<double>(number) - 0.5);
      p_.setPen(QPen(theme_.mutedInk, 1.5));
      p_.drawLine(QPointF(x, plot_.bottom()), QPointF(x, plot_.bottom() + 6));
      p_.drawText(QRectF(x - 30, plot_.bottom() + 8, 60, 20), Qt::AlignCenter,
                  QString::number(number));
    }
    p_.drawText(QRectF(plot_.left(), plot_.bottom() + 30, plot_.width(), 22), Qt::AlignCenter,
                QStringLiteral("step"));
  }

  void paintDevice(std::size_t index) {
    const auto& device = model_.devices[index];
    const auto style = deviceLineStyle(index, theme_);
    QPainterPath line;
    line.moveTo(xAt(0), yAt(0));
    for (std::size_t k = 0; k < device.afterStep.size(); ++k) {
      const double y = yAt(device.afterStep[k]);
      line.lineTo(xAt(static_cast<double>(k)), y);
      line.lineTo(xAt(static_cast<double>(k + 1)), y);
    }
    QPainterPath area = line;
    area.lineTo(xAt(static_cast<double>(steps_)), yAt(0));
    area.closeSubpath();
    QColor fill = style.colour;
    fill.setAlphaF(0.14F);
    p_.fillPath(area, fill);
    p_.strokePath(line, QPen(style.colour, 3, style.line, Qt::FlatCap, Qt::MiterJoin));

    const double lastY = yAt(device.afterStep.empty() ? 0 : device.afterStep.back());
    p_.setPen(style.colour);
    p_.setFont(chartFont(16, true));
    p_.drawText(
        QRectF(plot_.right() + 10, lastY - 12 + 22 * static_cast<double>(index), kRight - 12, 24),
        Qt::AlignLeft | Qt::AlignVCenter, QString::fromStdString(device.device));
    paintPeak(device, style);
  }

  void paintPeak(const DeviceSeries& device, const DeviceLineStyle& style) {
    if (device.peakStep == 0) return;
    const QPointF at(xAt(static_cast<double>(device.peakStep) - 0.5), yAt(device.peakBytes));
    p_.setPen(QPen(style.colour, 3));
    p_.setBrush(theme_.background);
    p_.drawEllipse(at, 7, 7);
    p_.setBrush(Qt::NoBrush);
    // A peak above what the step left allocated was reached inside the
    // statement (temporaries), and the label says so.
    const bool inside = device.peakBytes > device.afterStep.at(device.peakStep - 1);
    const QString label = QStringLiteral("peak %1 %2 step %3")
                              .arg(QString::fromStdString(formatBytes(device.peakBytes)),
                                   inside ? QStringLiteral("during") : QStringLiteral("after"),
                                   QString::number(device.peakStep));
    p_.setFont(chartFont(15, true));
    const double width = QFontMetricsF(p_.font()).horizontalAdvance(label) + 8;
    // Above the marker, kept inside the plot; the left half of the plot
    // puts the label to the right of the marker, the right half to its left.
    const bool leftHalf = at.x() < plot_.center().x();
    const double x = leftHalf ? at.x() + 10 : at.x() - 10 - width;
    const double y = std::max(at.y() - 34, 0.0 + kTop - 18);
    p_.setPen(theme_.ink);
    p_.drawText(QRectF(x, y, width, 24), Qt::AlignCenter, label);
  }

  QPainter& p_;
  const ReportModel& model_;
  const Theme& theme_;
  QRectF plot_;
  std::size_t steps_ = 0;
  std::int64_t maxBytes_ = 0;
  std::int64_t tick_ = 1;
  std::int64_t top_ = 1;
};

}  // namespace

std::int64_t byteTickStep(std::int64_t maxBytes) {
  std::int64_t unit = 1;
  while (unit <= maxBytes / 1024) unit *= 1024;
  for (std::int64_t decade = 1;; decade *= 10) {
    for (const std::int64_t factor : {1, 2, 5}) {
      const auto step = factor * decade * unit;
      if (maxBytes / step < 5) return step;
    }
  }
}

DeviceLineStyle deviceLineStyle(std::size_t index, const Theme& theme) {
  const std::array<DeviceLineStyle, 4> styles = {DeviceLineStyle{theme.blockBorder, Qt::SolidLine},
                                                 DeviceLineStyle{theme.badge, Qt::DashLine},
                                                 DeviceLineStyle{theme.recycled, Qt::DotLine},
                                                 DeviceLineStyle{theme.selection, Qt::DashDotLine}};
  return styles.at(index % styles.size());
}

void paintMemoryChart(QPainter& painter, const ReportModel& model, const Theme& theme) {
  Chart(painter, model, theme).paint();
}

QByteArray memoryChartSvg(const ReportModel& model, const Theme& theme) {
  QBuffer buffer;
  buffer.open(QIODevice::WriteOnly);
  QSvgGenerator generator;
  generator.setOutputDevice(&buffer);
  generator.setTitle(QStringLiteral("Memory allocated after each step"));
  generator.setResolution(96);
  generator.setSize(kMemoryChartSize.toSize());
  generator.setViewBox(QRectF(QPointF(0, 0), kMemoryChartSize));
  {
    QPainter painter(&generator);
    paintMemoryChart(painter, model, theme);
  }
  return buffer.data();
}

}  // namespace memlens::ui

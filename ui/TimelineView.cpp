#include "ui/TimelineView.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <optional>
#include <tuple>

#include "trace/ReportModel.h"
#include "ui/MemoryChart.h"

namespace memlens::ui {
namespace {

// Steps at least this wide are drawn one by one; narrower ones per pixel column.
constexpr double kExactStepPixels = 2;

QString qs(const std::string& text) {
  return QString::fromStdString(text);
}

QColor markerColour(MarkerKind kind, const Theme& theme) {
  switch (kind) {
    case MarkerKind::Error: return theme.error;
    case MarkerKind::New: return theme.blockBorder;
    case MarkerKind::InPlace: return theme.objectBorder;
    case MarkerKind::View: return theme.badge;
    case MarkerKind::Free: return theme.ghost;
    case MarkerKind::None: return theme.mutedInk;
  }
  return theme.ink;
}

QString markerName(MarkerKind kind) {
  switch (kind) {
    case MarkerKind::Error: return QStringLiteral("error");
    case MarkerKind::New: return QStringLiteral("new");
    case MarkerKind::InPlace: return QStringLiteral("in-place");
    case MarkerKind::View: return QStringLiteral("view");
    case MarkerKind::Free: return QStringLiteral("free");
    case MarkerKind::None: return QStringLiteral("none");
  }
  return {};
}

// Each kind has its own shape, so the marks read without colour: new a filled
// disc, in-place a filled diamond, view a hollow triangle (no memory of its
// own), free a cross, none a dash, error an octagon with "!".
void drawMarker(QPainter& p, MarkerKind kind, QPointF c, double size, const Theme& theme) {
  const QColor colour = markerColour(kind, theme);
  const double r = size / 2;
  p.save();
  p.setRenderHint(QPainter::Antialiasing);
  switch (kind) {
    case MarkerKind::New:
      p.setPen(Qt::NoPen);
      p.setBrush(colour);
      p.drawEllipse(c, r, r);
      break;
    case MarkerKind::InPlace: {
      p.setPen(Qt::NoPen);
      p.setBrush(colour);
      const std::array<QPointF, 4> diamond = {c + QPointF(0, -r), c + QPointF(r, 0),
                                              c + QPointF(0, r), c + QPointF(-r, 0)};
      p.drawPolygon(diamond.data(), static_cast<int>(diamond.size()));
      break;
    }
    case MarkerKind::View: {
      const double w = std::max(2.0, size / 7);
      p.setPen(QPen(colour, w, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
      p.setBrush(theme.background);
      const double s = r - w / 2;
      const std::array<QPointF, 3> triangle = {c + QPointF(0, -s), c + QPointF(s, s * 0.8),
                                               c + QPointF(-s, s * 0.8)};
      p.drawPolygon(triangle.data(), static_cast<int>(triangle.size()));
      break;
    }
    case MarkerKind::Free: {
      const double w = std::max(2.5, size / 5);
      const double s = r - w / 2;
      p.setPen(QPen(colour, w, Qt::SolidLine, Qt::RoundCap));
      p.drawLine(c + QPointF(-s, -s), c + QPointF(s, s));
      p.drawLine(c + QPointF(-s, s), c + QPointF(s, -s));
      break;
    }
    case MarkerKind::None:
      p.setPen(QPen(colour, std::max(2.0, size / 8), Qt::SolidLine, Qt::RoundCap));
      p.drawLine(c + QPointF(-r * 0.5, 0), c + QPointF(r * 0.5, 0));
      break;
    case MarkerKind::Error: {
      p.setPen(Qt::NoPen);
      p.setBrush(colour);
      QPolygonF octagon;
      for (int k = 0; k < 8; ++k) {
        const double angle = (22.5 + 45.0 * k) * std::numbers::pi / 180;
        octagon << c + QPointF(r * std::cos(angle), r * std::sin(angle));
      }
      p.drawPolygon(octagon);
      p.setBrush(theme.background);
      const double w = std::max(1.5, size / 7);
      p.drawRect(QRectF(c.x() - w / 2, c.y() - r * 0.6, w, r * 0.7));
      p.drawRect(QRectF(c.x() - w / 2, c.y() + r * 0.3, w, w));
      break;
    }
  }
  p.restore();
}

// 1, 2 or 5 times a power of ten, at least `least`.
std::size_t niceStride(double least) {
  for (std::size_t decade = 1;; decade *= 10) {
    for (const std::size_t factor : {1U, 2U, 5U}) {
      if (static_cast<double>(factor * decade) >= least) return factor * decade;
    }
  }
}

}  // namespace

struct TimelineLayout {
  double line = 0;  // the font's line height: everything scales with it
  double pad = 0;
  QRectF header;
  QRectF markers;  // the marker row, as wide as the plot
  QRectF chart;    // the memory plot
  double ticksTop = 0;
  double marker = 0;  // a marker's size
};

namespace {

// One paint of the timeline, in layers: header, grid, the current step's
// band, the memory lines with their labels and peaks, markers, step numbers,
// cursor.
class TimelinePainter {
 public:
  TimelinePainter(QPainter& painter, const TimelineLayout& layout, const QFont& font,
                  const Theme& theme, const TimelineSeries& series, const TimelineAxis& axis)
      : p_(painter),
        l_(layout),
        font_(font),
        bold_(font),
        metrics_(font),
        theme_(theme),
        series_(series),
        axis_(axis) {
    bold_.setBold(true);
    const std::int64_t maxBytes = std::max<std::int64_t>(series_.maxBytes(), 1);
    tick_ = byteTickStep(maxBytes);
    top_ = tick_ * (maxBytes / tick_ + 1);
    std::tie(first_, end_) = axis_.visibleSteps();
  }

  void paint(const Timeline* timeline, int current, const QRect& frame, bool focused) {
    p_.fillRect(frame, theme_.background);
    paintHeader(timeline, current);
    p_.fillRect(l_.markers, theme_.lane);
    p_.setPen(QPen(theme_.laneBorder, 1));
    p_.drawRect(l_.markers);
    p_.drawLine(l_.chart.bottomLeft(), l_.chart.bottomRight());
    if (series_.size() > 0) {
      if (current >= 0) paintBand(static_cast<std::size_t>(current));
      paintGrid();
      paintDevices();
      paintMarkers();
      paintStepNumbers();
      if (current >= 0) paintCursor(static_cast<std::size_t>(current));
    }
    if (focused) {
      p_.setRenderHint(QPainter::Antialiasing, false);
      p_.setPen(QPen(theme_.selection, 2));
      p_.setBrush(Qt::NoBrush);
      p_.drawRect(QRectF(frame).adjusted(1, 1, -1, -1));
    }
  }

 private:
  double yOf(std::int64_t bytes) const {
    return l_.chart.bottom() -
           l_.chart.height() * static_cast<double>(bytes) / static_cast<double>(top_);
  }
  QRectF plot() const { return {l_.markers.topLeft(), l_.chart.bottomRight()}; }

  // The current step in words on the left, the marker legend on the right.
  void paintHeader(const Timeline* timeline, int current) {
    constexpr std::array<MarkerKind, kMarkerKinds> kinds = {MarkerKind::New,  MarkerKind::InPlace,
                                                            MarkerKind::View, MarkerKind::Free,
                                                            MarkerKind::None, MarkerKind::Error};
    double legendWidth = 0;
    for (const auto kind : kinds) {
      legendWidth += l_.line + metrics_.horizontalAdvance(markerName(kind)) + 2 * l_.pad;
    }
    const bool legend = l_.header.width() > legendWidth + 20 * l_.line;
    if (legend) {
      double x = l_.header.right() - legendWidth;
      p_.setFont(font_);
      for (const auto kind : kinds) {
        drawMarker(p_, kind, QPointF(x + l_.line * 0.45, l_.header.center().y()), l_.line * 0.9,
                   theme_);
        x += l_.line * 1.1;
        const double w = metrics_.horizontalAdvance(markerName(kind));
        p_.setPen(theme_.ink);
        p_.drawText(QRectF(x, l_.header.top(), w + l_.pad, l_.header.height()), Qt::AlignVCenter,
                    markerName(kind));
        x += w + 2 * l_.pad - l_.line * 0.1;
      }
    }
    QString title = TimelineView::tr("No steps");
    if (timeline && current >= 0 && static_cast<std::size_t>(current) < timeline->size()) {
      const Step& step = timeline->step(static_cast<std::size_t>(current));
      const QString kindsText = step.error           ? qs(step.error->type)
                                : step.kinds.empty() ? QStringLiteral("none")
                                                     : qs(joinKinds(step.kinds));
      title = TimelineView::tr("Step %1 of %2 \u00b7 line %3 \u00b7 %4: %5")
                  .arg(current + 1)
                  .arg(series_.size())
                  .arg(step.line)
                  .arg(kindsText, qs(step.code).section(QLatin1Char('\n'), 0, 0));
    } else if (series_.size() > 0) {
      title = TimelineView::tr("%1 steps").arg(series_.size());
    }
    const double width = l_.header.width() - (legend ? legendWidth + 2 * l_.pad : 0);
    p_.setFont(bold_);
    p_.setPen(theme_.ink);
    p_.drawText(QRectF(l_.header.left(), l_.header.top(), width, l_.header.height()),
                Qt::AlignVCenter | Qt::AlignLeft,
                QFontMetricsF(bold_).elidedText(title, Qt::ElideRight, width));
    p_.setFont(font_);
  }

  // A light band under the current step: it tints what it highlights
  // without hiding the lines and gridlines behind it.
  void paintBand(std::size_t step) {
    const double x0 = axis_.xOf(static_cast<double>(step));
    const double x1 = std::max(axis_.xOf(static_cast<double>(step + 1)), x0 + 3);
    QColor band = theme_.selectionFill;
    band.setAlphaF(0.55F);
    p_.save();
    p_.setClipRect(plot());
    p_.fillRect(QRectF(x0, l_.markers.top(), x1 - x0, plot().height()), band);
    p_.restore();
  }

  // Gridlines at round byte values, labelled where they are far enough apart.
  void paintGrid() {
    const double tickPixels =
        l_.chart.height() * static_cast<double>(tick_) / static_cast<double>(top_);
    const auto every = static_cast<std::int64_t>(std::ceil(l_.line * 1.1 / tickPixels));
    for (std::int64_t bytes = 0, n = 0; bytes <= top_; bytes += tick_, ++n) {
      const double y = yOf(bytes);
      p_.setPen(QPen(theme_.laneBorder, 1));
      p_.drawLine(QPointF(l_.chart.left(), y), QPointF(l_.chart.right(), y));
      if (n % every != 0) continue;
      p_.setPen(theme_.mutedInk);
      p_.drawText(QRectF(0, y - l_.line / 2, l_.chart.left() - l_.pad, l_.line),
                  Qt::AlignRight | Qt::AlignVCenter, qs(formatBytes(bytes)));
    }
  }

  double lineWidth() const { return std::max(2.5, l_.line / 7); }

  // The stepped line through the visible steps, with the area under it;
  // returns where it ends (none when no step is visible).
  std::optional<double> paintExactLine(const TimelineSeries::Device& device,
                                       const DeviceLineStyle& style) {
    if (first_ >= end_) return std::nullopt;
    QPolygonF line;
    line << QPointF(axis_.xOf(static_cast<double>(first_)),
                    yOf(first_ > 0 ? device.afterStep[first_ - 1] : 0));
    for (std::size_t k = first_; k < end_; ++k) {
      const double y = yOf(device.afterStep[k]);
      line << QPointF(axis_.xOf(static_cast<double>(k)), y)
           << QPointF(axis_.xOf(static_cast<double>(k + 1)), y);
    }
    QPolygonF area = line;
    area << QPointF(line.back().x(), yOf(0)) << QPointF(line.front().x(), yOf(0));
    QColor fill = style.colour;
    fill.setAlphaF(0.14F);
    p_.setPen(Qt::NoPen);
    p_.setBrush(fill);
    p_.drawPolygon(area);
    p_.setBrush(Qt::NoBrush);
    p_.setPen(QPen(style.colour, lineWidth(), style.line, Qt::FlatCap, Qt::MiterJoin));
    p_.drawPolyline(line);
    return line.back().y();
  }

  // Steps denser than pixels, per pixel column: the area under the column's
  // last value, a band over the range of all its values (so no spike is lost
  // however far out) and the line through the last values. All axis-aligned
  // pixel rectangles: a zigzag path of thousands of vertices costs Qt's
  // stroker and rasteriser hundreds of milliseconds, these a few. The line's
  // dash pattern is laid along x, so each device keeps its line style.
  std::optional<double> paintColumnLine(const TimelineSeries::Device& device,
                                        const DeviceLineStyle& style) {
    const auto columns = columnBuckets(device.afterStep, axis_);
    if (columns.empty()) return std::nullopt;
    const int w = static_cast<int>(std::round(lineWidth()));
    const QVector<qreal> dashes = QPen(style.line).dashPattern();
    double period = 0;
    for (const auto dash : dashes) period += dash * w;
    const auto inked = [&](double x) {
      if (period <= 0) return true;
      double at = std::fmod(x - axis_.left, period);
      for (qsizetype k = 0; k < dashes.size(); ++k) {
        at -= dashes[k] * w;
        if (at < 0) return k % 2 == 0;
      }
      return true;
    };
    QColor fill = style.colour;
    fill.setAlphaF(0.14F);
    QColor band = style.colour;
    band.setAlphaF(0.45F);
    const auto row = [this](std::int64_t bytes) {
      return static_cast<int>(std::round(yOf(bytes)));
    };
    const int base = row(0);
    p_.setRenderHint(QPainter::Antialiasing, false);
    int previous = -1;
    for (const auto& column : columns) {
      const int x = static_cast<int>(column.x);
      const int last = row(column.last);
      const int high = row(column.high);
      p_.fillRect(QRect(x, last, 1, base - last), fill);
      p_.fillRect(QRect(x, high, 1, std::max(row(column.low) - high, 1)), band);
      if (inked(column.x)) {
        p_.fillRect(QRect(x, last - w / 2, 1, w), style.colour);
        if (previous >= 0 && previous != last) {
          p_.fillRect(
              QRect(x - w / 2, std::min(previous, last) - w / 2, w, std::abs(previous - last) + w),
              style.colour);
        }
      }
      previous = last;
    }
    return yOf(columns.back().last);
  }

  void paintDevices() {
    std::vector<std::pair<double, std::size_t>> labels;  // where each device's line ends
    const bool exact = axis_.pixelsPerStep() >= kExactStepPixels;
    p_.setRenderHint(QPainter::Antialiasing);
    for (std::size_t d = 0; d < series_.devices().size(); ++d) {
      const auto& device = series_.devices()[d];
      const auto style = deviceLineStyle(d, theme_);
      p_.save();
      p_.setClipRect(l_.chart.adjusted(-2, -2, 2, 2));
      const auto end = exact ? paintExactLine(device, style) : paintColumnLine(device, style);
      if (end) labels.emplace_back(*end, d);
      p_.restore();
      paintPeak(device, style);
    }
    paintDeviceLabels(labels);
  }

  // Each device's name beside where its line ends, after a sample of its
  // line style, moved apart where they would overlap and kept in the plot.
  void paintDeviceLabels(std::vector<std::pair<double, std::size_t>> labels) {
    std::sort(labels.begin(), labels.end());
    for (std::size_t i = 0; i < labels.size(); ++i) {
      const double above = i == 0 ? l_.chart.top() : labels[i - 1].first + l_.line;
      labels[i].first = std::max(labels[i].first, above);
    }
    for (std::size_t i = labels.size(); i-- > 0;) {
      const double below =
          i + 1 == labels.size() ? l_.chart.bottom() : labels[i + 1].first - l_.line;
      labels[i].first = std::min(labels[i].first, below);
    }
    const double sampleLeft = l_.chart.right() + l_.pad;
    p_.setFont(bold_);
    for (const auto& [y, d] : labels) {
      const auto style = deviceLineStyle(d, theme_);
      p_.setPen(QPen(style.colour, 3, style.line, Qt::FlatCap));
      p_.drawLine(QPointF(sampleLeft, y), QPointF(sampleLeft + 2 * l_.line, y));
      p_.setPen(theme_.ink);
      p_.drawText(QRectF(sampleLeft + 2 * l_.line + l_.pad, y - l_.line / 2, 20 * l_.line, l_.line),
                  Qt::AlignLeft | Qt::AlignVCenter, qs(series_.devices()[d].name));
    }
    p_.setFont(font_);
  }

  // The peak, where visible: a ring on it and its size beside it; a peak
  // above what the step left allocated was reached inside the statement.
  void paintPeak(const TimelineSeries::Device& device, const DeviceLineStyle& style) {
    if (device.peakBytes <= 0 || device.peakStep < first_ || device.peakStep >= end_) return;
    const QPointF at(axis_.centreOf(device.peakStep), yOf(device.peakBytes));
    p_.setPen(QPen(style.colour, 3));
    p_.setBrush(theme_.background);
    p_.drawEllipse(at, l_.line * 0.3, l_.line * 0.3);
    const bool inside = device.peakBytes > device.afterStep[device.peakStep];
    const QString label = TimelineView::tr("peak %1 %2 step %3")
                              .arg(qs(formatBytes(device.peakBytes)),
                                   inside ? TimelineView::tr("during") : TimelineView::tr("after"))
                              .arg(device.peakStep + 1);
    const double w = QFontMetricsF(bold_).horizontalAdvance(label) + l_.pad;
    const bool leftHalf = at.x() < l_.chart.center().x();
    QRectF box(leftHalf ? at.x() + l_.line * 0.5 : at.x() - l_.line * 0.5 - w,
               std::max(at.y() - l_.line * 0.5, l_.chart.top()), w, l_.line);
    // Below another device's peak label rather than over it.
    for (const auto& other : peakLabels_) {
      if (box.intersects(other)) box.moveTop(other.bottom());
    }
    peakLabels_.push_back(box);
    p_.fillRect(box, theme_.background);  // the words matter more than the line behind them
    p_.setPen(theme_.ink);
    p_.setFont(bold_);
    p_.drawText(box, Qt::AlignCenter, label);
    p_.setFont(font_);
  }

  // One marker per step where they fit, else one per run of steps.
  void paintMarkers() {
    p_.save();
    p_.setClipRect(l_.markers);
    for (const auto& group : markerGroups(series_, axis_, l_.marker * 1.4)) {
      const double x = (axis_.xOf(static_cast<double>(group.begin)) +
                        axis_.xOf(static_cast<double>(group.end))) /
                       2;
      drawMarker(p_, group.kind, QPointF(x, l_.markers.center().y()), l_.marker, theme_);
    }
    p_.restore();
  }

  // Step numbers (1-based, as captions count) at round intervals.
  void paintStepNumbers() {
    const std::size_t stride =
        niceStride((metrics_.horizontalAdvance(QString::number(series_.size())) + 3 * l_.pad) /
                   axis_.pixelsPerStep());
    p_.setPen(theme_.mutedInk);
    p_.setFont(font_);
    for (std::size_t number = (first_ + stride) / stride * stride; number <= end_;
         number += stride) {
      const double x = axis_.centreOf(number - 1);
      p_.drawLine(QPointF(x, l_.chart.bottom()), QPointF(x, l_.chart.bottom() + l_.pad));
      p_.drawText(QRectF(x - 50 * l_.line, l_.ticksTop, 100 * l_.line, l_.line * 1.3),
                  Qt::AlignCenter, QString::number(number));
    }
  }

  // The cursor over the memory lines, with a handle above the marker row.
  void paintCursor(std::size_t step) {
    const double x = axis_.centreOf(step);
    if (x < plot().left() - 1 || x > plot().right() + 1) return;
    // Below the marker row only, so the current step's marker stays whole.
    p_.setPen(QPen(theme_.selection, 2));
    p_.drawLine(QPointF(x, l_.markers.bottom()), QPointF(x, plot().bottom()));
    p_.setPen(Qt::NoPen);
    p_.setBrush(theme_.selection);
    const double s = l_.line * 0.35;
    const std::array<QPointF, 3> handle = {QPointF(x - s, plot().top() - s),
                                           QPointF(x + s, plot().top() - s),
                                           QPointF(x, plot().top() + s * 0.2)};
    p_.drawPolygon(handle.data(), static_cast<int>(handle.size()));
  }

  QPainter& p_;
  const TimelineLayout& l_;
  const QFont& font_;
  QFont bold_;
  QFontMetricsF metrics_;
  const Theme& theme_;
  const TimelineSeries& series_;
  const TimelineAxis& axis_;
  std::int64_t tick_ = 1;
  std::int64_t top_ = 1;
  std::size_t first_ = 0;
  std::size_t end_ = 0;
  std::vector<QRectF> peakLabels_;
};

}  // namespace

TimelineView::TimelineView(QWidget* parent)
    : QWidget(parent), scrollBar_(new QScrollBar(Qt::Horizontal, this)) {
  setFocusPolicy(Qt::StrongFocus);
  setAccessibleName(tr("Timeline"));
  setAccessibleDescription(
      tr("Steps of the script and memory after each. Left and Right pick a step, Home and End the "
         "first and last, plus and minus zoom."));
  scrollBar_->setAccessibleName(tr("Scroll the timeline"));
  connect(scrollBar_, &QScrollBar::valueChanged, this, [this](int value) {
    if (syncingScrollBar_) return;
    TimelineAxis axis = axis_;
    axis.first = value;
    setAxis(axis);
  });
  setAxis(TimelineAxis::fit(0, 1, 0));
}

QSize TimelineView::sizeHint() const {
  const int line = fontMetrics().height();
  return {60 * line, 14 * line};
}

QSize TimelineView::minimumSizeHint() const {
  const int line = fontMetrics().height();
  return {20 * line, 8 * line};
}

TimelineLayout TimelineView::layout() const {
  const QFontMetricsF metrics(font());
  TimelineLayout l;
  l.line = metrics.height();
  l.pad = std::round(l.line * 0.4);
  const double pad = l.pad;
  const double left = metrics.horizontalAdvance(QStringLiteral("1000 MiB")) + 2 * pad;
  QFont bold = font();
  bold.setBold(true);
  const QFontMetricsF boldMetrics(bold);  // device names are bold
  double labels = boldMetrics.horizontalAdvance(QStringLiteral("cpu"));
  for (const auto& device : series_.devices()) {
    labels = std::max(labels, boldMetrics.horizontalAdvance(qs(device.name)));
  }
  const double right = 2 * l.line + labels + 3 * pad;  // a sample of the line, then its name
  const double bottom = height() - scrollBar_->sizeHint().height();
  l.header = QRectF(pad, 0, width() - 2 * pad, std::round(l.line * 1.6));
  l.markers = QRectF(left, l.header.bottom(), std::max(width() - left - right, 1.0),
                     std::round(std::max(l.line * 1.9, 24.0)));
  l.ticksTop = bottom - std::round(l.line * 1.3);
  l.chart = QRectF(left, l.markers.bottom() + pad, l.markers.width(),
                   std::max(l.ticksTop - l.markers.bottom() - 2 * pad, 1.0));
  l.marker = std::round(l.markers.height() * 0.62);
  return l;
}

void TimelineView::setAxis(const TimelineAxis& axis) {
  const TimelineLayout l = layout();
  axis_ = axis;
  axis_.left = l.chart.left();
  axis_.width = l.chart.width();
  axis_.steps = series_.size();
  axis_ = axis_.clamped();
  syncingScrollBar_ = true;
  const double hidden = static_cast<double>(axis_.steps) - axis_.span;
  scrollBar_->setEnabled(hidden > 0);
  scrollBar_->setRange(0, static_cast<int>(std::ceil(std::max(hidden, 0.0))));
  scrollBar_->setPageStep(std::max(1, static_cast<int>(axis_.span)));
  scrollBar_->setSingleStep(std::max(1, static_cast<int>(axis_.span / 10)));
  scrollBar_->setValue(static_cast<int>(std::round(axis_.first)));
  syncingScrollBar_ = false;
  update();
}

void TimelineView::setTimeline(const Timeline* timeline) {
  timeline_ = timeline;
  series_.clear();
  if (timeline_) {
    for (const auto& step : timeline_->steps()) series_.append(step);
  }
  const int last = static_cast<int>(series_.size()) - 1;
  current_ = std::min(current_, last);
  if (current_ < 0 && last >= 0) current_ = 0;
  setAxis(TimelineAxis::fit(0, 1, series_.size()));
}

void TimelineView::stepsAppended() {
  if (!timeline_) return;
  if (timeline_->size() < series_.size()) {
    setTimeline(timeline_);
    return;
  }
  for (std::size_t k = series_.size(); k < timeline_->size(); ++k)
    series_.append(timeline_->step(k));
  if (current_ < 0 && series_.size() > 0) current_ = 0;
  setAxis(axis_.withSteps(series_.size()));
}

void TimelineView::setCurrentStep(int index) {
  const int last = static_cast<int>(series_.size()) - 1;
  current_ = std::clamp(index, -1, last);
  if (current_ >= 0) {
    setAxis(axis_.showing(static_cast<std::size_t>(current_)));
  } else {
    update();
  }
}

void TimelineView::setTheme(const Theme& theme) {
  theme_ = theme;
  update();
}

void TimelineView::showAllSteps() {
  setAxis(TimelineAxis::fit(0, 1, series_.size()));
}

void TimelineView::pick(int index) {
  if (series_.size() == 0) return;
  index = std::clamp(index, 0, static_cast<int>(series_.size()) - 1);
  if (index == current_) return;
  current_ = index;
  update();
  Q_EMIT currentStepChanged(current_);
}

bool TimelineView::event(QEvent* event) {
  if (event->type() == QEvent::FontChange) setAxis(axis_);
  if (event->type() != QEvent::ToolTip || !timeline_) return QWidget::event(event);
  const auto* help = static_cast<QHelpEvent*>(event);
  const TimelineLayout l = layout();
  const int index = axis_.stepAt(help->pos().x());
  if (index < 0 || help->pos().y() < l.markers.top() || help->pos().y() > l.chart.bottom() ||
      help->pos().x() < l.chart.left() || help->pos().x() > l.chart.right()) {
    QToolTip::hideText();
    return true;
  }
  const auto k = static_cast<std::size_t>(index);
  const Step& step = timeline_->step(k);
  QString text = tr("Step %1, line %2: %3\n%4")
                     .arg(index + 1)
                     .arg(step.line)
                     .arg(qs(step.code),
                          step.kinds.empty() ? QStringLiteral("none") : qs(joinKinds(step.kinds)));
  if (step.error)
    text += QStringLiteral("\n%1: %2").arg(qs(step.error->type), qs(step.error->message));
  for (const auto& device : series_.devices()) {
    text += QStringLiteral("\n%1: %2").arg(qs(device.name), qs(formatBytes(device.afterStep[k])));
  }
  QToolTip::showText(help->globalPos(), text, this);
  return true;
}

void TimelineView::resizeEvent(QResizeEvent* event) {
  const int height = scrollBar_->sizeHint().height();
  scrollBar_->setGeometry(0, this->height() - height, width(), height);
  setAxis(axis_);
  QWidget::resizeEvent(event);
}

void TimelineView::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
  pick(axis_.stepAt(event->position().x()));
}

void TimelineView::mouseMoveEvent(QMouseEvent* event) {
  if (!(event->buttons() & Qt::LeftButton)) return QWidget::mouseMoveEvent(event);
  pick(axis_.stepAt(event->position().x()));
}

void TimelineView::keyPressEvent(QKeyEvent* event) {
  const int last = static_cast<int>(series_.size()) - 1;
  const int page = std::max(1, static_cast<int>(axis_.span / 10));
  const double cursor = current_ >= 0 ? axis_.centreOf(static_cast<std::size_t>(current_))
                                      : axis_.left + axis_.width / 2;
  int target = current_;
  switch (event->key()) {
    case Qt::Key_Left: target = std::max(current_ - 1, 0); break;
    case Qt::Key_Right: target = current_ + 1; break;
    case Qt::Key_PageUp: target = current_ - page; break;
    case Qt::Key_PageDown: target = current_ + page; break;
    case Qt::Key_Home: target = 0; break;
    case Qt::Key_End: target = last; break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: setAxis(axis_.zoomed(cursor, 2)); return;
    case Qt::Key_Minus: setAxis(axis_.zoomed(cursor, 0.5)); return;
    default: QWidget::keyPressEvent(event); return;
  }
  pick(target);
  if (current_ >= 0) setAxis(axis_.showing(static_cast<std::size_t>(current_)));
}

void TimelineView::wheelEvent(QWheelEvent* event) {
  const QPoint delta = event->angleDelta();
  if ((event->modifiers() & Qt::ShiftModifier) || std::abs(delta.x()) > std::abs(delta.y())) {
    const int amount = delta.x() != 0 ? delta.x() : delta.y();
    setAxis(axis_.panned(-amount / 120.0 * axis_.span / 10));
  } else {
    setAxis(axis_.zoomed(event->position().x(), std::pow(1.25, delta.y() / 120.0)));
  }
  event->accept();
}

void TimelineView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  TimelinePainter(p, layout(), font(), theme_, series_, axis_)
      .paint(timeline_, current_, rect().adjusted(0, 0, 0, -scrollBar_->height()), hasFocus());
}

}  // namespace memlens::ui

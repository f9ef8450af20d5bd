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

struct TimelineView::Layout {
  double line = 0;  // the font's line height: everything scales with it
  QRectF header;
  QRectF markers;  // the marker row, as wide as the plot
  QRectF chart;    // the memory plot
  double ticksTop = 0;
  double marker = 0;  // a marker's size
};

TimelineView::TimelineView(QWidget* parent)
    : QWidget(parent), scrollBar_(new QScrollBar(Qt::Horizontal, this)) {
  setFocusPolicy(Qt::StrongFocus);
  setAccessibleName(tr("Timeline"));
  setAccessibleDescription(
      tr("Steps of the script and memory after each. Left and Right pick a step, Home and End the "
         "first and last, plus and minus zoom."));
  setMouseTracking(false);
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

TimelineView::Layout TimelineView::layout() const {
  const QFontMetricsF metrics(font());
  Layout l;
  l.line = metrics.height();
  const double pad = std::round(l.line * 0.4);
  const double left = metrics.horizontalAdvance(QStringLiteral("1000 MiB")) + 2 * pad;
  double labels = metrics.horizontalAdvance(QStringLiteral("cpu"));
  for (const auto& device : series_.devices()) {
    labels = std::max(labels, metrics.horizontalAdvance(qs(device.name)));
  }
  const double right = 2 * l.line + labels + 3 * pad;  // a sample of the line, then its name
  const double bottom = height() - scrollBar_->sizeHint().height();
  l.header = QRectF(pad, 0, width() - 2 * pad, std::round(l.line * 1.6));
  l.markers = QRectF(left, l.header.bottom(), std::max(width() - left - right, 1.0),
                     std::round(std::max(l.line * 1.6, 20.0)));
  l.ticksTop = bottom - std::round(l.line * 1.3);
  l.chart = QRectF(left, l.markers.bottom() + pad, l.markers.width(),
                   std::max(l.ticksTop - l.markers.bottom() - 2 * pad, 1.0));
  l.marker = std::round(l.markers.height() * 0.62);
  return l;
}

void TimelineView::setAxis(const TimelineAxis& axis) {
  const Layout l = layout();
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
  const Layout l = layout();
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
  const Layout l = layout();
  const QFontMetricsF metrics(font());
  const double pad = std::round(l.line * 0.4);
  p.fillRect(rect(), theme_.background);

  // Header: the current step in words on the left, the marker legend on the right.
  QFont bold = font();
  bold.setBold(true);
  double legendWidth = 0;
  constexpr std::array<MarkerKind, kMarkerKinds> kinds = {MarkerKind::New,  MarkerKind::InPlace,
                                                          MarkerKind::View, MarkerKind::Free,
                                                          MarkerKind::None, MarkerKind::Error};
  for (const auto kind : kinds) {
    legendWidth += l.line + metrics.horizontalAdvance(markerName(kind)) + 2 * pad;
  }
  const bool legend = l.header.width() > legendWidth + 20 * l.line;
  if (legend) {
    double x = l.header.right() - legendWidth;
    p.setFont(font());
    for (const auto kind : kinds) {
      drawMarker(p, kind, QPointF(x + l.line * 0.4, l.header.center().y()), l.line * 0.8, theme_);
      x += l.line;
      const double w = metrics.horizontalAdvance(markerName(kind));
      p.setPen(theme_.ink);
      p.drawText(QRectF(x, l.header.top(), w + pad, l.header.height()), Qt::AlignVCenter,
                 markerName(kind));
      x += w + 2 * pad;
    }
  }
  QString title = tr("No steps");
  if (timeline_ && current_ >= 0 && static_cast<std::size_t>(current_) < timeline_->size()) {
    const Step& step = timeline_->step(static_cast<std::size_t>(current_));
    const QString code = qs(step.code).section(QLatin1Char('\n'), 0, 0);
    title = tr("Step %1 of %2 \u00b7 line %3 \u00b7 %4: %5")
                .arg(current_ + 1)
                .arg(series_.size())
                .arg(step.line)
                .arg(step.error           ? qs(step.error->type)
                     : step.kinds.empty() ? QStringLiteral("none")
                                          : qs(joinKinds(step.kinds)),
                     code);
  } else if (series_.size() > 0) {
    title = tr("%1 steps").arg(series_.size());
  }
  p.setFont(bold);
  p.setPen(theme_.ink);
  const double titleWidth = l.header.width() - (legend ? legendWidth + 2 * pad : 0);
  p.drawText(QRectF(l.header.left(), l.header.top(), titleWidth, l.header.height()),
             Qt::AlignVCenter | Qt::AlignLeft,
             QFontMetricsF(bold).elidedText(title, Qt::ElideRight, titleWidth));
  p.setFont(font());

  p.fillRect(l.markers, theme_.lane);
  p.setPen(QPen(theme_.laneBorder, 1));
  p.drawRect(l.markers);
  p.drawLine(l.chart.bottomLeft(), l.chart.bottomRight());
  if (series_.size() == 0) return;

  const auto [first, end] = axis_.visibleSteps();
  const QRectF plot(l.markers.topLeft(), QPointF(l.chart.right(), l.chart.bottom()));
  // The current step's band, under everything it highlights.
  if (current_ >= 0) {
    const auto k = static_cast<std::size_t>(current_);
    const double x0 = axis_.xOf(static_cast<double>(k));
    const double x1 = std::max(axis_.xOf(static_cast<double>(k + 1)), x0 + 3);
    p.save();
    p.setClipRect(plot);
    p.fillRect(QRectF(x0, plot.top(), x1 - x0, plot.height()), theme_.selectionFill);
    p.restore();
  }

  // Memory: gridlines and byte labels, then each device's line.
  const std::int64_t maxBytes = std::max<std::int64_t>(series_.maxBytes(), 1);
  const std::int64_t tick = byteTickStep(maxBytes);
  const std::int64_t top = tick * (maxBytes / tick + 1);
  const auto yOf = [&](std::int64_t bytes) {
    return l.chart.bottom() -
           l.chart.height() * static_cast<double>(bytes) / static_cast<double>(top);
  };
  const double tickPixels = l.chart.height() * static_cast<double>(tick) / static_cast<double>(top);
  const auto labelEvery = static_cast<std::int64_t>(std::ceil(l.line * 1.1 / tickPixels));
  for (std::int64_t bytes = 0, n = 0; bytes <= top; bytes += tick, ++n) {
    const double y = yOf(bytes);
    p.setPen(QPen(theme_.laneBorder, 1));
    p.drawLine(QPointF(l.chart.left(), y), QPointF(l.chart.right(), y));
    if (n % labelEvery != 0) continue;
    p.setPen(theme_.mutedInk);
    p.drawText(QRectF(0, y - l.line / 2, l.chart.left() - pad, l.line),
               Qt::AlignRight | Qt::AlignVCenter, qs(formatBytes(bytes)));
  }

  const bool exact = axis_.pixelsPerStep() >= kExactStepPixels;
  double labelBelow = l.chart.top() - l.line;
  p.setRenderHint(QPainter::Antialiasing);
  for (std::size_t d = 0; d < series_.devices().size(); ++d) {
    const auto& device = series_.devices()[d];
    const auto style = deviceLineStyle(d, theme_);
    QColor fill = style.colour;
    fill.setAlphaF(0.14F);
    QPolygonF line;
    p.save();
    p.setClipRect(l.chart.adjusted(-2, -2, 2, 2));
    if (exact) {
      line << QPointF(axis_.xOf(static_cast<double>(first)),
                      yOf(first > 0 ? device.afterStep[first - 1] : 0));
      for (std::size_t k = first; k < end; ++k) {
        const double y = yOf(device.afterStep[k]);
        line << QPointF(axis_.xOf(static_cast<double>(k)), y)
             << QPointF(axis_.xOf(static_cast<double>(k + 1)), y);
      }
    } else {
      // Every step's value lies inside its column's band, so no spike is
      // lost however far out; the line follows the last value per column.
      QColor band = style.colour;
      band.setAlphaF(0.45F);
      for (const auto& column : columnBuckets(device.afterStep, axis_)) {
        p.fillRect(QRectF(column.x, yOf(column.high), 1, yOf(column.low) - yOf(column.high) + 1),
                   band);
        const double y = yOf(column.last);
        if (!line.isEmpty()) line << QPointF(column.x, line.back().y());
        line << QPointF(column.x, y) << QPointF(column.x + 1, y);
      }
    }
    if (line.isEmpty()) {
      p.restore();
      continue;
    }
    QPolygonF area = line;
    area << QPointF(line.back().x(), yOf(0)) << QPointF(line.front().x(), yOf(0));
    p.setPen(Qt::NoPen);
    p.setBrush(fill);
    p.drawPolygon(area);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(style.colour, std::max(2.5, l.line / 7), style.line, Qt::FlatCap, Qt::MiterJoin));
    p.drawPolyline(line);
    p.restore();

    // The name at the right, after a sample of the line style.
    const double lastY = std::clamp(line.back().y(), l.chart.top(), l.chart.bottom());
    const double labelY = std::max(lastY, labelBelow + l.line);
    labelBelow = labelY;
    const double sampleLeft = l.chart.right() + pad;
    p.setPen(QPen(style.colour, 3, style.line, Qt::FlatCap));
    p.drawLine(QPointF(sampleLeft, labelY), QPointF(sampleLeft + 2 * l.line, labelY));
    p.setPen(theme_.ink);
    p.setFont(bold);
    p.drawText(QRectF(sampleLeft + 2 * l.line + pad, labelY - l.line / 2, width(), l.line),
               Qt::AlignLeft | Qt::AlignVCenter, qs(device.name));
    p.setFont(font());

    // The peak, where visible: a ring on it and its size beside it.
    if (device.peakBytes > 0 && device.peakStep >= first && device.peakStep < end) {
      const QPointF at(axis_.centreOf(device.peakStep), yOf(device.peakBytes));
      p.setPen(QPen(style.colour, 3));
      p.setBrush(theme_.background);
      p.drawEllipse(at, l.line * 0.3, l.line * 0.3);
      const QString label = tr("peak %1 \u00b7 step %2")
                                .arg(qs(formatBytes(device.peakBytes)))
                                .arg(device.peakStep + 1);
      const double w = QFontMetricsF(bold).horizontalAdvance(label) + pad;
      const bool leftHalf = at.x() < l.chart.center().x();
      QRectF box(leftHalf ? at.x() + l.line * 0.5 : at.x() - l.line * 0.5 - w,
                 std::max(at.y() - l.line * 0.5, l.chart.top()), w, l.line);
      QColor backing = theme_.background;
      backing.setAlphaF(0.85F);
      p.fillRect(box, backing);
      p.setPen(theme_.ink);
      p.setFont(bold);
      p.drawText(box, Qt::AlignCenter, label);
      p.setFont(font());
    }
  }

  // Markers: one per step where they fit, else one per run of steps.
  p.save();
  p.setClipRect(l.markers);
  for (const auto& group : markerGroups(series_, axis_, l.marker * 1.4)) {
    const double x =
        (axis_.xOf(static_cast<double>(group.begin)) + axis_.xOf(static_cast<double>(group.end))) /
        2;
    drawMarker(p, group.kind, QPointF(x, l.markers.center().y()), l.marker, theme_);
  }
  p.restore();

  // Step numbers (1-based, as captions count) at round intervals.
  const std::size_t stride =
      niceStride((metrics.horizontalAdvance(QString::number(series_.size())) + 3 * pad) /
                 axis_.pixelsPerStep());
  p.setPen(theme_.mutedInk);
  for (std::size_t number = (first + 1 + stride - 1) / stride * stride; number <= end;
       number += stride) {
    const double x = axis_.centreOf(number - 1);
    p.drawLine(QPointF(x, l.chart.bottom()), QPointF(x, l.chart.bottom() + pad));
    p.drawText(QRectF(x - 50 * l.line, l.ticksTop, 100 * l.line, l.line * 1.3), Qt::AlignCenter,
               QString::number(number));
  }

  // The cursor over everything, with a handle above the marker row.
  if (current_ >= 0) {
    const double x = axis_.centreOf(static_cast<std::size_t>(current_));
    if (x >= plot.left() - 1 && x <= plot.right() + 1) {
      p.setPen(QPen(theme_.selection, 2));
      p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
      p.setPen(Qt::NoPen);
      p.setBrush(theme_.selection);
      const double s = l.line * 0.35;
      const std::array<QPointF, 3> handle = {QPointF(x - s, plot.top() - s),
                                             QPointF(x + s, plot.top() - s),
                                             QPointF(x, plot.top() + s * 0.2)};
      p.drawPolygon(handle.data(), static_cast<int>(handle.size()));
    }
  }
  if (hasFocus()) {
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setPen(QPen(theme_.selection, 2));
    p.setBrush(Qt::NoBrush);
    p.drawRect(QRectF(rect()).adjusted(1, 1, -1, -1 - scrollBar_->height()));
  }
}

}  // namespace memlens::ui

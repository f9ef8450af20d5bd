#include "ui/MemoryMapView.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

#include "ui/ElementText.h"
#include "ui/MapHitTest.h"
#include "ui/StorageCells.h"

namespace memlens::ui {

MemoryMapView::MemoryMapView(SelectionModel* selection, QWidget* parent)
    : QWidget(parent), selection_(selection) {
  setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);
  setAttribute(Qt::WA_OpaquePaintEvent);
  animation_.setStartValue(0.0);
  animation_.setEndValue(1.0);
  animation_.setEasingCurve(QEasingCurve::Linear);
  connect(&animation_, &QVariantAnimation::valueChanged, this,
          [this](const QVariant& value) { setProgress(value.toDouble()); });
  connect(selection_, &SelectionModel::selectionChanged, this, [this] { update(); });
}

void MemoryMapView::showLayout(const MapLayout& layout, bool backwards) {
  animation_.stop();
  const bool first = current_.bounds.isNull();
  if (motion_.reducedMotion || motion_.durationMs <= 0 || first) {
    frame_ = layout;
  } else {
    // Backwards, the step before plays its own motion in reverse.
    from_ = backwards ? layout : current_;
    to_ = backwards ? current_ : layout;
    animation_.setDuration(motion_.durationMs);
    animation_.setDirection(backwards ? QAbstractAnimation::Backward : QAbstractAnimation::Forward);
    animation_.start();
  }
  current_ = layout;
  if (followFit_) fit();
  update();
}

void MemoryMapView::setProgress(double t) {
  const QRectF visible(toLayout(QPointF(0, 0)), toLayout(QPointF(width(), height())));
  frame_ = interpolateLayouts(from_, to_, t, visible);
  update();
}

void MemoryMapView::skipAnimation() {
  if (animation_.state() != QAbstractAnimation::Running) return;
  animation_.stop();
  frame_ = current_;
  update();
}

void MemoryMapView::setTheme(Theme theme) {
  renderer_.setTheme(std::move(theme));
  update();
}

QTransform MemoryMapView::viewTransform() const {
  QTransform transform;
  transform.scale(zoom_, zoom_);
  transform.translate(-origin_.x(), -origin_.y());
  return transform;
}

QPointF MemoryMapView::toLayout(QPointF widgetPoint) const {
  return viewTransform().inverted().map(widgetPoint);
}

void MemoryMapView::fit() {
  const QRectF bounds = frame_.bounds | current_.bounds;
  if (bounds.isEmpty() || width() <= 0 || height() <= 0) return;
  zoom_ = std::min(width() / bounds.width(), height() / bounds.height());
  // Centre the map in the spare room.
  origin_ = bounds.topLeft() - QPointF((width() / zoom_ - bounds.width()) / 2,
                                       (height() / zoom_ - bounds.height()) / 2);
  followFit_ = true;
  update();
}

void MemoryMapView::zoomBy(double factor, QPointF anchor) {
  const QPointF fixed = toLayout(anchor);
  zoom_ = std::clamp(zoom_ * factor, 0.002, 40.0);
  origin_ = fixed - anchor / zoom_;
  followFit_ = false;
  update();
}

void MemoryMapView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), renderer_.theme().background);
  painter.setTransform(viewTransform());
  const RenderState state{selection_->selection(), hover_,
                          QRectF(toLayout(QPointF(0, 0)), toLayout(QPointF(width(), height()))),
                          spotlight_};
  renderer_.paint(painter, frame_, state);
}

void MemoryMapView::resizeEvent(QResizeEvent*) {
  if (followFit_) fit();
}

void MemoryMapView::wheelEvent(QWheelEvent* event) {
  const double steps = event->angleDelta().y() / 120.0;
  zoomBy(std::pow(1.2, steps), event->position());
  event->accept();
}

void MemoryMapView::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) return;
  dragging_ = true;
  dragged_ = false;
  dragFrom_ = event->position();
}

void MemoryMapView::mouseMoveEvent(QMouseEvent* event) {
  if (dragging_) {
    const QPointF delta = event->position() - dragFrom_;
    if (dragged_ || std::abs(delta.x()) + std::abs(delta.y()) > 4) {
      dragged_ = true;
      origin_ -= delta / zoom_;
      dragFrom_ = event->position();
      followFit_ = false;
      update();
    }
    return;
  }
  const Selection hover = hitTest(frame_, toLayout(event->position())).target;
  if (hover != hover_) {
    hover_ = hover;
    update();
  }
}

void MemoryMapView::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton || !dragging_) return;
  dragging_ = false;
  if (!dragged_) selection_->select(hitTest(frame_, toLayout(event->position())).target);
}

void MemoryMapView::mouseDoubleClickEvent(QMouseEvent*) {
  fit();
}

void MemoryMapView::keyPressEvent(QKeyEvent* event) {
  const QPointF center(width() / 2.0, height() / 2.0);
  switch (event->key()) {
    case Qt::Key_F: fit(); break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoomBy(1.25, center); break;
    case Qt::Key_Minus: zoomBy(0.8, center); break;
    case Qt::Key_Escape:
      skipAnimation();
      selection_->clear();
      break;
    default: QWidget::keyPressEvent(event); return;
  }
}

bool MemoryMapView::event(QEvent* event) {
  if (event->type() == QEvent::ToolTip) {
    const auto* help = static_cast<QHelpEvent*>(event);
    const QString text = tooltipAt(toLayout(help->pos()));
    if (text.isEmpty()) {
      QToolTip::hideText();
    } else {
      QToolTip::showText(help->globalPos(), text, this);
    }
    return true;
  }
  return QWidget::event(event);
}

QString MemoryMapView::tooltipAt(QPointF layoutPoint) const {
  const MapHit hit = hitTest(frame_, layoutPoint);
  if (hit.target.kind == Selection::Kind::Tensor) {
    const auto* object = frame_.findObject(hit.target.id);
    if (!object) return {};
    QStringList names;
    for (const auto& name : object->names) names << QString::fromStdString(name);
    const auto& r = object->record;
    return QStringLiteral(
               "%1 \u2014 tensor object #%2\nshape %3, stride %4, offset %5\n%6 on %7, version %8, "
               "storage S%9")
        .arg(names.join(QStringLiteral(", ")))
        .arg(object->tensor)
        .arg(QString::fromStdString(tupleText(r.shape)),
             QString::fromStdString(tupleText(r.strides)))
        .arg(r.offset)
        .arg(QString::fromStdString(r.dtype), QString::fromStdString(r.device))
        .arg(r.version)
        .arg(r.storage);
  }
  if (hit.target.kind == Selection::Kind::Storage) {
    const auto* block = frame_.findBlock(hit.target.id);
    if (!block) return {};
    QString text = QStringLiteral("storage S%1: %2 at 0x%3")
                       .arg(block->storage)
                       .arg(QString::fromStdString(byteSizeText(block->bytes)))
                       .arg(block->ptr, 0, 16);
    if (block->internal) text += QStringLiteral("\nheld by autograd (no name reaches it)");
    if (block->recycled)
      text += QStringLiteral("\nrecycled address: a new storage where a freed one was");
    if (hit.cell) {
      const auto& cell = block->cells.at(static_cast<std::size_t>(*hit.cell));
      text += QStringLiteral("\nelement %1 = %2")
                  .arg(*hit.cell)
                  .arg(cell.text.empty() ? QStringLiteral("(unknown)")
                                         : QString::fromStdString(cell.text));
    }
    return text;
  }
  return {};
}

}  // namespace memlens::ui

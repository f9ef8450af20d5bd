#pragma once
// The memory map on screen: zoom (wheel), pan (drag), fit (F or double
// click), hover tooltips, click to select, and the motion between steps.
// It paints through MemoryMapRenderer, like every export.

#include <QVariantAnimation>
#include <QWidget>

#include "ui/MapAnimation.h"
#include "ui/MapLayout.h"
#include "ui/MemoryMapRenderer.h"
#include "ui/SelectionModel.h"

namespace memlens::ui {

class MemoryMapView : public QWidget {
  Q_OBJECT

 public:
  explicit MemoryMapView(SelectionModel* selection, QWidget* parent = nullptr);

  // Shows `layout`, moving there from what is shown now unless motion is off.
  // `backwards`: the step before is coming back, so the motion plays reversed.
  void showLayout(const MapLayout& layout, bool backwards = false);
  const MapLayout& frame() const { return frame_; }

  void setTheme(Theme theme);
  void setMotion(MotionSettings motion) { motion_ = motion; }
  const MotionSettings& motion() const { return motion_; }

  void fit();
  // Dims everything the shown step did not change (Classroom mode).
  void setSpotlight(bool on) {
    spotlight_ = on;
    update();
  }
  bool spotlight() const { return spotlight_; }
  void zoomBy(double factor, QPointF anchor);
  void skipAnimation();

  QSize sizeHint() const override { return {1100, 620}; }

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  bool event(QEvent* event) override;

 private:
  QTransform viewTransform() const;
  QPointF toLayout(QPointF widgetPoint) const;
  void setProgress(double t);
  QString tooltipAt(QPointF layoutPoint) const;

  SelectionModel* selection_;
  MemoryMapRenderer renderer_;
  MotionSettings motion_;
  MapLayout current_;  // the settled layout last asked for
  MapLayout from_;     // the motion runs from_ -> to_ as t goes 0 -> 1
  MapLayout to_;
  MapLayout frame_;  // what is on screen now
  QVariantAnimation animation_;
  Selection hover_;
  double zoom_ = 1;
  QPointF origin_;         // the layout point at the widget's top-left corner
  bool followFit_ = true;  // keep fitting on resize until the user zooms or pans
  QPointF dragFrom_;
  bool dragging_ = false;
  bool spotlight_ = false;
  bool dragged_ = false;
};

}  // namespace memlens::ui

#pragma once
// The session's steps along x: a row of step markers (each kind with its own
// shape and colour, errors too), below it the bytes allocated on each device
// after each step (a stepped line per device with its own line style and
// label, the peak marked with its size), and a cursor on the current step.
//
// Picking: click or drag (scrub) picks a step; Left/Right step, Page Up/Down
// jump by a tenth of the visible steps, Home/End go to the ends. Zoom: the
// mouse wheel zooms around the pointer, +/- around the current step;
// shift-wheel, a horizontal wheel or the scrollbar pan. A step picked by key
// or set from outside is kept visible.
//
// Cost: steps are kept in compact per-step arrays (TimelineSeries) extended
// only by the new steps; painting follows pixels (per-column buckets and
// grouped markers when steps are denser than markers), so a 100,000-step
// timeline paints in a few milliseconds.

#include <QWidget>

#include "trace/Timeline.h"
#include "ui/Theme.h"
#include "ui/TimelineGeometry.h"

class QScrollBar;

namespace memlens::ui {

struct TimelineLayout;

class TimelineView : public QWidget {
  Q_OBJECT

 public:
  explicit TimelineView(QWidget* parent = nullptr);

  // The steps to show; nullptr clears. The timeline must outlive the view
  // (or be replaced first); its steps are read once here and then only as
  // stepsAppended() reports them. Keeps the current step where it still
  // exists and shows all steps.
  void setTimeline(const Timeline* timeline);
  // Reads the steps appended to the timeline since the last call; O(new
  // steps). A timeline that shrank (cleared and refilled) is read again.
  void stepsAppended();

  // -1: no current step. Clamped to the steps; kept visible; does not emit
  // currentStepChanged, so a window may call it from that signal's handler.
  void setCurrentStep(int index);
  int currentStep() const { return current_; }

  void setTheme(const Theme& theme);

  // Showing all steps again after zooming.
  void showAllSteps();
  // Which steps are visible where (for the window's tests and status text).
  const TimelineAxis& axis() const { return axis_; }
  const TimelineSeries& series() const { return series_; }

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 Q_SIGNALS:
  // The user picked a step (click, drag or key); not emitted by setCurrentStep.
  void currentStepChanged(int index);

 protected:
  bool event(QEvent* event) override;
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;

 private:
  TimelineLayout layout() const;
  void setAxis(const TimelineAxis& axis);
  void pick(int index);

  const Timeline* timeline_ = nullptr;
  TimelineSeries series_;
  TimelineAxis axis_;
  int current_ = -1;
  Theme theme_ = Theme::light();
  QScrollBar* scrollBar_;
  bool syncingScrollBar_ = false;
};

}  // namespace memlens::ui

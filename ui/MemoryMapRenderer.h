#pragma once
// The one drawing path: paints a MapLayout (a settled step or an animation
// frame) onto any QPainter - the widget, a QImage, QSvgGenerator, QPdfWriter.
// Drawing cost follows what is visible: items outside `visible` are skipped,
// small blocks lose their text, and far out a run of blocks is one rectangle.

#include <QPainter>
#include <QRectF>

#include "ui/MapLayout.h"
#include "ui/Selection.h"
#include "ui/Theme.h"

namespace memlens::ui {

struct RenderState {
  Selection selection;
  Selection hover;
  QRectF visible;  // in layout coordinates; null: everything
  bool spotlight = false;  // dims what the step that led here did not change
};

class MemoryMapRenderer {
 public:
  explicit MemoryMapRenderer(Theme theme = Theme::light()) : theme_(std::move(theme)) {}

  const Theme& theme() const { return theme_; }
  void setTheme(Theme theme) { theme_ = std::move(theme); }

  // Paints in layout coordinates through the painter's current transform,
  // which also decides the level of detail. Fills `layout.bounds` with the
  // background.
  void paint(QPainter& painter, const MapLayout& layout, const RenderState& state = {}) const;

 private:
  Theme theme_;
};

}  // namespace memlens::ui

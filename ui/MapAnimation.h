#pragma once
// The motion between two layouts (step k-1 to step k) as a pure function of
// (from, to, t): a new storage grows in, a freed one fades to a ghost and
// away, an in-place write flashes its cells and ticks the version, a copy
// travels from its source, a new view draws its arrow onto its block, and
// everything that only moved slides. Stepping back plays t from 1 to 0.

#include "ui/MapLayout.h"

namespace memlens::ui {

struct MotionSettings {
  int durationMs = 450;
  bool reducedMotion = false;  // snap to each step instead of moving
};

// The frame at time t in [0, 1]; t = 0 looks like `from`, t = 1 is `to`.
// With a `region` (layout coordinates), the frame holds only the items whose
// motion passes through it - what a screen showing that region needs.
MapLayout interpolateLayouts(const MapLayout& from, const MapLayout& to, double t,
                             const QRectF& region = {});

}  // namespace memlens::ui

#pragma once
// What lies under a point of the map, topmost first: a name, a tensor object,
// or a storage block (and which of its cells).

#include <QPointF>

#include <cstdint>
#include <optional>

#include "ui/MapLayout.h"
#include "ui/Selection.h"

namespace memlens::ui {

struct MapHit {
  Selection target;
  std::optional<std::int64_t> cell;  // the storage element under the point
};

MapHit hitTest(const MapLayout& layout, QPointF point);

}  // namespace memlens::ui

#include "ui/MapHitTest.h"

namespace memlens::ui {

MapHit hitTest(const MapLayout& layout, QPointF point) {
  for (const auto& name : layout.names) {
    if (!name.motion.ghost && name.rect.contains(point))
      return {Selection::tensor(name.tensor), {}};
  }
  for (const auto& object : layout.objects) {
    if (!object.motion.ghost && (object.rect.contains(point) || object.badgeRect.contains(point))) {
      return {Selection::tensor(object.tensor), {}};
    }
  }
  for (const auto& block : layout.blocks) {
    if (block.motion.ghost || !block.rect.contains(point)) continue;
    for (std::size_t i = 0; i < block.cells.size(); ++i) {
      if (block.cells[i].rect.contains(point)) {
        return {Selection::storage(block.storage), static_cast<std::int64_t>(i)};
      }
    }
    return {Selection::storage(block.storage), {}};
  }
  return {};
}

}  // namespace memlens::ui

#include "ui/MapHitTest.h"

namespace memlens::ui {

MapHit hitTest(const MapLayout& layout, QPointF point) {
  const auto near = layout.itemsBetween(point.y(), point.y());
  for (const auto& name : layout.names.slice(near.namesBegin, near.namesEnd)) {
    if (!name.motion.ghost && name.rect.contains(point))
      return {Selection::tensor(name.tensor), {}};
  }
  for (const auto& object : layout.objects.slice(near.objectsBegin, near.objectsEnd)) {
    if (!object.motion.ghost && (object.rect.contains(point) || object.badgeRect.contains(point))) {
      return {Selection::tensor(object.tensor), {}};
    }
  }
  for (const auto& block : layout.blocks.slice(near.blocksBegin, near.blocksEnd)) {
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

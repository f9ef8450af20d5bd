#include "ui/MapAnimation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <vector>

namespace memlens::ui {
namespace {

// Progress of a phase that runs from `begin` to `end` of the whole motion.
double phase(double t, double begin, double end) {
  return std::clamp((t - begin) / (end - begin), 0.0, 1.0);
}

double ease(double p) {
  return p * p * (3 - 2 * p);
}

double lerp(double a, double b, double p) {
  return a + (b - a) * p;
}

QRectF lerp(const QRectF& a, const QRectF& b, double p) {
  return {lerp(a.x(), b.x(), p), lerp(a.y(), b.y(), p), lerp(a.width(), b.width(), p),
          lerp(a.height(), b.height(), p)};
}

// Rises and falls once over the phase: a flash or a pulse.
double bell(double p) {
  return std::sin(std::numbers::pi * p);
}

// Ghost opacity: quickly down to a faint outline, then away.
double ghostOpacity(double t) {
  return t < 0.5 ? lerp(1.0, 0.35, t / 0.5) : lerp(0.35, 0.0, (t - 0.5) / 0.5);
}

QRectF growFromCenter(const QRectF& rect, double p) {
  const double width = rect.width() * p;
  return {rect.center().x() - width / 2, rect.y(), width, rect.height()};
}

void moveBlock(BlockLayout& block, const BlockLayout& before, double t) {
  const double p = ease(phase(t, 0.0, 0.6));
  const QPointF shift = lerp(before.rect, block.rect, p).topLeft() - block.rect.topLeft();
  block.rect.translate(shift);
  block.headerRect.translate(shift);
  block.footerRect.translate(shift);
  const bool showOld = t < 0.5 && before.cells.size() == block.cells.size();
  for (std::size_t i = 0; i < block.cells.size(); ++i) {
    block.cells[i].rect.translate(shift);
    if (showOld) block.cells[i].text = before.cells[i].text;
  }
  if (!block.writtenCells.empty()) block.motion.flash = bell(phase(t, 0.0, 0.9));
}

void growBlock(BlockLayout& block, double t) {
  // A copy arrives first, then the block fills in under it.
  const double p = ease(phase(t, block.copiedFrom ? 0.5 : 0.35, 1.0));
  const QRectF grown = growFromCenter(block.rect, p);
  block.motion.opacity = p;
  block.rect = grown;
  block.headerRect =
      QRectF(grown.x(), block.headerRect.y(), grown.width(), block.headerRect.height());
  if (p < 0.6) block.cells.clear();
}

// The indices of the items of `to` from `begin` to `end`, and of the
// counterparts in `to` of `fromNear`, in order: every item whose motion can
// pass through a region, when both ranges are those near it.
template <class Near, class Counterpart>
std::vector<std::size_t> movingNear(std::size_t begin, std::size_t end, const Near& fromNear,
                                    Counterpart counterpart) {
  std::vector<std::size_t> indices(end - begin);
  std::iota(indices.begin(), indices.end(), begin);
  for (const auto& item : fromNear) {
    if (const auto at = counterpart(item)) indices.push_back(*at);
  }
  std::sort(indices.begin(), indices.end());
  indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
  return indices;
}

}  // namespace

MapLayout interpolateLayouts(const MapLayout& from, const MapLayout& to, double t,
                             const QRectF& region) {
  if (t <= 0) return from;
  if (t >= 1) return to;
  // Only what the motion can show in `region` is interpolated, and only
  // the items near it in either layout are looked at, so a frame costs what
  // is on screen rather than what is in memory.
  const auto shown = [&region](const QRectF& a, const QRectF& b) {
    return region.isNull() || a.intersects(region) || b.intersects(region);
  };
  const auto nearRegion = [&region](const MapLayout& layout) {
    constexpr double kEverywhere = std::numeric_limits<double>::infinity();
    return region.isNull() ? layout.itemsBetween(-kEverywhere, kEverywhere)
                           : layout.itemsBetween(region.top(), region.bottom());
  };
  const ItemRanges fromNear = nearRegion(from);
  const ItemRanges toNear = nearRegion(to);
  const auto fromBlocks = from.blocks.slice(fromNear.blocksBegin, fromNear.blocksEnd);
  const auto fromObjects = from.objects.slice(fromNear.objectsBegin, fromNear.objectsEnd);
  const auto fromNames = from.names.slice(fromNear.namesBegin, fromNear.namesEnd);
  MapLayout frame;
  frame.options = to.options;
  frame.caption = to.caption;
  frame.legend = to.legend;
  frame.lanes = to.lanes;
  frame.bounds = from.bounds | to.bounds;

  // A lane widens early, to make room for what grows in, and narrows late,
  // after the ghosts in it have faded.
  for (auto& lane : frame.lanes) {
    for (const auto& before : from.lanes) {
      if (before.device != lane.device) continue;
      const bool grows = lane.rect.width() >= before.rect.width();
      lane.rect = lerp(before.rect, lane.rect, ease(grows ? phase(t, 0, 0.6) : phase(t, 0.6, 1)));
    }
  }

  for (auto index : movingNear(toNear.blocksBegin, toNear.blocksEnd, fromBlocks,
                               [&](const BlockLayout& b) { return to.indexOfBlock(b.storage); })) {
    const auto& after = to.blocks[index];
    const auto* before = from.findBlock(after.storage);
    if (!shown(before ? before->rect : after.rect, after.rect)) continue;
    BlockLayout block = after;
    if (before) {
      moveBlock(block, *before, t);
    } else {
      if (block.copiedFrom) {
        if (const auto* source = to.findBlock(*block.copiedFrom)) {
          frame.copies.push_back({source->rect, block.rect, ease(phase(t, 0.05, 0.6))});
        }
      }
      growBlock(block, t);
    }
    frame.blocks.push_back(std::move(block));
  }
  for (const auto& before : fromBlocks) {
    if (to.findBlock(before.storage) || !shown(before.rect, before.rect)) continue;
    BlockLayout ghost = before;
    ghost.motion = {};
    ghost.motion.ghost = true;
    ghost.motion.opacity = ghostOpacity(t);
    frame.blocks.push_back(std::move(ghost));
  }

  for (auto index : movingNear(toNear.objectsBegin, toNear.objectsEnd, fromObjects,
                               [&](const ObjectLayout& o) { return to.indexOfObject(o.tensor); })) {
    const auto& after = to.objects[index];
    const auto* before = from.findObject(after.tensor);
    if (!shown(before ? before->rect : after.rect, after.rect)) continue;
    ObjectLayout object = after;
    if (!before) {
      object.motion.opacity = ease(phase(t, 0.3, 0.8));
      object.motion.arrowProgress = ease(phase(t, 0.5, 1.0));
    } else {
      const QRectF moved = lerp(before->rect, object.rect, ease(phase(t, 0.0, 0.6)));
      object.badgeRect.translate(moved.topRight() - object.rect.topRight());
      object.rect = moved;
      if (object.record.version != before->record.version) {
        object.motion.pulse = bell(phase(t, 0.1, 0.9));
        if (t < 0.5) object.record.version = before->record.version;
      }
    }
    frame.objects.push_back(std::move(object));
  }
  for (const auto& before : fromObjects) {
    if (to.findObject(before.tensor) || !shown(before.rect, before.rect)) continue;
    ObjectLayout ghost = before;
    ghost.motion = {};
    ghost.motion.ghost = true;
    ghost.motion.opacity = 1 - phase(t, 0.0, 0.6);
    frame.objects.push_back(std::move(ghost));
  }

  // A name is the same name only while bound to the same object.
  const auto sameBinding = [](const NameLayout* a, const NameLayout& b) {
    return a && a->tensor == b.tensor;
  };
  for (auto index : movingNear(toNear.namesBegin, toNear.namesEnd, fromNames,
                               [&](const NameLayout& n) { return to.indexOfName(n.name); })) {
    const auto& after = to.names[index];
    const auto* before = from.findName(after.name);
    const bool same = sameBinding(before, after);
    if (!shown(same ? before->rect : after.rect, after.rect)) continue;
    NameLayout name = after;
    if (same) {
      name.rect = lerp(before->rect, name.rect, ease(phase(t, 0.0, 0.6)));
    } else {
      name.motion.opacity = ease(phase(t, 0.3, 0.8));
    }
    frame.names.push_back(std::move(name));
  }
  for (const auto& before : fromNames) {
    if (sameBinding(to.findName(before.name), before) || !shown(before.rect, before.rect)) continue;
    NameLayout ghost = before;
    ghost.motion.ghost = true;
    ghost.motion.opacity = 1 - phase(t, 0.0, 0.5);
    frame.names.push_back(std::move(ghost));
  }

  frame.index();
  return frame;
}

}  // namespace memlens::ui

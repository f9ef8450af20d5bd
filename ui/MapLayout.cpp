#include "ui/MapLayout.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "ui/ElementText.h"
#include "ui/StorageCells.h"

namespace memlens::ui {

const BlockLayout* MapLayout::findBlock(std::int64_t storage) const {
  const auto it = blockIndex_.find(storage);
  return it == blockIndex_.end() ? nullptr : &blocks[it->second];
}

const ObjectLayout* MapLayout::findObject(std::int64_t tensor) const {
  const auto it = objectIndex_.find(tensor);
  return it == objectIndex_.end() ? nullptr : &objects[it->second];
}

const NameLayout* MapLayout::findName(const std::string& name) const {
  const auto it = nameIndex_.find(name);
  return it == nameIndex_.end() ? nullptr : &names[it->second];
}

void MapLayout::index() {
  blockIndex_.clear();
  objectIndex_.clear();
  nameIndex_.clear();
  // Ghosts of freed items share ids with nothing live; the live item wins.
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (!blocks[i].motion.ghost || !blockIndex_.contains(blocks[i].storage)) {
      blockIndex_[blocks[i].storage] = i;
    }
  }
  for (std::size_t i = 0; i < objects.size(); ++i) {
    if (!objects[i].motion.ghost || !objectIndex_.contains(objects[i].tensor)) {
      objectIndex_[objects[i].tensor] = i;
    }
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!names[i].motion.ghost || !nameIndex_.contains(names[i].name))
      nameIndex_[names[i].name] = i;
  }
}

namespace {

// Every length of the map, derived from the base font size so that a
// projector preset only has to raise one number.
struct Metrics {
  explicit Metrics(double f)
      : font(f),
        margin(f),
        charWidth(0.62 * f),
        captionHeight(2.4 * f),
        laneTitleHeight(1.8 * f),
        nameHeight(1.7 * f),
        nameGap(0.5 * f),
        nameToObject(1.6 * f),
        objectHeight(3.2 * f),
        objectGap(0.8 * f),
        objectToBlock(2.4 * f),
        blockHeader(1.5 * f),
        blockPad(0.4 * f),
        cellHeight(2.2 * f),
        minCellWidth(2.6 * f),
        minBlockWidth(3.2 * f),
        logUnit(1.4 * f),
        columnGap(1.2 * f),
        footerHeight(2.2 * f),
        laneGap(f),
        maxAddressGap(3 * f) {}

  double textWidth(std::size_t chars, double size) const {
    return static_cast<double>(chars) * 0.62 * size;
  }

  double font, margin, charWidth, captionHeight, laneTitleHeight, nameHeight, nameGap, nameToObject,
      objectHeight, objectGap, objectToBlock, blockHeader, blockPad, cellHeight, minCellWidth,
      minBlockWidth, logUnit, columnGap, footerHeight, laneGap, maxAddressGap;
};

// A tensor object and the names bound to it.
struct ObjectGroup {
  std::vector<std::string> names;
  const TensorRecord* record = nullptr;
  double width = 0;  // of its box, names included
};

double nameWidth(const Metrics& m, const std::string& name) {
  return std::max(2.4 * m.font, m.textWidth(name.size(), m.font) + 1.2 * m.font);
}

double namesWidth(const Metrics& m, const std::vector<std::string>& names) {
  double width = 0;
  for (const auto& name : names) width += nameWidth(m, name) + m.nameGap;
  return width - m.nameGap;
}

double objectWidth(const Metrics& m, const ObjectGroup& group) {
  const auto text = std::max(shapeLine(*group.record).size(), strideLine(*group.record).size());
  const double box = m.textWidth(text, 0.9 * m.font) + 3.4 * m.font;  // room for the badge
  return std::max({box, namesWidth(m, group.names), 7 * m.font});
}

// Block geometry before placement: its size and its cells relative to (0, 0).
struct BlockShape {
  double width = 0;
  double height = 0;
  std::vector<CellLayout> cells;
  std::string dtype;
};

double scaledWidth(const Metrics& m, const LayoutOptions& options, std::int64_t bytes) {
  if (options.scale == WidthScale::Log) {
    const double doublings = std::log2(std::max(1.0, static_cast<double>(bytes) / 8.0));
    return m.minBlockWidth + m.logUnit * doublings;
  }
  return std::max(m.minBlockWidth, static_cast<double>(bytes) / options.bytesPerUnit);
}

BlockShape shapeBlock(const Metrics& m, const LayoutOptions& options, const StorageRecord& storage,
                      const std::vector<const TensorRecord*>& tensors) {
  BlockShape shape;
  const std::string header =
      "S" + std::to_string(storage.id) + " \u00b7 " + byteSizeText(storage.bytes);
  shape.width = std::max(scaledWidth(m, options, storage.bytes),
                         m.textWidth(header.size(), 0.8 * m.font) + 2 * m.blockPad);
  shape.height = m.blockHeader + m.cellHeight + m.blockPad;
  // "held by autograd" inside the block needs room to be read.
  if (storage.internal) shape.width = std::max(shape.width, m.textWidth(16, 0.7 * m.font) + m.font);
  if (!tensors.empty()) shape.dtype = tensors.front()->dtype;
  const auto size = dtypeSize(shape.dtype);
  if (size == 0 || storage.bytes % size != 0) return shape;
  const auto count = storage.bytes / size;
  if (count == 0 || count > options.maxCells) return shape;

  const auto values = storageValues(count, tensors);
  std::vector<std::string> texts;
  std::size_t longest = 1;
  for (const auto& value : values) {
    texts.push_back(value ? elementText(*value) : std::string());
    longest = std::max(longest, texts.back().size());
  }
  const auto columns = std::min(count, options.cellsPerRow);
  const auto rows = (count + columns - 1) / columns;
  const double cellWidth = std::max(m.minCellWidth, m.textWidth(longest, m.font) + 0.8 * m.font);
  shape.width = std::max(shape.width, static_cast<double>(columns) * cellWidth + 2 * m.blockPad);
  shape.height = m.blockHeader + static_cast<double>(rows) * m.cellHeight + m.blockPad;
  const double left = (shape.width - static_cast<double>(columns) * cellWidth) / 2;
  for (std::int64_t i = 0; i < count; ++i) {
    const auto row = static_cast<double>(i / columns);
    const auto column = static_cast<double>(i % columns);
    shape.cells.push_back({QRectF(left + column * cellWidth, m.blockHeader + row * m.cellHeight,
                                  cellWidth, m.cellHeight),
                           texts[static_cast<std::size_t>(i)]});
  }
  return shape;
}

// Lanes in a fixed order: the CPU first, then accelerators by name.
bool laneBefore(const std::string& a, const std::string& b) {
  if ((a == "cpu") != (b == "cpu")) return a == "cpu";
  return a < b;
}

// The persistent slot order of one lane: surviving storages keep their
// order, freed ones leave holes, new ones go in by address (filling a hole
// whose addresses they reuse).
std::vector<Slot> mergeSlots(const std::vector<Slot>& previous,
                             const std::vector<const StorageRecord*>& live) {
  std::map<std::int64_t, const StorageRecord*> byId;
  for (const auto* storage : live) byId[storage->id] = storage;

  std::vector<Slot> kept;
  std::set<std::int64_t> known;
  for (const auto& slot : previous) {
    const auto it = byId.find(slot.storage);
    if (slot.storage != 0 && it != byId.end()) {
      kept.push_back({slot.storage, it->second->ptr, it->second->bytes, slot.width});
      known.insert(slot.storage);
    } else if (!kept.empty() && kept.back().storage == 0) {
      // Adjacent holes become one, spanning both address ranges.
      auto& hole = kept.back();
      const auto end = std::max(hole.ptr + static_cast<std::uint64_t>(hole.bytes),
                                slot.ptr + static_cast<std::uint64_t>(slot.bytes));
      hole.ptr = std::min(hole.ptr, slot.ptr);
      hole.bytes = static_cast<std::int64_t>(end - hole.ptr);
      hole.width += slot.width;
    } else {
      kept.push_back({0, slot.ptr, slot.bytes, slot.width});
    }
  }

  std::vector<const StorageRecord*> fresh;
  for (const auto* storage : live) {
    if (!known.contains(storage->id)) fresh.push_back(storage);
  }
  std::sort(fresh.begin(), fresh.end(),
            [](const auto* a, const auto* b) { return a->ptr < b->ptr; });

  std::vector<Slot> merged;
  std::size_t next = 0;
  const auto emitFreshBelow = [&](std::uint64_t ptr) {
    bool any = false;
    while (next < fresh.size() && fresh[next]->ptr < ptr) {
      merged.push_back({fresh[next]->id, fresh[next]->ptr, fresh[next]->bytes, 0});
      ++next;
      any = true;
    }
    return any;
  };
  for (const auto& slot : kept) {
    emitFreshBelow(slot.ptr);
    if (slot.storage != 0) {
      merged.push_back(slot);
    } else if (!emitFreshBelow(slot.ptr + static_cast<std::uint64_t>(slot.bytes))) {
      merged.push_back(slot);
    }
  }
  emitFreshBelow(UINT64_MAX);
  while (next < fresh.size()) {
    merged.push_back({fresh[next]->id, fresh[next]->ptr, fresh[next]->bytes, 0});
    ++next;
  }
  while (!merged.empty() && merged.back().storage == 0) merged.pop_back();

  // Holes keep neighbours still; once they outweigh the live blocks the lane
  // closes them all at once rather than drifting ever wider.
  double holes = 0;
  double blocks = 0;
  for (const auto& slot : merged) (slot.storage == 0 ? holes : blocks) += slot.width;
  if (holes > blocks) {
    std::erase_if(merged, [](const Slot& slot) { return slot.storage == 0; });
  }
  return merged;
}

std::vector<std::int64_t> changedCells(const BlockLayout& before, const BlockLayout& after) {
  std::vector<std::int64_t> changed;
  if (before.cells.size() != after.cells.size()) return changed;
  for (std::size_t i = 0; i < after.cells.size(); ++i) {
    if (before.cells[i].text != after.cells[i].text)
      changed.push_back(static_cast<std::int64_t>(i));
  }
  return changed;
}

// Cells written in place: those read by an object whose version rose, and
// whose value changed when any did (`x.add_(0)` still writes every cell).
void markWrites(MapLayout& layout, const MapLayout& previous) {
  std::map<std::int64_t, std::set<std::int64_t>> touched;
  for (const auto& object : layout.objects) {
    const auto* before = previous.findObject(object.tensor);
    if (!before || object.record.version <= before->record.version) continue;
    auto& cells = touched[object.record.storage];
    cells.insert(object.coveredCells.begin(), object.coveredCells.end());
  }
  for (auto& block : layout.blocks) {
    const auto* before = previous.findBlock(block.storage);
    if (!before) continue;
    const auto changed = changedCells(*before, block);
    const auto it = touched.find(block.storage);
    if (it == touched.end()) {
      block.writtenCells = changed;
      continue;
    }
    for (auto cell : changed) {
      if (it->second.contains(cell)) block.writtenCells.push_back(cell);
    }
    if (block.writtenCells.empty()) block.writtenCells.assign(it->second.begin(), it->second.end());
  }
}

// Whether the step observed a call reading `source` that produced `target`.
bool flowsInto(const Step& step, std::int64_t source, std::int64_t target) {
  return std::any_of(step.flows.begin(), step.flows.end(), [&](const DataFlow& flow) {
    return std::find(flow.reads.begin(), flow.reads.end(), source) != flow.reads.end() &&
           std::find(flow.produces.begin(), flow.produces.end(), target) != flow.produces.end();
  });
}

// A new storage produced by a call that read an existing block, holding
// exactly the values a tensor read from that block, was copied from it.
void markCopies(MapLayout& layout, const MapLayout& previous, const Step& step) {
  for (auto& block : layout.blocks) {
    if (previous.findBlock(block.storage) || block.cells.empty()) continue;
    // The source is read the way the copying tensor read it: a contiguous
    // copy of a transposed view holds the view's order, not its storage's.
    for (const auto& source : previous.objects) {
      const auto* from = previous.findBlock(source.record.storage);
      if (!from || !layout.findBlock(from->storage) ||
          source.coveredCells.size() != block.cells.size() ||
          !flowsInto(step, from->storage, block.storage)) {
        continue;
      }
      bool same = true;
      for (std::size_t i = 0; same && i < block.cells.size(); ++i) {
        const auto cell = static_cast<std::size_t>(source.coveredCells[i]);
        same = cell < from->cells.size() && !from->cells[cell].text.empty() &&
               from->cells[cell].text == block.cells[i].text;
      }
      if (same) {
        block.copiedFrom = from->storage;
        break;
      }
    }
  }
}

void layoutLegend(MapLayout& layout, const Metrics& m, double top, double width) {
  const std::vector<std::pair<LegendGlyph, std::string>> items = {
      {LegendGlyph::Name, "name (Python variable)"},
      {LegendGlyph::Object, "tensor object: shape, stride, offset"},
      {LegendGlyph::Version, "version (in-place writes)"},
      {LegendGlyph::Storage, "storage: memory block, cells = elements"},
      {LegendGlyph::Arrow, "refers to"},
      {LegendGlyph::Written, "written in place"},
      {LegendGlyph::Internal, "held by autograd"},
      {LegendGlyph::Recycled, "new storage on a recycled address"},
      {LegendGlyph::Freed, "freed"},
  };
  const double glyphWidth = 2.6 * m.font;
  const double rowHeight = 1.6 * m.font;
  const double size = 0.8 * m.font;
  double x = m.margin;
  double y = top;
  for (const auto& [glyph, label] : items) {
    const double itemWidth = glyphWidth + 0.4 * m.font + m.textWidth(label.size(), size);
    if (x > m.margin && x + itemWidth > width) {
      x = m.margin;
      y += rowHeight;
    }
    LegendItem item{glyph, label, QRectF(x, y + 0.2 * m.font, glyphWidth, rowHeight - 0.4 * m.font),
                    QRectF(x + glyphWidth + 0.4 * m.font, y, itemWidth - glyphWidth, rowHeight)};
    layout.legend.push_back(item);
    x += itemWidth + 1.2 * m.font;
  }
}

}  // namespace

MapLayout layoutMap(const MapInput& input, const LayoutOptions& options,
                    const MapLayout* previous) {
  const Metrics m(options.fontSize);
  const State& state = *input.state;
  MapLayout layout;
  layout.options = options;

  // Objects by tensor id, names in order; tensors by storage.
  std::map<std::int64_t, ObjectGroup> groups;
  for (const auto& [name, record] : state.tensors) {
    auto& group = groups[record.id];
    group.names.push_back(name);
    if (!group.record) group.record = &record;
  }
  std::map<std::int64_t, std::vector<const TensorRecord*>> tensorsOnStorage;
  std::map<std::int64_t, std::vector<std::int64_t>> objectsOnStorage;
  for (auto& [id, group] : groups) {
    tensorsOnStorage[group.record->storage].push_back(group.record);
    objectsOnStorage[group.record->storage].push_back(id);
    group.width = objectWidth(m, group);
  }

  // Devices: every storage's and every tensor's.
  std::vector<std::string> devices;
  const auto addDevice = [&](const std::string& device) {
    if (std::find(devices.begin(), devices.end(), device) == devices.end())
      devices.push_back(device);
  };
  for (const auto& [id, storage] : state.storages) addDevice(storage.device);
  for (const auto& [id, group] : groups) addDevice(group.record->device);
  std::sort(devices.begin(), devices.end(), laneBefore);

  double top = m.margin;
  if (input.step || !input.title.empty()) {
    CaptionLayout caption;
    caption.title = input.title;
    if (input.step) {
      caption.code = input.step->code;
      for (auto kind : input.step->kinds) caption.kinds.emplace_back(toString(kind));
      if (input.step->error)
        caption.error = input.step->error->type + ": " + input.step->error->message;
    }
    const double height = caption.error.empty() ? m.captionHeight : m.captionHeight + 1.4 * m.font;
    caption.rect = QRectF(m.margin, top, 0, height);
    layout.caption = caption;
    top += height + 0.6 * m.font;
  }

  double right = m.margin;
  for (const auto& device : devices) {
    LaneLayout lane;
    lane.device = device;
    const double laneTop = top;
    lane.titleRect = QRectF(m.margin + 0.5 * m.font, laneTop, 16 * m.font, m.laneTitleHeight);
    const double nameTop = laneTop + m.laneTitleHeight + 0.3 * m.font;
    const double objectTop = nameTop + m.nameHeight + m.nameToObject;
    const double blockTop = objectTop + m.objectHeight + m.objectToBlock;
    const double left = m.margin + m.font;

    std::vector<const StorageRecord*> live;
    for (const auto& [id, storage] : state.storages) {
      if (storage.device == device) live.push_back(&storage);
    }
    std::map<std::int64_t, BlockShape> shapes;
    for (const auto* storage : live) {
      shapes[storage->id] = shapeBlock(m, options, *storage, tensorsOnStorage[storage->id]);
    }
    const auto groupWidth = [&](std::int64_t storage) {
      double width = 0;
      const auto it = objectsOnStorage.find(storage);
      if (it == objectsOnStorage.end()) return width;
      for (auto id : it->second) width += groups[id].width + m.objectGap;
      return width - m.objectGap;
    };

    // Horizontal placement of the blocks.
    struct Placement {
      std::int64_t storage;
      double x;
      double column;  // the room its labels may use
    };
    std::vector<Placement> blockLeft;  // in lane order
    if (options.scale == WidthScale::Address) {
      std::vector<const StorageRecord*> sorted = live;
      std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->ptr < b->ptr; });
      double x = left;
      std::uint64_t end = sorted.empty() ? 0 : sorted.front()->ptr;
      for (const auto* storage : sorted) {
        const double gap = storage->ptr > end
                               ? std::min(m.maxAddressGap, static_cast<double>(storage->ptr - end) /
                                                               options.bytesPerUnit)
                               : 0;
        x += std::max(gap, 0.3 * m.font);
        blockLeft.push_back({storage->id, x, shapes[storage->id].width});
        x += shapes[storage->id].width;
        end = std::max(end, storage->ptr + static_cast<std::uint64_t>(storage->bytes));
        lane.slots.push_back(
            {storage->id, storage->ptr, storage->bytes, shapes[storage->id].width});
      }
    } else {
      const LaneLayout* before = nullptr;
      if (previous) {
        for (const auto& candidate : previous->lanes) {
          if (candidate.device == device) before = &candidate;
        }
      }
      lane.slots = mergeSlots(before ? before->slots : std::vector<Slot>{}, live);
      double x = left;
      for (auto& slot : lane.slots) {
        if (slot.storage != 0) {
          const double blockWidth = shapes[slot.storage].width;
          slot.width = std::max(blockWidth, groupWidth(slot.storage));
          blockLeft.push_back({slot.storage, x + (slot.width - blockWidth) / 2, slot.width});
        }
        x += slot.width + m.columnGap;
      }
    }

    double laneBottom = blockTop + m.blockHeader + m.cellHeight + m.blockPad;
    double objectsRight = left;
    double laneRight = left;
    const auto placeObjects = [&](const std::vector<std::int64_t>& ids, double center,
                                  const BlockLayout* block) {
      double total = 0;
      for (auto id : ids) total += groups[id].width + m.objectGap;
      total -= m.objectGap;
      double x = std::max(center - total / 2, objectsRight);
      for (auto id : ids) {
        const auto& group = groups[id];
        ObjectLayout object;
        object.tensor = id;
        object.names = group.names;
        object.record = *group.record;
        const double width = group.width;
        object.rect = QRectF(x, objectTop, width, m.objectHeight);
        object.badgeRect = QRectF(object.rect.right() - 2.6 * m.font, objectTop - 0.5 * m.font,
                                  2.2 * m.font, 1.4 * m.font);
        if (block && !block->cells.empty()) {
          const auto indices = storageIndices(object.record, 4096);
          if (indices) object.coveredCells = *indices;
          const auto first = object.coveredCells.empty() ? 0 : object.coveredCells.front();
          if (first >= 0 && static_cast<std::size_t>(first) < block->cells.size()) {
            const auto& cell = block->cells[static_cast<std::size_t>(first)].rect;
            object.arrowTargetX = (cell.center().x() - block->rect.left()) / block->rect.width();
          }
        }
        double nameX = object.rect.center().x() - namesWidth(m, group.names) / 2;
        for (const auto& name : group.names) {
          const double w = nameWidth(m, name);
          layout.names.push_back({name, id, QRectF(nameX, nameTop, w, m.nameHeight), {}});
          nameX += w + m.nameGap;
        }
        x += width + m.objectGap;
        layout.objects.push_back(std::move(object));
      }
      objectsRight = x - m.objectGap + m.columnGap;
      laneRight = std::max(laneRight, objectsRight);
    };

    for (const auto& [storageId, x, column] : blockLeft) {
      const auto& storage = state.storages.at(storageId);
      auto& shape = shapes[storageId];
      BlockLayout block;
      block.storage = storageId;
      block.device = device;
      block.ptr = storage.ptr;
      block.bytes = storage.bytes;
      block.internal = storage.internal;
      block.recycled = storage.recycledAddress;
      block.dtype = shape.dtype;
      block.rect = QRectF(x, blockTop, shape.width, shape.height);
      block.headerRect = QRectF(x, blockTop, shape.width, m.blockHeader);
      const double footerWidth = std::max(shape.width + 1.2 * m.font, column);
      block.footerRect = QRectF(block.rect.center().x() - footerWidth / 2,
                                block.rect.bottom() + 0.2 * m.font, footerWidth, m.footerHeight);
      for (auto& cell : shape.cells) {
        cell.rect.translate(x, blockTop);
        block.cells.push_back(std::move(cell));
      }
      laneBottom = std::max(laneBottom, block.rect.bottom());
      laneRight = std::max(laneRight, block.rect.right());
      layout.blocks.push_back(std::move(block));
      const auto it = objectsOnStorage.find(storageId);
      if (it != objectsOnStorage.end()) {
        placeObjects(it->second, layout.blocks.back().rect.center().x(), &layout.blocks.back());
      }
    }
    // Objects on this device whose storage is not live (or who have none).
    std::vector<std::int64_t> orphans;
    for (const auto& [id, group] : groups) {
      if (group.record->device == device && !state.storages.contains(group.record->storage)) {
        orphans.push_back(id);
      }
    }
    if (!orphans.empty()) placeObjects(orphans, laneRight, nullptr);

    laneBottom += m.footerHeight + 0.4 * m.font;
    lane.rect = QRectF(m.margin, laneTop, std::max(laneRight + m.font, 22 * m.font) - m.margin,
                       laneBottom - laneTop);
    right = std::max(right, lane.rect.right());
    top = laneBottom + m.laneGap;
    layout.lanes.push_back(std::move(lane));
  }
  // Lanes share one width, so the picture reads as one map.
  for (auto& lane : layout.lanes) lane.rect.setRight(right);
  layout.index();

  if (previous) {
    for (auto& block : layout.blocks) block.created = !previous->findBlock(block.storage);
    for (auto& object : layout.objects) {
      const ObjectLayout* before = previous->findObject(object.tensor);
      object.changed = !before || !(before->record == object.record);
    }
    for (auto& name : layout.names) {
      const NameLayout* before = previous->findName(name.name);
      name.changed = !before || before->tensor != name.tensor;
    }
    markWrites(layout, *previous);
    if (input.step) markCopies(layout, *previous, *input.step);
  }
  if (layout.caption) layout.caption->rect.setRight(std::max(right, 40 * m.font));
  right = std::max(right, layout.caption ? layout.caption->rect.right() : right);
  if (options.legend) layoutLegend(layout, m, top, std::max(right, 40 * m.font));

  QRectF bounds(0, 0, right + m.margin, top);
  for (const auto& item : layout.legend)
    bounds |= item.labelRect.adjusted(0, 0, m.margin, m.margin);
  layout.bounds = bounds;
  layoutSegments(state, layout);
  return layout;
}

}  // namespace memlens::ui

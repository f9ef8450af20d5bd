#include "ui/MapLayout.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <unordered_set>
#include <utility>

#include "ui/ElementText.h"
#include "ui/StorageCells.h"

namespace memlens::ui {

namespace {

// The first entry for `key` whose item `matches`: live items sort before
// ghosts of freed ones, so the live item wins.
template <class Entries, class Matches>
const auto* findEntry(const Entries& entries, std::uint64_t key, Matches matches) {
  auto it = std::lower_bound(entries.begin(), entries.end(), key,
                             [](const auto& entry, std::uint64_t k) { return entry.key < k; });
  for (; it != entries.end() && it->key == key; ++it) {
    if (matches(it->item)) return &*it;
  }
  return static_cast<decltype(&*it)>(nullptr);
}

template <class Entries, class Items, class KeyOf>
void buildIndex(Entries& entries, const Items& items, KeyOf keyOf) {
  entries.clear();
  entries.reserve(items.size());
  for (const auto& item : items) {
    entries.push_back({keyOf(item), item.motion.ghost, static_cast<std::uint32_t>(entries.size())});
  }
  std::sort(entries.begin(), entries.end());
}

// The entries of the layout before, moved to where `built` put their items
// (and dropped where it did not), merged with those of the fresh items.
template <class Entries, class Built, class Items, class KeyOf>
Entries carryIndex(const Entries& before, const Built& built, const Items& items,
                   const std::vector<std::size_t>& fresh, KeyOf keyOf) {
  Entries added;
  added.reserve(fresh.size());
  for (auto i : fresh) {
    const auto& item = items[i];
    added.push_back({keyOf(item), item.motion.ghost, static_cast<std::uint32_t>(i)});
  }
  std::sort(added.begin(), added.end());
  Entries entries;
  entries.reserve(before.size() + added.size());
  auto next = added.begin();
  for (const auto& entry : before) {
    const auto at = built.positions()[entry.item];
    if (at == Built::kGone) continue;
    for (; next != added.end() && next->key < entry.key; ++next) entries.push_back(*next);
    entries.push_back({entry.key, entry.ghost, at});
  }
  entries.insert(entries.end(), next, added.end());
  return entries;
}

std::uint64_t blockKey(const BlockLayout& block) {
  return static_cast<std::uint64_t>(block.storage);
}

std::uint64_t objectKey(const ObjectLayout& object) {
  return static_cast<std::uint64_t>(object.tensor);
}

std::uint64_t nameKey(const std::string& name) {
  return std::hash<std::string>{}(name);
}

std::uint64_t nameKey(const NameLayout& name) {
  return nameKey(name.name);
}

}  // namespace

const BlockLayout* MapLayout::findBlock(std::int64_t storage) const {
  const auto at = indexOfBlock(storage);
  return at ? &blocks[*at] : nullptr;
}

const ObjectLayout* MapLayout::findObject(std::int64_t tensor) const {
  const auto at = indexOfObject(tensor);
  return at ? &objects[*at] : nullptr;
}

const NameLayout* MapLayout::findName(const std::string& name) const {
  const auto at = indexOfName(name);
  return at ? &names[*at] : nullptr;
}

std::optional<std::size_t> MapLayout::indexOfBlock(std::int64_t storage) const {
  const auto* entry = findEntry(blockIndex_, static_cast<std::uint64_t>(storage),
                                [](std::uint32_t) { return true; });
  return entry ? std::optional<std::size_t>(entry->item) : std::nullopt;
}

std::optional<std::size_t> MapLayout::indexOfObject(std::int64_t tensor) const {
  const auto* entry = findEntry(objectIndex_, static_cast<std::uint64_t>(tensor),
                                [](std::uint32_t) { return true; });
  return entry ? std::optional<std::size_t>(entry->item) : std::nullopt;
}

std::optional<std::size_t> MapLayout::indexOfName(const std::string& name) const {
  const auto* entry = findEntry(nameIndex_, nameKey(name),
                                [&](std::uint32_t item) { return names[item].name == name; });
  return entry ? std::optional<std::size_t>(entry->item) : std::nullopt;
}

void MapLayout::index() {
  buildIndex(blockIndex_, std::as_const(blocks), blockKey);
  buildIndex(objectIndex_, std::as_const(objects), objectKey);
  buildIndex(nameIndex_, std::as_const(names), [](const NameLayout& n) { return nameKey(n); });
}

ItemRanges MapLayout::itemsBetween(double top, double bottom) const {
  if (rows_.empty() || rows_.back().blocksEnd != blocks.size() ||
      rows_.back().objectsEnd != objects.size() || rows_.back().namesEnd != names.size()) {
    return {0, blocks.size(), 0, objects.size(), 0, names.size()};
  }
  const auto first = std::partition_point(rows_.begin(), rows_.end(),
                                          [top](const Row& row) { return row.bottom < top; });
  const auto last = std::partition_point(first, rows_.end(),
                                         [bottom](const Row& row) { return row.top <= bottom; });
  if (first == last) return {};
  const Row before = first == rows_.begin() ? Row{} : *(first - 1);
  const Row& end = *(last - 1);
  return {before.blocksEnd, end.blocksEnd,   before.objectsEnd,
          end.objectsEnd,   before.namesEnd, end.namesEnd};
}

void MapLayout::indexFrom(const MapLayout& previous,
                          const SharedItems<BlockLayout>::Builder& blocksBuilt,
                          const SharedItems<ObjectLayout>::Builder& objectsBuilt,
                          const SharedItems<NameLayout>::Builder& namesBuilt, const Fresh& fresh) {
  blockIndex_ =
      carryIndex(previous.blockIndex_, blocksBuilt, std::as_const(blocks), fresh.blocks, blockKey);
  objectIndex_ = carryIndex(previous.objectIndex_, objectsBuilt, std::as_const(objects),
                            fresh.objects, objectKey);
  nameIndex_ = carryIndex(previous.nameIndex_, namesBuilt, std::as_const(names), fresh.names,
                          [](const NameLayout& n) { return nameKey(n); });
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
        rowGap(0.8 * f),
        maxAddressGap(3 * f) {}

  double textWidth(std::size_t chars, double size) const {
    return static_cast<double>(chars) * 0.62 * size;
  }

  double font, margin, charWidth, captionHeight, laneTitleHeight, nameHeight, nameGap, nameToObject,
      objectHeight, objectGap, objectToBlock, blockHeader, blockPad, cellHeight, minCellWidth,
      minBlockWidth, logUnit, columnGap, footerHeight, laneGap, rowGap, maxAddressGap;
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
  // `live` comes in id order (the state's), so an id is found by bisection.
  const auto find = [&live](std::int64_t id) -> std::size_t {
    const auto it =
        std::lower_bound(live.begin(), live.end(), id,
                         [](const auto* storage, std::int64_t k) { return storage->id < k; });
    return it != live.end() && (*it)->id == id ? static_cast<std::size_t>(it - live.begin())
                                               : live.size();
  };
  std::vector<Slot> kept;
  kept.reserve(previous.size());
  std::vector<bool> known(live.size());
  for (const auto& slot : previous) {
    const auto at = slot.storage != 0 ? find(slot.storage) : live.size();
    if (at < live.size()) {
      kept.push_back({slot.storage, live[at]->ptr, live[at]->bytes, slot.width});
      known[at] = true;
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
  for (std::size_t i = 0; i < live.size(); ++i) {
    if (!known[i]) fresh.push_back(live[i]);
  }
  std::sort(fresh.begin(), fresh.end(),
            [](const auto* a, const auto* b) { return a->ptr < b->ptr; });

  std::vector<Slot> merged;
  merged.reserve(kept.size() + fresh.size());
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
// Only the blocks and objects laid out afresh can have changed.
void markWrites(MapLayout& layout, const MapLayout& previous,
                const std::vector<std::size_t>& freshBlocks,
                const std::vector<std::size_t>& freshObjects) {
  std::map<std::int64_t, std::set<std::int64_t>> touched;
  for (auto index : freshObjects) {
    const auto& object = std::as_const(layout.objects)[index];
    const auto* before = previous.findObject(object.tensor);
    if (!before || object.record.version <= before->record.version) continue;
    auto& cells = touched[object.record.storage];
    cells.insert(object.coveredCells.begin(), object.coveredCells.end());
  }
  for (auto index : freshBlocks) {
    auto& block = layout.blocks[index];
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
void markCopies(MapLayout& layout, const MapLayout& previous, const Step& step,
                const std::vector<std::size_t>& freshBlocks) {
  for (auto index : freshBlocks) {
    auto& block = layout.blocks[index];
    const bool produced = std::any_of(step.flows.begin(), step.flows.end(), [&](const auto& flow) {
      return std::find(flow.produces.begin(), flow.produces.end(), block.storage) !=
             flow.produces.end();
    });
    if (!produced || previous.findBlock(block.storage) || block.cells.empty()) continue;
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

// Storages whose block or objects a step may have changed: those it created,
// changed or freed, and those of every name it bound or unbound, before and
// after (a tensor whose facts changed is bound again by the step).
std::unordered_set<std::int64_t> touchedStorages(const Step& step, const MapLayout& previous) {
  std::unordered_set<std::int64_t> touched;
  const auto before = [&](const std::string& name) {
    const auto* bound = previous.findName(name);
    const auto* object = bound ? previous.findObject(bound->tensor) : nullptr;
    if (object) touched.insert(object->record.storage);
  };
  for (const auto& record : step.tensors) {
    touched.insert(record.storage);
    before(record.name);
  }
  for (const auto& name : step.unbound) before(name);
  for (const auto& storage : step.storages) touched.insert(storage.id);
  touched.insert(step.freed.begin(), step.freed.end());
  return touched;
}

void translateBlock(BlockLayout& block, QPointF shift) {
  block.rect.translate(shift);
  block.headerRect.translate(shift);
  block.footerRect.translate(shift);
  for (auto& cell : block.cells) cell.rect.translate(shift);
}

// A block's column before placement: laid out afresh, or copied from the
// previous layout when the step left it alone.
struct Column {
  const BlockLayout* reused = nullptr;
  std::size_t reusedAt = 0;  // the reused block's index in the previous layout
  BlockShape shape;
  double width() const { return reused ? reused->rect.width() : shape.width; }
  double height() const { return reused ? reused->rect.height() : shape.height; }
};

}  // namespace

MapLayout layoutMap(const MapInput& input, const LayoutOptions& options,
                    const MapLayout* previous) {
  const Metrics m(options.fontSize);
  const State& state = *input.state;
  MapLayout layout;
  layout.options = options;

  // Storages the step did not touch keep their block, objects and names;
  // only their position is worked out again.
  const bool reuse = previous && input.step && previous->options == options &&
                     previous->blockItems_.size() == previous->blocks.size();
  std::unordered_set<std::int64_t> touched;
  if (reuse) touched = touchedStorages(*input.step, *previous);
  const auto reusable = [&](std::int64_t storage) -> std::optional<std::size_t> {
    return reuse && !touched.contains(storage) ? previous->indexOfBlock(storage) : std::nullopt;
  };

  // Objects to lay out by tensor id, names in order; tensors by storage.
  std::map<std::int64_t, ObjectGroup> groups;
  const auto addTensor = [&](const std::string& name, const TensorRecord& record) {
    if (reusable(record.storage)) return;
    auto& group = groups[record.id];
    group.names.push_back(name);
    if (!group.record) group.record = &record;
  };
  if (reuse) {
    // Only names the step bound, names on the storages it touched and names
    // of objects without a live storage can need laying out; a sorted set
    // keeps the state's name order.
    std::set<std::string> candidates;
    for (const auto& record : input.step->tensors) candidates.insert(record.name);
    const auto addNamesOf = [&](const ObjectLayout& object) {
      candidates.insert(object.names.begin(), object.names.end());
    };
    for (auto storage : touched) {
      const auto at = previous->indexOfBlock(storage);
      if (!at) continue;
      const auto& items = previous->blockItems_[*at];
      for (std::uint32_t i = 0; i < items.objectCount; ++i)
        addNamesOf(previous->objects[items.objects + i]);
    }
    for (auto index : previous->orphans_) addNamesOf(previous->objects[index]);
    for (const auto& name : candidates) {
      const auto it = state.tensors.find(name);
      if (it != state.tensors.end()) addTensor(it->first, it->second);
    }
  } else {
    for (const auto& [name, record] : state.tensors) addTensor(name, record);
  }
  std::unordered_map<std::int64_t, std::vector<const TensorRecord*>> tensorsOnStorage;
  std::unordered_map<std::int64_t, std::vector<std::int64_t>> objectsOnStorage;
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

  // Items the step left where they were are kept, sharing the previous
  // layout's chunks; moved ones are carried (copied) and the rest added.
  SharedItems<BlockLayout>::Builder blocks(reuse ? &previous->blocks : nullptr);
  SharedItems<ObjectLayout>::Builder objects(reuse ? &previous->objects : nullptr);
  SharedItems<NameLayout>::Builder names(reuse ? &previous->names : nullptr);
  layout.blockItems_.reserve(state.storages.size());
  MapLayout::Fresh fresh;
  double right = m.margin;
  for (const auto& device : devices) {
    LaneLayout lane;
    lane.device = device;
    const double laneTop = top;
    lane.titleRect = QRectF(m.margin + 0.5 * m.font, laneTop, 16 * m.font, m.laneTitleHeight);
    const double left = m.margin + m.font;
    const LaneLayout* before = nullptr;
    if (previous) {
      for (const auto& candidate : previous->lanes) {
        if (candidate.device == device) before = &candidate;
      }
    }

    // The lane's storages in id order, with their columns beside them.
    std::vector<const StorageRecord*> live;
    std::vector<Column> columns;
    static const std::vector<const TensorRecord*> none;
    for (const auto& [id, storage] : state.storages) {
      if (storage.device != device) continue;
      live.push_back(&storage);
      auto& column = columns.emplace_back();
      if (const auto at = reusable(id)) {
        column.reused = &previous->blocks[*at];
        column.reusedAt = *at;
      } else {
        const auto it = tensorsOnStorage.find(id);
        column.shape =
            shapeBlock(m, options, storage, it == tensorsOnStorage.end() ? none : it->second);
      }
    }
    const auto columnOf = [&](std::int64_t id) -> Column& {
      const auto it = std::lower_bound(
          live.begin(), live.end(), id,
          [](const StorageRecord* storage, std::int64_t k) { return storage->id < k; });
      return columns[static_cast<std::size_t>(it - live.begin())];
    };
    const auto groupWidth = [&](std::int64_t storage) {
      double width = 0;
      const auto it = objectsOnStorage.find(storage);
      if (it == objectsOnStorage.end()) return width;
      for (auto id : it->second) width += groups[id].width + m.objectGap;
      return width - m.objectGap;
    };

    // Blocks flow left to right in lane order and continue on the next row
    // past the wrap width; holes take part, so that neighbours stay put.
    const double limit = options.wrapWidth > 0 ? m.margin + options.wrapWidth
                                               : std::numeric_limits<double>::infinity();
    int row = 0;
    double cursor = left;
    bool rowEmpty = true;
    const auto flow = [&](double gap, double width) {
      if (!rowEmpty && cursor + gap + width > limit) {
        ++row;
        cursor = left;
        rowEmpty = true;
      }
      if (!rowEmpty) cursor += gap;
      const double x = cursor;
      cursor += width;
      rowEmpty = false;
      return x;
    };
    struct Placement {
      std::int64_t storage;
      double x;
      double column;  // the room its labels may use
      int row;
    };
    std::vector<Placement> placements;  // in lane order
    placements.reserve(live.size());
    if (options.scale == WidthScale::Address) {
      std::vector<const StorageRecord*> byAddress = live;
      std::sort(byAddress.begin(), byAddress.end(),
                [](auto* a, auto* b) { return a->ptr < b->ptr; });
      std::uint64_t end = byAddress.empty() ? 0 : byAddress.front()->ptr;
      for (const auto* storage : byAddress) {
        const double gap = storage->ptr > end
                               ? std::min(m.maxAddressGap, static_cast<double>(storage->ptr - end) /
                                                               options.bytesPerUnit)
                               : 0;
        const double width = columnOf(storage->id).width();
        placements.push_back({storage->id, flow(std::max(gap, 0.3 * m.font), width), width, row});
        end = std::max(end, storage->ptr + static_cast<std::uint64_t>(storage->bytes));
        lane.slots.push_back({storage->id, storage->ptr, storage->bytes, width});
      }
    } else {
      lane.slots = mergeSlots(before ? before->slots : std::vector<Slot>{}, live);
      for (auto& slot : lane.slots) {
        if (slot.storage == 0) {
          flow(m.columnGap, slot.width);
          continue;
        }
        const auto& column = columnOf(slot.storage);
        const double blockWidth = column.width();
        // A reused storage's column is as wide as it was.
        if (!column.reused) slot.width = std::max(blockWidth, groupWidth(slot.storage));
        const double x = flow(m.columnGap, slot.width);
        placements.push_back({slot.storage, x + (slot.width - blockWidth) / 2, slot.width, row});
      }
    }

    // Every row keeps room for the tallest block, so rows stay where they are.
    lane.blockRowHeight =
        std::max(m.blockHeader + m.cellHeight + m.blockPad, before ? before->blockRowHeight : 0.0);
    for (const auto& column : columns)
      lane.blockRowHeight = std::max(lane.blockRowHeight, column.height());
    const double rowsTop = laneTop + m.laneTitleHeight + 0.3 * m.font;
    const double toBlock = m.nameHeight + m.nameToObject + m.objectHeight + m.objectToBlock;
    const double rowPitch = toBlock + lane.blockRowHeight + m.footerHeight + m.rowGap;
    const auto nameTop = [&](int r) { return rowsTop + r * rowPitch; };
    const auto objectTop = [&](int r) { return nameTop(r) + m.nameHeight + m.nameToObject; };
    const auto blockTop = [&](int r) { return nameTop(r) + toBlock; };

    double objectsRight = left;
    int objectsRow = 0;
    double laneRight = left;
    // Objects go centred over their block, but never left of the objects
    // placed before them on the same row.
    const auto objectsLeft = [&](double center, double total, int r) {
      if (r != objectsRow) {
        objectsRow = r;
        objectsRight = left;
      }
      return std::max(center - total / 2, objectsRight);
    };
    const auto placeObjects = [&](const std::vector<std::int64_t>& ids, double center,
                                  const BlockLayout* block, int r) {
      double total = 0;
      for (auto id : ids) total += groups[id].width + m.objectGap;
      total -= m.objectGap;
      double x = objectsLeft(center, total, r);
      for (auto id : ids) {
        const auto& group = groups[id];
        ObjectLayout object;
        object.tensor = id;
        object.names = group.names;
        object.record = *group.record;
        const double width = group.width;
        object.rect = QRectF(x, objectTop(r), width, m.objectHeight);
        object.badgeRect = QRectF(object.rect.right() - 2.6 * m.font, objectTop(r) - 0.5 * m.font,
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
          NameLayout label;
          label.name = name;
          label.tensor = id;
          label.rect = QRectF(nameX, nameTop(r), w, m.nameHeight);
          fresh.names.push_back(names.size());
          names.add(std::move(label));
          nameX += w + m.nameGap;
        }
        x += width + m.objectGap;
        fresh.objects.push_back(objects.size());
        objects.add(std::move(object));
      }
      objectsRight = x - m.objectGap + m.columnGap;
      laneRight = std::max(laneRight, objectsRight);
    };
    // A reused block's objects move with the same rule as fresh ones; those
    // that stay where they were, unmarked, are kept as they are.
    const auto reuseObjects = [&](const MapLayout::ItemRange& items, double center, int r) {
      if (items.objectCount == 0) return;
      const auto& first = previous->objects[items.objects];
      const auto& last = previous->objects[items.objects + items.objectCount - 1];
      const double total = last.rect.right() - first.rect.left();
      const QPointF shift(objectsLeft(center, total, r) - first.rect.left(),
                          objectTop(r) - first.rect.top());
      // Unmoved, unmarked items are kept; the others are copied, moved and unmarked.
      const auto carryShifted = [&](auto& store, const auto& previousItems, std::uint32_t from,
                                    std::uint32_t count) {
        auto item = previousItems.begin() + from;
        for (auto at = from; at < from + count; ++at, ++item) {
          if (shift.isNull() && !item->changed) {
            store.keep(at);
            continue;
          }
          auto moved = *item;
          moved.rect.translate(shift);
          if constexpr (requires { moved.badgeRect; }) moved.badgeRect.translate(shift);
          moved.motion = {};
          moved.changed = false;
          store.carry(at, std::move(moved));
        }
      };
      carryShifted(objects, previous->objects, items.objects, items.objectCount);
      carryShifted(names, previous->names, items.names, items.nameCount);
      objectsRight = last.rect.right() + shift.x() + m.columnGap;
      laneRight = std::max(laneRight, objectsRight);
    };

    // A row ends where the first item of a row below it begins.
    int rowsEnded = 0;
    const auto endRowsBefore = [&](int r) {
      for (; rowsEnded < r; ++rowsEnded) {
        layout.rows_.push_back({nameTop(rowsEnded), nameTop(rowsEnded) + rowPitch,
                                static_cast<std::uint32_t>(blocks.size()),
                                static_cast<std::uint32_t>(objects.size()),
                                static_cast<std::uint32_t>(names.size())});
      }
    };

    for (const auto& [storageId, x, columnWidth, r] : placements) {
      endRowsBefore(r);
      auto& column = columnOf(storageId);
      MapLayout::ItemRange items;
      items.objects = static_cast<std::uint32_t>(objects.size());
      items.names = static_cast<std::uint32_t>(names.size());
      if (column.reused) {
        const auto& kept = *column.reused;
        const QPointF shift = QPointF(x, blockTop(r)) - kept.rect.topLeft();
        const QRectF rect = kept.rect.translated(shift);
        if (shift.isNull() && !kept.changed()) {
          blocks.keep(column.reusedAt);
        } else {
          BlockLayout block = kept;
          translateBlock(block, shift);
          block.created = false;
          block.writtenCells.clear();
          block.copiedFrom.reset();
          block.motion = {};
          blocks.carry(column.reusedAt, std::move(block));
        }
        laneRight = std::max(laneRight, rect.right());
        reuseObjects(previous->blockItems_[column.reusedAt], rect.center().x(), r);
      } else {
        const auto& storage = state.storages.at(storageId);
        auto& shape = column.shape;
        BlockLayout block;
        block.storage = storageId;
        block.device = device;
        block.ptr = storage.ptr;
        block.bytes = storage.bytes;
        block.internal = storage.internal;
        block.recycled = storage.recycledAddress;
        block.dtype = shape.dtype;
        block.rect = QRectF(x, blockTop(r), shape.width, shape.height);
        block.headerRect = QRectF(x, blockTop(r), shape.width, m.blockHeader);
        const double footerWidth = std::max(shape.width + 1.2 * m.font, columnWidth);
        block.footerRect = QRectF(block.rect.center().x() - footerWidth / 2,
                                  block.rect.bottom() + 0.2 * m.font, footerWidth, m.footerHeight);
        for (auto& cell : shape.cells) {
          cell.rect.translate(x, blockTop(r));
          block.cells.push_back(std::move(cell));
        }
        laneRight = std::max(laneRight, block.rect.right());
        const auto it = objectsOnStorage.find(storageId);
        if (it != objectsOnStorage.end())
          placeObjects(it->second, block.rect.center().x(), &block, r);
        fresh.blocks.push_back(blocks.size());
        blocks.add(std::move(block));
      }
      items.objectCount = static_cast<std::uint32_t>(objects.size()) - items.objects;
      items.nameCount = static_cast<std::uint32_t>(names.size()) - items.names;
      layout.blockItems_.push_back(items);
    }
    // Objects on this device whose storage is not live (or who have none)
    // follow the last block.
    std::vector<std::int64_t> orphans;
    double orphansWidth = -m.objectGap;
    for (const auto& [id, group] : groups) {
      if (group.record->device == device && !state.storages.contains(group.record->storage)) {
        orphans.push_back(id);
        orphansWidth += group.width + m.objectGap;
      }
    }
    if (!orphans.empty()) {
      const double x = flow(m.columnGap, orphansWidth);
      const auto first = objects.size();
      placeObjects(orphans, x + orphansWidth / 2, nullptr, row);
      for (auto i = first; i < objects.size(); ++i)
        layout.orphans_.push_back(static_cast<std::uint32_t>(i));
    }

    endRowsBefore(row + 1);

    const double laneBottom = blockTop(row) + lane.blockRowHeight + m.footerHeight + 0.4 * m.font;
    lane.rect = QRectF(m.margin, laneTop, std::max(laneRight + m.font, 22 * m.font) - m.margin,
                       laneBottom - laneTop);
    right = std::max(right, lane.rect.right());
    top = laneBottom + m.laneGap;
    layout.lanes.push_back(std::move(lane));
  }
  // Lanes share one width, so the picture reads as one map.
  for (auto& lane : layout.lanes) lane.rect.setRight(right);
  layout.blocks = blocks.build();
  layout.objects = objects.build();
  layout.names = names.build();
  if (reuse) {
    layout.indexFrom(*previous, blocks, objects, names, fresh);
  } else {
    layout.index();
  }

  // Only fresh items can be marked, and they sit in chunks of their own.
  if (previous) {
    for (auto index : fresh.blocks) {
      auto& block = layout.blocks[index];
      block.created = !previous->findBlock(block.storage);
    }
    for (auto index : fresh.objects) {
      auto& object = layout.objects[index];
      const ObjectLayout* before = previous->findObject(object.tensor);
      object.changed = !before || !(before->record == object.record);
    }
    for (auto index : fresh.names) {
      auto& name = layout.names[index];
      const NameLayout* before = previous->findName(name.name);
      name.changed = !before || before->tensor != name.tensor;
    }
    markWrites(layout, *previous, fresh.blocks, fresh.objects);
    if (input.step) markCopies(layout, *previous, *input.step, fresh.blocks);
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

#pragma once
// Where everything on the memory map goes: one lane per device, storages as
// blocks in address order, tensor objects above their storage, names above
// their object. Pure geometry computed from a State (plus the step that led
// there and the previous layout, for stability and for what changed); the
// renderer, hit testing, animation and the exporters all read it.

#include <QRectF>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "trace/State.h"
#include "trace/Step.h"
#include "ui/SegmentLayout.h"
#include "ui/SharedItems.h"

namespace memlens::ui {

enum class WidthScale : std::uint8_t {
  Log,      // width grows with log2(bytes), from a minimum: small and big both readable
  Linear,   // width proportional to bytes, from a minimum
  Address,  // x proportional to the address, long gaps shortened
};

struct LayoutOptions {
  WidthScale scale = WidthScale::Log;
  double fontSize = 20;        // the base text size; every other size follows it
  double bytesPerUnit = 4;     // Linear and Address scales
  std::int64_t maxCells = 64;  // storages with at most this many elements show cells
  std::int64_t cellsPerRow = 16;
  // A lane whose blocks reach past this width (layout units, from the map's
  // left edge) continues on another row, so a long lane fitted to a 16:9
  // screen stays readable; 0 keeps every lane on one row.
  double wrapWidth = 1920;
  bool legend = true;

  bool operator==(const LayoutOptions&) const = default;
};

// A storage's or a hole's place in its lane. Slots persist from one layout to
// the next so that a storage keeps its place while it lives; a freed storage
// leaves a hole (storage 0) that a storage on the same addresses may fill.
struct Slot {
  std::int64_t storage = 0;
  std::uint64_t ptr = 0;
  std::int64_t bytes = 0;
  double width = 0;
};

// What an animation frame adds to an item; a settled layout keeps the defaults.
struct Motion {
  double opacity = 1;
  double flash = 0;          // 0..1: an in-place write lighting up its cells
  double arrowProgress = 1;  // 0..1: how much of the arrow to its target is drawn
  double pulse = 0;          // 0..1: the version badge ticking
  bool ghost = false;        // freed: drawn as an outline that fades away
};

struct CellLayout {
  QRectF rect;
  std::string text;  // empty when no tensor reveals the value
};

struct BlockLayout {
  std::int64_t storage = 0;
  std::string device;
  std::uint64_t ptr = 0;
  std::int64_t bytes = 0;
  bool internal = false;
  bool recycled = false;
  bool created = false;  // came to life in the step that led here
  std::string dtype;     // of the tensors on it; empty when none names it
  QRectF rect;
  QRectF headerRect;                       // "S3 · 8 B"
  QRectF footerRect;                       // marks and address under the block
  std::vector<CellLayout> cells;           // empty: too many elements to show
  std::vector<std::int64_t> writtenCells;  // written in place by the step that led here
  std::optional<std::int64_t> copiedFrom;  // the storage its values were copied from
  Motion motion;

  // The step that led here made, wrote or filled it (what a spotlight keeps lit).
  bool changed() const { return created || !writtenCells.empty() || copiedFrom.has_value(); }
};

struct ObjectLayout {
  std::int64_t tensor = 0;
  std::vector<std::string> names;
  TensorRecord record;  // the facts (of its first name)
  QRectF rect;
  QRectF badgeRect;           // the version badge
  double arrowTargetX = 0.5;  // where on its block the arrow lands, as a fraction of the width
  std::vector<std::int64_t> coveredCells;  // storage cells it reads, in reading order
  Motion motion;
  bool changed = false;  // new, or its facts differ from the step before
};

struct NameLayout {
  std::string name;
  std::int64_t tensor = 0;
  QRectF rect;
  Motion motion;
  bool changed = false;  // newly bound, or bound to another object than before
};

struct LaneLayout {
  std::string device;
  QRectF rect;
  QRectF titleRect;
  std::vector<Slot> slots;
  // The room every row keeps for its blocks: the tallest block seen so far,
  // so that a tall block leaving does not move the rows below it.
  double blockRowHeight = 0;
};

// A copy travelling from its source block to the new one (animation frames only).
struct CopyTrail {
  QRectF from;
  QRectF to;
  double progress = 0;
};

enum class LegendGlyph : std::uint8_t {
  Name,
  Object,
  Storage,
  Arrow,
  Internal,
  Recycled,
  Freed,
  Written,
  Version,
};

struct LegendItem {
  LegendGlyph glyph = LegendGlyph::Storage;
  std::string label;
  QRectF glyphRect;
  QRectF labelRect;
};

struct CaptionLayout {
  QRectF rect;
  std::string title;  // "Step 3 of 13 · line 3"
  std::string code;
  std::vector<std::string> kinds;
  std::string error;
};

struct MapInput;

// Index ranges into a layout's blocks, objects and names.
struct ItemRanges {
  std::size_t blocksBegin = 0, blocksEnd = 0;
  std::size_t objectsBegin = 0, objectsEnd = 0;
  std::size_t namesBegin = 0, namesEnd = 0;
};

struct MapLayout {
  LayoutOptions options;
  std::optional<CaptionLayout> caption;
  std::vector<LaneLayout> lanes;
  std::vector<SegmentLayout> segments;  // reserved device memory, behind the blocks
  SharedItems<BlockLayout> blocks;      // by lane, then left to right
  SharedItems<ObjectLayout> objects;
  SharedItems<NameLayout> names;
  std::vector<CopyTrail> copies;
  std::vector<LegendItem> legend;
  QRectF bounds;

  const BlockLayout* findBlock(std::int64_t storage) const;
  const ObjectLayout* findObject(std::int64_t tensor) const;
  const NameLayout* findName(const std::string& name) const;
  // Where in `blocks`, `objects` or `names` the item is.
  std::optional<std::size_t> indexOfBlock(std::int64_t storage) const;
  std::optional<std::size_t> indexOfObject(std::int64_t tensor) const;
  std::optional<std::size_t> indexOfName(const std::string& name) const;
  // Rebuilds the id lookups after the items changed.
  void index();
  // The items that can reach between heights `top` and `bottom`: whatever
  // lies outside these ranges lies wholly above or below. What is drawn or
  // hit costs what is near, not what is laid out. A layout that is not
  // layoutMap's own (an animation frame) answers with all its items.
  ItemRanges itemsBetween(double top, double bottom) const;

 private:
  friend MapLayout layoutMap(const MapInput&, const LayoutOptions&, const MapLayout*);

  // Per block, where its objects and their names lie in `objects` and
  // `names`: what the next step's layout keeps when it leaves the storage
  // alone. Only layoutMap's own results have it.
  struct ItemRange {
    std::uint32_t objects = 0, objectCount = 0, names = 0, nameCount = 0;
  };
  std::vector<ItemRange> blockItems_;
  std::vector<std::uint32_t> orphans_;  // objects whose storage is not live

  // One row of a lane: the band of the map that holds its names, objects,
  // blocks and footers, and one past the index of its last items (its first
  // are the row before's ends). Rows come in item order, top to bottom.
  struct Row {
    double top = 0, bottom = 0;
    std::uint32_t blocksEnd = 0, objectsEnd = 0, namesEnd = 0;
  };
  std::vector<Row> rows_;

  // Lookups as sorted (key, item) arrays: no allocation per item, and a copy
  // of the layout stays valid. Names are keyed by their hash.
  struct IndexEntry {
    std::uint64_t key = 0;
    bool ghost = false;
    std::uint32_t item = 0;
    auto operator<=>(const IndexEntry&) const = default;
  };
  std::vector<IndexEntry> blockIndex_;
  std::vector<IndexEntry> objectIndex_;
  std::vector<IndexEntry> nameIndex_;

  // The lookups of a layout built from `previous`: its entries follow their
  // items to where the builders put them, and the fresh items' entries are
  // merged in, which costs a pass rather than a sort.
  struct Fresh {
    std::vector<std::size_t> blocks, objects, names;  // indices of the items laid out afresh
  };
  void indexFrom(const MapLayout& previous, const SharedItems<BlockLayout>::Builder& blocksBuilt,
                 const SharedItems<ObjectLayout>::Builder& objectsBuilt,
                 const SharedItems<NameLayout>::Builder& namesBuilt, const Fresh& fresh);
};

struct MapInput {
  explicit MapInput(const State& shown, const Step* ledHere = nullptr, std::string caption = {})
      : state(&shown), step(ledHere), title(std::move(caption)) {}

  const State* state;
  const Step* step;   // the step that led to `state`, for what it changed
  std::string title;  // caption title; no caption when empty and no step
};

// `previous`: the layout of the step before, so that storages keep their
// places and the layout knows what was written or copied. With both
// `previous` and `input.step`, `previous` must be the layout of the state the
// step started from: storages the step did not touch are copied from it
// rather than laid out again, so a step costs what it changed.
MapLayout layoutMap(const MapInput& input, const LayoutOptions& options,
                    const MapLayout* previous = nullptr);

}  // namespace memlens::ui

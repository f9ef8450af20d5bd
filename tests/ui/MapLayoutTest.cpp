#include "ui/MapLayout.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <utility>

#include "TutorialTrace.h"
#include "ui/LayoutSequence.h"

namespace memlens::ui {
namespace {

using test::scalarTensor;
using test::storageRecord;

LayoutOptions scaled(WidthScale scale) {
  LayoutOptions options;
  options.scale = scale;
  return options;
}

template <class Items, class RectOf>
void expectNoOverlaps(const Items& items, RectOf rectOf, const char* what) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    for (std::size_t j = i + 1; j < items.size(); ++j) {
      EXPECT_FALSE(rectOf(items[i]).intersects(rectOf(items[j])))
          << what << " " << i << " and " << j << " overlap";
    }
  }
}

void expectWellFormed(const MapLayout& layout) {
  expectNoOverlaps(
      layout.blocks, [](const auto& b) { return b.rect; }, "blocks");
  expectNoOverlaps(
      layout.objects, [](const auto& o) { return o.rect; }, "objects");
  expectNoOverlaps(
      layout.names, [](const auto& n) { return n.rect; }, "names");
  for (const auto& block : layout.blocks) {
    EXPECT_TRUE(layout.bounds.contains(block.rect));
    for (const auto& cell : block.cells) EXPECT_TRUE(block.rect.contains(cell.rect));
  }
  for (const auto& object : layout.objects) EXPECT_TRUE(layout.bounds.contains(object.rect));
  // Blocks and objects of different rows never meet either.
  for (const auto& block : layout.blocks) {
    for (const auto& object : layout.objects) EXPECT_FALSE(block.rect.intersects(object.rect));
  }
  for (const auto& lane : layout.lanes) {
    for (const auto& block : layout.blocks) {
      if (block.device == lane.device) {
        EXPECT_TRUE(lane.rect.contains(block.footerRect));
      }
    }
  }
}

// Rows read top to bottom, each left to right.
std::vector<std::uint64_t> blockAddressesInReadingOrder(const MapLayout& layout) {
  auto blocks = layout.blocks;
  std::sort(blocks.begin(), blocks.end(), [](const auto& a, const auto& b) {
    return std::pair(a.rect.y(), a.rect.x()) < std::pair(b.rect.y(), b.rect.x());
  });
  std::vector<std::uint64_t> ptrs;
  for (const auto& block : blocks) ptrs.push_back(block.ptr);
  return ptrs;
}

class EveryScale : public testing::TestWithParam<WidthScale> {};

TEST_P(EveryScale, TutorialStepsAreWellFormedAndInAddressOrder) {
  const Timeline timeline = test::tutorialTimeline();
  LayoutSequence layouts(timeline, scaled(GetParam()));
  for (std::size_t k = 0; k < timeline.size(); ++k) {
    const auto& layout = layouts.at(k);
    expectWellFormed(layout);
    const auto ptrs = blockAddressesInReadingOrder(layout);
    EXPECT_TRUE(std::is_sorted(ptrs.begin(), ptrs.end())) << "step " << k;
    EXPECT_EQ(layout.blocks.size(), timeline.stateAfter(k).storages.size());
  }
}

TEST_P(EveryScale, ManyStoragesAreWellFormed) {
  const State state = test::largeState(60);
  const auto layout = layoutMap(MapInput(state), scaled(GetParam()));
  expectWellFormed(layout);
  const auto ptrs = blockAddressesInReadingOrder(layout);
  EXPECT_TRUE(std::is_sorted(ptrs.begin(), ptrs.end()));
}

INSTANTIATE_TEST_SUITE_P(MapLayout, EveryScale,
                         testing::Values(WidthScale::Log, WidthScale::Linear, WidthScale::Address));

TEST(MapLayout, OneObjectBoxListsEveryNameOnIt) {
  const Timeline timeline = test::tutorialTimeline();
  LayoutSequence layouts(timeline, {});
  const auto& layout = layouts.at(2);  // z = x.add_(y)
  const auto* object = layout.findObject(1);
  ASSERT_NE(object, nullptr);
  EXPECT_EQ(object->names, (std::vector<std::string>{"x", "z"}));
  EXPECT_EQ(layout.objects.size(), 2U);
  EXPECT_EQ(std::count_if(layout.names.begin(), layout.names.end(),
                          [](const auto& n) { return n.tensor == 1; }),
            2);
}

TEST(MapLayout, SmallStoragesShowTheirValuesAsCells) {
  const Timeline timeline = test::tutorialTimeline();
  LayoutSequence layouts(timeline, {});
  const auto* x = layouts.at(0).findBlock(1);
  ASSERT_NE(x, nullptr);
  ASSERT_EQ(x->cells.size(), 1U);
  EXPECT_EQ(x->cells[0].text, "4");
  EXPECT_EQ(layouts.at(2).findBlock(1)->cells[0].text, "7");
  EXPECT_EQ(layouts.at(3).findBlock(3)->cells[0].text, "10");
}

TEST(MapLayout, InPlaceWriteMarksTheWrittenCellsAndNewStorageIsCreated) {
  const Timeline timeline = test::tutorialTimeline();
  LayoutSequence layouts(timeline, {});
  EXPECT_EQ(layouts.at(2).findBlock(1)->writtenCells, (std::vector<std::int64_t>{0}));
  EXPECT_FALSE(layouts.at(2).findBlock(1)->created);
  EXPECT_TRUE(layouts.at(3).findBlock(1)->writtenCells.empty());
  EXPECT_TRUE(layouts.at(3).findBlock(3)->created);
}

TEST(MapLayout, StableAcrossSteps) {
  const Timeline timeline = test::tutorialTimeline();
  LayoutSequence layouts(timeline, {});
  // w's new storage lies above the others: nothing else moves.
  for (std::int64_t storage : {1, 2}) {
    EXPECT_EQ(layouts.at(2).findBlock(storage)->rect, layouts.at(3).findBlock(storage)->rect);
  }
  EXPECT_EQ(layouts.at(2).findObject(2)->rect, layouts.at(3).findObject(2)->rect);
}

Step bind(const std::string& name, std::int64_t id, std::int64_t storage, std::uint64_t ptr) {
  Step step;
  step.tensors = {scalarTensor(name, id, storage, 1)};
  step.storages = {storageRecord(storage, ptr, 8)};
  return step;
}

TEST(MapLayout, AFreedStorageLeavesAHoleSoNeighboursStayAndARecycledAddressFillsIt) {
  Timeline timeline;
  timeline.append(bind("a", 1, 1, 0x1000));
  timeline.append(bind("b", 2, 2, 0x2000));
  timeline.append(bind("c", 3, 3, 0x3000));
  Step del;
  del.unbound = {"b"};
  del.freed = {2};
  timeline.append(del);
  Step again = bind("d", 4, 4, 0x2000);
  again.storages[0].recycledAddress = true;
  timeline.append(again);

  LayoutSequence layouts(timeline, {});
  const auto cBefore = layouts.at(2).findBlock(3)->rect;
  EXPECT_EQ(layouts.at(3).findBlock(3)->rect, cBefore) << "c must not move when b is freed";
  EXPECT_EQ(layouts.at(3).findBlock(2), nullptr);
  const auto& recycled = layouts.at(4);
  EXPECT_EQ(recycled.findBlock(3)->rect, cBefore);
  EXPECT_EQ(recycled.findBlock(4)->rect.center(), layouts.at(2).findBlock(2)->rect.center())
      << "the new storage takes the freed one's place";
  EXPECT_TRUE(recycled.findBlock(4)->recycled);
  EXPECT_TRUE(recycled.findBlock(4)->created);
}

TEST(MapLayout, LogWidthsGrowWithSizeLinearWidthsProportionally) {
  State state;
  state.storages[1] = storageRecord(1, 0x1000, 4096);
  state.storages[2] = storageRecord(2, 0x10000, 1 << 20);
  const auto log = layoutMap(MapInput(state), scaled(WidthScale::Log));
  const auto linear = layoutMap(MapInput(state), scaled(WidthScale::Linear));
  const double logRatio = log.findBlock(2)->rect.width() / log.findBlock(1)->rect.width();
  const double linearRatio = linear.findBlock(2)->rect.width() / linear.findBlock(1)->rect.width();
  EXPECT_GT(logRatio, 1.5);
  EXPECT_LT(logRatio, 10);
  EXPECT_NEAR(linearRatio, 256, 1e-6);
}

TEST(MapLayout, AddressScaleKeepsTheOrderAndShortensLongGaps) {
  State state;
  state.storages[1] = storageRecord(1, 0x1000, 64);
  state.storages[2] = storageRecord(2, 0x1040, 64);
  state.storages[3] = storageRecord(3, 0x7fff00000000, 64);
  const auto layout = layoutMap(MapInput(state), scaled(WidthScale::Address));
  const auto* a = layout.findBlock(1);
  const auto* b = layout.findBlock(2);
  const auto* c = layout.findBlock(3);
  EXPECT_LT(a->rect.right(), b->rect.left());
  EXPECT_LT(b->rect.right(), c->rect.left());
  EXPECT_LT(c->rect.left() - b->rect.right(), 4 * layout.options.fontSize);
}

TEST(MapLayout, AViewCoversItsCellsInReadingOrder) {
  State state;
  state.storages[1] = storageRecord(1, 0x1000, 48);
  TensorRecord a;
  a.id = 1;
  a.storage = 1;
  a.dtype = "int64";
  a.device = "cpu";
  a.shape = {6};
  a.strides = {1};
  a.values = std::vector<ElementValue>{std::int64_t{0}, std::int64_t{1}, std::int64_t{2},
                                       std::int64_t{3}, std::int64_t{4}, std::int64_t{5}};
  TensorRecord b = a;
  b.id = 2;
  b.shape = {3, 2};
  b.strides = {1, 3};  // a.view(2, 3).t()
  b.values = std::vector<ElementValue>{std::int64_t{0}, std::int64_t{3}, std::int64_t{1},
                                       std::int64_t{4}, std::int64_t{2}, std::int64_t{5}};
  state.tensors["a"] = a;
  state.tensors["b"] = b;
  const auto layout = layoutMap(MapInput(state), {});
  EXPECT_EQ(layout.findObject(2)->coveredCells, (std::vector<std::int64_t>{0, 3, 1, 4, 2, 5}));
  ASSERT_EQ(layout.findBlock(1)->cells.size(), 6U);
  EXPECT_EQ(layout.findBlock(1)->cells[3].text, "3");
  expectWellFormed(layout);
}

TEST(MapLayout, ACopyRemembersItsSource) {
  Timeline timeline;
  timeline.append(bind("a", 1, 1, 0x1000));
  Step clone = bind("b", 2, 2, 0x2000);
  clone.events = {test::allocation(2, 0x2000, 8, "aten::clone")};
  clone.flows = {DataFlow{"aten::clone", {1}, {2}}};
  timeline.append(clone);
  LayoutSequence layouts(timeline, {});
  EXPECT_EQ(layouts.at(1).findBlock(2)->copiedFrom, std::optional<std::int64_t>(1));
}

TEST(MapLayout, EqualValuesWithoutAnObservedFlowAreNoCopy) {
  Timeline timeline;
  timeline.append(bind("a", 1, 1, 0x1000));
  Step fresh = bind("b", 2, 2, 0x2000);  // same values, but made from nothing that was there
  fresh.events = {test::allocation(2, 0x2000, 8, "aten::ones")};
  timeline.append(fresh);
  LayoutSequence layouts(timeline, {});
  EXPECT_FALSE(layouts.at(1).findBlock(2)->copiedFrom);
}

TEST(MapLayout, InternalStoragesAndDevicesGetTheirLanes) {
  State state;
  state.storages[1] = storageRecord(1, 0x1000, 8);
  state.storages[2] = {2, 0x2000, 8, "cuda:0", false, true};
  const auto layout = layoutMap(MapInput(state), {});
  ASSERT_EQ(layout.lanes.size(), 2U);
  EXPECT_EQ(layout.lanes[0].device, "cpu");
  EXPECT_EQ(layout.lanes[1].device, "cuda:0");
  EXPECT_TRUE(layout.findBlock(2)->internal);
  EXPECT_GT(layout.findBlock(2)->rect.top(), layout.lanes[0].rect.bottom());
}

TEST(MapLayout, TheCaptionNamesTheStep) {
  const Timeline timeline = test::tutorialTimeline();
  LayoutSequence layouts(timeline, {});
  const auto& caption = layouts.at(2).caption;
  ASSERT_TRUE(caption.has_value());
  EXPECT_EQ(caption->title, "Step 3 of 4 \u00b7 line 3");
  EXPECT_EQ(caption->code, "z = x.add_(y)");
  EXPECT_EQ(caption->kinds, (std::vector<std::string>{"in-place"}));
}

// A tensor of `count` float32 elements on storage `storage`.
TensorRecord floats(const std::string& name, std::int64_t id, std::int64_t storage,
                    std::int64_t count, std::int64_t version = 0) {
  TensorRecord record = scalarTensor(name, id, storage, 0, version);
  record.dtype = "float32";
  record.shape = {count};
  record.strides = {1};
  record.values = std::vector<ElementValue>(static_cast<std::size_t>(count),
                                            1.5 + static_cast<double>(version));
  return record;
}

// 60 tensors bound one per step, every fifth one freed again, a few written
// in place and one given a view: a lesson that outgrows one row.
Timeline sixtyTensors() {
  Timeline timeline;
  for (std::int64_t i = 1; i <= 60; ++i) {
    Step step;
    step.line = static_cast<int>(i);
    const auto count = 1 + i % 6;
    step.tensors = {floats("t" + std::to_string(i), i, i, count)};
    step.storages = {storageRecord(i, 0x1000 * static_cast<std::uint64_t>(i), 4 * count)};
    if (i % 5 == 0 && (i - 3) % 11 != 0) {  // views keep their storage alive
      step.unbound = {"t" + std::to_string(i - 3)};
      step.freed = {i - 3};
    }
    if (i % 7 == 0)
      step.tensors.push_back(floats("t" + std::to_string(i - 1), i - 1, i - 1, 1 + (i - 1) % 6, 1));
    if (i % 11 == 0) {
      auto view = floats("v" + std::to_string(i), 1000 + i, i, count);
      view.strides = {0};
      step.tensors.push_back(view);
    }
    timeline.append(std::move(step));
  }
  return timeline;
}

TEST(MapLayout, ALongLaneWrapsIntoRowsWithinTheWrapWidth) {
  const Timeline timeline = sixtyTensors();
  LayoutSequence layouts(timeline, {});
  const auto& layout = layouts.at(timeline.size() - 1);
  expectWellFormed(layout);
  std::set<double> rows;
  for (const auto& block : layout.blocks) {
    rows.insert(block.rect.top());
    EXPECT_LE(block.rect.right(), layout.options.fontSize + layout.options.wrapWidth);
  }
  EXPECT_GE(rows.size(), 3U);
  EXPECT_LE(layout.bounds.width(), layout.options.wrapWidth + 4 * layout.options.fontSize);
  // Each object sits in its block's row, above it.
  for (const auto& object : layout.objects) {
    const auto* block = layout.findBlock(object.record.storage);
    ASSERT_NE(block, nullptr);
    EXPECT_LT(object.rect.bottom(), block->rect.top());
    EXPECT_LT(block->rect.top() - object.rect.bottom(), 4 * layout.options.fontSize);
  }

  LayoutOptions oneRow;
  oneRow.wrapWidth = 0;
  LayoutSequence strip(timeline, oneRow);
  std::set<double> stripRows;
  for (const auto& block : strip.at(timeline.size() - 1).blocks) stripRows.insert(block.rect.top());
  EXPECT_EQ(stripRows.size(), 1U);
}

TEST(MapLayout, WrappedRowsStayPutFromStepToStep) {
  const Timeline timeline = sixtyTensors();
  LayoutSequence layouts(timeline, {});
  for (std::size_t k = 1; k < timeline.size(); ++k) {
    const MapLayout before = layouts.at(k - 1);
    const auto& after = layouts.at(k);
    expectWellFormed(after);
    // New storages come at higher addresses and freed ones leave holes:
    // nothing that was there moves.
    for (const auto& block : before.blocks) {
      const auto* now = after.findBlock(block.storage);
      if (now) {
        EXPECT_EQ(now->rect, block.rect) << "S" << block.storage << " at step " << k;
      }
    }
    for (const auto& name : before.names) {
      const auto* now = after.findName(name.name);
      if (now && now->tensor == name.tensor &&
          before.findObject(name.tensor)->names.size() ==
              after.findObject(name.tensor)->names.size()) {
        EXPECT_EQ(now->rect, name.rect) << name.name << " at step " << k;
      }
    }
  }
}

// Every storage listed as changed: the layout cannot reuse anything.
Step touchingEverything(Step step, const State& state) {
  for (const auto& [id, storage] : state.storages) step.storages.push_back(storage);
  return step;
}

void expectSameItems(const MapLayout& reused, const MapLayout& fresh, std::size_t k) {
  ASSERT_EQ(reused.blocks.size(), fresh.blocks.size()) << "step " << k;
  for (std::size_t i = 0; i < fresh.blocks.size(); ++i) {
    const auto& a = reused.blocks[i];
    const auto& b = fresh.blocks[i];
    EXPECT_EQ(a.storage, b.storage) << "step " << k;
    EXPECT_EQ(a.rect, b.rect) << "S" << b.storage << " step " << k;
    EXPECT_EQ(a.footerRect, b.footerRect) << "S" << b.storage << " step " << k;
    EXPECT_EQ(a.writtenCells, b.writtenCells) << "S" << b.storage << " step " << k;
    EXPECT_EQ(a.created, b.created) << "S" << b.storage << " step " << k;
    ASSERT_EQ(a.cells.size(), b.cells.size());
    for (std::size_t c = 0; c < a.cells.size(); ++c) {
      EXPECT_EQ(a.cells[c].rect, b.cells[c].rect);
      EXPECT_EQ(a.cells[c].text, b.cells[c].text);
    }
  }
  ASSERT_EQ(reused.objects.size(), fresh.objects.size()) << "step " << k;
  for (std::size_t i = 0; i < fresh.objects.size(); ++i) {
    EXPECT_EQ(reused.objects[i].record, fresh.objects[i].record) << "step " << k;
    EXPECT_EQ(reused.objects[i].names, fresh.objects[i].names) << "step " << k;
    EXPECT_EQ(reused.objects[i].rect, fresh.objects[i].rect) << "step " << k;
    EXPECT_EQ(reused.objects[i].coveredCells, fresh.objects[i].coveredCells) << "step " << k;
    EXPECT_EQ(reused.objects[i].changed, fresh.objects[i].changed) << "step " << k;
  }
  ASSERT_EQ(reused.names.size(), fresh.names.size()) << "step " << k;
  for (std::size_t i = 0; i < fresh.names.size(); ++i) {
    EXPECT_EQ(reused.names[i].name, fresh.names[i].name) << "step " << k;
    EXPECT_EQ(reused.names[i].rect, fresh.names[i].rect) << "step " << k;
    EXPECT_EQ(reused.names[i].changed, fresh.names[i].changed) << "step " << k;
  }
  EXPECT_EQ(reused.bounds, fresh.bounds) << "step " << k;
}

TEST(MapLayout, WhatAStepLeftAloneIsCopiedExactlyAsItWouldBeLaidOut) {
  for (const Timeline& timeline : {sixtyTensors(), test::tutorialTimeline()}) {
    State state;
    MapLayout reused;
    MapLayout fresh;
    for (std::size_t k = 0; k < timeline.size(); ++k) {
      const Step& step = timeline.step(k);
      state.apply(step);
      const Step all = touchingEverything(step, state);
      MapLayout nextReused = layoutMap(MapInput(state, &step), {}, k ? &reused : nullptr);
      MapLayout nextFresh = layoutMap(MapInput(state, &all), {}, k ? &fresh : nullptr);
      expectSameItems(nextReused, nextFresh, k);
      reused = std::move(nextReused);
      fresh = std::move(nextFresh);
    }
  }
}

TEST(MapLayout, ItemsOutsideTheRangesOfABandLieOutsideIt) {
  const State state = test::largeState(1000);
  const auto layout = layoutMap(MapInput(state), {});
  const auto outside = [](const QRectF& rect, double top, double bottom) {
    return rect.bottom() < top || rect.top() > bottom;
  };
  for (double top = 0; top < layout.bounds.bottom(); top += 377) {
    const double bottom = top + 500;
    const auto near = layout.itemsBetween(top, bottom);
    ASSERT_LT(near.blocksBegin, near.blocksEnd);
    ASSERT_LT(near.blocksEnd - near.blocksBegin, layout.blocks.size() / 2);
    for (std::size_t i = 0; i < layout.blocks.size(); ++i) {
      if (i >= near.blocksBegin && i < near.blocksEnd) continue;
      EXPECT_TRUE(outside(layout.blocks[i].rect | layout.blocks[i].footerRect, top, bottom));
    }
    for (std::size_t i = 0; i < layout.objects.size(); ++i) {
      if (i >= near.objectsBegin && i < near.objectsEnd) continue;
      EXPECT_TRUE(outside(layout.objects[i].rect | layout.objects[i].badgeRect, top, bottom));
    }
    for (std::size_t i = 0; i < layout.names.size(); ++i) {
      if (i >= near.namesBegin && i < near.namesEnd) continue;
      EXPECT_TRUE(outside(layout.names[i].rect, top, bottom));
    }
  }
}

TEST(MapLayoutSequence, JumpsAgreeWithSteppingThroughEveryStep) {
  Timeline timeline;
  for (std::int64_t i = 0; i < 300; ++i) {
    Step step = ui::bind("t" + std::to_string(i % 40), i + 1, i + 1,
                         0x1000 + static_cast<std::uint64_t>(i % 90) * 0x100);
    if (i >= 40) step.freed = {i - 39};
    timeline.append(std::move(step));
  }
  LayoutSequence stepped(timeline, {});
  std::vector<MapLayout> expected;
  for (std::size_t k = 0; k < timeline.size(); ++k) expected.push_back(stepped.at(k));
  LayoutSequence jumping(timeline, {});
  for (std::size_t k : {299U, 5U, 200U, 64U, 63U, 130U, 0U, 298U, 299U}) {
    const auto& layout = jumping.at(k);
    expectSameItems(layout, expected[k], k);
  }
  // Two neighbouring steps can be held at once.
  const auto& a = jumping.at(150);
  const auto& b = jumping.at(151);
  EXPECT_EQ(a.caption->title, LayoutSequence::stepTitle(timeline, 150));
  EXPECT_EQ(b.caption->title, LayoutSequence::stepTitle(timeline, 151));
}

}  // namespace
}  // namespace memlens::ui

#include "ui/MapHitTest.h"

#include <gtest/gtest.h>

#include "TutorialTrace.h"
#include "ui/LayoutSequence.h"

namespace memlens::ui {
namespace {

TEST(MapHitTest, NamesAndObjectsSelectTheirTensorBlocksTheirStorageAndCell) {
  const Timeline timeline = test::tutorialTimeline();
  LayoutSequence layouts(timeline, {});
  const auto& layout = layouts.at(2);
  for (const auto& name : layout.names) {
    EXPECT_EQ(hitTest(layout, name.rect.center()).target, Selection::tensor(name.tensor))
        << name.name;
  }
  const auto* object = layout.findObject(2);
  EXPECT_EQ(hitTest(layout, object->rect.center()).target, Selection::tensor(2));
  EXPECT_EQ(hitTest(layout, object->badgeRect.center()).target, Selection::tensor(2));

  const auto* block = layout.findBlock(1);
  const auto onCell = hitTest(layout, block->cells[0].rect.center());
  EXPECT_EQ(onCell.target, Selection::storage(1));
  EXPECT_EQ(onCell.cell, std::optional<std::int64_t>(0));
  const auto onHeader = hitTest(layout, block->headerRect.center());
  EXPECT_EQ(onHeader.target, Selection::storage(1));
  EXPECT_FALSE(onHeader.cell.has_value());
}

TEST(MapHitTest, EmptySpaceSelectsNothing) {
  const Timeline timeline = test::tutorialTimeline();
  LayoutSequence layouts(timeline, {});
  const auto& layout = layouts.at(3);
  EXPECT_TRUE(hitTest(layout, QPointF(1, 1)).target.empty());
  EXPECT_TRUE(hitTest(layout, layout.bounds.bottomRight() + QPointF(10, 10)).target.empty());
}

}  // namespace
}  // namespace memlens::ui

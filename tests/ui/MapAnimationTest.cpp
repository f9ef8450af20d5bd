#include "ui/MapAnimation.h"

#include <gtest/gtest.h>

#include "TutorialTrace.h"
#include "ui/LayoutSequence.h"

namespace memlens::ui {
namespace {

class MapAnimation : public testing::Test {
 protected:
  Timeline timeline = test::tutorialTimeline();
  LayoutSequence layouts{timeline, {}};
};

TEST_F(MapAnimation, EndsAreTheLayoutsThemselves) {
  const auto& from = layouts.at(1);
  const auto& to = layouts.at(2);
  const auto start = interpolateLayouts(from, to, 0);
  const auto end = interpolateLayouts(from, to, 1);
  ASSERT_EQ(start.blocks.size(), from.blocks.size());
  ASSERT_EQ(end.blocks.size(), to.blocks.size());
  for (std::size_t i = 0; i < to.blocks.size(); ++i)
    EXPECT_EQ(end.blocks[i].rect, to.blocks[i].rect);
  EXPECT_EQ(start.findObject(1)->record.version, 0);
  EXPECT_EQ(end.findObject(1)->record.version, 1);
}

TEST_F(MapAnimation, ANewStorageGrowsIn) {
  const auto& from = layouts.at(2);
  const auto& to = layouts.at(3);
  const auto early = interpolateLayouts(from, to, 0.2);
  const auto middle = interpolateLayouts(from, to, 0.7);
  const auto* finalBlock = to.findBlock(3);
  EXPECT_DOUBLE_EQ(early.findBlock(3)->motion.opacity, 0);
  EXPECT_DOUBLE_EQ(early.findBlock(3)->rect.width(), 0);
  const auto* growing = middle.findBlock(3);
  EXPECT_GT(growing->motion.opacity, 0);
  EXPECT_LT(growing->motion.opacity, 1);
  EXPECT_GT(growing->rect.width(), 0);
  EXPECT_LT(growing->rect.width(), finalBlock->rect.width());
  EXPECT_DOUBLE_EQ(growing->rect.center().x(), finalBlock->rect.center().x());
  // w's object appears and its arrow draws onto the block.
  EXPECT_LT(middle.findObject(3)->motion.arrowProgress, 1);
  EXPECT_DOUBLE_EQ(interpolateLayouts(from, to, 0.4).findObject(3)->motion.arrowProgress, 0);
}

TEST_F(MapAnimation, AnInPlaceWriteFlashesAndTicksTheVersion) {
  const auto& from = layouts.at(1);
  const auto& to = layouts.at(2);
  const auto early = interpolateLayouts(from, to, 0.1);
  const auto peak = interpolateLayouts(from, to, 0.45);
  const auto late = interpolateLayouts(from, to, 0.8);
  EXPECT_GT(peak.findBlock(1)->motion.flash, 0.95);
  EXPECT_LT(early.findBlock(1)->motion.flash, peak.findBlock(1)->motion.flash);
  EXPECT_EQ(early.findBlock(1)->cells[0].text, "4");
  EXPECT_EQ(late.findBlock(1)->cells[0].text, "7");
  EXPECT_EQ(early.findObject(1)->record.version, 0);
  EXPECT_EQ(late.findObject(1)->record.version, 1);
  EXPECT_GT(peak.findObject(1)->motion.pulse, 0.9);
  EXPECT_DOUBLE_EQ(peak.findBlock(2)->motion.flash, 0) << "y was only read";
}

Step bind(const std::string& name, std::int64_t id, std::int64_t storage, std::uint64_t ptr) {
  Step step;
  step.tensors = {test::scalarTensor(name, id, storage, 1)};
  step.storages = {test::storageRecord(storage, ptr, 8)};
  return step;
}

TEST(MapAnimationFree, AFreedStorageFadesToAGhostAndAway) {
  Timeline timeline;
  timeline.append(bind("a", 1, 1, 0x1000));
  Step del;
  del.unbound = {"a"};
  del.freed = {1};
  timeline.append(del);
  LayoutSequence layouts(timeline, {});
  const auto& from = layouts.at(0);
  const auto& to = layouts.at(1);
  const auto ghostAt = [&](double t) {
    const auto frame = interpolateLayouts(from, to, t);
    EXPECT_EQ(frame.blocks.size(), 1U);
    EXPECT_TRUE(frame.blocks.at(0).motion.ghost);
    return frame.blocks.at(0).motion.opacity;
  };
  EXPECT_NEAR(ghostAt(0.5), 0.35, 1e-9);
  EXPECT_GT(ghostAt(0.25), ghostAt(0.5));
  EXPECT_GT(ghostAt(0.5), ghostAt(0.9));
  EXPECT_TRUE(interpolateLayouts(from, to, 1).blocks.empty());
  EXPECT_TRUE(interpolateLayouts(from, to, 0.5).findObject(1)->motion.ghost);
}

TEST(MapAnimationCopy, ACopyTravelsFromItsSource) {
  Timeline timeline;
  timeline.append(bind("a", 1, 1, 0x1000));
  Step clone = bind("b", 2, 2, 0x2000);
  clone.events = {test::allocation(2, 0x2000, 8, "aten::clone")};
  clone.flows = {DataFlow{"aten::clone", {1}, {2}}};
  timeline.append(clone);
  LayoutSequence layouts(timeline, {});
  const auto frame = interpolateLayouts(layouts.at(0), layouts.at(1), 0.3);
  ASSERT_EQ(frame.copies.size(), 1U);
  EXPECT_EQ(frame.copies[0].from, layouts.at(1).findBlock(1)->rect);
  EXPECT_EQ(frame.copies[0].to, layouts.at(1).findBlock(2)->rect);
  EXPECT_GT(frame.copies[0].progress, 0);
  EXPECT_LT(frame.copies[0].progress, 1);
}

TEST(MapAnimationMove, ShiftedItemsSlide) {
  Timeline timeline;
  timeline.append(bind("b", 2, 2, 0x2000));
  timeline.append(bind("a", 1, 1, 0x1000));  // lower address: goes in before b
  LayoutSequence layouts(timeline, {});
  const auto before = layouts.at(0).findBlock(2)->rect;
  const auto after = layouts.at(1).findBlock(2)->rect;
  ASSERT_GT(after.x(), before.x());
  const auto middle = interpolateLayouts(layouts.at(0), layouts.at(1), 0.3).findBlock(2)->rect;
  EXPECT_GT(middle.x(), before.x());
  EXPECT_LT(middle.x(), after.x());
}

}  // namespace
}  // namespace memlens::ui

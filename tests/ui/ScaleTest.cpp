// The map stays usable at 10,000 storages and 20,000 tensors: layout, a
// visible window, a far-out overview and hit testing all complete. (Times
// are measured by memlens-bench-map, not asserted here.)

#include <gtest/gtest.h>

#include "TutorialTrace.h"
#include "ui/MapAnimation.h"
#include "ui/MapExport.h"
#include "ui/MapHitTest.h"

namespace memlens::ui {
namespace {

TEST(Scale, TenThousandStoragesLayOutRenderAndHitTest) {
  const State state = test::largeState(10000);
  const auto layout = layoutMap(MapInput(state), {});
  ASSERT_EQ(layout.blocks.size(), 10000U);
  ASSERT_EQ(layout.objects.size(), 20000U);
  // Left to right along a row, then on to the next row below.
  for (std::size_t i = 1; i < layout.blocks.size(); ++i) {
    const auto& before = layout.blocks[i - 1].rect;
    const auto& block = layout.blocks[i].rect;
    if (block.top() == before.top()) {
      ASSERT_LT(before.right(), block.left());
    } else {
      ASSERT_GT(block.top(), before.bottom());
    }
  }

  const MemoryMapRenderer renderer;
  // A screen-sized window in the middle, at 1:1.
  QImage window(1600, 900, QImage::Format_ARGB32_Premultiplied);
  QPainter painter(&window);
  const QPointF middle = layout.blocks[5000].rect.topLeft() - QPointF(200, 300);
  painter.translate(-middle);
  renderer.paint(painter, layout, {{}, {}, QRectF(middle, QSizeF(1600, 900))});
  painter.end();

  // Everything at once, far out: runs of blocks become single rectangles.
  QImage overview(1600, 300, QImage::Format_ARGB32_Premultiplied);
  QPainter far(&overview);
  far.scale(1600 / layout.bounds.width(), 1600 / layout.bounds.width());
  renderer.paint(far, layout);
  far.end();

  const auto* block = layout.findBlock(7777);
  ASSERT_NE(block, nullptr);
  EXPECT_EQ(hitTest(layout, block->rect.center()).target, Selection::storage(7777));

  State next = state;
  next.storages.erase(5000);
  const auto after = layoutMap(MapInput(next), {}, &layout);
  EXPECT_EQ(after.findBlock(9000)->rect, layout.findBlock(9000)->rect);
  const auto frame = interpolateLayouts(layout, after, 0.5);
  EXPECT_EQ(frame.blocks.size(), 10000U);
  // A screen's worth of motion interpolates a screen's worth of items.
  const QRectF screen(layout.findBlock(5000)->rect.topLeft() - QPointF(200, 300),
                      QSizeF(1600, 900));
  const auto visible = interpolateLayouts(layout, after, 0.5, screen);
  EXPECT_GT(visible.blocks.size(), 0U);
  EXPECT_LT(visible.blocks.size(), 100U);
  for (const auto& moving : visible.blocks) {
    const auto* before = layout.findBlock(moving.storage);
    const auto* settled = after.findBlock(moving.storage);
    EXPECT_TRUE((before && before->rect.intersects(screen)) ||
                (settled && settled->rect.intersects(screen)));
  }
}

}  // namespace
}  // namespace memlens::ui

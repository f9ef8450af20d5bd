#include "ui/SegmentLayout.h"

#include <gtest/gtest.h>

#include "ui/MapExport.h"
#include "ui/MapLayout.h"
#include "ui/MemoryMapRenderer.h"
#include "ui/Theme.h"

namespace memlens::ui {
namespace {

constexpr std::uint64_t kSmallPool = 0x7f0000000000;  // a 2 MiB segment of small blocks
constexpr std::uint64_t kCached = 0x7f0000400000;     // a 20 MiB segment nothing uses

// A synthetic CUDA trace's state: a cpu tensor, two cuda:0 storages in one
// segment and a second segment that only the cache holds.
State cudaState() {
  State state;
  state.storages[1] = {1, 0x1000, 16, "cpu", false, false};
  state.storages[2] = {2, kSmallPool, 16, "cuda:0", false, false};
  state.storages[3] = {3, kSmallPool + 512, 4096, "cuda:0", true, false};
  state.segments["cuda:0"] = {{kSmallPool, 2097152, 4608}, {kCached, 20971520, 0}};
  return state;
}

const SegmentLayout* segmentAt(const MapLayout& layout, std::uint64_t ptr) {
  for (const auto& segment : layout.segments) {
    if (segment.ptr == ptr) return &segment;
  }
  return nullptr;
}

TEST(SegmentLayout, ReservedSegmentsFrameTheirBlocksInTheCudaLane) {
  const State state = cudaState();
  const MapLayout layout = layoutMap(MapInput(state), LayoutOptions{});
  ASSERT_EQ(layout.segments.size(), 2u);
  const SegmentLayout* used = segmentAt(layout, kSmallPool);
  ASSERT_NE(used, nullptr);
  EXPECT_EQ(used->device, "cuda:0");
  EXPECT_FALSE(used->empty);
  for (std::int64_t id : {2, 3}) {
    const BlockLayout* block = layout.findBlock(id);
    ASSERT_NE(block, nullptr);
    EXPECT_TRUE(used->rect.contains(block->rect)) << "storage " << id << " lies inside";
  }
  EXPECT_FALSE(used->rect.intersects(layout.findBlock(1)->rect)) << "the cpu lane has none";
  EXPECT_EQ(segmentLabel(*used), "reserved 2 MiB \u00b7 2 MiB free");

  const SegmentLayout* cached = segmentAt(layout, kCached);
  ASSERT_NE(cached, nullptr);
  EXPECT_TRUE(cached->empty);
  EXPECT_EQ(segmentLabel(*cached), "reserved 20 MiB \u00b7 20 MiB free");
  EXPECT_GE(cached->rect.left(), used->rect.right()) << "after the lane's blocks";
  for (const auto& block : layout.blocks) EXPECT_FALSE(cached->rect.intersects(block.rect));

  const LaneLayout& cuda = layout.lanes.at(1);
  ASSERT_EQ(cuda.device, "cuda:0");
  for (const auto& segment : layout.segments) {
    EXPECT_TRUE(cuda.rect.contains(segment.rect)) << segmentLabel(segment);
    EXPECT_TRUE(layout.bounds.contains(segment.rect));
  }
  EXPECT_EQ(layout.lanes.at(0).rect.right(), cuda.rect.right()) << "lanes share one width";
}

TEST(SegmentLayout, WithoutSegmentsTheMapIsUnchanged) {
  State state = cudaState();
  state.segments.clear();
  const MapLayout layout = layoutMap(MapInput(state), LayoutOptions{});
  EXPECT_TRUE(layout.segments.empty());
}

TEST(SegmentLayout, TheFrameIsDrawnBehindTheBlocksWithItsLabel) {
  const State state = cudaState();
  const MapLayout layout = layoutMap(MapInput(state), LayoutOptions{});
  const MemoryMapRenderer renderer(*Theme::named("light"));
  const QByteArray svg = renderSvg(layout, renderer);
  const QString label = QString::fromStdString(segmentLabel(*segmentAt(layout, kCached)));
  EXPECT_TRUE(svg.contains(QStringLiteral(">%1<").arg(label).toUtf8()));

  // Inside the used frame but outside its blocks: the frame's fill, not the lane's.
  State plain = state;
  plain.segments.clear();
  const MapLayout without = layoutMap(MapInput(plain), LayoutOptions{});
  const SegmentLayout* used = segmentAt(layout, kSmallPool);
  const QPointF probe(used->rect.left() + 0.15 * layout.options.fontSize, used->rect.center().y());
  const QImage framed = renderImage(layout, renderer, 1);
  const QImage bare = renderImage(without, renderer, 1);
  EXPECT_NE(framed.pixelColor(probe.toPoint()), bare.pixelColor(probe.toPoint()));
  const QPointF inBlock = layout.findBlock(3)->rect.center();
  EXPECT_EQ(framed.pixelColor(inBlock.toPoint()), bare.pixelColor(inBlock.toPoint()))
      << "the block is drawn over the frame";
}

}  // namespace
}  // namespace memlens::ui

#include "ui/SegmentLayout.h"

#include <algorithm>
#include <map>
#include <utility>

#include "ui/ElementText.h"
#include "ui/MapLayout.h"

namespace memlens::ui {

std::string segmentLabel(const SegmentLayout& segment) {
  return "reserved " + byteSizeText(segment.bytes) + " \u00b7 " +
         byteSizeText(segment.bytes - segment.allocatedBytes) + " free";
}

void layoutSegments(const State& state, MapLayout& layout) {
  const double f = layout.options.fontSize;
  const double pad = 0.35 * f;
  const double labelHeight = 1.2 * f;
  const auto labelWidth = [&](const SegmentLayout& s) {
    return static_cast<double>(segmentLabel(s).size()) * 0.62 * 0.65 * f + 2 * pad;
  };
  double right = 0;
  for (auto& lane : layout.lanes) {
    const auto known = state.segments.find(lane.device);
    if (known == state.segments.end()) continue;
    std::vector<const BlockLayout*> blocks;
    for (const auto& block : std::as_const(layout.blocks)) {
      if (block.device == lane.device && !block.motion.ghost) blocks.push_back(&block);
    }
    // Empty segments follow the lane's last block, on its row.
    const BlockLayout* last = nullptr;
    for (const auto* block : blocks) {
      if (!last || block->rect.top() > last->rect.top() ||
          (block->rect.top() == last->rect.top() && block->rect.right() > last->rect.right())) {
        last = block;
      }
    }
    double nextLeft = last ? last->rect.right() + 1.2 * f : lane.rect.left() + f;
    const double emptyTop = last ? last->rect.top() : lane.titleRect.bottom() + labelHeight + pad;
    for (const auto& segment : known->second) {
      SegmentLayout out{lane.device, segment.ptr, segment.bytes, segment.allocatedBytes,
                        {},          {},          false};
      const auto end = segment.ptr + static_cast<std::uint64_t>(segment.bytes);
      // A segment whose blocks wrapped onto several rows gets a frame on each.
      std::map<double, QRectF> rows;
      for (const auto* block : blocks) {
        if (block->ptr >= segment.ptr && block->ptr < end) rows[block->rect.top()] |= block->rect;
      }
      if (rows.empty()) {
        // As tall as the smallest block (header, one row of cells, padding).
        out.empty = true;
        const double width = std::max(8 * f, labelWidth(out)) - 2 * pad;
        rows[emptyTop] = QRectF(nextLeft + pad, emptyTop, width, 4.1 * f);
        nextLeft += width + 2 * pad + 1.2 * f;
        lane.rect.setRight(std::max(lane.rect.right(), nextLeft));
      }
      for (const auto& [top, blocksRect] : rows) {
        out.rect = blocksRect.adjusted(-pad, -(pad + labelHeight), pad, pad);
        out.rect.setWidth(std::max(out.rect.width(), labelWidth(out)));
        out.labelRect =
            QRectF(out.rect.left() + pad, out.rect.top(), out.rect.width() - 2 * pad, labelHeight);
        layout.segments.push_back(out);
      }
    }
    right = std::max(right, lane.rect.right());
  }
  if (layout.segments.empty()) return;
  // Lanes share one width, so the picture still reads as one map.
  for (auto& lane : layout.lanes) lane.rect.setRight(std::max(lane.rect.right(), right));
  for (const auto& segment : layout.segments) {
    layout.bounds |= segment.rect.adjusted(0, 0, f, f);
  }
  layout.bounds |= QRectF(0, 0, right + f, 1);
}

}  // namespace memlens::ui

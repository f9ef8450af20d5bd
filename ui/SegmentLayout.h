#pragma once
// Reserved segments of a caching allocator (CUDA's) on the map: a frame drawn
// behind the blocks that lie inside a segment, labelled with its size and
// what is free in it; a segment no live storage uses (cached memory) is an
// empty frame after the lane's last block. Where the trace has no segments
// (the CPU, LibTorch without CUDA) nothing changes.

#include <QRectF>

#include <cstdint>
#include <string>
#include <vector>

#include "trace/State.h"

namespace memlens::ui {

struct MapLayout;

struct SegmentLayout {
  std::string device;
  std::uint64_t ptr = 0;
  std::int64_t bytes = 0;
  std::int64_t allocatedBytes = 0;
  QRectF rect;         // the frame, behind the blocks
  QRectF labelRect;    // along its top edge
  bool empty = false;  // no live storage inside: only the cache holds it
};

// "reserved 2 MiB · 1.5 MiB free"
std::string segmentLabel(const SegmentLayout& segment);

// Frames the segments `state` knows around the finished layout's blocks,
// widening lanes and bounds where empty segments need room.
void layoutSegments(const State& state, MapLayout& layout);

}  // namespace memlens::ui

#include "tracking/Cuda.h"

#include <ATen/Context.h>
#include <ATen/ops/empty.h>
#include <ATen/ops/ones.h>
#include <c10/core/impl/DeviceGuardImplInterface.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "session/ScriptError.h"
#include "tracking/Recording.h"

namespace memlens::tracking {
namespace {

bool cudaBuiltIn() {
  return c10::impl::hasDeviceGuardImpl(c10::DeviceType::CUDA);
}

// Python on a CPU-only PyTorch: torch.cuda._lazy_init raises this exact error.
TEST(CudaWithoutCuda, InitialisingRaisesPythonsAssertionError) {
  if (cudaBuiltIn()) GTEST_SKIP() << "this LibTorch has CUDA";
  try {
    initCuda();
    FAIL() << "initialised CUDA on a LibTorch without it";
  } catch (const ScriptError& e) {
    EXPECT_EQ(e.type(), "AssertionError");
    EXPECT_STREQ(e.what(), "Torch not compiled with CUDA enabled");
  }
  EXPECT_FALSE(cudaInitialized());
  EXPECT_THROW(synchronizeCuda(), ScriptError);
}

TEST(CudaWithoutCuda, StatisticsAreZeroAndNoSegmentsAreSeen) {
  if (cudaInitialized()) GTEST_SKIP() << "CUDA is initialised in this process";
  const CudaMemoryStats stats = cudaMemoryStats(-1);
  EXPECT_EQ(stats.allocated, 0);
  EXPECT_EQ(stats.reserved, 0);
  EXPECT_EQ(stats.peakAllocated, 0);
  EXPECT_FALSE(cudaSegments().has_value());
  EXPECT_NO_THROW(emptyCudaCache()) << "Python's empty_cache does nothing before initialisation";
}

// The tests below need a GPU; they skip, saying so, where there is none.
class CudaAllocator : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!at::hasCUDA()) GTEST_SKIP() << "no CUDA device visible to this LibTorch";
    initCuda();
    emptyCudaCache();
  }
};

const MemorySegment* segmentHolding(const std::vector<DeviceSegments>& devices, std::uint64_t ptr) {
  for (const auto& device : devices) {
    for (const auto& segment : device.segments) {
      if (ptr >= segment.ptr && ptr < segment.ptr + static_cast<std::uint64_t>(segment.bytes)) {
        return &segment;
      }
    }
  }
  return nullptr;
}

TEST_F(CudaAllocator, ReportsAllocationsInsideReservedSegments) {
  EXPECT_TRUE(cudaInitialized());
  const CudaMemoryStats before = cudaMemoryStats(-1);
  Recording recording;
  const at::Tensor x = at::ones({1000}, at::device(at::kCUDA));
  std::vector<ObservedEvent> events;
  recording.take(events);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].device, "cuda:0");
  EXPECT_EQ(events[0].bytes, 4096) << "4000 bytes rounded up to the allocator's 512";
  EXPECT_EQ(events[0].ptr, reinterpret_cast<std::uintptr_t>(x.data_ptr()));
  const CudaMemoryStats after = cudaMemoryStats(-1);
  EXPECT_EQ(after.allocated - before.allocated, 4096) << "torch.cuda.memory_allocated agrees";
  EXPECT_EQ(events[0].totalAllocated, after.allocated);
  EXPECT_EQ(events[0].totalReserved, after.reserved);

  const auto segments = cudaSegments();
  ASSERT_TRUE(segments.has_value()) << "the native caching allocator takes snapshots";
  ASSERT_EQ(segments->size(), 1u);
  EXPECT_EQ(segments->front().device, "cuda:0");
  const MemorySegment* home = segmentHolding(*segments, events[0].ptr);
  ASSERT_NE(home, nullptr) << "the block lies inside a reserved segment";
  EXPECT_GE(home->allocatedBytes, 4096);
  std::int64_t reserved = 0;
  for (const auto& segment : segments->front().segments) reserved += segment.bytes;
  EXPECT_EQ(reserved, after.reserved) << "the segments add up to torch.cuda.memory_reserved";
  EXPECT_TRUE(std::is_sorted(segments->front().segments.begin(), segments->front().segments.end(),
                             [](const auto& a, const auto& b) { return a.ptr < b.ptr; }));
}

TEST_F(CudaAllocator, EmptyCacheGivesUnusedSegmentsBack) {
  const std::int64_t reservedBefore = cudaMemoryStats(-1).reserved;
  {
    const at::Tensor big = at::empty({16 * 1024 * 1024}, at::device(at::kCUDA));
    EXPECT_GE(cudaMemoryStats(-1).reserved, reservedBefore + 64 * 1024 * 1024);
  }
  EXPECT_GE(cudaMemoryStats(-1).reserved, reservedBefore + 64 * 1024 * 1024)
      << "freed into the cache, still reserved";
  emptyCudaCache();
  EXPECT_EQ(cudaMemoryStats(-1).reserved, reservedBefore);
  synchronizeCuda();
}

}  // namespace
}  // namespace memlens::tracking

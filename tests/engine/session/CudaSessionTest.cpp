// What the map shows for CUDA memory, observed from a real GPU: allocation,
// in-place writes, views, copies across devices, and the caching allocator
// handing a freed block back (a recycled address, not an in-place write).
// Every test skips, saying why, where LibTorch sees no GPU.

#include <ATen/Context.h>
#include <ATen/ops/arange.h>
#include <ATen/ops/ones.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "session/SessionTesting.h"
#include "tracking/Cuda.h"

namespace memlens {
namespace {

using testing::factory;
using testing::Script;
using testing::tensor;

const c10::Device kGpu(c10::kCUDA, 0);

class CudaSession : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!at::hasCUDA()) GTEST_SKIP() << "no CUDA device visible to this LibTorch";
    tracking::initCuda();  // as Python does before the first CUDA tensor
    tracking::emptyCudaCache();
    baseline_ = tracking::cudaMemoryStats(0).allocated;
  }

  static DeviceTotal gpuTotal(const Step& step) {
    for (const auto& total : step.totals) {
      if (total.device == "cuda:0") return total;
    }
    ADD_FAILURE() << "no cuda:0 total in step " << step.code;
    return {};
  }

  // torch.cuda.memory_allocated() and memory_reserved() agree with the step's
  // totals, and every reported byte belongs to a live storage.
  void expectAgreement(const Step& step) const {
    const DeviceTotal total = gpuTotal(step);
    const tracking::CudaMemoryStats stats = tracking::cudaMemoryStats(0);
    EXPECT_EQ(total.reportedBytes, stats.allocated - baseline_) << step.code;
    EXPECT_EQ(total.liveStorageBytes, total.reportedBytes) << step.code;
    EXPECT_EQ(total.reservedBytes, stats.reserved) << step.code;
  }

  Script run;
  std::int64_t baseline_ = 0;
};

TEST_F(CudaSession, AFactoryAllocatesANewStorageInTheCudaLaneInsideASegment) {
  const Step& step = run("x = torch.ones(4, device='cuda')", [](Scope& s) {
    s.bind("x", factory([] { return at::ones({4}, at::device(kGpu)); }));
  });
  EXPECT_EQ(step.kinds, std::vector<StepKind>{StepKind::New});
  ASSERT_EQ(step.storages.size(), 1u);
  const StorageRecord& storage = step.storages[0];
  EXPECT_EQ(storage.device, "cuda:0");
  EXPECT_EQ(storage.bytes, 16);
  EXPECT_FALSE(storage.recycledAddress);
  EXPECT_EQ(run.record("x").device, "cuda:0");
  EXPECT_EQ(run.record("x").values, (std::vector<ElementValue>{1.0, 1.0, 1.0, 1.0}));
  ASSERT_EQ(step.events.size(), 1u);
  EXPECT_EQ(step.events[0].device, "cuda:0");
  EXPECT_EQ(step.events[0].bytes, 512) << "the caching allocator's smallest block";
  expectAgreement(step);

  ASSERT_EQ(step.segments.size(), 1u) << "the new segment is recorded";
  EXPECT_EQ(step.segments[0].device, "cuda:0");
  const auto& segments = step.segments[0].segments;
  EXPECT_TRUE(std::any_of(segments.begin(), segments.end(), [&](const MemorySegment& s) {
    return storage.ptr >= s.ptr && storage.ptr < s.ptr + static_cast<std::uint64_t>(s.bytes);
  }));
  EXPECT_EQ(run.session.timeline().current().segments.at("cuda:0"), segments);
}

TEST_F(CudaSession, InPlaceWritesAndViewsShareTheCudaStorage) {
  run("x = torch.arange(6., device='cuda')",
      [](Scope& s) { s.bind("x", factory([] { return at::arange(6.0, at::device(kGpu)); })); });
  const auto storage = run.storageOf("x");
  const Step& write = run("x.add_(1)", [](Scope& s) { tensor(s, "x").add_(1); });
  EXPECT_EQ(write.kinds, std::vector<StepKind>{StepKind::InPlace});
  EXPECT_TRUE(write.storages.empty());
  EXPECT_EQ(run.record("x").version, 1);
  expectAgreement(write);

  const Step& view =
      run("v = x[1:4]", [](Scope& s) { s.bind("v", tensor(s, "x").slice(0, 1, 4)); });
  EXPECT_EQ(view.kinds, std::vector<StepKind>{StepKind::View});
  EXPECT_EQ(run.record("v").storage, storage.id);
  EXPECT_TRUE(view.events.empty()) << "a view allocates nothing";

  const Step& through = run("v.mul_(10)", [](Scope& s) { tensor(s, "v").mul_(10); });
  EXPECT_EQ(through.kinds, std::vector<StepKind>{StepKind::InPlace});
  EXPECT_EQ(run.record("x").version, 2) << "views share the version counter";
  EXPECT_EQ(run.record("x").values, (std::vector<ElementValue>{1.0, 20.0, 30.0, 40.0, 5.0, 6.0}));
  expectAgreement(through);
}

TEST_F(CudaSession, CopiesAcrossDevicesAreNewStoragesOnTheOtherLane) {
  run("c = torch.arange(4.)",
      [](Scope& s) { s.bind("c", factory([] { return at::arange(4.0); })); });
  const auto source = run.storageOf("c");
  const Step& up = run("g = c.cuda()", [](Scope& s) { s.bind("g", tensor(s, "c").to(kGpu)); });
  EXPECT_EQ(up.kinds, std::vector<StepKind>{StepKind::New});
  const auto gpu = run.storageOf("g");
  EXPECT_EQ(gpu.device, "cuda:0");
  EXPECT_NE(gpu.id, source.id);
  EXPECT_EQ(run.record("g").values, run.record("c").values);
  expectAgreement(up);

  const Step& same =
      run("h = g.to('cuda')", [](Scope& s) { s.bind("h", tensor(s, "g").to(kGpu)); });
  EXPECT_EQ(run.record("h").id, run.record("g").id) << "already there: the same object";
  EXPECT_TRUE(same.storages.empty());

  const Step& down = run("b = g.cpu()", [](Scope& s) { s.bind("b", tensor(s, "g").cpu()); });
  EXPECT_EQ(down.kinds, std::vector<StepKind>{StepKind::New});
  EXPECT_EQ(run.storageOf("b").device, "cpu");
  EXPECT_TRUE(std::none_of(down.events.begin(), down.events.end(), [](const MemoryEvent& e) {
    return e.device == "cuda:0";
  })) << "reading the GPU copy allocates nothing there";
}

TEST_F(CudaSession, TheCachingAllocatorsReuseIsARecycledAddressNotInPlace) {
  run("a = torch.ones(256, device='cuda')",
      [](Scope& s) { s.bind("a", factory([] { return at::ones({256}, at::device(kGpu)); })); });
  const auto old = run.storageOf("a");
  const Step& del = run("del a", [](Scope& s) { s.unbind("a"); });
  EXPECT_EQ(del.freed, std::vector<std::int64_t>{old.id});
  EXPECT_TRUE(del.hasKind(StepKind::Free));
  expectAgreement(del);
  EXPECT_GT(gpuTotal(del).reservedBytes, 0) << "freed into the cache: still reserved";
  ASSERT_EQ(del.segments.size(), 1u) << "the segment's allocated bytes fell";

  const Step& again = run("b = torch.ones(256, device='cuda')", [](Scope& s) {
    s.bind("b", factory([] { return at::ones({256}, at::device(kGpu)); }));
  });
  const auto fresh = run.storageOf("b");
  ASSERT_EQ(fresh.ptr, old.ptr) << "the caching allocator handed the same block back";
  EXPECT_NE(fresh.id, old.id);
  EXPECT_TRUE(fresh.recycledAddress);
  EXPECT_EQ(again.kinds, std::vector<StepKind>{StepKind::New});
  EXPECT_FALSE(again.hasKind(StepKind::InPlace));
  expectAgreement(again);

  run("del b", [](Scope& s) { s.unbind("b"); });
  const Step& emptied = run("torch.cuda.empty_cache()", [](Scope&) { tracking::emptyCudaCache(); });
  EXPECT_EQ(gpuTotal(emptied).reservedBytes, 0) << "no event reported it; the snapshot did";
  ASSERT_EQ(emptied.segments.size(), 1u);
  EXPECT_TRUE(emptied.segments[0].segments.empty());
  EXPECT_FALSE(run.session.timeline().current().segments.contains("cuda:0"));
}

}  // namespace
}  // namespace memlens

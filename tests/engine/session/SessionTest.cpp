#include "session/Session.h"

#include <ATen/ops/add.h>
#include <ATen/ops/arange.h>
#include <ATen/ops/empty.h>
#include <ATen/ops/ones.h>
#include <ATen/ops/scalar_tensor.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "session/RecyclingAllocator.h"
#include "session/SessionTesting.h"

namespace memlens {
namespace {

using testing::factory;
using testing::Script;
using testing::tensor;

std::vector<StepKind> kinds(std::initializer_list<StepKind> list) {
  return list;
}

TEST(Session, FactoryAllocatesANewStorage) {
  Script run;
  const Step& step = run("x = torch.ones(4)",
                         [](Scope& s) { s.bind("x", factory([] { return at::ones({4}); })); });
  EXPECT_EQ(step.kinds, kinds({StepKind::New}));
  ASSERT_EQ(step.storages.size(), 1u);
  EXPECT_EQ(step.storages[0].bytes, 16);
  EXPECT_EQ(step.storages[0].device, "cpu");
  EXPECT_FALSE(step.storages[0].internal);
  ASSERT_EQ(step.tensors.size(), 1u);
  const TensorRecord& x = step.tensors[0];
  EXPECT_EQ(x.name, "x");
  EXPECT_EQ(x.storage, step.storages[0].id);
  EXPECT_EQ(x.shape, (std::vector<std::int64_t>{4}));
  EXPECT_EQ(x.strides, (std::vector<std::int64_t>{1}));
  EXPECT_EQ(x.dtype, "float32");
  EXPECT_EQ(x.version, 0);
  ASSERT_TRUE(x.values);
  EXPECT_EQ(x.values->size(), 4u);
  EXPECT_EQ(std::get<double>((*x.values)[0]), 1.0);
  ASSERT_EQ(step.events.size(), 1u);
  EXPECT_EQ(step.events[0].action, MemoryAction::Alloc);
  EXPECT_EQ(step.events[0].ptr, step.storages[0].ptr);
  EXPECT_EQ(step.events[0].storage, step.storages[0].id);
  EXPECT_EQ(step.events[0].topOp, "aten::ones");
}

TEST(Session, InPlaceAddWritesTheSameStorageAndObject) {
  Script run;
  run("x = torch.tensor(4)",
      [](Scope& s) { s.bind("x", factory([] { return at::scalar_tensor(4, at::kLong); })); });
  run("y = torch.tensor(3)",
      [](Scope& s) { s.bind("y", factory([] { return at::scalar_tensor(3, at::kLong); })); });
  const auto xBefore = run.record("x");
  const Step& step =
      run("z = x.add_(y)", [](Scope& s) { s.bind("z", tensor(s, "x").add_(tensor(s, "y"))); });
  EXPECT_EQ(step.kinds, kinds({StepKind::InPlace}));
  EXPECT_TRUE(step.storages.empty());
  EXPECT_TRUE(step.freed.empty());
  const auto& x = run.record("x");
  const auto& z = run.record("z");
  EXPECT_EQ(z.id, x.id) << "z = x.add_(y) binds z to the very object x names";
  EXPECT_EQ(x.id, xBefore.id);
  EXPECT_EQ(x.storage, xBefore.storage);
  EXPECT_EQ(x.version, 1);
  EXPECT_EQ(x.values, (std::vector<ElementValue>{std::int64_t{7}}));
  // Both names' facts changed (x's value and version; z is new), so both are recorded.
  EXPECT_EQ(step.tensors.size(), 2u);
}

TEST(Session, OutOfPlaceAddAllocatesANewStorage) {
  Script run;
  run("x = torch.tensor(4)",
      [](Scope& s) { s.bind("x", factory([] { return at::scalar_tensor(4, at::kLong); })); });
  run("y = torch.tensor(3)",
      [](Scope& s) { s.bind("y", factory([] { return at::scalar_tensor(3, at::kLong); })); });
  const Step& step = run("z = torch.add(x, y)",
                         [](Scope& s) { s.bind("z", at::add(tensor(s, "x"), tensor(s, "y"))); });
  EXPECT_EQ(step.kinds, kinds({StepKind::New}));
  ASSERT_EQ(step.storages.size(), 1u);
  EXPECT_NE(run.record("z").id, run.record("x").id);
  EXPECT_NE(run.record("z").storage, run.record("x").storage);
  EXPECT_EQ(run.record("x").version, 0);
  ASSERT_EQ(step.events.size(), 1u);
  EXPECT_EQ(step.events[0].op, "aten::add");
  EXPECT_EQ(step.events[0].topOp, "aten::add");
}

TEST(Session, AddOutWritesIntoTheOutputsStorage) {
  Script run;
  run("x = torch.ones(3)", [](Scope& s) { s.bind("x", factory([] { return at::ones({3}); })); });
  run("out = torch.empty(3)",
      [](Scope& s) { s.bind("out", factory([] { return at::empty({3}); })); });
  const auto before = run.storageOf("out");
  const Step& step = run("torch.add(x, x, out=out)", [](Scope& s) {
    at::Tensor out = tensor(s, "out");
    at::add_out(out, tensor(s, "x"), tensor(s, "x"));
  });
  EXPECT_EQ(step.kinds, kinds({StepKind::InPlace}));
  EXPECT_TRUE(step.events.empty());
  EXPECT_EQ(run.storageOf("out"), before);
  EXPECT_EQ(run.record("out").version, 1);
}

TEST(Session, AddOutResizesTheOutputsStorageKeepingItsId) {
  Script run;
  run("x = torch.ones(64)", [](Scope& s) { s.bind("x", factory([] { return at::ones({64}); })); });
  run("out = torch.empty(1)",
      [](Scope& s) { s.bind("out", factory([] { return at::empty({1}); })); });
  const auto before = run.storageOf("out");
  const Step& step = run("torch.add(x, x, out=out)", [](Scope& s) {
    at::Tensor out = tensor(s, "out");
    at::add_out(out, tensor(s, "x"), tensor(s, "x"));
  });
  EXPECT_EQ(step.kinds, kinds({StepKind::InPlace}));
  const auto& after = run.storageOf("out");
  EXPECT_EQ(after.id, before.id);
  EXPECT_EQ(after.bytes, 256);
  EXPECT_NE(after.ptr, before.ptr);
  ASSERT_EQ(step.storages.size(), 1u);
  EXPECT_EQ(step.storages[0].id, before.id);
  // The old block was freed and a bigger one allocated, both for this storage.
  ASSERT_EQ(step.events.size(), 2u);
  EXPECT_EQ(step.events[0].action, MemoryAction::Alloc);
  EXPECT_EQ(step.events[0].storage, before.id);
  EXPECT_EQ(step.events[1].action, MemoryAction::Free);
  EXPECT_EQ(step.events[1].ptr, before.ptr);
  EXPECT_EQ(step.events[1].storage, before.id);
  EXPECT_TRUE(step.freed.empty()) << "the storage lives on; only its old block went";
}

TEST(Session, ResizeKeepsTheStorageId) {
  Script run;
  run("x = torch.ones(2)", [](Scope& s) { s.bind("x", factory([] { return at::ones({2}); })); });
  const auto before = run.storageOf("x");
  const Step& step = run("x.resize_(100)", [](Scope& s) { tensor(s, "x").resize_({100}); });
  EXPECT_EQ(step.kinds, kinds({StepKind::InPlace}));
  const auto& after = run.storageOf("x");
  EXPECT_EQ(after.id, before.id);
  EXPECT_EQ(after.bytes, 400);
  EXPECT_EQ(run.record("x").shape, (std::vector<std::int64_t>{100}));
  EXPECT_EQ(run.record("x").storage, before.id);
}

TEST(Session, ViewsShareStorageAndVersionCounter) {
  Script run;
  run("x = torch.arange(4.)",
      [](Scope& s) { s.bind("x", factory([] { return at::arange(4.0); })); });
  const Step& viewStep = run("v = x.view(2, 2)", [](Scope& s) {
    s.bind("v", tensor(s, "x").view({2, 2}));
  });
  EXPECT_EQ(viewStep.kinds, kinds({StepKind::View}));
  EXPECT_TRUE(viewStep.events.empty());
  EXPECT_EQ(run.record("v").storage, run.record("x").storage);
  EXPECT_NE(run.record("v").id, run.record("x").id);

  const Step& write = run("v.add_(1)", [](Scope& s) { tensor(s, "v").add_(1); });
  EXPECT_EQ(write.kinds, kinds({StepKind::InPlace}));
  EXPECT_EQ(run.record("v").version, 1);
  EXPECT_EQ(run.record("x").version, 1) << "views share the version counter with their base";
  EXPECT_EQ(run.record("x").values, (std::vector<ElementValue>{1.0, 2.0, 3.0, 4.0}));
  std::set<std::string> changed;
  for (const auto& t : write.tensors) changed.insert(t.name);
  EXPECT_EQ(changed, (std::set<std::string>{"v", "x"}))
      << "a write through a view changes every tensor on the storage";
}

TEST(Session, TransposeAndSlicingAreViews) {
  Script run;
  run("a = torch.arange(6).view(2, 3)", [](Scope& s) {
    s.bind("a", factory([] { return at::arange(6); }).view({2, 3}));
  });
  const Step& t = run("b = a.t()", [](Scope& s) { s.bind("b", tensor(s, "a").t()); });
  EXPECT_EQ(t.kinds, kinds({StepKind::View}));
  EXPECT_EQ(run.record("b").strides, (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(run.record("b").values,
            (std::vector<ElementValue>{std::int64_t{0}, std::int64_t{3}, std::int64_t{1},
                                       std::int64_t{4}, std::int64_t{2}, std::int64_t{5}}));
  const Step& slice =
      run("c = a[1, 1:]", [](Scope& s) { s.bind("c", tensor(s, "a").select(0, 1).slice(0, 1)); });
  EXPECT_EQ(slice.kinds, kinds({StepKind::View}));
  EXPECT_EQ(run.record("c").offset, 4);
  EXPECT_EQ(run.record("c").storage, run.record("a").storage);
}

TEST(Session, ReshapeIsAViewOfContiguousInputAndACopyOtherwise) {
  Script run;
  run("a = torch.arange(6).view(2, 3)", [](Scope& s) {
    s.bind("a", factory([] { return at::arange(6); }).view({2, 3}));
  });
  const Step& view = run("b = a.reshape(3, 2)", [](Scope& s) {
    s.bind("b", tensor(s, "a").reshape({3, 2}));
  });
  EXPECT_EQ(view.kinds, kinds({StepKind::View}));
  EXPECT_EQ(run.record("b").storage, run.record("a").storage);

  const Step& copy =
      run("c = a.t().reshape(6)", [](Scope& s) { s.bind("c", tensor(s, "a").t().reshape({6})); });
  EXPECT_EQ(copy.kinds, kinds({StepKind::New}));
  EXPECT_NE(run.record("c").storage, run.record("a").storage);
}

TEST(Session, ContiguousReturnsTheSameObjectOrCopies) {
  Script run;
  run("a = torch.arange(6).view(2, 3)", [](Scope& s) {
    s.bind("a", factory([] { return at::arange(6); }).view({2, 3}));
  });
  const Step& same =
      run("b = a.contiguous()", [](Scope& s) { s.bind("b", tensor(s, "a").contiguous()); });
  EXPECT_EQ(same.kinds, kinds({StepKind::None}));
  EXPECT_EQ(run.record("b").id, run.record("a").id);
  const Step& copy =
      run("c = a.t().contiguous()", [](Scope& s) { s.bind("c", tensor(s, "a").t().contiguous()); });
  EXPECT_EQ(copy.kinds, kinds({StepKind::New}));
  EXPECT_NE(run.record("c").storage, run.record("a").storage);
  EXPECT_EQ(run.record("c").strides, (std::vector<std::int64_t>{2, 1}));
}

TEST(Session, DelFreesTheStorage) {
  Script run;
  run("x = torch.ones(4)", [](Scope& s) { s.bind("x", factory([] { return at::ones({4}); })); });
  const auto storage = run.storageOf("x");
  const Step& step = run("del x", [](Scope& s) { s.unbind("x"); });
  EXPECT_EQ(step.kinds, kinds({StepKind::Free}));
  EXPECT_EQ(step.unbound, (std::vector<std::string>{"x"}));
  EXPECT_EQ(step.freed, (std::vector<std::int64_t>{storage.id}));
  ASSERT_EQ(step.events.size(), 1u);
  EXPECT_EQ(step.events[0].action, MemoryAction::Free);
  EXPECT_EQ(step.events[0].storage, storage.id);
  EXPECT_EQ(step.events[0].bytes, 16);
  EXPECT_TRUE(run.session.timeline().current().storages.empty());
}

TEST(Session, StorageOutlivesItsBaseWhileAViewLives) {
  Script run;
  run("a = torch.ones(4)", [](Scope& s) { s.bind("a", factory([] { return at::ones({4}); })); });
  run("v = a[1:]", [](Scope& s) { s.bind("v", tensor(s, "a").slice(0, 1)); });
  const auto storage = run.record("a").storage;
  const Step& delBase = run("del a", [](Scope& s) { s.unbind("a"); });
  EXPECT_EQ(delBase.kinds, kinds({StepKind::None}));
  EXPECT_TRUE(delBase.freed.empty());
  EXPECT_TRUE(delBase.events.empty());
  EXPECT_EQ(delBase.unbound, (std::vector<std::string>{"a"}));
  EXPECT_EQ(run.session.timeline().current().storages.count(storage), 1u);
  const Step& delView = run("del v", [](Scope& s) { s.unbind("v"); });
  EXPECT_EQ(delView.kinds, kinds({StepKind::Free}));
  EXPECT_EQ(delView.freed, (std::vector<std::int64_t>{storage}));
}

TEST(Session, ARecycledAddressIsANewStorageNotInPlace) {
  // An allocator that hands a freed block straight back, as caching
  // allocators do, so the address is reused every time.
  const testing::RecyclingAllocatorScope recycling;
  Script run;
  run("x = torch.ones(8)", [](Scope& s) { s.bind("x", factory([] { return at::ones({8}); })); });
  const auto old = run.storageOf("x");
  const Step& del = run("del x", [](Scope& s) { s.unbind("x"); });
  EXPECT_EQ(del.freed, (std::vector<std::int64_t>{old.id}));
  const Step& step = run("y = torch.ones(8)",
                         [](Scope& s) { s.bind("y", factory([] { return at::ones({8}); })); });
  const auto& fresh = run.storageOf("y");
  ASSERT_EQ(fresh.ptr, old.ptr) << "the allocator handed the block back";
  EXPECT_NE(fresh.id, old.id) << "same address, different storage";
  EXPECT_TRUE(fresh.recycledAddress);
  EXPECT_FALSE(old.recycledAddress);
  EXPECT_EQ(step.kinds, kinds({StepKind::New}));
  EXPECT_FALSE(step.hasKind(StepKind::InPlace));
  ASSERT_EQ(step.events.size(), 1u);
  EXPECT_EQ(step.events[0].storage, fresh.id);
  EXPECT_EQ(step.totals.at(0).reportedBytes, step.totals.at(0).liveStorageBytes);
}

TEST(Session, RebindingFreesTheOldStorageAndAllocatesANewOne) {
  Script run;
  run("x = torch.ones(4)", [](Scope& s) { s.bind("x", factory([] { return at::ones({4}); })); });
  const auto old = run.storageOf("x");
  const Step& step = run("x = x + 1", [](Scope& s) { s.bind("x", at::add(tensor(s, "x"), 1)); });
  EXPECT_EQ(step.kinds, kinds({StepKind::New, StepKind::Free}));
  EXPECT_EQ(step.freed, (std::vector<std::int64_t>{old.id}));
  EXPECT_NE(run.storageOf("x").id, old.id);
}

TEST(Session, TemporariesAreAllocatedAndFreedInOrder) {
  Script run;
  run("a = torch.ones(16)", [](Scope& s) { s.bind("a", factory([] { return at::ones({16}); })); });
  const Step& step = run("b = a + a + a", [](Scope& s) {
    s.bind("b", at::add(at::add(tensor(s, "a"), tensor(s, "a")), tensor(s, "a")));
  });
  EXPECT_EQ(step.kinds, kinds({StepKind::New}));
  ASSERT_EQ(step.events.size(), 3u);
  EXPECT_EQ(step.events[0].action, MemoryAction::Alloc);
  EXPECT_EQ(step.events[1].action, MemoryAction::Alloc);
  EXPECT_EQ(step.events[2].action, MemoryAction::Free);
  EXPECT_EQ(step.events[2].ptr, step.events[0].ptr);
  EXPECT_FALSE(step.events[0].storage) << "the temporary never became a storage anyone saw";
  EXPECT_EQ(step.events[1].storage, run.record("b").storage);
  // Running totals step by step.
  EXPECT_EQ(step.events[1].totalAllocated - step.events[0].totalAllocated, 64);
  EXPECT_EQ(step.events[2].totalAllocated - step.events[1].totalAllocated, -64);
  EXPECT_EQ(step.events[0].op, "aten::add");
  EXPECT_EQ(step.events[1].op, "aten::add");
  EXPECT_EQ(step.events[2].op, "") << "the temporary died between operators, not inside one";
}

TEST(Session, LiveStoragesAddUpToLibTorchsTotalAtEveryStep) {
  Script run;
  run("a = torch.ones(100)",
      [](Scope& s) { s.bind("a", factory([] { return at::ones({100}); })); });
  run("b = a.view(10, 10)", [](Scope& s) { s.bind("b", tensor(s, "a").view({10, 10})); });
  run("c = b.t().contiguous()", [](Scope& s) { s.bind("c", tensor(s, "b").t().contiguous()); });
  run("a.resize_(1000)", [](Scope& s) { tensor(s, "a").resize_({1000}); });
  run("d = c * 2 + 1", [](Scope& s) { s.bind("d", tensor(s, "c").mul(2).add(1)); });
  run("del a", [](Scope& s) { s.unbind("a"); });
  run("del b", [](Scope& s) { s.unbind("b"); });
  run("c = None", [](Scope& s) { s.bind("c", c10::IValue()); });
  const auto& timeline = run.session.timeline();
  for (std::size_t i = 0; i < timeline.size(); ++i) {
    const Step& step = timeline.step(i);
    ASSERT_EQ(step.totals.size(), 1u) << step.code;
    EXPECT_EQ(step.totals[0].reportedBytes, step.totals[0].liveStorageBytes) << step.code;
    EXPECT_EQ(step.totals[0].reportedBytes, testing::liveBytes(timeline.stateAfter(i), "cpu"))
        << step.code;
  }
}

TEST(Session, AutogradHoldsStoragesNoNameReaches) {
  Script run;
  run("a = torch.ones(3, requires_grad=True)",
      [](Scope& s) { s.bind("a", factory([] { return at::ones({3}); }).requires_grad_(true)); });
  const Step& forward =
      run("y = a.exp().sum()", [](Scope& s) { s.bind("y", tensor(s, "a").exp().sum()); });
  // exp's result is saved for backward: alive, but no name reaches it.
  const auto internal = std::count_if(forward.storages.begin(), forward.storages.end(),
                                      [](const auto& st) { return st.internal; });
  EXPECT_EQ(internal, 1);
  EXPECT_TRUE(run.record("y").requiresGrad);
  EXPECT_EQ(run.record("y").gradFn, std::optional<std::string>("SumBackward0"));
  EXPECT_FALSE(run.record("a").gradFn) << "a leaf has no grad_fn";

  const Step& backward = run("y.backward()", [](Scope& s) { tensor(s, "y").backward(); });
  EXPECT_TRUE(backward.hasKind(StepKind::New)) << "a.grad was allocated";
  EXPECT_TRUE(backward.hasKind(StepKind::Free)) << "the saved exp result was released";

  const Step& read = run("g = a.grad", [](Scope& s) { s.bind("g", tensor(s, "a").grad()); });
  EXPECT_EQ(read.kinds, kinds({StepKind::None}))
      << "naming the gradient reveals a storage seen before; nothing new, no view";
  ASSERT_EQ(read.storages.size(), 1u);
  EXPECT_FALSE(read.storages[0].internal);
  const double e = static_cast<double>(std::exp(1.0f));  // float32, as LibTorch computes it
  EXPECT_EQ(run.record("g").values, (std::vector<ElementValue>{e, e, e}));
  for (std::size_t i = 0; i < run.session.timeline().size(); ++i) {
    const auto& totals = run.session.timeline().step(i).totals;
    ASSERT_FALSE(totals.empty());
    EXPECT_EQ(totals[0].reportedBytes, totals[0].liveStorageBytes);
  }
}

TEST(Session, AFailingStatementLeavesNoBindingsAndReportsPyTorchsMessage) {
  Script run;
  const Step& step = run("q = torch.ones(2); r = q.view(3)", [](Scope& s) {
    s.bind("q", factory([] { return at::ones({2}); }));
    s.bind("r", tensor(s, "q").view({3}));
  });
  ASSERT_TRUE(step.error);
  EXPECT_EQ(step.error->type, "RuntimeError");
  EXPECT_EQ(step.error->message, "shape '[3]' is invalid for input of size 2");
  EXPECT_EQ(step.error->line, 1);
  EXPECT_TRUE(run.session.timeline().current().tensors.empty());
  EXPECT_TRUE(step.tensors.empty());
  EXPECT_TRUE(run.session.timeline().current().storages.empty())
      << "what the failed statement allocated was dropped with its binding";
}

TEST(Session, LibTorchErrorsKeepTheirPythonType) {
  Script run;
  run("x = torch.ones(2)", [](Scope& s) { s.bind("x", factory([] { return at::ones({2}); })); });
  const Step& step = run("x[5]", [](Scope& s) { tensor(s, "x").select(0, 5); });
  ASSERT_TRUE(step.error);
  EXPECT_EQ(step.error->type, "IndexError");
  EXPECT_EQ(step.error->message,
            "select(): index 5 out of range for tensor of size [2] at dimension 0");
}

TEST(Session, ANameErrorComesFromTheScope) {
  Script run;
  const Step& step = run("y = nope", [](Scope& s) { s.bind("y", s.get("nope")); });
  ASSERT_TRUE(step.error);
  EXPECT_EQ(step.error->type, "NameError");
  EXPECT_EQ(step.error->message, "name 'nope' is not defined");
}

TEST(Session, OutputIsCapturedPerStep) {
  Script run;
  const Step& step = run("print('hi')", [](Scope& s) { s.print("hi\n"); });
  EXPECT_EQ(step.output, "hi\n");
  EXPECT_EQ(step.kinds, kinds({StepKind::None}));
}

TEST(Session, TensorsInsideListsAreNamedByIndex) {
  Script run;
  const Step& step = run("parts = torch.arange(4).chunk(2)", [](Scope& s) {
    s.bind("parts",
           c10::IValue(c10::List<at::Tensor>(factory([] { return at::arange(4); }).chunk(2))));
  });
  std::set<std::string> names;
  for (const auto& t : step.tensors) names.insert(t.name);
  EXPECT_EQ(names, (std::set<std::string>{"parts[0]", "parts[1]"}));
  EXPECT_EQ(run.record("parts[0]").storage, run.record("parts[1]").storage);
  EXPECT_EQ(run.record("parts[1]").offset, 2);
}

TEST(Session, TheTraceRoundTripsThroughJson) {
  Script run;
  run("x = torch.tensor(4)",
      [](Scope& s) { s.bind("x", factory([] { return at::scalar_tensor(4, at::kLong); })); });
  run("y = torch.tensor(3)",
      [](Scope& s) { s.bind("y", factory([] { return at::scalar_tensor(3, at::kLong); })); });
  run("z = x.add_(y)", [](Scope& s) { s.bind("z", tensor(s, "x").add_(tensor(s, "y"))); });
  run("w = x / 3", [](Scope& s) { s.bind("w", tensor(s, "x").div(3)); });
  run("del x", [](Scope& s) { s.unbind("x"); });
  const Trace trace = run.session.trace();
  EXPECT_EQ(readTraceJson(writeTraceJson(trace)), trace);
  EXPECT_EQ(trace.steps.size(), 5u);
}

TEST(Session, TopLevelOperatorCallsCarryTheirSchemaAndPredictedEffect) {
  Script run;
  run("x = torch.ones(3)", [](Scope& s) { s.bind("x", factory([] { return at::ones({3}); })); });
  const Step& inPlace = run("x.add_(x)", [](Scope& s) { tensor(s, "x").add_(tensor(s, "x")); });
  ASSERT_EQ(inPlace.calls.size(), 1u);
  EXPECT_EQ(inPlace.calls[0].op(), "aten::add_.Tensor");
  EXPECT_EQ(inPlace.calls[0].predicted(), "in-place");
  EXPECT_EQ(inPlace.calls[0].schema().rfind("aten::add_.Tensor(Tensor(a!) self", 0), 0u);
  const Step& loop = run("for _ in range(3): v = x.t()", [](Scope& s) {
    for (int i = 0; i < 3; ++i) s.bind("v", tensor(s, "x").t());
  });
  ASSERT_EQ(loop.calls.size(), 1u) << "repeated calls are folded";
  EXPECT_EQ(loop.calls[0].op(), "aten::t");
  EXPECT_EQ(loop.calls[0].predicted(), "view");
  EXPECT_EQ(loop.calls[0].count, 3);
}

TEST(Session, NotKeepingStepsHandsEachOneBackAlike) {
  const auto script = [](Session& session) {
    std::vector<Step> seen;
    const auto statement = [&](std::string code, const Session::Body& body) {
      seen.push_back(session.run(Statement{code, static_cast<int>(seen.size()) + 1, 1}, body));
    };
    statement("x = torch.ones(3)",
              [](Scope& s) { s.bind("x", factory([] { return at::ones({3}); })); });
    statement("x.add_(1)", [](Scope& s) { tensor(s, "x").add_(1); });
    statement("y = x + 1", [](Scope& s) { s.bind("y", tensor(s, "x").add(1)); });
    statement("del x", [](Scope& s) { s.unbind("x"); });
    return seen;
  };
  Session kept;
  Session streamed(SessionOptions{.keepSteps = false});
  const std::vector<Step> keptSteps = script(kept);
  const std::vector<Step> streamedSteps = script(streamed);
  EXPECT_EQ(kept.timeline().steps(), keptSteps);
  EXPECT_TRUE(streamed.timeline().empty());
  ASSERT_EQ(streamedSteps.size(), keptSteps.size());
  for (std::size_t i = 0; i < keptSteps.size(); ++i) {
    // Addresses depend on what malloc hands out; everything else must agree.
    auto withoutAddresses = [](Step step) {
      for (auto& storage : step.storages) storage.ptr = 0;
      for (auto& event : step.events) event.ptr = 0;
      return step;
    };
    EXPECT_EQ(withoutAddresses(streamedSteps[i]), withoutAddresses(keptSteps[i])) << i;
  }
  EXPECT_EQ(streamed.takeLastStep()->code, "del x");
  EXPECT_THROW(kept.takeLastStep(), std::logic_error);
}

TEST(Session, TheStepAfterASpareWasHandedInFillsTheSparesBuffers) {
  Session session(SessionOptions{.keepSteps = false});
  const auto bind = [&](std::string name) -> const Step& {
    return session.run(Statement{name + " = torch.ones(3)"},
                       [&](Scope& s) { s.bind(name, factory([] { return at::ones({3}); })); });
  };
  bind("x");
  std::unique_ptr<Step> spare = session.takeLastStep();
  ASSERT_FALSE(spare->events.empty());
  const MemoryEvent* buffer = spare->events.data();
  const Step& handedOut = bind("y");
  const std::unique_ptr<Step> taken = session.takeLastStep(std::move(spare));
  EXPECT_EQ(taken.get(), &handedOut) << "the step run() returned is the one handed out";
  EXPECT_EQ(taken->code, "y = torch.ones(3)");
  const Step& next = bind("z");
  ASSERT_FALSE(next.events.empty());
  EXPECT_EQ(next.events.data(), buffer);
  EXPECT_EQ(next.code, "z = torch.ones(3)");
}

TEST(Session, ResetForgetsEverything) {
  Script run;
  run("x = torch.ones(4)", [](Scope& s) { s.bind("x", factory([] { return at::ones({4}); })); });
  run.session.reset();
  EXPECT_TRUE(run.session.timeline().empty());
  const Step& step = run("y = torch.ones(4)", [](Scope& s) {
    EXPECT_EQ(s.lookup("x"), nullptr);
    s.bind("y", factory([] { return at::ones({4}); }));
  });
  ASSERT_EQ(step.totals.size(), 1u);
  EXPECT_EQ(step.totals[0].reportedBytes, 16);
}

}  // namespace
}  // namespace memlens

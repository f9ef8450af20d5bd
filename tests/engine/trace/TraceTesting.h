#pragma once
// Hand-made steps for trace-layer tests, which need no LibTorch.

#include <string>

#include "trace/Step.h"
#include "trace/TraceJson.h"

namespace memlens::testing {

inline TensorRecord tensorRecord(std::string name, std::int64_t id, std::int64_t storage,
                                 std::int64_t version = 0) {
  TensorRecord t;
  t.name = std::move(name);
  t.id = id;
  t.storage = storage;
  t.shape = {2};
  t.strides = {1};
  t.dtype = "float32";
  t.device = "cpu";
  t.version = version;
  t.values = std::vector<ElementValue>{1.5, -0.0};
  return t;
}

inline StorageRecord storageRecord(std::int64_t id, std::uint64_t ptr, std::int64_t bytes = 8) {
  return StorageRecord{id, ptr, bytes, "cpu", false, false};
}

// A small trace with every kind of record, for round trips.
inline Trace sampleTrace() {
  Trace trace;
  trace.torchVersion = "1.13.0";
  Step create;
  create.line = 1;
  create.code = "x = torch.ones(2)";
  create.kinds = {StepKind::New};
  create.tensors.push_back(tensorRecord("x", 1, 1));
  create.storages.push_back(storageRecord(1, 0x7f0000001000));
  create.events.push_back(MemoryEvent{MemoryAction::Alloc, 0x7f0000001000, 8, "cpu", 1,
                                      "aten::empty", "aten::ones", 8});
  create.totals.push_back({"cpu", 8, 8});
  create.calls.push_back({std::make_shared<const OperatorDescription>(OperatorDescription{
                              "aten::ones", "aten::ones(SymInt[] size, ...) -> Tensor", "new"}),
                          1});
  create.output = "tensor([1., 1.])\n\"quoted\" \u00e9";

  Step loop;
  loop.line = 2;
  loop.code = "for i in range(2):\n    x.add_(i)";
  loop.kinds = {StepKind::InPlace};
  auto values = tensorRecord("x", 1, 1, 2);
  values.requiresGrad = true;
  values.gradFn = "AddBackward0";
  values.values = std::vector<ElementValue>{std::numeric_limits<double>::infinity(),
                                            -std::numeric_limits<double>::infinity()};
  loop.tensors.push_back(values);
  Step inner;
  inner.line = 3;
  inner.code = "x.add_(i)";
  inner.kinds = {StepKind::InPlace};
  loop.substeps = {inner, inner};

  Step failing;
  failing.line = 4;
  failing.code = "del x; y";
  failing.kinds = {StepKind::Free};
  failing.unbound = {"x"};
  failing.freed = {1};
  failing.error = StepError{"NameError", "name 'y' is not defined", 4, 8};
  failing.events.push_back(MemoryEvent{MemoryAction::Free, 0x7f0000001000, 8, "cpu", 1, "", "", 0});

  Step typed;
  typed.line = 5;
  typed.code = "z = ...";
  typed.kinds = {StepKind::None};
  auto mixed = tensorRecord("z", 2, 0);
  mixed.dtype = "complex64";
  mixed.strides = {};
  mixed.values = std::vector<ElementValue>{true, std::int64_t{-9007199254740993},
                                           std::complex<double>(1.5, -2.0), 0.1};
  typed.tensors.push_back(mixed);

  // A CUDA tensor freed into the caching allocator's segment, which stays reserved.
  Step cached;
  cached.line = 6;
  cached.code = "del g";
  cached.kinds = {StepKind::Free};
  cached.totals.push_back({"cuda:0", 0, 0, 2097152});
  cached.segments.push_back(
      {"cuda:0", {{0x7f1200000000, 2097152, 0}, {0x7f1400000000, 20971520, 512}}});
  cached.segments.push_back({"cuda:1", {}});
  trace.steps = {create, loop, failing, typed, cached};
  return trace;
}

}  // namespace memlens::testing

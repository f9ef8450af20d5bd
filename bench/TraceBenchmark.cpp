// Trace and timeline costs on a synthetic session shaped like the workload:
// every step binds one small tensor on a new storage and frees an old one.

#include <benchmark/benchmark.h>

#include <random>

#include "trace/Timeline.h"
#include "trace/TraceJson.h"

namespace {

using namespace memlens;

Step syntheticStep(std::int64_t i) {
  Step step;
  step.line = static_cast<int>(i + 2);
  step.code = "t" + std::to_string(i % 64) + " = torch.ones(16)";
  step.kinds = {StepKind::New, StepKind::Free};
  TensorRecord t;
  t.name = "t" + std::to_string(i % 64);
  t.id = i + 1;
  t.storage = i + 1;
  t.shape = {16};
  t.strides = {1};
  t.dtype = "float32";
  t.device = "cpu";
  t.values = std::vector<ElementValue>(16, 1.0);
  step.tensors.push_back(t);
  const auto ptr = 0x7f0000000000ull + static_cast<std::uint64_t>(i % 128) * 64;
  step.storages.push_back({i + 1, ptr, 64, "cpu", i >= 128, false});
  if (i >= 64) step.freed.push_back(i - 63);
  step.events.push_back({MemoryAction::Alloc, ptr, 64, "cpu", i + 1, "aten::empty", "aten::ones", 4096});
  step.events.push_back({MemoryAction::Free, ptr, 64, "cpu", i - 63, "", "", 4032});
  step.totals.push_back({"cpu", 4096, 4096});
  return step;
}

Trace syntheticTrace(std::int64_t steps) {
  Trace trace{"1.13.0", {}};
  trace.steps.reserve(static_cast<std::size_t>(steps));
  for (std::int64_t i = 0; i < steps; ++i) trace.steps.push_back(syntheticStep(i));
  return trace;
}

void BM_WriteTrace(benchmark::State& state) {
  const Trace trace = syntheticTrace(state.range(0));
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string json = writeTraceJson(trace);
    bytes = json.size();
    benchmark::DoNotOptimize(json.data());
  }
  state.counters["bytes_per_step"] = static_cast<double>(bytes) / static_cast<double>(state.range(0));
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes) * state.iterations());
}
BENCHMARK(BM_WriteTrace)->Arg(50000)->Unit(benchmark::kMillisecond);

void BM_ReadTrace(benchmark::State& state) {
  const std::string json = writeTraceJson(syntheticTrace(state.range(0)));
  for (auto _ : state) {
    const Trace trace = readTraceJson(json);
    benchmark::DoNotOptimize(trace.steps.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(json.size()) * state.iterations());
}
BENCHMARK(BM_ReadTrace)->Arg(50000)->Unit(benchmark::kMillisecond);

void BM_TimelineJump(benchmark::State& state) {
  Timeline timeline;
  for (std::int64_t i = 0; i < state.range(0); ++i) timeline.append(syntheticStep(i));
  std::mt19937_64 random(42);
  std::uniform_int_distribution<std::size_t> pick(0, timeline.size() - 1);
  for (auto _ : state) {
    const State s = timeline.stateAfter(pick(random));
    benchmark::DoNotOptimize(s.tensors.size());
  }
}
BENCHMARK(BM_TimelineJump)->Arg(100000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();

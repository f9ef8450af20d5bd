// Trace and timeline costs on a synthetic session shaped like the workload:
// every step binds one small tensor on a new storage and frees an old one.

#include <benchmark/benchmark.h>
#include <malloc.h>

#include <random>

#include "trace/Timeline.h"
#include "trace/TraceJson.h"

namespace {

using namespace memlens;

// `names` tensors stay alive: step i rebinds name i % names.
Step syntheticStep(std::int64_t i, std::int64_t names = 64) {
  Step step;
  step.line = static_cast<int>(i + 2);
  const std::string name = "t" + std::to_string(i % names);
  step.code = name + " = torch.ones(16)";
  step.kinds = {StepKind::New, StepKind::Free};
  TensorRecord t;
  t.name = name;
  t.id = i + 1;
  t.storage = i + 1;
  t.shape = {16};
  t.strides = {1};
  t.dtype = "float32";
  t.device = "cpu";
  t.values = std::vector<ElementValue>(16, 1.0);
  step.tensors.push_back(t);
  const auto ptr = 0x7f0000000000ull + static_cast<std::uint64_t>(i % (2 * names)) * 64;
  step.storages.push_back({i + 1, ptr, 64, "cpu", i >= 2 * names, false});
  if (i >= names) step.freed.push_back(i - names + 1);
  step.events.push_back(
      {MemoryAction::Alloc, ptr, 64, "cpu", i + 1, "aten::empty", "aten::ones", 4096});
  step.events.push_back({MemoryAction::Free, ptr, 64, "cpu", i - names + 1, "", "", 4032});
  step.totals.push_back({"cpu", 4096, 4096});
  return step;
}

Trace syntheticTrace(std::int64_t steps, std::int64_t names = 64) {
  Trace trace{"1.13.0", {}};
  trace.steps.reserve(static_cast<std::size_t>(steps));
  for (std::int64_t i = 0; i < steps; ++i) trace.steps.push_back(syntheticStep(i, names));
  return trace;
}

// Bytes the heap holds for live allocations (glibc's malloc: this program is
// not linked with mimalloc).
std::size_t heapInUse() {
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

void BM_WriteTrace(benchmark::State& state) {
  const Trace trace = syntheticTrace(state.range(0));
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string json = writeTraceJson(trace);
    bytes = json.size();
    benchmark::DoNotOptimize(json.data());
  }
  state.counters["bytes_per_step"] =
      static_cast<double>(bytes) / static_cast<double>(state.range(0));
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

// The memory a trace takes once loaded as the workbench holds it (its steps in
// a Timeline, with the Timeline's checkpoints), with few and with many names
// alive at every step: it should follow the changes the steps record, not
// steps x live tensors.
void BM_LoadedTimelineMemory(benchmark::State& state) {
  const std::string json = writeTraceJson(syntheticTrace(state.range(0), state.range(1)));
  std::size_t held = 0;
  for (auto _ : state) {
    const std::size_t before = heapInUse();
    Timeline timeline;
    for (Step& step : readTraceJson(json).steps) timeline.append(std::move(step));
    held = heapInUse() - before;
    benchmark::DoNotOptimize(timeline.size());
  }
  state.counters["bytes"] = static_cast<double>(held);
  state.counters["bytes_per_step"] =
      static_cast<double>(held) / static_cast<double>(state.range(0));
}
BENCHMARK(BM_LoadedTimelineMemory)
    ->Args({50000, 64})
    ->Args({50000, 4096})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

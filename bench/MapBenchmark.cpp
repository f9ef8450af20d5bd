// What the memory map costs per step and per frame at 1,000 to 50,000
// storages (two tensor objects on each), and what opening a 100,000-step
// session and jumping to its steps cost. Google Benchmark; run on Qt's
// offscreen platform. bench/run_benchmarks.py reports it in PERFORMANCE.md.

#include <benchmark/benchmark.h>

#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <chrono>
#include <cstdlib>
#include <random>

#include "trace/Timeline.h"
#include "ui/LayoutSequence.h"
#include "ui/MapAnimation.h"
#include "ui/MapLayout.h"
#include "ui/MemoryMapRenderer.h"

namespace {

using namespace memlens;
using namespace memlens::ui;

TensorRecord tensor(const std::string& name, std::int64_t id, std::int64_t storage,
                    std::int64_t elements, std::int64_t stride) {
  TensorRecord record;
  record.name = name;
  record.id = id;
  record.storage = storage;
  record.dtype = "float32";
  record.device = "cpu";
  record.shape = {elements};
  record.strides = {stride};
  return record;
}

// `storages` storages of 8 B to 16 KiB, each with a tensor and a strided view.
Step largeSession(std::size_t storages) {
  Step step;
  step.code = "many tensors";
  for (std::size_t i = 0; i < storages; ++i) {
    const auto id = static_cast<std::int64_t>(i + 1);
    const auto bytes = static_cast<std::int64_t>(8U << (i % 12));
    step.storages.push_back({id, 0x10000 + i * 0x10000, bytes, "cpu", false, false});
    step.tensors.push_back(tensor("t" + std::to_string(i), 2 * id, id, bytes / 4, 1));
    step.tensors.push_back(tensor("v" + std::to_string(i), 2 * id + 1, id, bytes / 8, 2));
  }
  return step;
}

// The statement after it: one storage in the middle freed, a new one bound.
Step nextStep(std::size_t storages) {
  Step step;
  step.code = "t0 = torch.ones(4); del v5000";
  const auto middle = static_cast<std::int64_t>(storages / 2);
  step.unbound = {"t" + std::to_string(middle - 1), "v" + std::to_string(middle - 1)};
  step.freed = {middle};
  const auto id = static_cast<std::int64_t>(storages + 1);
  step.storages.push_back({id, 0x10000 + storages * 0x10000, 16, "cpu", false, false});
  step.tensors.push_back(tensor("t0", 2 * id, id, 4, 1));
  return step;
}

struct Scene {
  explicit Scene(std::size_t storages) {
    timeline.append(largeSession(storages));
    timeline.append(nextStep(storages));
    before = timeline.stateAfter(0);
    after = timeline.stateAfter(1);
    first = layoutMap(MapInput(before, &timeline.step(0)), {});
    second = layoutMap(MapInput(after, &timeline.step(1)), {}, &first);
    const auto& middle = first.findBlock(static_cast<std::int64_t>(storages / 2))->rect;
    window = QRectF(middle.topLeft() - QPointF(200, 300), QSizeF(1600, 900));
  }
  Timeline timeline;
  State before;
  State after;
  MapLayout first;
  MapLayout second;
  QRectF window;
};

const Scene& scene(std::int64_t storages) {
  static const Scene small(1000);
  static const Scene large(10000);
  return storages == 1000 ? small : large;
}

void render(const MapLayout& layout, const QRectF& window) {
  static const MemoryMapRenderer renderer;
  QImage image(window.size().toSize(), QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::white);
  QPainter painter(&image);
  painter.translate(-window.topLeft());
  renderer.paint(painter, layout, {{}, {}, window});
}

// The whole map from scratch (opening a file, changing the width scale).
void BM_LayoutFromScratch(benchmark::State& state) {
  const auto& s = scene(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(layoutMap(MapInput(s.after), {}));
}
BENCHMARK(BM_LayoutFromScratch)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// The next step's layout from the one before (stepping forward).
void BM_LayoutStep(benchmark::State& state) {
  const auto& s = scene(state.range(0));
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        layoutMap(MapInput(s.after, &s.timeline.step(1)), {}, &s.first).blocks.size());
  }
}
BENCHMARK(BM_LayoutStep)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// A step on screen: the next layout, then a 1600x900 window of it drawn.
void BM_StepFrame(benchmark::State& state) {
  const auto& s = scene(state.range(0));
  for (auto _ : state) {
    const auto layout = layoutMap(MapInput(s.after, &s.timeline.step(1)), {}, &s.first);
    render(layout, s.window);
  }
}
BENCHMARK(BM_StepFrame)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// The same with a 1920x1080 window (a full-HD screen or projector).
void BM_StepFrameFullHd(benchmark::State& state) {
  const auto& s = scene(state.range(0));
  const QRectF window(s.window.topLeft(), QSizeF(1920, 1080));
  for (auto _ : state) {
    const auto layout = layoutMap(MapInput(s.after, &s.timeline.step(1)), {}, &s.first);
    render(layout, window);
  }
}
BENCHMARK(BM_StepFrameFullHd)->Arg(1000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond);

// One frame of the motion between the two steps, of a 1600x900 window.
void BM_AnimationFrame(benchmark::State& state) {
  const auto& s = scene(state.range(0));
  for (auto _ : state) render(interpolateLayouts(s.first, s.second, 0.5, s.window), s.window);
}
BENCHMARK(BM_AnimationFrame)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_RenderWindow(benchmark::State& state) {
  const auto& s = scene(state.range(0));
  for (auto _ : state) render(s.second, s.window);
}
BENCHMARK(BM_RenderWindow)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// The whole map fitted into 1600x900.
void BM_RenderFitted(benchmark::State& state) {
  const auto& s = scene(state.range(0));
  const auto& bounds = s.second.bounds;
  const double zoom = std::min(1600 / bounds.width(), 900 / bounds.height());
  const QRectF fitted(bounds.topLeft(), QSizeF(1600 / zoom, 900 / zoom));
  for (auto _ : state) {
    static const MemoryMapRenderer renderer;
    QImage image(1600, 900, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.scale(zoom, zoom);
    renderer.paint(painter, s.second, {{}, {}, fitted});
  }
}
BENCHMARK(BM_RenderFitted)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond);

// A 100,000-step session shaped like bench/workload.py: each step binds a
// small tensor on a new storage and frees one from 64 steps before.
Timeline longSession(std::int64_t steps) {
  Timeline timeline;
  for (std::int64_t i = 0; i < steps; ++i) {
    Step step;
    step.line = static_cast<int>(i + 1);
    step.code = "t" + std::to_string(i % 64) + " = torch.ones(16)";
    auto record = tensor("t" + std::to_string(i % 64), i + 1, i + 1, 16, 1);
    record.values = std::vector<ElementValue>(16, 1.0);
    step.tensors.push_back(record);
    const auto ptr = 0x7f0000000000ULL + static_cast<std::uint64_t>(i % 128) * 64;
    step.storages.push_back({i + 1, ptr, 64, "cpu", i >= 128, false});
    if (i >= 64) step.freed.push_back(i - 63);
    timeline.append(std::move(step));
  }
  return timeline;
}

// Jumping to a random step once the session is open (its last step shown).
void BM_JumpToStep(benchmark::State& state) {
  const Timeline timeline = longSession(state.range(0));
  LayoutSequence layouts(timeline, {});
  const auto start = std::chrono::steady_clock::now();
  benchmark::DoNotOptimize(layouts.at(timeline.size() - 1).blocks.size());
  state.counters["open_ms"] =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::mt19937_64 random(42);
  std::uniform_int_distribution<std::size_t> pick(0, timeline.size() - 1);
  for (auto _ : state) benchmark::DoNotOptimize(layouts.at(pick(random)).blocks.size());
}
BENCHMARK(BM_JumpToStep)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(200);

}  // namespace

int main(int argc, char** argv) {
  setenv("QT_QPA_PLATFORM", "offscreen", 0);
  QGuiApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

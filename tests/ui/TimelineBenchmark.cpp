// The timeline on a 100,000-step session: painting it into a 1920x200 image
// (all steps, and zoomed in to about 200 of them), moving the current step,
// and reading the steps in.

#include <benchmark/benchmark.h>
#include <QApplication>
#include <QImage>
#include <QKeyEvent>

#include <cstdlib>

#include "TimelineTesting.h"
#include "ui/TimelineView.h"

namespace {

using memlens::Timeline;
using memlens::ui::TimelineView;

constexpr int kSteps = 100000;

const Timeline& session() {
  static const Timeline timeline = memlens::ui::test::syntheticTimeline(kSteps);
  return timeline;
}

void press(TimelineView& view, int key) {
  QKeyEvent event(QEvent::KeyPress, key, Qt::NoModifier);
  QApplication::sendEvent(&view, &event);
}

void paintEach(benchmark::State& state, TimelineView& view) {
  QImage image(1920, 200, QImage::Format_ARGB32_Premultiplied);
  for (auto _ : state) {
    view.render(&image);
    benchmark::DoNotOptimize(image.constBits());
  }
}

void BM_PaintAllSteps(benchmark::State& state) {
  TimelineView view;
  view.resize(1920, 200);
  view.setTimeline(&session());
  view.setCurrentStep(54321);
  paintEach(state, view);
}
BENCHMARK(BM_PaintAllSteps)->Unit(benchmark::kMillisecond);

void BM_PaintZoomedIn(benchmark::State& state) {
  TimelineView view;
  view.resize(1920, 200);
  view.setTimeline(&session());
  view.setCurrentStep(54321);
  for (int k = 0; k < 9; ++k) press(view, Qt::Key_Plus);  // 100,000 / 2^9: 195 steps
  state.counters["visible_steps"] = view.axis().span;
  paintEach(state, view);
}
BENCHMARK(BM_PaintZoomedIn)->Unit(benchmark::kMillisecond);

void BM_SetCurrentStep(benchmark::State& state) {
  TimelineView view;
  view.resize(1920, 200);
  view.setTimeline(&session());
  int step = 0;
  for (auto _ : state) {
    step = (step + 7919) % kSteps;
    view.setCurrentStep(step);
  }
}
BENCHMARK(BM_SetCurrentStep)->Unit(benchmark::kMicrosecond);

// What one frame of playback costs: the next step, then a repaint.
void BM_NextStepAndPaint(benchmark::State& state) {
  TimelineView view;
  view.resize(1920, 200);
  view.setTimeline(&session());
  QImage image(1920, 200, QImage::Format_ARGB32_Premultiplied);
  int step = 0;
  for (auto _ : state) {
    step = (step + 1) % kSteps;
    view.setCurrentStep(step);
    view.render(&image);
    benchmark::DoNotOptimize(image.constBits());
  }
}
BENCHMARK(BM_NextStepAndPaint)->Unit(benchmark::kMillisecond);

void BM_ReadAllSteps(benchmark::State& state) {
  TimelineView view;
  view.resize(1920, 200);
  for (auto _ : state) view.setTimeline(&session());
}
BENCHMARK(BM_ReadAllSteps)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  setenv("QT_QPA_PLATFORM", "offscreen", 0);
  QApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

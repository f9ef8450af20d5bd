// Layout, render and interpolation times of the memory map at 1,000 and
// 10,000 storages (two tensor objects each on them): prints milliseconds.
// With a directory argument it also saves what it drew there.

#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "ui/MapAnimation.h"
#include "ui/MapLayout.h"
#include "ui/MemoryMapRenderer.h"

namespace {

memlens::State largeState(std::size_t storages) {
  memlens::State state;
  for (std::size_t i = 0; i < storages; ++i) {
    const auto id = static_cast<std::int64_t>(i + 1);
    const auto bytes = static_cast<std::int64_t>(8U << (i % 12));
    state.storages[id] = {id, 0x10000 + i * 0x10000, bytes, "cpu", false, false};
    memlens::TensorRecord base;
    base.id = 2 * id;
    base.storage = id;
    base.dtype = "float32";
    base.device = "cpu";
    base.shape = {bytes / 4};
    base.strides = {1};
    state.tensors["t" + std::to_string(i)] = base;
    base.id = 2 * id + 1;
    base.shape = {bytes / 8};
    base.strides = {2};
    state.tensors["v" + std::to_string(i)] = base;
  }
  return state;
}

template <class F>
double millis(F&& f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  setenv("QT_QPA_PLATFORM", "offscreen", 0);
  QGuiApplication app(argc, argv);
  const memlens::ui::MemoryMapRenderer renderer;
  for (std::size_t n : {1000U, 10000U}) {
    const auto state = largeState(n);
    memlens::ui::MapLayout layout;
    const double layoutMs =
        millis([&] { layout = memlens::ui::layoutMap(memlens::ui::MapInput(state), {}); });
    auto next = state;
    next.storages.erase(static_cast<std::int64_t>(n / 2));
    memlens::ui::MapLayout after;
    const double relayoutMs =
        millis([&] { after = memlens::ui::layoutMap(memlens::ui::MapInput(next), {}, &layout); });
    const double frameMs =
        millis([&] { (void)memlens::ui::interpolateLayouts(layout, after, 0.5); });
    const QRectF window(layout.blocks[n / 2].rect.topLeft() - QPointF(200, 300), QSizeF(1600, 900));
    const double windowFrameMs =
        millis([&] { (void)memlens::ui::interpolateLayouts(layout, after, 0.5, window); });

    QImage windowImage(1600, 900, QImage::Format_ARGB32_Premultiplied);
    windowImage.fill(Qt::white);
    const QPointF middle = layout.blocks[n / 2].rect.topLeft() - QPointF(200, 300);
    const double windowMs = millis([&] {
      QPainter painter(&windowImage);
      painter.translate(-middle);
      renderer.paint(painter, layout, {{}, {}, QRectF(middle, QSizeF(1600, 900))});
    });
    // Zoomed out to a tenth: blocks without text.
    QImage midImage(1600, 900, QImage::Format_ARGB32_Premultiplied);
    midImage.fill(Qt::white);
    const double midMs = millis([&] {
      QPainter painter(&midImage);
      painter.scale(0.1, 0.1);
      painter.translate(-middle);
      renderer.paint(painter, layout, {{}, {}, QRectF(middle, QSizeF(16000, 9000))});
    });
    QImage overviewImage(1600, 300, QImage::Format_ARGB32_Premultiplied);
    overviewImage.fill(Qt::white);
    const double overviewMs = millis([&] {
      QPainter painter(&overviewImage);
      const double s = 1600 / layout.bounds.width();
      painter.scale(s, s);
      renderer.paint(painter, layout);
    });
    if (argc > 1) {
      const QString prefix =
          QStringLiteral("%1/map-%2-").arg(QString::fromLocal8Bit(argv[1])).arg(n);
      windowImage.save(prefix + QStringLiteral("window.png"));
      midImage.save(prefix + QStringLiteral("tenth.png"));
      overviewImage.save(prefix + QStringLiteral("overview.png"));
    }
    std::printf(
        "%zu storages, %zu tensors: layout %.1f ms, relayout after a free %.1f ms, "
        "animation frame %.1f ms (of a 1600x900 window %.2f ms), render 1600x900 window %.1f ms, "
        "at a tenth %.1f ms, whole map far out %.1f ms\n",
        n, 2 * n, layoutMs, relayoutMs, frameMs, windowFrameMs, windowMs, midMs, overviewMs);
  }
  return 0;
}

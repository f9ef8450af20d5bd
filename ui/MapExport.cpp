#include "ui/MapExport.h"

#include <QBuffer>
#include <QFile>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <cmath>

namespace memlens::ui {
namespace {

ExportError cannotWrite(const QString& path, const QString& why) {
  return ExportError(QStringLiteral("cannot write '%1': %2").arg(path, why).toStdString());
}

void paintSvg(QSvgGenerator& generator, const MapLayout& layout, const MemoryMapRenderer& renderer,
              const RenderState& state) {
  generator.setTitle(QStringLiteral("MemLens memory map"));
  generator.setResolution(96);  // one layout unit is one CSS pixel
  generator.setSize(layout.bounds.size().toSize());
  generator.setViewBox(layout.bounds);
  QPainter painter(&generator);
  renderer.paint(painter, layout, state);
}

}  // namespace

QImage renderImage(const MapLayout& layout, const MemoryMapRenderer& renderer, double scale,
                   const RenderState& state) {
  const QSize size(static_cast<int>(std::ceil(layout.bounds.width() * scale)),
                   static_cast<int>(std::ceil(layout.bounds.height() * scale)));
  QImage image(size, QImage::Format_ARGB32_Premultiplied);
  image.fill(renderer.theme().background);
  QPainter painter(&image);
  painter.scale(scale, scale);
  painter.translate(-layout.bounds.topLeft());
  renderer.paint(painter, layout, state);
  return image;
}

QByteArray renderSvg(const MapLayout& layout, const MemoryMapRenderer& renderer,
                     const RenderState& state) {
  QBuffer buffer;
  buffer.open(QIODevice::WriteOnly);
  QSvgGenerator generator;
  generator.setOutputDevice(&buffer);
  paintSvg(generator, layout, renderer, state);
  return buffer.data();
}

void exportPng(const QString& path, const MapLayout& layout, const MemoryMapRenderer& renderer,
               double scale, const RenderState& state) {
  if (!renderImage(layout, renderer, scale, state).save(path, "PNG")) {
    throw cannotWrite(path, QStringLiteral("PNG encoding or file error"));
  }
}

void exportSvg(const QString& path, const MapLayout& layout, const MemoryMapRenderer& renderer,
               const RenderState& state) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
    throw cannotWrite(path, file.errorString());
  file.write(renderSvg(layout, renderer, state));
  if (!file.flush()) throw cannotWrite(path, file.errorString());
}

void exportPdf(const QString& path, const MapLayout& layout, const MemoryMapRenderer& renderer,
               const RenderState& state) {
  QFile probe(path);
  if (!probe.open(QIODevice::WriteOnly | QIODevice::Truncate))
    throw cannotWrite(path, probe.errorString());
  probe.close();
  QPdfWriter writer(path);
  // One page exactly the size of the map, at 96 layout units per inch.
  writer.setPageSize(QPageSize(layout.bounds.size() * 0.75, QPageSize::Point));
  writer.setPageMargins(QMarginsF(0, 0, 0, 0));
  writer.setTitle(QStringLiteral("MemLens memory map"));
  QPainter painter(&writer);
  const double scale = static_cast<double>(writer.width()) / layout.bounds.width();
  painter.scale(scale, scale);
  painter.translate(-layout.bounds.topLeft());
  renderer.paint(painter, layout, state);
}

}  // namespace memlens::ui

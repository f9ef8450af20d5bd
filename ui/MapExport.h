#pragma once
// Exports of the map through the same renderer as the screen: PNG at any
// scale (crisp, not upscaled), SVG whose text stays text, PDF.

#include <QByteArray>
#include <QImage>
#include <QString>

#include <stdexcept>

#include "ui/MapLayout.h"
#include "ui/MemoryMapRenderer.h"

namespace memlens::ui {

class ExportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

QImage renderImage(const MapLayout& layout, const MemoryMapRenderer& renderer, double scale,
                   const RenderState& state = {});
QByteArray renderSvg(const MapLayout& layout, const MemoryMapRenderer& renderer,
                     const RenderState& state = {});

// Each throws ExportError naming the file when it cannot be written.
void exportPng(const QString& path, const MapLayout& layout, const MemoryMapRenderer& renderer,
               double scale, const RenderState& state = {});
void exportSvg(const QString& path, const MapLayout& layout, const MemoryMapRenderer& renderer,
               const RenderState& state = {});
void exportPdf(const QString& path, const MapLayout& layout, const MemoryMapRenderer& renderer,
               const RenderState& state = {});

}  // namespace memlens::ui

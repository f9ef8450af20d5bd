#pragma once
// File -> Export... and Copy Image for a window that shows one step of a
// timeline: the map as PNG (2x), SVG or PDF, the HTML or PDF report, or the
// map as an image on the clipboard. Reports show their progress.

#include <QObject>
#include <QString>

#include <cstddef>
#include <functional>

#include "trace/Timeline.h"
#include "ui/Report.h"

class QAction;
class QWidget;

namespace memlens::ui {

// What the window shows when the user exports.
struct ExportSubject {
  const Timeline* timeline = nullptr;
  std::size_t step = 0;  // 0-based
  LayoutOptions layout;
  Theme theme = Theme::light();
  ReportRequest report;  // title, script, LibTorch version, generator; maps are chosen here
};

enum class ExportFormat { Png, Svg, Pdf, HtmlReport, PdfReport };

class ExportActions : public QObject {
  Q_OBJECT

 public:
  ExportActions(QWidget* window, std::function<ExportSubject()> subject);

  QAction* exportAction() const { return export_; }
  QAction* copyImageAction() const { return copyImage_; }

  // Writes without asking; throws ExportError when the file cannot be written.
  void exportTo(const QString& path, ExportFormat format);
  void copyImage();

 private:
  void askAndExport();

  QWidget* window_;
  std::function<ExportSubject()> subject_;
  QAction* export_;
  QAction* copyImage_;
};

}  // namespace memlens::ui

#include "ui/ExportActions.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QProgressDialog>
#include <QWidget>

#include <array>

#include "ui/HtmlReport.h"
#include "ui/LayoutSequence.h"
#include "ui/MapExport.h"
#include "ui/PdfReport.h"

namespace memlens::ui {
namespace {

constexpr double kImageScale = 2;  // crisp on high-density screens and slides
constexpr std::size_t kMostReportMaps = 60;

struct FormatChoice {
  ExportFormat format;
  const char* filter;
  const char* suffix;
};

constexpr std::array<FormatChoice, 5> kFormats = {{
    {ExportFormat::Png, "PNG image of this step (*.png)", ".png"},
    {ExportFormat::Svg, "SVG image of this step (*.svg)", ".svg"},
    {ExportFormat::Pdf, "PDF of this step (*.pdf)", ".pdf"},
    {ExportFormat::HtmlReport, "HTML report of the whole script (*.html)", ".html"},
    {ExportFormat::PdfReport, "PDF report of the whole script (*.pdf)", ".pdf"},
}};

MapLayout layoutOf(const ExportSubject& subject) {
  LayoutSequence layouts(*subject.timeline, subject.layout);
  return layouts.at(subject.step);
}

void writeFile(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) < 0 ||
      !file.flush()) {
    throw ExportError(
        QStringLiteral("cannot write '%1': %2").arg(path, file.errorString()).toStdString());
  }
}

}  // namespace

ExportActions::ExportActions(QWidget* window, std::function<ExportSubject()> subject)
    : QObject(window),
      window_(window),
      subject_(std::move(subject)),
      export_(new QAction(tr("&Export\u2026"), this)),
      copyImage_(new QAction(tr("&Copy Image"), this)) {
  export_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
  copyImage_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
  copyImage_->setToolTip(tr("Copy this step's memory map to the clipboard as an image"));
  connect(export_, &QAction::triggered, this, &ExportActions::askAndExport);
  connect(copyImage_, &QAction::triggered, this, &ExportActions::copyImage);
}

void ExportActions::exportTo(const QString& path, ExportFormat format) {
  const ExportSubject subject = subject_();
  if (subject.timeline == nullptr || subject.timeline->empty()) return;
  const MemoryMapRenderer renderer(subject.theme);
  switch (format) {
    case ExportFormat::Png: exportPng(path, layoutOf(subject), renderer, kImageScale); return;
    case ExportFormat::Svg: exportSvg(path, layoutOf(subject), renderer); return;
    case ExportFormat::Pdf: exportPdf(path, layoutOf(subject), renderer); return;
    case ExportFormat::HtmlReport:
    case ExportFormat::PdfReport: break;
  }
  ReportRequest request = subject.report;
  request.theme = subject.theme;
  request.layout = subject.layout;
  request.mapSteps =
      stepsThatChangedMemory(buildReportModel(subject.timeline->steps(), {}, {}), kMostReportMaps);

  QProgressDialog progress(tr("Writing the report\u2026"), QString(), 0,
                           static_cast<int>(request.mapSteps.size()) + 1, window_);
  progress.setWindowModality(Qt::WindowModal);
  progress.setMinimumDuration(300);
  const ReportProgress step = [&progress](std::size_t done, std::size_t) {
    progress.setValue(static_cast<int>(done) + 1);
    QApplication::processEvents();
  };
  const ReportContent content = collectReport(*subject.timeline, request);
  progress.setValue(1);
  if (format == ExportFormat::HtmlReport) {
    writeFile(path, htmlReport(content, step));
  } else {
    writePdfReport(path, content, step);
  }
  progress.setValue(progress.maximum());
}

void ExportActions::copyImage() {
  const ExportSubject subject = subject_();
  if (subject.timeline == nullptr || subject.timeline->empty()) return;
  QApplication::clipboard()->setImage(
      renderImage(layoutOf(subject), MemoryMapRenderer(subject.theme), kImageScale));
}

void ExportActions::askAndExport() {
  QStringList filters;
  for (const auto& choice : kFormats) filters << tr(choice.filter);
  QString chosen = filters.first();
  QString path = QFileDialog::getSaveFileName(window_, tr("Export"), QString(),
                                              filters.join(QStringLiteral(";;")), &chosen);
  if (path.isEmpty()) return;
  const auto index = static_cast<std::size_t>(filters.indexOf(chosen));
  const auto& choice = kFormats.at(index < kFormats.size() ? index : 0);
  if (!path.endsWith(QLatin1String(choice.suffix), Qt::CaseInsensitive)) {
    path += QLatin1String(choice.suffix);
  }
  try {
    exportTo(path, choice.format);
  } catch (const std::exception& e) {
    QMessageBox::warning(window_, tr("Export failed"), QString::fromStdString(e.what()));
  }
}

}  // namespace memlens::ui

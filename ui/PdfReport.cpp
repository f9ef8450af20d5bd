#include "ui/PdfReport.h"

#include <QAbstractTextDocumentLayout>
#include <QFile>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>

#include <algorithm>
#include <functional>
#include <vector>

#include "ui/MapExport.h"
#include "ui/MemoryChart.h"
#include "ui/ReportSections.h"

namespace memlens::ui {
namespace {

constexpr double kMargin = 48;  // CSS pixels around the content
constexpr double kFooter = 28;  // room for the page number
constexpr double kGap = 18;     // between blocks on a page
constexpr int kBaseFontPx = 13;

QString qs(const std::string& text) {
  return QString::fromStdString(text);
}

// Places blocks down landscape A4 pages at 96 units per inch (one unit is
// one CSS pixel, as in the maps' layouts), starting a page when a block does
// not fit and splitting only text that is longer than a page.
class Pages {
 public:
  Pages(const QString& path, const ReportContent& content) : writer_(path), content_(content) {
    writer_.setResolution(96);
    writer_.setPageLayout(
        QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape, QMarginsF(0, 0, 0, 0)));
    writer_.setTitle(QStringLiteral("MemLens report: ") + qs(content.model.title));
    writer_.setCreator(qs(content.generator));
    if (!painter_.begin(&writer_)) throw ExportError("cannot write '" + path.toStdString() + "'");
    body_ = QRectF(kMargin, kMargin, writer_.width() - 2 * kMargin,
                   writer_.height() - 2 * kMargin - kFooter);
    css_ = reportCss(content.theme, false);
    startPage();
  }

  ~Pages() {
    if (painter_.isActive()) painter_.end();
  }
  Pages(const Pages&) = delete;
  Pages& operator=(const Pages&) = delete;

  double width() const { return body_.width(); }

  void newPage() {
    writer_.newPage();
    startPage();
  }

  // Rich text, split across pages where it is longer than what is left.
  void text(const QString& html) {
    QTextDocument document;
    layOut(document, html);
    const double height = document.size().height();
    if (height <= left()) {
      draw(document, 0, height);
    } else {
      if (y_ > 0) newPage();
      document.setPageSize(body_.size());
      const double pageHeight = body_.height();
      const double paged = document.size().height();  // with the page breaks
      for (int page = 0; page < document.pageCount(); ++page) {
        if (page > 0) newPage();
        draw(document, page * pageHeight, std::min(pageHeight, paged - page * pageHeight));
      }
    }
    y_ += kGap;
  }

  // A drawing of `natural` size, scaled down to the page if need be, under
  // an optional caption; moved to the next page when it does not fit.
  void picture(const QString& captionHtml, QSizeF natural,
               const std::function<void(QPainter&)>& paint) {
    double caption = 0;
    if (!captionHtml.isEmpty()) {
      QTextDocument document;
      layOut(document, captionHtml);
      caption = document.size().height() + kGap / 2;
    }
    double scale = std::min(
        {1.0, body_.width() / natural.width(), (body_.height() - caption) / natural.height()});
    const double toFit = (left() - caption) / natural.height();
    if (toFit < scale) {
      // Shrinking a little beats leaving the rest of the page empty.
      if (toFit >= 0.75 * scale)
        scale = toFit;
      else
        newPage();
    }
    if (!captionHtml.isEmpty()) {
      text(captionHtml);
      y_ -= kGap / 2;
    }
    painter_.save();
    painter_.translate(body_.left(), body_.top() + y_);
    painter_.scale(scale, scale);
    paint(painter_);
    painter_.restore();
    y_ += natural.height() * scale + kGap;
  }

 private:
  double left() const { return body_.height() - y_; }

  void layOut(QTextDocument& document, const QString& html) {
    document.documentLayout()->setPaintDevice(&writer_);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(kBaseFontPx);
    document.setDefaultFont(font);
    document.setDefaultStyleSheet(css_);
    document.setDocumentMargin(0);
    document.setHtml(html);
    document.setTextWidth(body_.width());
  }

  // The part of `document` from `top`, `height` tall, at the current place.
  void draw(QTextDocument& document, double top, double height) {
    painter_.save();
    painter_.translate(body_.left(), body_.top() + y_ - top);
    document.drawContents(&painter_, QRectF(0, top, body_.width(), height));
    painter_.restore();
    y_ += height;
  }

  void startPage() {
    ++page_;
    y_ = 0;
    painter_.fillRect(QRectF(0, 0, writer_.width(), writer_.height()), content_.theme.background);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPixelSize(11);
    painter_.setFont(font);
    painter_.setPen(content_.theme.mutedInk);
    const QRectF footer(kMargin, writer_.height() - kMargin, body_.width(), kFooter);
    painter_.drawText(footer, Qt::AlignLeft | Qt::AlignBottom,
                      QStringLiteral("MemLens report: ") + qs(content_.model.title));
    painter_.drawText(footer, Qt::AlignRight | Qt::AlignBottom,
                      QStringLiteral("page %1").arg(page_));
  }

  QPdfWriter writer_;
  QPainter painter_;
  const ReportContent& content_;
  QRectF body_;
  QString css_;
  double y_ = 0;
  int page_ = 0;
};

QString heading(const QString& text) {
  return QStringLiteral("<h2>%1</h2>").arg(text);
}

}  // namespace

void writePdfReport(const QString& path, const ReportContent& content,
                    const ReportProgress& progress) {
  {
    QFile probe(path);
    if (!probe.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
      throw ExportError("cannot write '" + path.toStdString() +
                        "': " + probe.errorString().toStdString());
    }
  }
  const auto& model = content.model;
  std::vector<std::size_t> mapped;
  for (const auto& map : content.maps) mapped.push_back(map.step);
  const MemoryMapRenderer renderer(content.theme);

  Pages pages(path, content);
  pages.text(
      QStringLiteral("<h1>MemLens report: %1</h1><p class=\"meta\">%2</p>")
          .arg(qs(model.title).toHtmlEscaped(), reportMetaLine(model, qs(content.generator))) +
      heading(QStringLiteral("Summary")) + summaryHtml(model));
  pages.picture(heading(QStringLiteral("Memory over time")), kMemoryChartSize,
                [&](QPainter& painter) { paintMemoryChart(painter, model, content.theme); });
  pages.newPage();
  pages.text(heading(QStringLiteral("Script")) + scriptHtml(model));
  pages.text(heading(QStringLiteral("Steps")) + stepTableHtml(model, mapped));
  for (std::size_t i = 0; i < content.maps.size(); ++i) {
    const auto& map = content.maps[i];
    const auto& row = model.rows.at(map.step);
    QString caption =
        row.caption.empty()
            ? QString()
            : QStringLiteral("<p class=\"lesson\">%1</p>").arg(qs(row.caption).toHtmlEscaped());
    if (i == 0) {
      pages.newPage();
      caption = heading(QStringLiteral("Memory maps")) + caption;
    }
    pages.picture(caption, map.layout.bounds.size(), [&](QPainter& painter) {
      painter.translate(-map.layout.bounds.topLeft());
      renderer.paint(painter, map.layout);
    });
    if (progress) progress(i + 1, content.maps.size());
  }
}

}  // namespace memlens::ui

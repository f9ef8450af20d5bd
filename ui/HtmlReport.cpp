#include "ui/HtmlReport.h"

#include <QRegularExpression>

#include <vector>

#include "ui/MapExport.h"
#include "ui/MemoryChart.h"
#include "ui/ReportSections.h"

namespace memlens::ui {
namespace {

QString qs(const std::string& text) {
  return QString::fromStdString(text);
}

QString mapFigure(const ReportContent& content, const ReportMap& map,
                  const MemoryMapRenderer& renderer) {
  const auto& row = content.model.rows.at(map.step);
  const QString caption = row.caption.empty()
                              ? QString()
                              : QStringLiteral("<figcaption class=\"lesson\">%1</figcaption>")
                                    .arg(qs(row.caption).toHtmlEscaped());
  const QByteArray prefix = "m" + QByteArray::number(static_cast<qulonglong>(row.number)) + "-";
  return QStringLiteral("<figure id=\"step-%1\" style=\"max-width: %2px\">%3")
             .arg(QString::number(row.number),
                  QString::number(static_cast<int>(map.layout.bounds.width())), caption) +
         QString::fromUtf8(inlineSvg(renderSvg(map.layout, renderer), prefix)) +
         QStringLiteral("</figure>\n");
}

}  // namespace

QByteArray inlineSvg(const QByteArray& svg, const QByteArray& prefix) {
  QString text = QString::fromUtf8(svg);
  static const QRegularExpression declaration(QStringLiteral("<\\?xml[^>]*\\?>\\s*"));
  text.remove(declaration);
  // QSvgGenerator sizes the document in millimetres; inline, the view box in
  // CSS pixels is what the page should scale.
  static const QRegularExpression size(
      QStringLiteral("<svg width=\"[^\"]*\" height=\"[^\"]*\"\\s*viewBox=\"([^\"]*)\""));
  const auto match = size.match(text);
  if (match.hasMatch()) {
    const auto box = match.captured(1).split(QLatin1Char(' '));
    if (box.size() == 4) {
      text.replace(match.capturedStart(), match.capturedLength(),
                   QStringLiteral("<svg width=\"%1\" height=\"%2\" viewBox=\"%3\"")
                       .arg(box[2], box[3], match.captured(1)));
    }
  }
  const QString p = QString::fromUtf8(prefix);
  text.replace(QStringLiteral(" id=\""), QStringLiteral(" id=\"") + p);
  text.replace(QStringLiteral("url(#"), QStringLiteral("url(#") + p);
  text.replace(QStringLiteral("href=\"#"), QStringLiteral("href=\"#") + p);
  return text.toUtf8();
}

QByteArray htmlReport(const ReportContent& content, const ReportProgress& progress) {
  const auto& model = content.model;
  const MemoryMapRenderer renderer(content.theme);
  std::vector<std::size_t> mapped;
  for (const auto& map : content.maps) mapped.push_back(map.step);
  const QString title = QStringLiteral("MemLens report: ") + qs(model.title).toHtmlEscaped();

  QString html =
      QStringLiteral(
          "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"%1\">\n<title>%2</title>\n<style>\n%3"
          "</style></head>\n<body>\n")
          .arg(qs(content.generator).toHtmlEscaped(), title, reportCss(content.theme, true));
  html += QStringLiteral("<header><h1>%1</h1><p class=\"meta\">%2</p></header>\n")
              .arg(title, reportMetaLine(model, qs(content.generator)));
  html += QStringLiteral("<section id=\"summary\"><h2>Summary</h2><div class=\"summary\">") +
          summaryHtml(model) + QStringLiteral("</div></section>\n");
  html += QStringLiteral("<section id=\"memory\"><h2>Memory over time</h2><div class=\"chart\">") +
          QString::fromUtf8(inlineSvg(memoryChartSvg(model, content.theme), "chart-")) +
          QStringLiteral("</div></section>\n");
  html += QStringLiteral("<section id=\"script\"><h2>Script</h2>") + scriptHtml(model) +
          QStringLiteral("</section>\n");
  html += QStringLiteral("<section id=\"steps\"><h2>Steps</h2>") + stepTableHtml(model, mapped) +
          QStringLiteral("</section>\n");
  if (!content.maps.empty()) {
    html += QStringLiteral("<section id=\"maps\"><h2>Memory maps</h2>\n");
    for (std::size_t i = 0; i < content.maps.size(); ++i) {
      html += mapFigure(content, content.maps[i], renderer);
      if (progress) progress(i + 1, content.maps.size());
    }
    html += QStringLiteral("</section>\n");
  }
  html += QStringLiteral("</body></html>\n");
  return html.toUtf8();
}

}  // namespace memlens::ui

// The HTML report's structure: self-contained, every section, one inline SVG
// per map plus the chart, well-formed, ids unique, text escaped.

#include <gtest/gtest.h>
#include <QRegularExpression>
#include <QSet>
#include <QXmlStreamReader>

#include "ReportTesting.h"
#include "TutorialTrace.h"
#include "ui/HtmlReport.h"
#include "ui/MemoryChart.h"

namespace memlens::ui {
namespace {

class DemoHtmlReport : public testing::Test {
 protected:
  Timeline timeline = test::demoTimeline();
  ReportContent content = test::demoReport(timeline, {2, 6, 12});
  QString html = QString::fromUtf8(htmlReport(content));
};

QStringList inlineSvgs(const QString& html) {
  static const QRegularExpression svg(QStringLiteral("<svg[\\s\\S]*?</svg>"));
  QStringList out;
  for (auto it = svg.globalMatch(html); it.hasNext();) out << it.next().captured();
  return out;
}

TEST_F(DemoHtmlReport, IsOneDocumentWithATitle) {
  EXPECT_TRUE(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
  EXPECT_TRUE(html.contains(QStringLiteral("<meta charset=\"utf-8\">")));
  EXPECT_TRUE(html.contains(QStringLiteral("<title>MemLens report: demo_trace.json</title>")));
  EXPECT_TRUE(html.trimmed().endsWith(QStringLiteral("</html>")));
}

TEST_F(DemoHtmlReport, ReferencesNothingOutsideItself) {
  static const QRegularExpression external(
      QStringLiteral("(src|href)\\s*=\\s*\"(?!#)|<link|<script|<iframe|<img|@import|url\\((?!#)"));
  const auto match = external.match(html);
  EXPECT_FALSE(match.hasMatch()) << match.captured().toStdString() << " at "
                                 << match.capturedStart();
}

TEST_F(DemoHtmlReport, HasEverySectionInReadingOrder) {
  qsizetype last = -1;
  for (const char* id : {"summary", "memory", "script", "steps", "maps"}) {
    const auto at = html.indexOf(QStringLiteral("<section id=\"%1\">").arg(QLatin1String(id)));
    EXPECT_GT(at, last) << id;
    last = at;
  }
}

TEST_F(DemoHtmlReport, SummaryNamesPeakCountsAndVersion) {
  const auto& cpu = content.model.devices.at(0);
  EXPECT_TRUE(html.contains(QStringLiteral("<td class=\"num big\">%1</td>")
                                .arg(QString::fromStdString(formatBytes(cpu.peakBytes)))));
  EXPECT_TRUE(html.contains(QStringLiteral("LibTorch 1.13.0 \u00b7 device: cpu \u00b7 13 steps")));
  EXPECT_TRUE(html.contains(
      QStringLiteral("<span class=\"kind k-in-place\">in-place</span></td><td class=\"num\">2<")));
  EXPECT_TRUE(html.contains(
      QStringLiteral("<span class=\"kind k-free\">free</span></td><td class=\"num\">2<")));
}

TEST_F(DemoHtmlReport, ScriptListsEveryLineAndStepTableEveryStep) {
  for (int line = 1; line <= 13; ++line) {
    EXPECT_TRUE(html.contains(QStringLiteral("<tr id=\"L%1\"").arg(line))) << line;
  }
  const auto steps = html.section(QStringLiteral("<section id=\"steps\">"), 1)
                         .section(QStringLiteral("</section>"), 0, 0);
  EXPECT_EQ(steps.count(QStringLiteral("<tr>")), 14);  // the header and 13 steps
  EXPECT_TRUE(steps.contains(QStringLiteral("<code>b = a.view(2, 3).t()</code>")));
  EXPECT_TRUE(steps.contains(QStringLiteral("<code>aten::arange</code>")));
  // Steps with a map link to it; every step links to its line.
  EXPECT_TRUE(steps.contains(QStringLiteral("<a href=\"#step-3\">3</a>")));
  EXPECT_FALSE(steps.contains(QStringLiteral("href=\"#step-4\"")));
  EXPECT_TRUE(steps.contains(QStringLiteral("<a href=\"#L9\">9</a>")));
}

TEST_F(DemoHtmlReport, OneWellFormedInlineSvgPerMapAndTheChart) {
  const auto svgs = inlineSvgs(html);
  ASSERT_EQ(svgs.size(), 4);
  for (const auto& svg : svgs) {
    QXmlStreamReader xml(svg);
    while (!xml.atEnd()) xml.readNext();
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    EXPECT_TRUE(svg.contains(QStringLiteral("viewBox=")));
    EXPECT_FALSE(svg.contains(QStringLiteral("mm\"")));  // sized in CSS pixels
  }
  EXPECT_FALSE(html.contains(QStringLiteral("<?xml")));
  EXPECT_TRUE(svgs[0].contains(QStringLiteral(">Memory allocated after each step<")));
  for (const char* step : {"step-3", "step-7", "step-13"}) {
    EXPECT_TRUE(html.contains(QStringLiteral("<figure id=\"%1\"").arg(QLatin1String(step))));
  }
  // The maps keep their text as text.
  EXPECT_TRUE(svgs[1].contains(QStringLiteral(">z = x.add_(y)<")));
  EXPECT_TRUE(svgs[1].contains(QStringLiteral(">v1<")));
  EXPECT_TRUE(svgs[3].contains(QStringLiteral(">b.add_(1)<")));
}

TEST_F(DemoHtmlReport, IdsAreUniqueAcrossTheDocument) {
  static const QRegularExpression id(QStringLiteral(" id=\"([^\"]+)\""));
  QSet<QString> seen;
  for (auto it = id.globalMatch(html); it.hasNext();) {
    const auto name = it.next().captured(1);
    EXPECT_FALSE(seen.contains(name)) << name.toStdString();
    seen.insert(name);
  }
}

TEST(HtmlReport, EscapesCodeAndCaptions) {
  Timeline timeline;
  auto step = test::statement(2, "m = a < b & c", StepKind::None);
  timeline.append(step);
  ReportRequest request;
  request.title = "<odd>.py";
  request.script = "#> compare <a> & <b>\nm = a < b & c\n";
  request.mapSteps = {0};
  const auto html = QString::fromUtf8(htmlReport(collectReport(timeline, request)));
  EXPECT_TRUE(html.contains(QStringLiteral("<title>MemLens report: &lt;odd&gt;.py</title>")));
  EXPECT_TRUE(html.contains(QStringLiteral("<code>m = a &lt; b &amp; c</code>")));
  EXPECT_TRUE(html.contains(QStringLiteral("compare &lt;a&gt; &amp; &lt;b&gt;</figcaption>")));
  EXPECT_FALSE(html.contains(QStringLiteral("a < b")));
}

TEST(HtmlReport, InlineSvgPrefixesIdsAndTheirReferences) {
  const QByteArray svg =
      "<?xml version=\"1.0\"?>\n<svg width=\"10mm\" height=\"5mm\"\n viewBox=\"0 0 40 20\" "
      "xmlns=\"http://www.w3.org/2000/svg\"><defs><linearGradient id=\"g1\"/></defs>"
      "<rect fill=\"url(#g1)\"/><use xlink:href=\"#g1\"/></svg>";
  const auto out = QString::fromUtf8(inlineSvg(svg, "m3-"));
  EXPECT_TRUE(
      out.startsWith(QStringLiteral("<svg width=\"40\" height=\"20\" viewBox=\"0 0 40 20\"")));
  EXPECT_TRUE(out.contains(QStringLiteral("id=\"m3-g1\"")));
  EXPECT_TRUE(out.contains(QStringLiteral("url(#m3-g1)")));
  EXPECT_TRUE(out.contains(QStringLiteral("xlink:href=\"#m3-g1\"")));
}

TEST(MemoryChart, LabelsAxesDevicesAndThePeak) {
  const auto timeline = test::demoTimeline();
  const auto content = test::demoReport(timeline, {});
  const auto svg = QString::fromUtf8(memoryChartSvg(content.model, Theme::dark()));
  EXPECT_TRUE(svg.contains(QStringLiteral(">step<")));
  EXPECT_TRUE(svg.contains(QStringLiteral(">cpu<")));
  EXPECT_TRUE(svg.contains(QStringLiteral(">0 B<")));
  EXPECT_TRUE(svg.contains(QStringLiteral(">peak ")));
  EXPECT_TRUE(svg.contains(QStringLiteral(">12<")));
}

}  // namespace
}  // namespace memlens::ui

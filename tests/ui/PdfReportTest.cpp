// The PDF report read back with poppler-utils: its text is text, its pages
// are landscape A4 and vector (no raster images), and page 1 is not blank.

#include <gtest/gtest.h>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include "ReportTesting.h"
#include "ui/PdfReport.h"

namespace memlens::ui {
namespace {

// Runs `program args`, returns its stdout; fails the test on a non-zero exit.
QString run(const QString& program, const QStringList& args) {
  QProcess process;
  process.start(test::findProgram(program), args);
  EXPECT_TRUE(process.waitForFinished(60000)) << program.toStdString();
  EXPECT_EQ(process.exitCode(), 0)
      << program.toStdString() << ": " << process.readAllStandardError().toStdString();
  return QString::fromUtf8(process.readAllStandardOutput());
}

class PdfReport : public testing::Test {
 protected:
  void SetUp() override {
    for (const char* tool : {"pdftotext", "pdfinfo", "pdftoppm", "pdfimages"}) {
      if (test::findProgram(QLatin1String(tool)).isEmpty()) {
        GTEST_SKIP() << tool << " not found: install poppler-utils (./dev setup does)";
      }
    }
    ASSERT_TRUE(dir.isValid());
  }

  QString write(const Theme& theme) {
    const auto path = dir.filePath(QStringLiteral("report.pdf"));
    writePdfReport(path, test::demoReport(timeline, {2, 6, 12}, theme));
    return path;
  }

  QTemporaryDir dir;
  Timeline timeline = test::demoTimeline();
};

TEST_F(PdfReport, TextIsTextInEverySection) {
  const auto text = run(QStringLiteral("pdftotext"), {write(Theme::light()), QStringLiteral("-")});
  for (const char* expected :
       {"MemLens report: demo_trace.json", "LibTorch 1.13.0", "Summary", "peak allocated",
        "in-place", "Memory over time", "Memory allocated after each step", "Script", "Steps",
        "b = a.view(2, 3).t()", "aten::arange", "Memory maps", "z = x.add_(y)", "page 1"}) {
    EXPECT_TRUE(text.contains(QLatin1String(expected))) << expected;
  }
}

TEST_F(PdfReport, LandscapeA4VectorPages) {
  const auto path = write(Theme::light());
  const auto info = run(QStringLiteral("pdfinfo"), {path});
  EXPECT_TRUE(info.contains(QStringLiteral("842 x 595 pts (A4)"))) << info.toStdString();
  static const QRegularExpression pages(QStringLiteral("Pages:\\s+(\\d+)"));
  EXPECT_GE(pages.match(info).captured(1).toInt(), 4);
  // pdfimages lists only its two header lines: no picture was rasterised.
  const auto images = run(QStringLiteral("pdfimages"), {QStringLiteral("-list"), path});
  EXPECT_EQ(images.trimmed().split(QLatin1Char('\n')).size(), 2) << images.toStdString();
}

TEST_F(PdfReport, PagesRenderInTheThemesColours) {
  for (const auto& theme : {Theme::light(), Theme::dark()}) {
    const auto path = write(theme);
    const auto prefix = dir.filePath(QStringLiteral("page"));
    run(QStringLiteral("pdftoppm"),
        {QStringLiteral("-r"), QStringLiteral("40"), QStringLiteral("-png"), QStringLiteral("-f"),
         QStringLiteral("1"), QStringLiteral("-l"), QStringLiteral("1"),
         QStringLiteral("-singlefile"), path, prefix});
    const QImage page(prefix + QStringLiteral(".png"));
    ASSERT_FALSE(page.isNull());
    EXPECT_GT(page.width(), page.height());
    EXPECT_EQ(page.pixelColor(2, 2), theme.background);
    std::size_t inked = 0;
    for (int y = 0; y < page.height(); ++y) {
      for (int x = 0; x < page.width(); ++x) inked += page.pixelColor(x, y) != theme.background;
    }
    EXPECT_GT(inked, 2000U);
  }
}

}  // namespace
}  // namespace memlens::ui

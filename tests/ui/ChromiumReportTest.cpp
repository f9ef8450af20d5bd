// The HTML report opened in headless Chromium and screenshotted: the page
// renders (headings, tables, kind badges, the chart) with nothing blocked.
// ./dev test installs Chromium; where it cannot, this test is skipped.

#include <gtest/gtest.h>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>

#include "ReportTesting.h"
#include "ui/HtmlReport.h"

namespace memlens::ui {
namespace {

QString chromium() {
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    const auto path = test::findProgram(QLatin1String(name));
    if (!path.isEmpty()) return path;
  }
  return {};
}

std::size_t pixelsOf(const QImage& image, const QColor& colour) {
  std::size_t count = 0;
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) count += image.pixelColor(x, y) == colour;
  }
  return count;
}

TEST(ChromiumReport, RendersTheReport) {
  const auto browser = chromium();
  if (browser.isEmpty()) {
    GTEST_SKIP() << "Chromium is not installed and could not be (./dev test installs the Debian "
                    "package 'chromium'); the HTML report was not checked in a browser";
  }
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const auto timeline = test::demoTimeline();
  const Theme theme = Theme::light();
  const auto content = test::demoReport(timeline, {2, 6, 12}, theme);
  const auto html = dir.filePath(QStringLiteral("report.html"));
  {
    QFile file(html);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(htmlReport(content));
  }
  const auto screenshot = dir.filePath(QStringLiteral("report.png"));
  QProcess process;
  process.setWorkingDirectory(dir.path());
  process.start(
      browser, {QStringLiteral("--headless"), QStringLiteral("--no-sandbox"),
                QStringLiteral("--disable-gpu"), QStringLiteral("--disable-quic"),
                QStringLiteral("--no-first-run"), QStringLiteral("--disable-background-networking"),
                QStringLiteral("--disable-component-update"), QStringLiteral("--disable-sync"),
                QStringLiteral("--user-data-dir=") + dir.filePath(QStringLiteral("profile")),
                QStringLiteral("--screenshot=") + screenshot,
                QStringLiteral("--window-size=1280,2000"), QStringLiteral("file://") + html});
  ASSERT_TRUE(process.waitForFinished(120000)) << "Chromium did not finish in 2 minutes";
  EXPECT_EQ(process.exitCode(), 0) << process.readAllStandardError().toStdString();

  const QImage image(screenshot);
  ASSERT_FALSE(image.isNull()) << "no screenshot";
  EXPECT_EQ(image.size(), QSize(1280, 2000));
  // Kept beside the build for people to look at.
  QFile::remove(QStringLiteral(MEMLENS_UI_TEST_OUTPUT "/report-chromium.png"));
  QFile::copy(screenshot, QStringLiteral(MEMLENS_UI_TEST_OUTPUT "/report-chromium.png"));

  EXPECT_EQ(image.pixelColor(5, 5), theme.background);
  // Text was drawn (a page that failed to load is almost all background)...
  EXPECT_GT(pixelsOf(image, theme.ink), 2000U);
  // ...and the styles applied: the in-place and new badges in their colours.
  EXPECT_GT(pixelsOf(image, theme.written), 200U);
  EXPECT_GT(pixelsOf(image, theme.block), 200U);
}

}  // namespace
}  // namespace memlens::ui

// File -> Export... and Copy Image, driven without the dialog.

#include <gtest/gtest.h>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QWidget>

#include "TutorialTrace.h"
#include "ui/ExportActions.h"
#include "ui/LayoutSequence.h"

namespace memlens::ui {
namespace {

class ExportActionsTest : public testing::Test {
 protected:
  ExportActionsTest() {
    subject.timeline = &timeline;
    subject.step = 2;
    subject.report.title = "tutorial.py";
  }

  QByteArray exported(const QString& name, ExportFormat format) {
    const auto path = dir.filePath(name);
    actions.exportTo(path, format);
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << name.toStdString();
    return file.readAll();
  }

  Timeline timeline = test::tutorialTimeline();
  ExportSubject subject;
  QWidget window;
  ExportActions actions{&window, [this] { return subject; }};
  QTemporaryDir dir;
};

TEST_F(ExportActionsTest, ActionsHaveNamesAndShortcuts) {
  EXPECT_EQ(actions.exportAction()->text(), QStringLiteral("&Export\u2026"));
  EXPECT_FALSE(actions.exportAction()->shortcut().isEmpty());
  EXPECT_EQ(actions.copyImageAction()->text(), QStringLiteral("&Copy Image"));
  EXPECT_FALSE(actions.copyImageAction()->shortcut().isEmpty());
}

TEST_F(ExportActionsTest, WritesEveryFormatOfTheStepShown) {
  LayoutSequence layouts(timeline, {});
  const QImage png = QImage::fromData(exported(QStringLiteral("map.png"), ExportFormat::Png));
  EXPECT_NEAR(png.width(), 2 * layouts.at(2).bounds.width(), 2);
  const auto svg = exported(QStringLiteral("map.svg"), ExportFormat::Svg);
  EXPECT_TRUE(svg.contains(">z = x.add_(y)<"));
  EXPECT_TRUE(exported(QStringLiteral("map.pdf"), ExportFormat::Pdf).startsWith("%PDF"));
  const auto html = exported(QStringLiteral("report.html"), ExportFormat::HtmlReport);
  EXPECT_TRUE(html.startsWith("<!DOCTYPE html>"));
  EXPECT_TRUE(html.contains("<title>MemLens report: tutorial.py</title>"));
  EXPECT_TRUE(exported(QStringLiteral("report.pdf"), ExportFormat::PdfReport).startsWith("%PDF"));
}

TEST_F(ExportActionsTest, DarkThemeReachesTheExport) {
  subject.theme = Theme::dark();
  const QImage png = QImage::fromData(exported(QStringLiteral("dark.png"), ExportFormat::Png));
  EXPECT_EQ(png.pixelColor(1, 1), Theme::dark().background);
}

TEST_F(ExportActionsTest, CopiesTheMapToTheClipboard) {
  QApplication::clipboard()->clear();
  actions.copyImage();
  const QImage image = QApplication::clipboard()->image();
  ASSERT_FALSE(image.isNull());
  LayoutSequence layouts(timeline, {});
  EXPECT_NEAR(image.width(), 2 * layouts.at(2).bounds.width(), 2);
}

}  // namespace
}  // namespace memlens::ui

// The workbench as a user sees it, saved as PNGs for docs/ (docs/screenshots.sh
// copies them) and checked for what must be on screen.

#include <gtest/gtest.h>
#include <QDir>
#include <QImage>

#include "WorkbenchTesting.h"
#include "workbench/LessonCatalog.h"

namespace memlens::workbench {
namespace {

using test::WorkbenchFixture;

// Distinct colours in a sample of pixels: a blank or one-colour window has few.
int distinctColours(const QImage& image) {
  QSet<QRgb> colours;
  for (int y = 0; y < image.height(); y += 7)
    for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
  return static_cast<int>(colours.size());
}

QImage shoot(Workbench& window, const QString& name) {
  const QImage image = window.grab().toImage();
  image.save(QDir(QStringLiteral(MEMLENS_UI_TEST_OUTPUT)).filePath(name));
  return image;
}

TEST(WorkbenchScreenshot, LessonAtAStepAndInClassroomMode) {
  WorkbenchFixture fixture;
  auto window = fixture.open();
  window->resize(1600, 950);
  window->openLesson(builtInLessons().front().resourcePath);
  window->runAll();
  ASSERT_TRUE(WorkbenchFixture::waitForRun(*window));
  window->showStep(2);
  QTest::qWait(50);
  const QImage desktop = shoot(*window, QStringLiteral("workbench.png"));
  EXPECT_EQ(desktop.width(), 1600);
  EXPECT_GT(distinctColours(desktop), 20);
  EXPECT_FALSE(window->caption().isEmpty());

  window->setClassroomMode(true);
  window->resize(1920, 1080);
  window->stepForward();
  QTest::qWait(50);
  const QImage classroom = shoot(*window, QStringLiteral("classroom.png"));
  EXPECT_GT(distinctColours(classroom), 8);
  window->setClassroomMode(false);
}

}  // namespace
}  // namespace memlens::workbench

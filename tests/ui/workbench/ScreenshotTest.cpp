// The workbench as a user sees it, saved as PNGs for docs/ (docs/screenshots.sh
// copies them) and checked for what must be on screen.

#include <gtest/gtest.h>
#include <QDir>
#include <QImage>
#include <QScreen>

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

// The step of the first statement containing `code`.
int stepOf(const Workbench& window, const std::string& code) {
  for (std::size_t k = 0; k < window.timeline().size(); ++k) {
    if (window.timeline().step(k).code.find(code) != std::string::npos) return static_cast<int>(k);
  }
  ADD_FAILURE() << "no step runs " << code;
  return 0;
}

TEST(WorkbenchScreenshot, LessonAtAStepAndInClassroomMode) {
  WorkbenchFixture fixture;
  auto window = fixture.open();
  window->resize(1600, 950);
  window->openLesson(builtInLessons().front().resourcePath);
  window->runAll();
  ASSERT_TRUE(WorkbenchFixture::waitForRun(*window));
  // The tutorial's moment: add_ wrote into x's storage, and z names x's object.
  window->showStep(stepOf(*window, "x.add_(y)"));
  window->selection()->select(
      ui::Selection::tensor(window->timeline().current().tensors.at("z").id));
  QTest::qWait(50);
  const QImage desktop = shoot(*window, QStringLiteral("workbench.png"));
  // High-DPI screens get every pixel: the grab is at the device pixel ratio.
  EXPECT_EQ(desktop.width(), qRound(1600 * window->devicePixelRatioF()));
  EXPECT_GT(distinctColours(desktop), 20);
  EXPECT_FALSE(window->caption().isEmpty());

  window->selection()->clear();
  window->setClassroomMode(true);
  window->showStep(stepOf(*window, "torch.add(x, y)"));
  QTest::qWait(50);
  const QImage classroom = shoot(*window, QStringLiteral("classroom.png"));
  EXPECT_EQ(classroom.size(), window->screen()->size() * window->devicePixelRatioF())
      << "full screen";
  EXPECT_GT(distinctColours(classroom), 8);
  window->setClassroomMode(false);
}

}  // namespace
}  // namespace memlens::workbench

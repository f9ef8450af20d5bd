#include <gtest/gtest.h>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

#include "TutorialTrace.h"
#include "ui/LayoutSequence.h"
#include "ui/MemoryMapView.h"
#include "ui/TensorInspector.h"

namespace memlens::ui {
namespace {

TEST(MemoryMapView, ClickingANameSelectsItsTensorForTheInspector) {
  const Timeline timeline = test::tutorialTimeline();
  LayoutSequence layouts(timeline, {});
  SelectionModel selection;
  MemoryMapView view(&selection);
  TensorInspector inspector(&selection);
  view.setMotion(MotionSettings{0, true});
  view.resize(1000, 600);
  view.show();
  view.showLayout(layouts.at(2));
  view.fit();
  inspector.showStep(timeline, 2, timeline.stateAfter(2));

  const NameLayout* z = nullptr;
  for (const auto& name : view.frame().names) {
    if (name.name == "z") z = &name;
  }
  ASSERT_NE(z, nullptr);
  // Layout point -> widget point through the fitted view.
  const QRectF bounds = view.frame().bounds;
  const double zoom = std::min(1000 / bounds.width(), 600 / bounds.height());
  const QPointF origin = bounds.topLeft() - QPointF((1000 / zoom - bounds.width()) / 2,
                                                    (600 / zoom - bounds.height()) / 2);
  const QPointF at = (z->rect.center() - origin) * zoom;

  QSignalSpy changed(&selection, &SelectionModel::selectionChanged);
  QTest::mouseClick(&view, Qt::LeftButton, {}, at.toPoint());
  EXPECT_EQ(changed.count(), 1);
  EXPECT_EQ(selection.selection(), Selection::tensor(1));
  bool titled = false;
  for (const auto* label : inspector.findChildren<QLabel*>()) titled |= label->text() == "x, z";
  EXPECT_TRUE(titled);

  QTest::keyClick(&view, Qt::Key_Escape);
  EXPECT_TRUE(selection.selection().empty());
}

TEST(MemoryMapView, MotionRunsAndCanBeSkipped) {
  const Timeline timeline = test::tutorialTimeline();
  LayoutSequence layouts(timeline, {});
  SelectionModel selection;
  MemoryMapView view(&selection);
  view.resize(800, 500);
  view.showLayout(layouts.at(2));
  view.showLayout(layouts.at(3));
  view.skipAnimation();
  EXPECT_EQ(view.frame().blocks.size(), layouts.at(3).blocks.size());
  EXPECT_DOUBLE_EQ(view.frame().findBlock(3)->motion.opacity, 1);
  view.showLayout(layouts.at(2), true);
  QTest::qWait(view.motion().durationMs + 150);
  EXPECT_EQ(view.frame().blocks.size(), layouts.at(2).blocks.size());
}

TEST(MemoryMapView, PaintsTheMapFittedIntoItself) {
  const Timeline timeline = test::tutorialTimeline();
  LayoutSequence layouts(timeline, {});
  SelectionModel selection;
  MemoryMapView view(&selection);
  view.resize(900, 500);
  view.showLayout(layouts.at(3));
  const QImage shot = view.grab().toImage();
  const QColor background = Theme::light().background;
  int inked = 0;
  for (int y = 0; y < shot.height(); y += 2) {
    for (int x = 0; x < shot.width(); x += 2) inked += shot.pixelColor(x, y) != background ? 1 : 0;
  }
  EXPECT_GT(inked, 5000);
  view.setTheme(Theme::dark());
  EXPECT_NE(view.grab().toImage(), shot);
}

}  // namespace
}  // namespace memlens::ui

#include <gtest/gtest.h>
#include <QApplication>
#include <QSignalSpy>
#include <QTest>

#include "TimelineTesting.h"
#include "TutorialTrace.h"
#include "trace/ReportModel.h"
#include "ui/TimelineView.h"

namespace memlens::ui {
namespace {

TimelineSeries seriesOf(const Timeline& timeline) {
  TimelineSeries series;
  for (const auto& step : timeline.steps()) series.append(step);
  return series;
}

TEST(TimelineSeries, AgreesWithTheReportsMemoryOverTime) {
  const Timeline timeline = test::syntheticTimeline(3000);
  const TimelineSeries series = seriesOf(timeline);
  const ReportModel model = buildReportModel(timeline.steps(), "", "");
  ASSERT_EQ(series.size(), 3000U);
  ASSERT_EQ(series.devices().size(), model.devices.size());
  for (std::size_t d = 0; d < model.devices.size(); ++d) {
    const auto& device = series.devices()[d];
    EXPECT_EQ(device.name, model.devices[d].device);
    EXPECT_EQ(device.afterStep, model.devices[d].afterStep);
    EXPECT_EQ(device.peakBytes, model.devices[d].peakBytes);
    EXPECT_EQ(device.peakStep + 1, model.devices[d].peakStep);
  }
  EXPECT_EQ(series.devices()[0].name, "cpu");
  EXPECT_EQ(series.devices()[1].name, "cuda:0");
  // cuda:0 appeared at step 6 (index 5): nothing on it before.
  EXPECT_EQ(series.devices()[1].afterStep[4], 0);
  EXPECT_EQ(series.devices()[1].afterStep[5], 512);
  EXPECT_EQ(series.devices()[1].afterStep[6], 0);
}

TEST(TimelineSeries, MarksEachStepWithItsMostNotableKind) {
  const TimelineSeries series = seriesOf(test::syntheticTimeline(1000));
  EXPECT_EQ(series.marker(0), MarkerKind::New);
  EXPECT_EQ(series.marker(1), MarkerKind::InPlace);
  EXPECT_EQ(series.marker(2), MarkerKind::View);
  EXPECT_EQ(series.marker(3), MarkerKind::Free);
  EXPECT_EQ(series.marker(4), MarkerKind::None);
  EXPECT_EQ(series.marker(999), MarkerKind::Error);
  Step both = test::statement(1, "x = x + 1", StepKind::Free);
  both.kinds.push_back(StepKind::New);
  EXPECT_EQ(markerKindOf(both), MarkerKind::New);
}

TEST(TimelineAxis, MapsPixelsToStepsAndBack) {
  const TimelineAxis axis = TimelineAxis::fit(100, 1000, 10);
  EXPECT_DOUBLE_EQ(axis.pixelsPerStep(), 100);
  EXPECT_DOUBLE_EQ(axis.centreOf(0), 150);
  EXPECT_EQ(axis.stepAt(100), 0);
  EXPECT_EQ(axis.stepAt(199.9), 0);
  EXPECT_EQ(axis.stepAt(200), 1);
  EXPECT_EQ(axis.stepAt(1099), 9);
  EXPECT_EQ(axis.stepAt(-50), 0);   // clamped
  EXPECT_EQ(axis.stepAt(5000), 9);  // clamped
  for (std::size_t k = 0; k < 10; ++k)
    EXPECT_EQ(axis.stepAt(axis.centreOf(k)), static_cast<int>(k));
  EXPECT_EQ(TimelineAxis::fit(0, 100, 0).stepAt(50), -1);
  EXPECT_TRUE(axis.showsAll());
  EXPECT_EQ(axis.visibleSteps(), (std::pair<std::size_t, std::size_t>{0, 10}));
}

TEST(TimelineAxis, ZoomsAroundThePointerAndPansWithinTheSteps) {
  const TimelineAxis all = TimelineAxis::fit(0, 1000, 1000);
  const TimelineAxis in = all.zoomed(250, 4);
  EXPECT_DOUBLE_EQ(in.span, 250);
  EXPECT_EQ(in.stepAt(250), all.stepAt(250));  // the step under the pointer stays
  EXPECT_NEAR(in.first, 187.5, 1e-9);
  EXPECT_FALSE(in.showsAll());
  // Never past the ends, never closer than a few steps, never beyond all.
  EXPECT_DOUBLE_EQ(in.panned(-1e6).first, 0);
  EXPECT_DOUBLE_EQ(in.panned(1e6).first, 750);
  EXPECT_DOUBLE_EQ(all.zoomed(500, 1e9).span, 4);
  EXPECT_DOUBLE_EQ(in.zoomed(500, 1e-9).span, 1000);
  // Showing a step pans as little as possible.
  EXPECT_DOUBLE_EQ(in.showing(600).first, 601 - 250);
  EXPECT_DOUBLE_EQ(in.showing(10).first, 10);
  EXPECT_DOUBLE_EQ(in.showing(300).first, in.first);
}

TEST(TimelineAxis, FollowsAGrowingTimelineWhileShowingAll) {
  const TimelineAxis all = TimelineAxis::fit(0, 800, 10);
  const TimelineAxis grown = all.withSteps(40);
  EXPECT_TRUE(grown.showsAll());
  EXPECT_DOUBLE_EQ(grown.span, 40);
  const TimelineAxis zoomed = TimelineAxis::fit(0, 800, 100).zoomed(0, 10);
  EXPECT_DOUBLE_EQ(zoomed.withSteps(200).span, 10);
  EXPECT_DOUBLE_EQ(zoomed.withSteps(200).first, zoomed.first);
}

TEST(MarkerGroups, OneMarkerPerStepWhenThereIsRoom) {
  const TimelineSeries series = seriesOf(test::syntheticTimeline(7));
  const auto groups = markerGroups(series, TimelineAxis::fit(0, 700, 7), 20);
  ASSERT_EQ(groups.size(), 7U);
  EXPECT_EQ(groups[0].kind, MarkerKind::New);
  EXPECT_EQ(groups[2].kind, MarkerKind::View);
  EXPECT_EQ(groups[3].begin, 3U);
  EXPECT_EQ(groups[3].end, 4U);
}

TEST(MarkerGroups, DenseStepsShareAMarkerAndAnErrorIsNeverHidden) {
  const TimelineSeries series = seriesOf(test::syntheticTimeline(100000));
  const TimelineAxis axis = TimelineAxis::fit(0, 1920, 100000);
  const auto groups = markerGroups(series, axis, 20);
  // 20 px per marker: ceil(20 / 0.0192) = 1042 steps per group.
  ASSERT_EQ(groups.size(), (100000 + 1041) / 1042);
  EXPECT_EQ(groups[0].begin, 0U);
  EXPECT_EQ(groups[0].end, 1042U);
  EXPECT_EQ(groups.back().end, 100000U);
  // Every group of 1042 steps holds an error (one per 1000 steps).
  for (const auto& group : groups) EXPECT_EQ(group.kind, MarkerKind::Error);
  // Without errors the most frequent kind wins: new and free are each two
  // of every seven steps, new comes first.
  const TimelineSeries fewer = seriesOf(test::syntheticTimeline(990));
  EXPECT_EQ(markerGroups(fewer, TimelineAxis::fit(0, 10, 990), 10).front().kind, MarkerKind::New);
}

TEST(ColumnBuckets, HoldEveryValueOfTheirSteps) {
  const std::vector<std::int64_t> values = {5, 1, 9, 2, 7, 7, 3, 8};
  // Two steps per pixel column.
  const auto columns = columnBuckets(values, TimelineAxis::fit(10, 4, values.size()));
  ASSERT_EQ(columns.size(), 4U);
  EXPECT_DOUBLE_EQ(columns[0].x, 10);
  EXPECT_EQ(columns[0].low, 1);
  EXPECT_EQ(columns[0].high, 5);
  EXPECT_EQ(columns[0].last, 1);
  EXPECT_EQ(columns[1].low, 2);
  EXPECT_EQ(columns[1].high, 9);
  EXPECT_EQ(columns[3].last, 8);
}

QColor markerColourAt(const QImage& image, int x, int top, int bottom, const QColor& wanted) {
  for (int y = top; y < bottom; ++y) {
    for (int dx = -2; dx <= 2; ++dx) {
      if (image.pixelColor(x + dx, y) == wanted) return wanted;
    }
  }
  return {};
}

// The rows of the marker lane: where the lane's colour shows at column x.
std::pair<int, int> markerRow(const QImage& image, int x, const QColor& lane) {
  int top = -1;
  int bottom = -1;
  for (int y = 0; y < image.height(); ++y) {
    if (image.pixelColor(x, y) != lane) continue;
    if (top < 0) top = y;
    bottom = y + 1;
  }
  return {top, bottom};
}

class TimelineViewTest : public ::testing::Test {
 protected:
  TimelineViewTest() : timeline(test::syntheticTimeline(14)) {
    view.resize(1200, 320);
    view.setTimeline(&timeline);
  }
  QPoint atStep(int k) const {
    return {static_cast<int>(view.axis().centreOf(static_cast<std::size_t>(k))), 120};
  }

  Timeline timeline;
  TimelineView view;
};

TEST_F(TimelineViewTest, ClickingAndDraggingPickSteps) {
  QSignalSpy picked(&view, &TimelineView::currentStepChanged);
  EXPECT_EQ(view.currentStep(), 0);
  QTest::mouseClick(&view, Qt::LeftButton, {}, atStep(9));
  EXPECT_EQ(view.currentStep(), 9);
  ASSERT_EQ(picked.count(), 1);
  EXPECT_EQ(picked.at(0).at(0).toInt(), 9);
  // Scrubbing: each step passed over is picked once.
  QTest::mousePress(&view, Qt::LeftButton, {}, atStep(2));
  for (const int k : {3, 3, 4}) {
    QMouseEvent move(QEvent::MouseMove, atStep(k), view.mapToGlobal(atStep(k)), Qt::NoButton,
                     Qt::LeftButton, {});
    QApplication::sendEvent(&view, &move);
  }
  QTest::mouseRelease(&view, Qt::LeftButton, {}, atStep(4));
  EXPECT_EQ(view.currentStep(), 4);
  EXPECT_EQ(picked.count(), 4);  // 9, 2, 3, 4
}

TEST_F(TimelineViewTest, KeysStepAndJumpToTheEnds) {
  QSignalSpy picked(&view, &TimelineView::currentStepChanged);
  view.setCurrentStep(5);
  EXPECT_EQ(picked.count(), 0);  // only the user's picks are signalled
  QTest::keyClick(&view, Qt::Key_Right);
  EXPECT_EQ(view.currentStep(), 6);
  QTest::keyClick(&view, Qt::Key_Left);
  QTest::keyClick(&view, Qt::Key_Left);
  EXPECT_EQ(view.currentStep(), 4);
  QTest::keyClick(&view, Qt::Key_End);
  EXPECT_EQ(view.currentStep(), 13);
  QTest::keyClick(&view, Qt::Key_Right);  // already last: nothing
  QTest::keyClick(&view, Qt::Key_Home);
  EXPECT_EQ(view.currentStep(), 0);
  EXPECT_EQ(picked.count(), 5);
  view.setCurrentStep(99);
  EXPECT_EQ(view.currentStep(), 13);
}

TEST_F(TimelineViewTest, ZoomKeepsTheCurrentStepInViewAndWheelZoomsAroundThePointer) {
  view.setCurrentStep(12);
  QTest::keyClick(&view, Qt::Key_Plus);
  QTest::keyClick(&view, Qt::Key_Plus);
  EXPECT_FALSE(view.axis().showsAll());
  const auto [first, end] = view.axis().visibleSteps();
  EXPECT_LE(first, 12U);
  EXPECT_GT(end, 12U);
  view.showAllSteps();
  EXPECT_TRUE(view.axis().showsAll());

  const QPointF at = atStep(3);
  QWheelEvent wheel(at, view.mapToGlobal(at), {}, QPoint(0, 240), Qt::NoButton, {},
                    Qt::NoScrollPhase, false);
  QApplication::sendEvent(&view, &wheel);
  EXPECT_FALSE(view.axis().showsAll());
  EXPECT_EQ(view.axis().stepAt(at.x()), 3);
  // Picking after zooming hits the step drawn there.
  QSignalSpy picked(&view, &TimelineView::currentStepChanged);
  QTest::mouseClick(&view, Qt::LeftButton, {}, atStep(4));
  EXPECT_EQ(view.currentStep(), 4);
}

TEST_F(TimelineViewTest, DrawsEachKindsMarkerAtItsStep) {
  const Theme theme = Theme::light();
  const QImage image = view.grab().toImage();
  const auto [top, bottom] =
      markerRow(image, static_cast<int>(view.axis().left + view.axis().width) - 2, theme.lane);
  ASSERT_GT(bottom - top, 10);
  EXPECT_EQ(markerColourAt(image, atStep(0).x(), top, bottom, theme.blockBorder),
            theme.blockBorder);
  EXPECT_EQ(markerColourAt(image, atStep(1).x(), top, bottom, theme.objectBorder),
            theme.objectBorder);
  EXPECT_EQ(markerColourAt(image, atStep(2).x(), top, bottom, theme.badge), theme.badge);
  EXPECT_EQ(markerColourAt(image, atStep(3).x(), top, bottom, theme.ghost), theme.ghost);
  // Not at a step of another kind.
  EXPECT_FALSE(markerColourAt(image, atStep(1).x(), top, bottom, theme.badge).isValid());
  // The cursor on step 1 after a pick.
  view.setCurrentStep(1);
  const QImage picked = view.grab().toImage();
  EXPECT_EQ(markerColourAt(picked, atStep(1).x(), bottom + 5, image.height() - 40, theme.selection),
            theme.selection);
  view.setTheme(Theme::dark());
  const QImage dark = view.grab().toImage();
  EXPECT_EQ(dark.pixelColor(2, 2), Theme::dark().background);
}

TEST(TimelineView, AppendingStepsExtendsTheSeriesIncrementally) {
  Timeline timeline;
  TimelineView view;
  view.resize(800, 240);
  view.setTimeline(&timeline);
  EXPECT_EQ(view.currentStep(), -1);
  const Timeline whole = test::syntheticTimeline(50);
  for (std::size_t k = 0; k < whole.size(); ++k) {
    timeline.append(whole.step(k));
    if (k % 8 == 0) view.stepsAppended();
  }
  view.stepsAppended();
  EXPECT_EQ(view.currentStep(), 0);
  EXPECT_TRUE(view.axis().showsAll());
  EXPECT_EQ(view.axis().steps, 50U);
  const TimelineSeries fresh = seriesOf(whole);
  ASSERT_EQ(view.series().devices().size(), fresh.devices().size());
  for (std::size_t d = 0; d < fresh.devices().size(); ++d) {
    EXPECT_EQ(view.series().devices()[d].afterStep, fresh.devices()[d].afterStep);
  }
  timeline.clear();
  timeline.append(whole.step(0));
  view.stepsAppended();
  EXPECT_EQ(view.series().size(), 1U);
  view.setTimeline(nullptr);
  EXPECT_EQ(view.series().size(), 0U);
  EXPECT_EQ(view.currentStep(), -1);
}

TEST(TimelineView, PaintsAHundredThousandSteps) {
  const Timeline timeline = test::syntheticTimeline(100000);
  TimelineView view;
  view.resize(1920, 240);
  view.setTimeline(&timeline);
  view.setCurrentStep(54321);
  const QImage image = view.grab().toImage();
  const auto [top, bottom] =
      markerRow(image, static_cast<int>(view.axis().left) + 2, Theme::light().lane);
  ASSERT_GT(bottom - top, 10);
  // Every marker group holds an error: the error colour shows across the row.
  int errors = 0;
  for (int x = 0; x < image.width(); ++x) {
    for (int y = top; y < bottom; ++y) {
      if (image.pixelColor(x, y) == Theme::light().error) {
        ++errors;
        break;
      }
    }
  }
  EXPECT_GT(errors, 500);
}

}  // namespace
}  // namespace memlens::ui

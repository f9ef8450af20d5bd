#include <gtest/gtest.h>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextCursor>

#include "WorkbenchTesting.h"
#include "ui/MemoryMapView.h"
#include "ui/OperatorPalette.h"
#include "ui/TimelineView.h"
#include "workbench/ClassroomMode.h"
#include "workbench/LessonCatalog.h"
#include "workbench/OutputConsole.h"
#include "workbench/ScriptEditor.h"
#include "workbench/VariablesView.h"

namespace memlens::workbench {
namespace {

using test::WorkbenchFixture;

const QString kInPlace = QStringLiteral(
    "import torch\n"
    "x = torch.ones(3)\n"
    "y = x.add_(1)\n"
    "print(y)");

// Runs far longer than any test waits: only Stop or a new run ends it.
const QString kRunawayLoop = QStringLiteral(
    "import torch\n"
    "x = torch.zeros(1)\n"
    "for i in range(10**9):\n"
    "    x.add_(1)");

const ui::BlockLayout* onlyBlock(const ui::MapLayout& frame) {
  return frame.blocks.size() == 1 ? &frame.blocks.front() : nullptr;
}

TEST(Workbench, TypedScriptRunsOffTheGuiThreadAndShowsItsLastStep) {
  WorkbenchFixture fixture;
  auto window = fixture.open();
  WorkbenchFixture::type(*window, kInPlace);
  QTest::keyClick(window.get(), Qt::Key_F5);
  ASSERT_TRUE(window->running());
  ASSERT_TRUE(WorkbenchFixture::waitForRun(*window));

  ASSERT_EQ(window->timeline().size(), 4u);
  EXPECT_EQ(window->currentStep(), 3);
  EXPECT_EQ(window->editor()->currentLine(), 4);
  EXPECT_TRUE(window->console()->toPlainText().contains(QStringLiteral("tensor([2., 2., 2.])")));
  // x and y name one tensor object on one storage: in place, nothing new.
  const ui::BlockLayout* block = onlyBlock(window->map()->frame());
  ASSERT_NE(block, nullptr);
  ASSERT_EQ(window->map()->frame().objects.size(), 1u);
  EXPECT_EQ(window->map()->frame().names.size(), 2u);
  EXPECT_EQ(window->variables()->topLevelItemCount(), 2);
}

TEST(Workbench, StepRunsAChangedScriptThenWalksItsSteps) {
  WorkbenchFixture fixture;
  auto window = fixture.open();
  window->setScript(kInPlace, QStringLiteral("t.py"));
  QTest::keyClick(window.get(), Qt::Key_F10);
  ASSERT_TRUE(WorkbenchFixture::waitForRun(*window));
  EXPECT_EQ(window->currentStep(), 0);
  EXPECT_EQ(window->editor()->currentLine(), 1);

  QTest::keyClick(window.get(), Qt::Key_F10);
  EXPECT_EQ(window->currentStep(), 1);
  EXPECT_EQ(window->editor()->currentLine(), 2);
  ASSERT_NE(onlyBlock(window->map()->frame()), nullptr);
  QTest::keyClick(window.get(), Qt::Key_F10);
  QTest::keyClick(window.get(), Qt::Key_F10);
  EXPECT_EQ(window->currentStep(), 3);
  EXPECT_TRUE(window->console()->toPlainText().contains(QStringLiteral("tensor(")));

  // Back: the print is undone in the console too.
  QTest::keyClick(window.get(), Qt::Key_F10, Qt::ShiftModifier);
  EXPECT_EQ(window->currentStep(), 2);
  EXPECT_FALSE(window->console()->toPlainText().contains(QStringLiteral("tensor(")));
  EXPECT_FALSE(window->running());

  // Editing makes the run stale: the next step runs again from the start.
  window->editor()->moveCursor(QTextCursor::End);
  WorkbenchFixture::type(*window, QStringLiteral("\nz = x + 1"));
  window->stepForward();
  ASSERT_TRUE(WorkbenchFixture::waitForRun(*window));
  EXPECT_EQ(window->currentStep(), 0);
  EXPECT_EQ(window->timeline().size(), 5u);
}

TEST(Workbench, RunToCursorStopsAtTheCursorsLine) {
  WorkbenchFixture fixture;
  auto window = fixture.open();
  window->setScript(kInPlace, QStringLiteral("t.py"));
  QTextCursor cursor(window->editor()->document()->findBlockByNumber(2));
  window->editor()->setTextCursor(cursor);
  QTest::keyClick(window.get(), Qt::Key_F8);
  ASSERT_TRUE(WorkbenchFixture::waitForRun(*window));
  EXPECT_EQ(window->currentStep(), 2);
  EXPECT_EQ(window->editor()->currentLine(), 3);
}

TEST(Workbench, FailingStatementIsUnderlinedAtItsLineAndColumn) {
  WorkbenchFixture fixture;
  auto window = fixture.open();
  window->setScript(QStringLiteral("import torch\nx = torch.ones(4)\ny = x.view(3)\nz = x + 1"),
                    QStringLiteral("t.py"));
  window->runAll();
  ASSERT_TRUE(WorkbenchFixture::waitForRun(*window));
  ASSERT_TRUE(window->editor()->error().has_value());
  EXPECT_EQ(window->editor()->error()->line, 3);
  EXPECT_EQ(window->editor()->error()->type, "RuntimeError");
  EXPECT_TRUE(window->console()->toPlainText().contains(
      QStringLiteral("3:5: RuntimeError: shape '[3]' is invalid")))
      << window->console()->toPlainText().toStdString();
  // The run stops at the failure, as Python does.
  EXPECT_EQ(window->timeline().size(), 3u);
  // Typing clears the stale underline.
  WorkbenchFixture::type(*window, QStringLiteral("# fixed"));
  EXPECT_FALSE(window->editor()->error().has_value());
}

TEST(Workbench, SyntaxErrorIsReportedWithoutAnySteps) {
  WorkbenchFixture fixture;
  auto window = fixture.open();
  window->setScript(QStringLiteral("import torch\nx = (1,"), QStringLiteral("t.py"));
  window->runAll();
  ASSERT_TRUE(WorkbenchFixture::waitForRun(*window));
  EXPECT_TRUE(window->timeline().empty());
  ASSERT_TRUE(window->editor()->error().has_value());
  EXPECT_EQ(window->editor()->error()->type, "SyntaxError");
  EXPECT_TRUE(window->console()->toPlainText().contains(QStringLiteral("SyntaxError")));
}

TEST(Workbench, StopEndsARunawayLoopAndTheWindowStaysResponsive) {
  WorkbenchFixture fixture;
  auto window = fixture.open();
  window->setScript(kRunawayLoop, QStringLiteral("loop.py"));
  window->runAll();
  // The GUI thread keeps handling events while the loop runs.
  QTest::qWait(300);
  EXPECT_TRUE(window->running());
  QTest::keyClick(window.get(), Qt::Key_F5, Qt::ShiftModifier);
  ASSERT_TRUE(WorkbenchFixture::waitForRun(*window, 20000));
  EXPECT_FALSE(window->running());
  EXPECT_TRUE(window->console()->toPlainText().contains(QStringLiteral("Stopped")))
      << window->console()->toPlainText().toStdString();
  // The steps before the loop are there to step through.
  EXPECT_GE(window->timeline().size(), 2u);
}

TEST(Workbench, MemoryBudgetFromThePreferencesStopsAHugeAllocationAtItsLine) {
  WorkbenchFixture fixture;
  auto window = fixture.open();
  Preferences small = window->preferences();
  small.memoryBudget = 64ull << 20;
  window->applyPreferences(small);
  window->setScript(QStringLiteral("import torch\nx = torch.ones(4)\ny = torch.zeros(100000000)"),
                    QStringLiteral("big.py"));
  window->runAll();
  ASSERT_TRUE(WorkbenchFixture::waitForRun(*window));
  ASSERT_TRUE(window->editor()->error().has_value());
  EXPECT_EQ(window->editor()->error()->type, "MemoryError");
  EXPECT_EQ(window->editor()->error()->line, 3);
  // The session carries on: the budget is back to the default for the next run.
  small.memoryBudget = 0;
  window->applyPreferences(small);
  window->runAll();
  ASSERT_TRUE(WorkbenchFixture::waitForRun(*window));
  EXPECT_FALSE(window->editor()->error().has_value());
  EXPECT_EQ(window->timeline().size(), 3u);
}

TEST(Workbench, ANewRunDropsWhatTheSupersededRunStillDelivers) {
  WorkbenchFixture fixture;
  auto window = fixture.open();
  window->setScript(kRunawayLoop, QStringLiteral("loop.py"));
  window->runAll();
  QTest::qWait(100);
  window->setScript(kInPlace, QStringLiteral("t.py"));
  window->runAll();
  ASSERT_TRUE(WorkbenchFixture::waitForRun(*window));
  ASSERT_EQ(window->timeline().size(), 4u);
  for (const Step& step : window->timeline().steps())
    EXPECT_EQ(step.code.find("for"), std::string::npos);
  // Whatever the old run sends later is not mixed in.
  QTest::qWait(200);
  EXPECT_EQ(window->timeline().size(), 4u);
}

TEST(Workbench, OpensARecordedTraceReadOnly) {
  WorkbenchFixture fixture;
  auto window = fixture.open();
  ASSERT_TRUE(window->openFile(QStringLiteral(MEMLENS_UI_TEST_DATA "/demo_trace.json")));
  QTRY_VERIFY_WITH_TIMEOUT(window->showingTrace(), 20000);
  EXPECT_FALSE(window->timeline().empty());
  EXPECT_TRUE(window->editor()->isReadOnly());
  EXPECT_EQ(window->currentStep(), 0);
  EXPECT_FALSE(window->editor()->toPlainText().isEmpty());
  window->showStep(static_cast<int>(window->timeline().size()) - 1);
  EXPECT_FALSE(window->map()->frame().blocks.empty());
  EXPECT_TRUE(window->windowTitle().contains(QStringLiteral("read-only")));
}

TEST(Workbench, BrokenTraceGivesAWarningAndKeepsTheSession) {
  WorkbenchFixture fixture;
  auto window = fixture.open();
  window->setScript(kInPlace, QStringLiteral("t.py"));
  QFile broken(fixture.path(QStringLiteral("broken.json")));
  ASSERT_TRUE(broken.open(QIODevice::WriteOnly));
  broken.write("{\"format\": \"memlens-trace\", \"steps\": [");
  broken.close();
  window->openFile(broken.fileName());
  QTRY_VERIFY_WITH_TIMEOUT(!fixture.warnings.empty(), 20000);
  EXPECT_FALSE(window->showingTrace());
  EXPECT_EQ(window->editor()->toPlainText(), kInPlace);
}

TEST(Workbench, PreferencesSurviveARestart) {
  WorkbenchFixture fixture;
  Preferences chosen;
  {
    auto window = fixture.open();
    chosen = window->preferences();
    chosen.darkTheme = true;
    chosen.animationMs = 900;
    chosen.mapFontSize = 28;
    chosen.memoryBudget = 512ull << 20;
    chosen.runTimeoutSeconds = 30;
    chosen.classroomSecondsPerStep = 2;
    window->applyPreferences(chosen);
    window->close();
  }
  auto again = fixture.open();
  Preferences loaded = again->preferences();
  loaded.reducedMotion = chosen.reducedMotion;  // the fixture sets it on open
  EXPECT_EQ(loaded, chosen);
}

TEST(Workbench, SaveWritesTheFileAndClearsTheModifiedMark) {
  WorkbenchFixture fixture;
  auto window = fixture.open();
  WorkbenchFixture::type(*window, QStringLiteral("import torch"));
  EXPECT_TRUE(window->isWindowModified());
  const QString path = fixture.path(QStringLiteral("saved.py"));
  ASSERT_TRUE(window->saveTo(path));
  EXPECT_FALSE(window->isWindowModified());
  QFile saved(path);
  ASSERT_TRUE(saved.open(QIODevice::ReadOnly));
  EXPECT_EQ(saved.readAll(), QByteArray("import torch\n"));
  EXPECT_EQ(window->currentPath(), QFileInfo(path).absoluteFilePath());
}

TEST(Workbench, UnsavedChangesAreNotLostWithoutAsking) {
  WorkbenchFixture fixture;
  auto window = fixture.open();
  WorkbenchFixture::type(*window, QStringLiteral("x = 1"));
  const QString lesson = builtInLessons().front().resourcePath;
  fixture.answer = QMessageBox::Cancel;
  window->openLesson(lesson);
  ASSERT_EQ(fixture.asked.size(), 1u);
  EXPECT_TRUE(window->editor()->toPlainText().startsWith(QStringLiteral("x = 1")));
  fixture.answer = QMessageBox::Discard;
  window->openLesson(lesson);
  EXPECT_FALSE(window->editor()->toPlainText().startsWith(QStringLiteral("x = 1")));
}

TEST(Workbench, AutosavedTextIsOfferedBackAfterACrash) {
  WorkbenchFixture fixture;
  QString autosaved;
  {
    auto window = fixture.open();
    WorkbenchFixture::type(*window, QStringLiteral("x = 42"));
    const QDir dir(fixture.autosaveDirectory());
    QTRY_VERIFY_WITH_TIMEOUT(!dir.entryList({QStringLiteral("session-*.py")}).isEmpty(), 10000);
    // A crash leaves the file behind without a live lock: copy it aside as
    // the dead window's, since this window cleans its own up on close.
    autosaved = dir.filePath(dir.entryList({QStringLiteral("session-*.py")}).front());
    ASSERT_TRUE(QFile::copy(autosaved, dir.filePath(QStringLiteral("session-crashed.py"))));
    window->editor()->document()->setModified(false);
  }
  fixture.answer = QMessageBox::Yes;
  auto window = fixture.open();
  ASSERT_TRUE(window->offerRecovery());
  EXPECT_EQ(window->editor()->toPlainText(), QStringLiteral("x = 42\n"));
  EXPECT_TRUE(window->isWindowModified());
  // Offered once only.
  EXPECT_FALSE(QFile::exists(
      QDir(fixture.autosaveDirectory()).filePath(QStringLiteral("session-crashed.py"))));
}

TEST(Workbench, EveryLessonRunsClean) {
  WorkbenchFixture fixture;
  auto window = fixture.open();
  const auto lessons = builtInLessons();
  ASSERT_GE(lessons.size(), 8u);
  for (const Lesson& lesson : lessons) {
    SCOPED_TRACE(lesson.title.toStdString());
    if (!lesson.available) continue;  // the CUDA lesson without a GPU
    window->openLesson(lesson.resourcePath);
    window->runAll();
    ASSERT_TRUE(WorkbenchFixture::waitForRun(*window));
    QFile source(lesson.resourcePath);
    ASSERT_TRUE(source.open(QIODevice::ReadOnly));
    // A lesson that ends in an error on purpose says which (`#! expects:`).
    const QString text = QString::fromUtf8(source.readAll());
    if (text.contains(QStringLiteral("#! expects:"))) continue;
    EXPECT_FALSE(window->editor()->error().has_value())
        << window->console()->toPlainText().toStdString();
    EXPECT_FALSE(window->timeline().empty());
    bool narrated = false;
    for (int k = 0; k < static_cast<int>(window->timeline().size()) && !narrated; ++k) {
      window->showStep(k);
      narrated = !window->caption().isEmpty();
    }
    EXPECT_TRUE(narrated) << "a lesson's `#>` captions show with their steps";
  }
}

TEST(Workbench, ClassroomModeIsFullScreenAndDrivenByAClicker) {
  WorkbenchFixture fixture;
  auto window = fixture.open();
  window->setScript(kInPlace, QStringLiteral("t.py"));
  window->runAll();
  ASSERT_TRUE(WorkbenchFixture::waitForRun(*window));
  window->showStep(0);

  window->setClassroomMode(true);
  EXPECT_TRUE(window->isFullScreen());
  EXPECT_TRUE(window->map()->spotlight());
  for (QDockWidget* dock : window->findChildren<QDockWidget*>()) EXPECT_FALSE(dock->isVisible());
  QTest::keyClick(window->map(), Qt::Key_PageDown);
  EXPECT_EQ(window->currentStep(), 1);
  QTest::keyClick(window->map(), Qt::Key_Space);
  EXPECT_EQ(window->currentStep(), 2);
  QTest::keyClick(window->map(), Qt::Key_PageUp);
  EXPECT_EQ(window->currentStep(), 1);
  QTest::keyClick(window->map(), Qt::Key_End);
  EXPECT_EQ(window->currentStep(), 3);
  // F5 plays instead of running the script again.
  QTest::keyClick(window->map(), Qt::Key_F5);
  EXPECT_TRUE(window->playing());
  QTest::keyClick(window->map(), Qt::Key_P);
  EXPECT_FALSE(window->playing());
  EXPECT_FALSE(window->running());

  QTest::keyClick(window->map(), Qt::Key_Escape);
  EXPECT_FALSE(window->classroomMode());
  EXPECT_FALSE(window->isFullScreen());
  EXPECT_FALSE(window->map()->spotlight());
  EXPECT_TRUE(window->findChild<QDockWidget*>(QStringLiteral("scriptDock"))->isVisible());
}

TEST(Workbench, AutoPlayWalksToTheLastStepAndStops) {
  WorkbenchFixture fixture;
  auto window = fixture.open();
  Preferences fast = window->preferences();
  fast.classroomSecondsPerStep = 0.5;
  window->applyPreferences(fast);
  window->setScript(kInPlace, QStringLiteral("t.py"));
  window->setPlaying(true);
  ASSERT_TRUE(WorkbenchFixture::waitForRun(*window));
  QTRY_COMPARE_WITH_TIMEOUT(window->currentStep(), 3, 10000);
  QTRY_VERIFY_WITH_TIMEOUT(!window->playing(), 5000);
}

TEST(Workbench, PickingAVariableSelectsItsTensorOnTheMap) {
  WorkbenchFixture fixture;
  auto window = fixture.open();
  window->setScript(QStringLiteral("import torch\na = torch.ones(2)\nb = a.t()"),
                    QStringLiteral("t.py"));
  window->runAll();
  ASSERT_TRUE(WorkbenchFixture::waitForRun(*window));
  VariablesView* variables = window->variables();
  ASSERT_EQ(variables->topLevelItemCount(), 2);
  variables->setCurrentItem(variables->topLevelItem(1));
  const ui::Selection picked = window->selection()->selection();
  EXPECT_EQ(picked.kind, ui::Selection::Kind::Tensor);
  const auto& tensors = window->timeline().current().tensors;
  EXPECT_EQ(picked.id, tensors.at("b").id);
}

TEST(Workbench, ClickingTheTimelineShowsThatStep) {
  WorkbenchFixture fixture;
  auto window = fixture.open();
  window->setScript(kInPlace, QStringLiteral("t.py"));
  window->runAll();
  ASSERT_TRUE(WorkbenchFixture::waitForRun(*window));
  ui::TimelineView* timeline = window->timelineView();
  ASSERT_EQ(timeline->series().size(), 4u);
  EXPECT_EQ(timeline->currentStep(), 3);
  const int x = static_cast<int>(timeline->axis().centreOf(1));
  QTest::mouseClick(timeline, Qt::LeftButton, {}, QPoint(x, timeline->height() / 2));
  EXPECT_EQ(window->currentStep(), 1);
  EXPECT_EQ(window->editor()->currentLine(), 2);
  // A new run refills the timeline rather than adding to it.
  window->runAll();
  ASSERT_TRUE(WorkbenchFixture::waitForRun(*window));
  EXPECT_EQ(timeline->series().size(), 4u);
}

TEST(Workbench, OperatorPaletteListsTheDispatchersOperatorsAndInsertsACall) {
  WorkbenchFixture fixture;
  auto window = fixture.open();
  ui::OperatorPalette* palette = window->palette();
  // Read off the GUI thread: wait for it.
  QTRY_VERIFY_WITH_TIMEOUT(palette->listedOperators().size() > 500, 30000);
  window->setScript(QStringLiteral("import torch\nx = torch.ones(3)\n"), QStringLiteral("t.py"));
  window->editor()->moveCursor(QTextCursor::End);
  ASSERT_TRUE(palette->selectOperator(QStringLiteral("t")));
  QSignalSpy inserted(palette, &ui::OperatorPalette::insertCode);
  auto* insert = palette->findChild<QPushButton*>(QStringLiteral("insert"));
  auto* self = palette->findChild<QLineEdit*>(QStringLiteral("arg:self"));
  ASSERT_NE(insert, nullptr);
  ASSERT_NE(self, nullptr);
  QTest::keyClicks(self, QStringLiteral("x"));
  ASSERT_TRUE(insert->isEnabled());
  QTest::mouseClick(insert, Qt::LeftButton);
  ASSERT_EQ(inserted.size(), 1);
  const QString line = inserted.front().front().toString();
  EXPECT_TRUE(window->editor()->toPlainText().endsWith(line)) << line.toStdString();
  window->runAll();
  ASSERT_TRUE(WorkbenchFixture::waitForRun(*window));
  EXPECT_FALSE(window->editor()->error().has_value())
      << window->console()->toPlainText().toStdString();
  EXPECT_EQ(window->timeline().size(), 3u);
}

TEST(Preferences, ReducedMotionDefaultsToWhatTheDesktopAsks) {
  QTemporaryDir config;
  ASSERT_TRUE(QDir(config.path()).mkpath(QStringLiteral("gtk-3.0")));
  qunsetenv("MEMLENS_REDUCED_MOTION");
  EXPECT_FALSE(desktopPrefersReducedMotion(config.path()));
  QFile ini(config.filePath(QStringLiteral("gtk-3.0/settings.ini")));
  ASSERT_TRUE(ini.open(QIODevice::WriteOnly));
  ini.write("[Settings]\ngtk-theme-name=Adwaita\ngtk-enable-animations=false\n");
  ini.close();
  EXPECT_TRUE(desktopPrefersReducedMotion(config.path()));
  qputenv("MEMLENS_REDUCED_MOTION", "0");
  EXPECT_FALSE(desktopPrefersReducedMotion(config.path())) << "the variable wins";
  qunsetenv("MEMLENS_REDUCED_MOTION");
}

TEST(ClassroomMode, ClickerAndKeyboardKeysMapToCommands) {
  EXPECT_EQ(ClassroomMode::commandFor(Qt::Key_PageDown), ClassroomMode::Command::Next);
  EXPECT_EQ(ClassroomMode::commandFor(Qt::Key_PageUp), ClassroomMode::Command::Previous);
  EXPECT_EQ(ClassroomMode::commandFor(Qt::Key_Escape), ClassroomMode::Command::Leave);
  EXPECT_FALSE(ClassroomMode::commandFor(Qt::Key_A).has_value());
}

TEST(Lessons, TitlesComeFromTheFileNames) {
  EXPECT_EQ(lessonTitle(QStringLiteral("03-views-and-strides.py")),
            QStringLiteral("3. Views and strides"));
  EXPECT_EQ(lessonTitle(QStringLiteral("notes.py")), QStringLiteral("notes.py"));
}

}  // namespace
}  // namespace memlens::workbench

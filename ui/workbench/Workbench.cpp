#include "workbench/Workbench.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QSaveFile>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

#include "ops/OperatorCatalog.h"
#include "trace/ReportModel.h"
#include "trace/TraceJson.h"
#include "ui/ExportActions.h"
#include "ui/MemoryMapView.h"
#include "ui/OperatorPalette.h"
#include "ui/TensorInspector.h"
#include "ui/TimelineView.h"
#include "workbench/Autosave.h"
#include "workbench/ClassroomMode.h"
#include "workbench/LessonCatalog.h"
#include "workbench/OutputConsole.h"
#include "workbench/PythonHighlighter.h"
#include "workbench/ScriptEditor.h"
#include "workbench/VariablesView.h"

namespace memlens::workbench {

namespace {

constexpr int kMaxRecentFiles = 8;
constexpr int kAutosaveDelayMs = 1500;
const QString kRecentKey = QStringLiteral("recentFiles");
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");

std::vector<std::string> splitLines(const QString& text) {
  std::vector<std::string> lines;
  for (const QString& line : text.split(u'\n')) lines.push_back(line.toStdString());
  return lines;
}

// Paces for auto-play, in seconds per step.
constexpr double kPaces[] = {0.25, 0.5, 1, 2, 4, 8};

}  // namespace

Dialogs Dialogs::standard() {
  Dialogs d;
  d.ask = [](QWidget* parent, const QString& title, const QString& text,
             QMessageBox::StandardButtons buttons) {
    return QMessageBox::question(parent, title, text, buttons);
  };
  d.openPath = [](QWidget* parent, const QString& title, const QString& filter) {
    return QFileDialog::getOpenFileName(parent, title, QString(), filter);
  };
  d.savePath = [](QWidget* parent, const QString& title, const QString& suggested) {
    return QFileDialog::getSaveFileName(parent, title, suggested,
                                        QObject::tr("Python scripts (*.py)"));
  };
  d.warn = [](QWidget* parent, const QString& title, const QString& text) {
    QMessageBox::warning(parent, title, text);
  };
  return d;
}

Workbench::Workbench(Dialogs dialogs, const QString& autosaveDirectory, QWidget* parent)
    : QMainWindow(parent),
      dialogs_(std::move(dialogs)),
      autosave_(std::make_unique<Autosave>(autosaveDirectory)),
      layouts_(std::make_unique<ui::LayoutSequence>(timeline_, ui::LayoutOptions{})),
      editor_(new ScriptEditor),
      console_(new OutputConsole),
      variables_(new VariablesView(&selection_)),
      map_(new ui::MemoryMapView(&selection_)),
      inspector_(new ui::TensorInspector(&selection_)),
      captionLabel_(new QLabel),
      stepLabel_(new QLabel),
      timelineView_(new ui::TimelineView),
      palette_(new ui::OperatorPalette),
      progress_(new QProgressBar) {
  setObjectName(QStringLiteral("workbench"));
  QSettings settings;
  preferences_ = Preferences::load(settings);

  captionLabel_->setObjectName(QStringLiteral("caption"));
  captionLabel_->setWordWrap(true);
  captionLabel_->setTextFormat(Qt::RichText);
  captionLabel_->setMargin(10);
  captionLabel_->setAutoFillBackground(true);
  captionLabel_->hide();
  auto* central = new QWidget;
  auto* column = new QVBoxLayout(central);
  column->setContentsMargins(0, 0, 0, 0);
  column->addWidget(map_, 1);
  column->addWidget(captionLabel_);
  setCentralWidget(central);

  buildActions();
  buildDocks();
  buildMenus();

  statusBar()->addPermanentWidget(stepLabel_);
  progress_->setMaximumWidth(220);
  progress_->setTextVisible(true);
  progress_->hide();
  statusBar()->addPermanentWidget(progress_);

  connect(&execution_, &ScriptExecution::stepsRecorded, this, &Workbench::onStepsRecorded);
  connect(&execution_, &ScriptExecution::finished, this, &Workbench::onRunFinished);
  connect(&playTimer_, &QTimer::timeout, this, [this] {
    if (shown_ + 1 >= static_cast<int>(timeline_.size())) {
      // The end, unless the run is still recording the steps to come.
      if (!running()) setPlaying(false);
    } else {
      showStep(shown_ + 1);
    }
  });
  // contentsChange, not contentsChanged: re-colouring changes formats only,
  // which must not make a run stale.
  connect(editor_->document(), &QTextDocument::contentsChange, this,
          [this](int, int removed, int added) {
            if (removed == 0 && added == 0) return;
            editedSinceRun_ = true;
            autosaveTimer_.start();
            updateTitle();
          });
  autosaveTimer_.setSingleShot(true);
  autosaveTimer_.setInterval(kAutosaveDelayMs);
  connect(&autosaveTimer_, &QTimer::timeout, this, [this] {
    if (editor_->document()->isModified()) {
      autosave_->save(editor_->toPlainText(), path_);
    } else {
      autosave_->clear();
    }
  });

  classroom_ = std::make_unique<ClassroomMode>(this);
  applyPreferences(preferences_);
  restoreGeometry(settings.value(kGeometryKey).toByteArray());
  restoreState(settings.value(kStateKey).toByteArray());
  setScript(QString(), tr("Untitled"));
  showStep(-1);
}

Workbench::~Workbench() = default;

void Workbench::buildActions() {
  const auto action = [this](const QString& text, QKeySequence key, auto slot) {
    auto* a = new QAction(text, this);
    a->setShortcut(key);
    connect(a, &QAction::triggered, this, slot);
    addAction(a);
    return a;
  };
  runAll_ = action(tr("&Run All"), Qt::Key_F5, [this] { runAll(); });
  runToCursor_ = action(tr("Run to &Cursor"), Qt::Key_F8, [this] { runToCursor(); });
  step_ = action(tr("&Step"), Qt::Key_F10, [this] { stepForward(); });
  stepBack_ =
      action(tr("Step &Back"), QKeySequence(Qt::SHIFT | Qt::Key_F10), [this] { stepBack(); });
  reset_ =
      action(tr("Rese&t"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F5), [this] { resetRun(); });
  stop_ = action(tr("St&op"), QKeySequence(Qt::SHIFT | Qt::Key_F5), [this] { stopRun(); });
  play_ = action(tr("&Play"), Qt::Key_F9, [this] { setPlaying(!playing()); });
  classroomAction_ =
      action(tr("&Classroom Mode"), Qt::Key_F11, [this] { setClassroomMode(!classroomMode()); });
  classroomAction_->setCheckable(true);
  runAll_->setToolTip(tr("Run the whole script and show its last step (F5)"));
  runToCursor_->setToolTip(tr("Run and show the step of the line the cursor is on (F8)"));
  step_->setToolTip(tr("Show the next step; runs the script first when it changed (F10)"));
  stepBack_->setToolTip(tr("Show the step before (Shift+F10)"));
  reset_->setToolTip(tr("Forget the run: back to before the first statement"));
  stop_->setToolTip(tr("Stop the running script between two operators (Shift+F5)"));
  play_->setToolTip(tr("Play the steps one after another at the chosen pace (F9)"));

  auto* tools = addToolBar(tr("Run"));
  tools->setObjectName(QStringLiteral("runToolBar"));
  for (QAction* a : {runAll_, runToCursor_, stepBack_, step_, reset_, stop_}) tools->addAction(a);
  tools->addSeparator();
  tools->addAction(play_);
  pace_ = new QComboBox;
  pace_->setToolTip(tr("Auto-play pace"));
  for (const double seconds : kPaces) pace_->addItem(tr("%1 s/step").arg(seconds), seconds);
  connect(pace_, &QComboBox::currentIndexChanged, this, [this](int index) {
    preferences_.classroomSecondsPerStep = pace_->itemData(index).toDouble();
    playTimer_.setInterval(static_cast<int>(preferences_.classroomSecondsPerStep * 1000));
  });
  tools->addWidget(pace_);
  tools->addSeparator();
  tools->addAction(classroomAction_);
}

void Workbench::buildDocks() {
  const auto dock = [this](const QString& title, const QString& name, QWidget* widget,
                           Qt::DockWidgetArea area) {
    auto* d = new QDockWidget(title, this);
    d->setObjectName(name);
    d->setWidget(widget);
    addDockWidget(area, d);
    return d;
  };
  dock(tr("Script"), QStringLiteral("scriptDock"), editor_, Qt::LeftDockWidgetArea);
  auto* inspector =
      dock(tr("Inspector"), QStringLiteral("inspectorDock"), inspector_, Qt::RightDockWidgetArea);
  auto* variables =
      dock(tr("Variables"), QStringLiteral("variablesDock"), variables_, Qt::RightDockWidgetArea);
  tabifyDockWidget(inspector, variables);
  inspector->raise();
  dock(tr("Timeline"), QStringLiteral("timelineDock"), timelineView_, Qt::BottomDockWidgetArea);
  auto* output =
      dock(tr("Output"), QStringLiteral("outputDock"), console_, Qt::BottomDockWidgetArea);
  splitDockWidget(findChild<QDockWidget*>(QStringLiteral("timelineDock")), output, Qt::Horizontal);
  auto* operators =
      dock(tr("Operators"), QStringLiteral("operatorsDock"), palette_, Qt::LeftDockWidgetArea);
  tabifyDockWidget(findChild<QDockWidget*>(QStringLiteral("scriptDock")), operators);
  findChild<QDockWidget*>(QStringLiteral("scriptDock"))->raise();

  timelineView_->setTimeline(&timeline_);
  connect(timelineView_, &ui::TimelineView::currentStepChanged, this, [this](int index) {
    setPlaying(false);
    showStep(index);
  });
  connect(palette_, &ui::OperatorPalette::insertCode, this, &Workbench::insertLine);
  loadOperators();
}

void Workbench::buildMenus() {
  auto* file = menuBar()->addMenu(tr("&File"));
  auto* newFile = file->addAction(tr("&New"), this, [this] {
    if (maybeSave()) setScript(QString(), tr("Untitled"));
  });
  newFile->setShortcut(QKeySequence::New);
  file->addAction(tr("&Open\u2026"), QKeySequence::Open, this, [this] { openDialog(); });
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  lessonsMenu_ = file->addMenu(tr("&Lessons"));
  file->addAction(tr("&Save"), QKeySequence::Save, this, [this] {
    if (path_.isEmpty() || showingTrace_) {
      saveAs();
    } else {
      saveTo(path_);
    }
  });
  file->addAction(tr("Save &As\u2026"), QKeySequence::SaveAs, this, [this] { saveAs(); });
  file->addSeparator();
  exports_ = new ui::ExportActions(this, [this] {
    ui::ExportSubject subject;
    subject.timeline = &timeline_;
    subject.step = static_cast<std::size_t>(std::max(shown_, 0));
    subject.layout = layoutOptions();
    subject.theme = preferences_.darkTheme ? ui::Theme::dark() : ui::Theme::light();
    subject.report.title = title_.toStdString();
    subject.report.script = showingTrace_ ? std::string() : ranSource_.toStdString();
    subject.report.generator = "MemLens";
    return subject;
  });
  file->addAction(exports_->exportAction());
  file->addAction(exports_->copyImageAction());
  file->addSeparator();
  file->addAction(tr("&Preferences\u2026"), QKeySequence::Preferences, this,
                  [this] { showPreferences(); });
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  auto* run = menuBar()->addMenu(tr("&Run"));
  for (QAction* a : {runAll_, runToCursor_, step_, stepBack_, reset_, stop_}) run->addAction(a);
  run->addSeparator();
  run->addAction(play_);

  viewMenu_ = menuBar()->addMenu(tr("&View"));
  viewMenu_->addAction(classroomAction_);
  auto* fit = viewMenu_->addAction(tr("&Fit Map"), map_, &ui::MemoryMapView::fit);
  fit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
  auto* widths = viewMenu_->addMenu(tr("Block &Widths"));
  const std::pair<QString, ui::WidthScale> scales[] = {
      {tr("&Logarithmic"), ui::WidthScale::Log},
      {tr("L&inear"), ui::WidthScale::Linear},
      {tr("&Address-true"), ui::WidthScale::Address}};
  auto* group = new QActionGroup(this);
  for (const auto& [label, scale] : scales) {
    auto* a = widths->addAction(label, this, [this, s = scale] {
      scale_ = s;
      relayout();
    });
    a->setCheckable(true);
    a->setChecked(scale == scale_);
    group->addAction(a);
  }
  viewMenu_->addSeparator();
  for (QDockWidget* dock : findChildren<QDockWidget*>())
    viewMenu_->addAction(dock->toggleViewAction());

  rebuildRecentMenu();
  rebuildLessonsMenu();
}

// ---- files ----

void Workbench::setScript(const QString& text, const QString& title) {
  setPlaying(false);
  resetRun();
  showingTrace_ = false;
  editor_->setReadOnly(false);
  editor_->setPlainText(text);
  editor_->document()->setModified(false);
  title_ = title;
  path_.clear();
  autosave_->clear();
  updateActions();
  updateTitle();
}

bool Workbench::openFile(const QString& path) {
  if (path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive)) {
    // Reading a long trace takes seconds: off the GUI thread, then shown.
    auto* watcher = new QFutureWatcher<Trace>(this);
    connect(watcher, &QFutureWatcher<Trace>::finished, this, [this, watcher, path] {
      watcher->deleteLater();
      try {
        Trace trace = watcher->result();
        Timeline timeline;
        std::vector<std::string> listing =
            buildReportModel(trace.steps, trace.torchVersion, {}).scriptLines;
        for (auto& step : trace.steps) timeline.append(std::move(step));
        setTrace(std::move(timeline), path, listing);
        addRecent(path);
      } catch (const std::exception& e) {
        dialogs_.warn(this, tr("Cannot open trace"), QString::fromUtf8(e.what()));
      }
      statusBar()->clearMessage();
    });
    statusBar()->showMessage(tr("Reading %1\u2026").arg(QFileInfo(path).fileName()));
    watcher->setFuture(
        QtConcurrent::run([file = path.toStdString()] { return readTraceFile(file); }));
    return true;
  }
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    dialogs_.warn(this, tr("Cannot open file"),
                  tr("Cannot open '%1': %2").arg(path, file.errorString()));
    return false;
  }
  setScript(QString::fromUtf8(file.readAll()), QFileInfo(path).fileName());
  path_ = QFileInfo(path).absoluteFilePath();
  addRecent(path_);
  updateTitle();
  return true;
}

void Workbench::setTrace(Timeline timeline, const QString& path,
                         const std::vector<std::string>& listing) {
  setScript(QString(), QFileInfo(path).fileName());
  QStringList lines;
  for (const auto& line : listing) lines << QString::fromStdString(line);
  editor_->setPlainText(lines.join(u'\n'));
  editor_->document()->setModified(false);
  editor_->setReadOnly(true);
  showingTrace_ = true;
  path_ = QFileInfo(path).absoluteFilePath();
  timeline_ = std::move(timeline);
  timelineView_->setTimeline(&timeline_);
  layouts_ = std::make_unique<ui::LayoutSequence>(timeline_, layoutOptions());
  editedSinceRun_ = false;
  autosave_->clear();
  updateActions();
  updateTitle();
  showStep(timeline_.empty() ? -1 : 0);
}

void Workbench::openLesson(const QString& resourcePath) {
  QFile file(resourcePath);
  if (!maybeSave() || !file.open(QIODevice::ReadOnly)) return;
  setScript(QString::fromUtf8(file.readAll()), lessonTitle(QFileInfo(resourcePath).fileName()));
}

bool Workbench::saveTo(const QString& path) {
  QSaveFile file(path);
  const QByteArray bytes = editor_->toPlainText().toUtf8();
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
    dialogs_.warn(this, tr("Cannot save"),
                  tr("Cannot save '%1': %2").arg(path, file.errorString()));
    return false;
  }
  path_ = QFileInfo(path).absoluteFilePath();
  title_ = QFileInfo(path).fileName();
  showingTrace_ = false;
  editor_->setReadOnly(false);
  editor_->document()->setModified(false);
  autosave_->clear();
  addRecent(path_);
  updateActions();
  updateTitle();
  return true;
}

void Workbench::saveAs() {
  const QString suggested =
      path_.isEmpty() || showingTrace_ ? title_ + QStringLiteral(".py") : path_;
  const QString path = dialogs_.savePath(this, tr("Save Script"), suggested);
  if (!path.isEmpty()) saveTo(path);
}

void Workbench::openDialog() {
  if (!maybeSave()) return;
  const QString path = dialogs_.openPath(
      this, tr("Open Script or Trace"),
      tr("Scripts and traces (*.py *.json);;Python scripts (*.py);;MemLens traces (*.json)"));
  if (!path.isEmpty()) openFile(path);
}

bool Workbench::maybeSave() {
  if (!editor_->document()->isModified()) return true;
  const auto answer =
      dialogs_.ask(this, tr("Unsaved changes"),
                   tr("'%1' has changes that are not saved. Save them?").arg(title_),
                   QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
  if (answer == QMessageBox::Cancel) return false;
  if (answer == QMessageBox::Save) {
    if (path_.isEmpty() || showingTrace_) {
      saveAs();
    } else {
      saveTo(path_);
    }
    return !editor_->document()->isModified();
  }
  return true;
}

bool Workbench::offerRecovery() {
  const std::vector<RecoverableScript> orphans = autosave_->orphans();
  if (orphans.empty()) return false;
  const RecoverableScript& newest = orphans.front();
  const QString from = newest.originalPath.isEmpty() ? tr("an untitled script")
                                                     : QFileInfo(newest.originalPath).fileName();
  const auto answer =
      dialogs_.ask(this, tr("Recover unsaved script"),
                   tr("MemLens did not close cleanly. Recover the unsaved changes to %1 from %2?")
                       .arg(from, QLocale().toString(newest.savedAt, QLocale::ShortFormat)),
                   QMessageBox::Yes | QMessageBox::No);
  const bool take = answer == QMessageBox::Yes;
  if (take) {
    setScript(newest.text, newest.originalPath.isEmpty()
                               ? tr("Recovered")
                               : QFileInfo(newest.originalPath).fileName());
    path_ = newest.originalPath;
    // Recovered text is unsaved work until the user saves it.
    editor_->document()->setModified(true);
    autosave_->save(newest.text, path_);
    updateTitle();
  }
  for (const auto& orphan : orphans) Autosave::discard(orphan);
  return take;
}

void Workbench::addRecent(const QString& path) {
  QSettings settings;
  QStringList recent = settings.value(kRecentKey).toStringList();
  recent.removeAll(path);
  recent.prepend(path);
  while (recent.size() > kMaxRecentFiles) recent.removeLast();
  settings.setValue(kRecentKey, recent);
  rebuildRecentMenu();
}

void Workbench::rebuildRecentMenu() {
  recentMenu_->clear();
  const QStringList recent = QSettings().value(kRecentKey).toStringList();
  for (const QString& path : recent) {
    recentMenu_
        ->addAction(QFileInfo(path).fileName(), this,
                    [this, path] {
                      if (maybeSave()) openFile(path);
                    })
        ->setToolTip(path);
  }
  recentMenu_->setEnabled(!recent.isEmpty());
}

void Workbench::rebuildLessonsMenu() {
  lessonsMenu_->clear();
  for (const Lesson& lesson : builtInLessons()) {
    QAction* a = lessonsMenu_->addAction(lesson.title, this,
                                         [this, path = lesson.resourcePath] { openLesson(path); });
    if (!lesson.available) {
      a->setEnabled(false);
      a->setText(lesson.title + tr(" (needs %1)").arg(lesson.requirement));
    }
  }
}

void Workbench::closeEvent(QCloseEvent* event) {
  if (!maybeSave()) {
    event->ignore();
    return;
  }
  setClassroomMode(false);
  execution_.stop();
  QSettings settings;
  settings.setValue(kGeometryKey, saveGeometry());
  settings.setValue(kStateKey, saveState());
  preferences_.save(settings);
  autosave_->clear();
  event->accept();
}

// The palette's line goes below the cursor's line, or replaces it when blank,
// so a click never splits a statement.
void Workbench::insertLine(const QString& line) {
  if (editor_->isReadOnly()) return;
  QTextCursor cursor = editor_->textCursor();
  cursor.movePosition(QTextCursor::StartOfBlock);
  cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
  if (cursor.selectedText().trimmed().isEmpty()) {
    cursor.insertText(line);
  } else {
    cursor.clearSelection();
    cursor.insertText(QStringLiteral("\n") + line);
  }
  editor_->setTextCursor(cursor);
  editor_->setFocus();
}

// The dispatcher's operators, read once and off the GUI thread: a few
// thousand schemas take a moment to describe.
void Workbench::loadOperators() {
  auto* watcher = new QFutureWatcher<std::vector<ui::PaletteOperator>>(this);
  connect(watcher, &QFutureWatcher<std::vector<ui::PaletteOperator>>::finished, this,
          [this, watcher] {
            palette_->setOperators(watcher->result());
            watcher->deleteLater();
          });
  watcher->setFuture(QtConcurrent::run([] {
    std::vector<ui::PaletteOperator> listed;
    for (auto& op : ops::listOperators()) {
      listed.push_back(
          {std::move(op.name), std::move(op.overload), std::move(op.schema), std::move(op.effect)});
    }
    return listed;
  }));
}

// ---- running and stepping ----

bool Workbench::running() const {
  return execution_.running();
}

bool Workbench::upToDate() const {
  return showingTrace_ || (run_ != 0 && !editedSinceRun_ && !running());
}

void Workbench::startRun(Goal goal, int line) {
  if (showingTrace_) {
    goTo(goal, line);
    return;
  }
  setPlaying(false);
  timeline_.clear();
  timelineView_->stepsAppended();
  layouts_ = std::make_unique<ui::LayoutSequence>(timeline_, layoutOptions());
  ranSource_ = editor_->toPlainText();
  editedSinceRun_ = false;
  editor_->setError(std::nullopt);
  console_->clear();
  showStep(-1);
  goal_ = {goal, line};
  RunRequest request;
  request.source = ranSource_;
  request.memoryBudget = preferences_.memoryBudget;
  request.timeoutMs = preferences_.runTimeoutSeconds * 1000;
  run_ = execution_.start(std::move(request));
  progress_->setRange(0, std::max(1, static_cast<int>(editor_->document()->blockCount())));
  progress_->setValue(0);
  progress_->setFormat(tr("line %v of %m"));
  progress_->show();
  statusBar()->showMessage(tr("Running\u2026"));
  updateActions();
}

void Workbench::onStepsRecorded(std::uint64_t run, const std::vector<Step>& steps) {
  if (run != run_) return;  // a superseded run
  for (const Step& step : steps) timeline_.append(step);
  progress_->setValue(steps.back().line);
  statusBar()->showMessage(
      tr("Running\u2026 %n step(s)", nullptr, static_cast<int>(timeline_.size())));
  timelineView_->stepsAppended();
  if (goal_ && goal_->first == Goal::First && shown_ < 0) {
    goTo(Goal::First, 0);
    goal_.reset();
  } else if (goal_ && goal_->first == Goal::Last) {
    // Follow the run as it goes, a batch at a time.
    showStep(static_cast<int>(timeline_.size()) - 1);
  }
}

void Workbench::onRunFinished(std::uint64_t run, const RunOutcome& outcome) {
  if (run != run_) return;
  progress_->hide();
  statusBar()->clearMessage();
  if (goal_) goTo(goal_->first, goal_->second);
  goal_.reset();
  if (outcome.firstError) {
    editor_->setError(outcome.firstError);
    // A syntax error stops the script before any step: say it here, as no
    // step will.
    if (timeline_.empty()) console_->showNote(formatStepError(*outcome.firstError), true);
    statusBar()->showMessage(formatStepError(*outcome.firstError));
  }
  if (outcome.stopped) {
    console_->showNote(
        tr("Stopped after %n statement(s).", nullptr, static_cast<int>(outcome.stepsRun)),
        outcome.firstError.has_value());
  }
  updateActions();
  Q_EMIT runFinished();
}

void Workbench::goTo(Goal goal, int line) {
  const int last = static_cast<int>(timeline_.size()) - 1;
  switch (goal) {
    case Goal::Last: showStep(last); break;
    case Goal::First: showStep(std::min(0, last)); break;
    case Goal::CursorLine: {
      // The last step that began on or before the cursor's line.
      int target = -1;
      for (int k = 0; k <= last; ++k) {
        if (timeline_.step(static_cast<std::size_t>(k)).line <= line) target = k;
      }
      showStep(target);
      break;
    }
  }
}

void Workbench::runAll() {
  startRun(Goal::Last);
}

void Workbench::runToCursor() {
  if (upToDate()) {
    goTo(Goal::CursorLine, editor_->cursorLine());
  } else {
    startRun(Goal::CursorLine, editor_->cursorLine());
  }
}

void Workbench::stepForward() {
  if (running()) return;
  if (!upToDate()) {
    startRun(Goal::First);
  } else if (shown_ + 1 < static_cast<int>(timeline_.size())) {
    showStep(shown_ + 1);
  }
}

void Workbench::stepBack() {
  if (running() || shown_ < 0) return;
  showStep(shown_ - 1);
}

void Workbench::resetRun() {
  setPlaying(false);
  if (running()) execution_.stop();
  run_ = 0;
  goal_.reset();
  timeline_.clear();
  timelineView_->stepsAppended();
  layouts_ = std::make_unique<ui::LayoutSequence>(timeline_, layoutOptions());
  editedSinceRun_ = true;
  progress_->hide();
  console_->clear();
  editor_->setError(std::nullopt);
  showStep(-1);
  updateActions();
}

void Workbench::stopRun() {
  execution_.stop();
}

void Workbench::showStep(int index) {
  const int last = static_cast<int>(timeline_.size()) - 1;
  index = std::clamp(index, -1, last);
  const bool backwards = index < shown_;
  shown_ = index;
  if (index < 0) {
    map_->showLayout(ui::MapLayout{}, backwards);
    inspector_->showStep(timeline_, 0, State{});
    variables_->showState(State{});
    console_->showThrough(timeline_, -1);
    editor_->setCurrentLine(0);
    stepLabel_->setText(timeline_.empty() ? tr("Not run") : tr("Before step 1"));
  } else {
    const auto k = static_cast<std::size_t>(index);
    const State state = timeline_.stateAfter(k);
    map_->showLayout(layouts_->at(k), backwards);
    inspector_->showStep(timeline_, k, state);
    variables_->showState(state);
    console_->showThrough(timeline_, index);
    editor_->setCurrentLine(timeline_.step(k).line);
    stepLabel_->setText(QString::fromStdString(ui::LayoutSequence::stepTitle(timeline_, k)));
  }
  timelineView_->setCurrentStep(index);
  updateCaption(index);
  updateActions();
  Q_EMIT stepShown(index);
}

void Workbench::updateCaption(int index) {
  QString text;
  QString printed;
  if (index >= 0) {
    const Step& step = timeline_.step(static_cast<std::size_t>(index));
    const std::vector<std::string> lines =
        splitLines(showingTrace_ ? editor_->toPlainText() : ranSource_);
    text = QString::fromStdString(paragraphCaption(lines, step.line));
    // Full screen hides the console, so what the step printed shows here.
    if (classroomMode()) printed = QString::fromStdString(step.output).trimmed();
  }
  caption_ = text;
  QString shown = text.toHtmlEscaped();
  if (!printed.isEmpty()) {
    shown += QStringLiteral("<pre style=\"margin:0\">%1</pre>").arg(printed.toHtmlEscaped());
  }
  captionLabel_->setText(shown);
  captionLabel_->setVisible(!shown.isEmpty());
}

QString Workbench::caption() const {
  return caption_;
}

void Workbench::setPlaying(bool on) {
  if (on == playing()) return;
  if (on) {
    if (!upToDate()) {
      startRun(Goal::First);
    } else if (shown_ + 1 >= static_cast<int>(timeline_.size())) {
      showStep(0);  // from the start again
    }
    playTimer_.start(static_cast<int>(preferences_.classroomSecondsPerStep * 1000));
  } else {
    playTimer_.stop();
  }
  play_->setText(on ? tr("&Pause") : tr("&Play"));
}

void Workbench::updateActions() {
  const bool busy = running();
  const bool script = !showingTrace_;
  runAll_->setEnabled(script);
  runToCursor_->setEnabled(!busy);
  step_->setEnabled(!busy && (!upToDate() || shown_ + 1 < static_cast<int>(timeline_.size())));
  stepBack_->setEnabled(!busy && shown_ >= 0);
  reset_->setEnabled(script && (busy || !timeline_.empty()));
  stop_->setEnabled(busy);
}

void Workbench::updateTitle() {
  QString title = title_;
  if (showingTrace_) title += tr(" (recorded trace, read-only)");
  setWindowTitle(title + QStringLiteral("[*] \u2014 MemLens"));
  setWindowModified(editor_->document()->isModified());
}

// ---- appearance ----

ui::LayoutOptions Workbench::layoutOptions() const {
  ui::LayoutOptions options;
  options.scale = scale_;
  options.fontSize = preferences_.mapFontSize * (classroomMode() ? ClassroomMode::kTextScale : 1.0);
  return options;
}

void Workbench::relayout() {
  layouts_->setOptions(layoutOptions());
  const int index = shown_;
  shown_ = -1;
  map_->skipAnimation();
  showStep(index);
}

void Workbench::applyPreferences(const Preferences& preferences) {
  const bool layoutChanged = preferences.mapFontSize != preferences_.mapFontSize;
  preferences_ = preferences;
  const bool dark = preferences_.darkTheme || classroomMode();
  const ui::Theme theme = classroomMode() ? ClassroomMode::theme()
                          : dark          ? ui::Theme::dark()
                                          : ui::Theme::light();
  map_->setTheme(theme);
  ui::MotionSettings motion = map_->motion();
  motion.durationMs = preferences_.animationMs;
  motion.reducedMotion = preferences_.reducedMotion;
  map_->setMotion(motion);
  QFont editorFont = editor_->font();
  if (preferences_.editorPointSize > 0) editorFont.setPointSizeF(preferences_.editorPointSize);
  editor_->setFont(editorFont);
  editor_->setColours(dark ? EditorColours::dark() : EditorColours::light(),
                      dark ? QColor(0x4a, 0x42, 0x10) : QColor(0xff, 0xec, 0x96), theme.error);
  console_->setErrorColour(theme.error);
  timelineView_->setTheme(theme);
  palette_->setTheme(theme);
  QPalette captionPalette = captionLabel_->palette();
  captionPalette.setColor(QPalette::Window, theme.background);
  captionPalette.setColor(QPalette::WindowText, theme.ink);
  captionLabel_->setPalette(captionPalette);
  QFont captionFont = font();
  captionFont.setPointSizeF(font().pointSizeF() * (classroomMode() ? 2.0 : 1.3));
  captionLabel_->setFont(captionFont);
  captionLabel_->setAlignment(classroomMode() ? Qt::AlignCenter : Qt::AlignLeft | Qt::AlignVCenter);
  {
    const QSignalBlocker blocker(pace_);
    int nearest = 0;
    for (int i = 0; i < pace_->count(); ++i) {
      if (std::abs(pace_->itemData(i).toDouble() - preferences_.classroomSecondsPerStep) <
          std::abs(pace_->itemData(nearest).toDouble() - preferences_.classroomSecondsPerStep))
        nearest = i;
    }
    pace_->setCurrentIndex(nearest);
  }
  playTimer_.setInterval(static_cast<int>(preferences_.classroomSecondsPerStep * 1000));
  if (layoutChanged) relayout();
}

void Workbench::showPreferences() {
  PreferencesDialog dialog(preferences_, this);
  if (dialog.exec() != QDialog::Accepted) return;
  applyPreferences(dialog.preferences());
  QSettings settings;
  preferences_.save(settings);
}

void Workbench::setClassroomMode(bool on) {
  if (on == classroomMode()) return;
  classroom_->setActive(on);
  classroomAction_->setChecked(on);
  applyPreferences(preferences_);
  relayout();
  map_->fit();
}

bool Workbench::classroomMode() const {
  return classroom_ && classroom_->active();
}

}  // namespace memlens::workbench

#pragma once
// The main window: the script editor, the memory map in the centre, and the
// inspector, variables, console, timeline and operator palette docked around
// it. Scripts run off the GUI thread (ScriptExecution); the window steps
// through the recorded timeline, and Classroom mode turns it into a
// full-screen, keyboard-driven presentation.

#include <QMainWindow>
#include <QMessageBox>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

#include "trace/Timeline.h"
#include "ui/LayoutSequence.h"
#include "ui/SelectionModel.h"
#include "workbench/Preferences.h"
#include "workbench/ScriptExecution.h"

class QAction;
class QComboBox;
class QLabel;
class QMenu;
class QProgressBar;
class QSettings;

namespace memlens::ui {
class MemoryMapView;
class TensorInspector;
class ExportActions;
class OperatorPalette;
class TimelineView;
}  // namespace memlens::ui

namespace memlens::workbench {

class Autosave;
class ClassroomMode;
class OutputConsole;
class ScriptEditor;
class VariablesView;

// The questions the window asks the user; tests answer them without dialogs.
struct Dialogs {
  std::function<QMessageBox::StandardButton(QWidget* parent, const QString& title,
                                            const QString& text, QMessageBox::StandardButtons)>
      ask;
  std::function<QString(QWidget* parent, const QString& title, const QString& filter)> openPath;
  std::function<QString(QWidget* parent, const QString& title, const QString& suggested)> savePath;
  std::function<void(QWidget* parent, const QString& title, const QString& text)> warn;
  static Dialogs standard();
};

class Workbench : public QMainWindow {
  Q_OBJECT

 public:
  // `autosaveDirectory`: where unsaved text is kept for crash recovery.
  Workbench(Dialogs dialogs, const QString& autosaveDirectory, QWidget* parent = nullptr);
  ~Workbench() override;

  // Files. A `.json` file opens as a recorded trace, read-only.
  bool openFile(const QString& path);
  bool saveTo(const QString& path);
  void openLesson(const QString& resourcePath);
  void setScript(const QString& text, const QString& title);
  // Offers back what a window that crashed left unsaved; true when taken.
  bool offerRecovery();

  // Running and stepping.
  void runAll();
  void runToCursor();
  void stepForward();
  void stepBack();
  void resetRun();
  void stopRun();
  void showStep(int index);  // -1: before the first step
  int currentStep() const { return shown_; }
  bool running() const;
  const Timeline& timeline() const { return timeline_; }
  bool showingTrace() const { return showingTrace_; }

  // Playback and Classroom mode.
  void setPlaying(bool playing);
  bool playing() const { return playTimer_.isActive(); }
  void setClassroomMode(bool on);
  bool classroomMode() const;

  const Preferences& preferences() const { return preferences_; }
  void applyPreferences(const Preferences& preferences);

  ScriptEditor* editor() const { return editor_; }
  ui::TimelineView* timelineView() const { return timelineView_; }
  ui::OperatorPalette* palette() const { return palette_; }
  OutputConsole* console() const { return console_; }
  VariablesView* variables() const { return variables_; }
  ui::MemoryMapView* map() const { return map_; }
  ui::SelectionModel* selection() { return &selection_; }
  QString caption() const;
  QString currentPath() const { return path_; }

 Q_SIGNALS:
  void runFinished();
  void stepShown(int index);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  enum class Goal { Last, First, CursorLine };

  void buildActions();
  void buildMenus();
  void buildDocks();
  void startRun(Goal goal, int line = 0);
  void onStepsRecorded(std::uint64_t run, const std::vector<Step>& steps);
  void onRunFinished(std::uint64_t run, const RunOutcome& outcome);
  void goTo(Goal goal, int line);
  bool upToDate() const;
  void updateActions();
  void updateTitle();
  void updateCaption(int index);
  bool maybeSave();
  void saveAs();
  void openDialog();
  void addRecent(const QString& path);
  void rebuildRecentMenu();
  void rebuildLessonsMenu();
  void relayout();
  void setTrace(Timeline timeline, const QString& path, const std::vector<std::string>& listing);
  void showPreferences();
  void insertLine(const QString& line);
  void loadOperators();
  ui::LayoutOptions layoutOptions() const;

  Dialogs dialogs_;
  Preferences preferences_;
  std::unique_ptr<Autosave> autosave_;
  ScriptExecution execution_;
  std::uint64_t run_ = 0;  // the run whose steps are shown; older runs' results are dropped
  std::optional<std::pair<Goal, int>> goal_;  // where to go once the run has the step
  QString ranSource_;
  bool editedSinceRun_ = true;
  bool showingTrace_ = false;
  QString path_;
  QString title_;

  Timeline timeline_;
  std::unique_ptr<ui::LayoutSequence> layouts_;
  ui::SelectionModel selection_;
  int shown_ = -1;
  ui::WidthScale scale_ = ui::WidthScale::Log;

  ScriptEditor* editor_;
  OutputConsole* console_;
  VariablesView* variables_;
  ui::MemoryMapView* map_;
  ui::TensorInspector* inspector_;
  QLabel* captionLabel_;
  QString caption_;  // the narration shown, without what the step printed
  QLabel* stepLabel_;
  ui::TimelineView* timelineView_;
  ui::OperatorPalette* palette_;
  QProgressBar* progress_;
  QTimer playTimer_;
  QTimer autosaveTimer_;
  std::unique_ptr<ClassroomMode> classroom_;
  ui::ExportActions* exports_ = nullptr;

  QAction* runAll_;
  QAction* runToCursor_;
  QAction* step_;
  QAction* stepBack_;
  QAction* reset_;
  QAction* stop_;
  QAction* play_;
  QAction* classroomAction_;
  QMenu* recentMenu_ = nullptr;
  QMenu* lessonsMenu_ = nullptr;
  QMenu* viewMenu_ = nullptr;
  QComboBox* pace_ = nullptr;
};

}  // namespace memlens::workbench

#pragma once
// What the script printed up to the step on the map, as Python would have
// printed it, and the failing statement's error as `line:col: Type: message`.

#include <QPlainTextEdit>

#include <cstddef>

#include "trace/Timeline.h"

namespace memlens::workbench {

// "3:5: RuntimeError: shape '[3]' is invalid ...", as the CLI reports it.
QString formatStepError(const StepError& error);

class OutputConsole : public QPlainTextEdit {
  Q_OBJECT

 public:
  explicit OutputConsole(QWidget* parent = nullptr);
  // The output of steps 0..`step` of `timeline`; a negative step: nothing yet.
  // Appends when moving forward from what is shown, so stepping stays cheap.
  void showThrough(const Timeline& timeline, int step);
  // A message from outside the steps (a syntax error, a stopped run).
  void showNote(const QString& text, bool isError);
  void setErrorColour(QColor colour) { errorColour_ = colour; }

 private:
  void appendStep(const Step& step);

  int shownThrough_ = -1;
  const Timeline* shownTimeline_ = nullptr;
  QColor errorColour_{200, 30, 30};
};

}  // namespace memlens::workbench

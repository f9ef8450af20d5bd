#pragma once
// The script editor: Python colouring, line numbers, the line of the step on
// the map marked in the gutter and the text, and a failing statement's error
// underlined at its line:col with the message beside it.

#include <QPlainTextEdit>

#include <optional>

#include "trace/Step.h"

namespace memlens::workbench {

class PythonHighlighter;
struct EditorColours;

class ScriptEditor : public QPlainTextEdit {
  Q_OBJECT

 public:
  explicit ScriptEditor(QWidget* parent = nullptr);

  // The line (1-based) of the step shown on the map; 0: none.
  void setCurrentLine(int line);
  int currentLine() const { return currentLine_; }
  // Underlines the error's position; nullopt clears it.
  void setError(std::optional<StepError> error);
  const std::optional<StepError>& error() const { return error_; }
  // The 1-based line the text cursor is on.
  int cursorLine() const;
  void setColours(const EditorColours& colours, QColor currentLine, QColor errorColour);

  // The gutter, drawn by the editor (it owns the text geometry).
  int gutterWidth() const;
  void paintGutter(QPaintEvent* event);

 protected:
  void resizeEvent(QResizeEvent* event) override;
  bool event(QEvent* event) override;

 private:
  void updateGutter(const QRect& rect, int dy);
  void refreshSelections();

  QWidget* gutter_;
  PythonHighlighter* highlighter_;
  int currentLine_ = 0;
  std::optional<StepError> error_;
  QColor currentLineColour_{255, 236, 150};
  QColor errorColour_{200, 30, 30};
};

}  // namespace memlens::workbench

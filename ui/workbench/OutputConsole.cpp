#include "workbench/OutputConsole.h"

#include <QFontDatabase>
#include <QTextBlock>
#include <QTextCursor>

namespace memlens::workbench {

QString formatStepError(const StepError& error) {
  return QStringLiteral("%1:%2: %3: %4")
      .arg(error.line)
      .arg(error.column)
      .arg(QString::fromStdString(error.type), QString::fromStdString(error.message));
}

OutputConsole::OutputConsole(QWidget* parent) : QPlainTextEdit(parent) {
  setReadOnly(true);
  setUndoRedoEnabled(false);
  QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
  mono.setPointSizeF(font().pointSizeF() * 1.1);
  setFont(mono);
  setPlaceholderText(tr("What the script prints appears here."));
}

void OutputConsole::showThrough(const Timeline& timeline, int step) {
  const int last = std::min(step, static_cast<int>(timeline.size()) - 1);
  if (&timeline != shownTimeline_ || last < shownThrough_) {
    clear();
    shownThrough_ = -1;
    shownTimeline_ = &timeline;
  }
  for (int k = shownThrough_ + 1; k <= last; ++k)
    appendStep(timeline.step(static_cast<std::size_t>(k)));
  shownThrough_ = std::max(shownThrough_, last);
  moveCursor(QTextCursor::End);
  ensureCursorVisible();
}

void OutputConsole::appendStep(const Step& step) {
  QTextCursor cursor(document());
  cursor.movePosition(QTextCursor::End);
  if (!step.output.empty()) {
    cursor.insertText(QString::fromStdString(step.output), QTextCharFormat());
  }
  if (step.error) {
    QTextCharFormat format;
    format.setForeground(errorColour_);
    format.setFontWeight(QFont::Bold);
    if (!document()->isEmpty() && !toPlainText().endsWith(u'\n'))
      cursor.insertText(QStringLiteral("\n"));
    cursor.insertText(formatStepError(*step.error) + u'\n', format);
  }
}

void OutputConsole::showNote(const QString& text, bool isError) {
  QTextCursor cursor(document());
  cursor.movePosition(QTextCursor::End);
  QTextCharFormat format;
  format.setFontItalic(!isError);
  if (isError) {
    format.setForeground(errorColour_);
    format.setFontWeight(QFont::Bold);
  }
  if (!document()->isEmpty() && !toPlainText().endsWith(u'\n'))
    cursor.insertText(QStringLiteral("\n"));
  cursor.insertText(text + u'\n', format);
  // A later step shown rebuilds from the steps: the note is part of this view only.
  shownTimeline_ = nullptr;
  moveCursor(QTextCursor::End);
}

}  // namespace memlens::workbench

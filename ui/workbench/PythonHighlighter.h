#pragma once
// Python colouring for the editor: keywords, builtins, numbers, strings
// (triple-quoted ones across lines), comments, and lesson captions (`#>`) set
// apart from ordinary comments. Weight and style carry meaning as well as hue.

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <vector>

namespace memlens::workbench {

struct EditorColours {
  QColor keyword;
  QColor builtin;
  QColor number;
  QColor string;
  QColor comment;
  QColor caption;

  // Readable on the light and the dark theme's background.
  static EditorColours light();
  static EditorColours dark();
};

class PythonHighlighter : public QSyntaxHighlighter {
  Q_OBJECT

 public:
  explicit PythonHighlighter(QTextDocument* document);
  void setColours(const EditorColours& colours);

 protected:
  void highlightBlock(const QString& text) override;

 private:
  struct Rule {
    QRegularExpression pattern;
    QTextCharFormat format;
  };
  // Strings and comments win over the rules: a `#` inside a string is text.
  void highlightStringsAndComments(const QString& text);

  std::vector<Rule> rules_;
  QTextCharFormat string_;
  QTextCharFormat comment_;
  QTextCharFormat caption_;
};

}  // namespace memlens::workbench

#include "workbench/PythonHighlighter.h"

namespace memlens::workbench {

namespace {

// Block states: inside a triple-quoted string opened on an earlier line.
enum BlockState { Normal = 0, InTripleSingle = 1, InTripleDouble = 2 };

QTextCharFormat formatOf(const QColor& colour, bool bold = false, bool italic = false) {
  QTextCharFormat format;
  format.setForeground(colour);
  if (bold) format.setFontWeight(QFont::Bold);
  format.setFontItalic(italic);
  return format;
}

}  // namespace

EditorColours EditorColours::light() {
  return {QColor(0x7a, 0x1f, 0xa2), QColor(0x0b, 0x5c, 0xad), QColor(0x9c, 0x4a, 0x00),
          QColor(0x1b, 0x6e, 0x20), QColor(0x60, 0x60, 0x60), QColor(0x00, 0x5a, 0x70)};
}

EditorColours EditorColours::dark() {
  return {QColor(0xd7, 0x9b, 0xff), QColor(0x7c, 0xc4, 0xff), QColor(0xff, 0xb8, 0x6c),
          QColor(0x98, 0xe0, 0x8f), QColor(0xa0, 0xa0, 0xa0), QColor(0x6f, 0xe3, 0xf0)};
}

PythonHighlighter::PythonHighlighter(QTextDocument* document) : QSyntaxHighlighter(document) {
  setColours(EditorColours::light());
}

void PythonHighlighter::setColours(const EditorColours& colours) {
  rules_.clear();
  rules_.push_back(
      {QRegularExpression(QStringLiteral(
           R"(\b(and|as|assert|async|await|break|class|continue|def|del|elif|else|except|)"
           R"(finally|for|from|global|if|import|in|is|lambda|nonlocal|not|or|pass|raise|)"
           R"(return|try|while|with|yield|None|True|False)\b)")),
       formatOf(colours.keyword, true)});
  rules_.push_back({QRegularExpression(QStringLiteral(
                        R"(\b(torch|print|len|range|id|list|tuple|int|float|bool|str|type|)"
                        R"(isinstance|sum|min|max|abs|enumerate|zip|round|repr|F)\b)")),
                    formatOf(colours.builtin)});
  rules_.push_back({QRegularExpression(
                        QStringLiteral(R"(\b(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|)"
                                       R"((\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d+)?[jJ]?)\b)")),
                    formatOf(colours.number)});
  string_ = formatOf(colours.string);
  comment_ = formatOf(colours.comment, false, true);
  caption_ = formatOf(colours.caption, true);
  rehighlight();
}

void PythonHighlighter::highlightBlock(const QString& text) {
  for (const Rule& rule : rules_) {
    auto matches = rule.pattern.globalMatch(text);
    while (matches.hasNext()) {
      const auto match = matches.next();
      setFormat(static_cast<int>(match.capturedStart()), static_cast<int>(match.capturedLength()),
                rule.format);
    }
  }
  highlightStringsAndComments(text);
}

// One left-to-right scan, so that a `#` inside a string is not a comment and
// quotes inside a comment open no string.
void PythonHighlighter::highlightStringsAndComments(const QString& text) {
  setCurrentBlockState(Normal);
  const auto length = static_cast<int>(text.size());
  int i = 0;
  int state = previousBlockState() < 0 ? Normal : previousBlockState();
  while (i < length) {
    int start = i;
    QString closing;
    if (state == InTripleSingle || state == InTripleDouble) {
      closing = state == InTripleSingle ? QStringLiteral("'''") : QStringLiteral("\"\"\"");
      state = Normal;
    } else {
      const QChar c = text[i];
      if (c == u'#') {
        const bool caption =
            text.mid(i).startsWith(QStringLiteral("#>")) && text.left(i).trimmed().isEmpty();
        setFormat(i, length - i, caption ? caption_ : comment_);
        return;
      }
      if (c != u'\'' && c != u'"') {
        ++i;
        continue;
      }
      const QString triple(3, c);
      closing = text.mid(i, 3) == triple ? triple : QString(c);
      i += static_cast<int>(closing.size());
    }
    // Find the closing quote, skipping escaped characters.
    int end = -1;
    for (int j = i; j < length; ++j) {
      if (text[j] == u'\\') {
        ++j;
        continue;
      }
      if (text.mid(j, closing.size()) == closing) {
        end = j + static_cast<int>(closing.size());
        break;
      }
    }
    if (end < 0) {
      setFormat(start, length - start, string_);
      if (closing.size() == 3)
        setCurrentBlockState(closing[0] == u'\'' ? InTripleSingle : InTripleDouble);
      return;
    }
    setFormat(start, end - start, string_);
    i = end;
  }
}

}  // namespace memlens::workbench

#include <gtest/gtest.h>
#include <QTextBlock>
#include <QTextLayout>

#include "workbench/PythonHighlighter.h"
#include "workbench/ScriptEditor.h"

namespace memlens::workbench {
namespace {

// The colour the highlighter gave the character at `column` of line `line` (0-based).
QColor colourAt(const ScriptEditor& editor, int line, int column) {
  const QTextBlock block = editor.document()->findBlockByNumber(line);
  for (const QTextLayout::FormatRange& range : block.layout()->formats()) {
    if (column >= range.start && column < range.start + range.length)
      return range.format.foreground().color();
  }
  return {};
}

const EditorColours kColours{Qt::red, Qt::green, Qt::blue, Qt::magenta, Qt::gray, Qt::cyan};

TEST(PythonHighlighter, StringsCommentsAndCaptionsAreToldApart) {
  ScriptEditor editor;
  editor.setColours(kColours, Qt::yellow, Qt::red);
  editor.setPlainText(
      QStringLiteral("#> a caption\nx = \"a # b\"  # note\nfor i in range(3):\n"
                     "    s = '''one\ntwo''' + 1"));
  EXPECT_EQ(colourAt(editor, 0, 3), QColor(Qt::cyan));     // caption
  EXPECT_EQ(colourAt(editor, 1, 7), QColor(Qt::magenta));  // '#' inside the string
  EXPECT_EQ(colourAt(editor, 1, 15), QColor(Qt::gray));    // the comment
  EXPECT_EQ(colourAt(editor, 2, 0), QColor(Qt::red));      // `for`
  EXPECT_EQ(colourAt(editor, 2, 9), QColor(Qt::green));    // `range`
  EXPECT_EQ(colourAt(editor, 2, 15), QColor(Qt::blue));    // 3
  EXPECT_EQ(colourAt(editor, 4, 1), QColor(Qt::magenta));  // still inside '''
  EXPECT_EQ(colourAt(editor, 4, 9), QColor(Qt::blue));     // 1 after the string closed
}

TEST(ScriptEditor, ErrorIsUnderlinedFromItsColumnAndClearedByAnEdit) {
  ScriptEditor editor;
  editor.setPlainText(QStringLiteral("import torch\ny = x.view(3)"));
  editor.setError(StepError{"NameError", "name 'x' is not defined", 2, 5});
  const auto selections = editor.extraSelections();
  ASSERT_EQ(selections.size(), 1);
  EXPECT_EQ(selections[0].format.underlineStyle(), QTextCharFormat::WaveUnderline);
  EXPECT_EQ(selections[0].cursor.selectedText(), QStringLiteral("x.view(3)"));
  EXPECT_TRUE(selections[0].format.toolTip().contains(QStringLiteral("NameError")));
  editor.textCursor().insertText(QStringLiteral(" "));
  EXPECT_FALSE(editor.error().has_value());
  EXPECT_TRUE(editor.extraSelections().isEmpty());
}

TEST(ScriptEditor, CurrentStepLineIsMarked) {
  ScriptEditor editor;
  editor.setPlainText(QStringLiteral("a = 1\nb = 2\nc = 3"));
  editor.setCurrentLine(2);
  const auto selections = editor.extraSelections();
  ASSERT_EQ(selections.size(), 1);
  EXPECT_EQ(selections[0].cursor.blockNumber(), 1);
  EXPECT_TRUE(selections[0].format.property(QTextFormat::FullWidthSelection).toBool());
  editor.setCurrentLine(0);
  EXPECT_TRUE(editor.extraSelections().isEmpty());
}

}  // namespace
}  // namespace memlens::workbench

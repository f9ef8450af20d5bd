#include "workbench/ScriptEditor.h"

#include <QFontDatabase>
#include <QHelpEvent>
#include <QPainter>
#include <QScrollBar>
#include <QTextBlock>
#include <QToolTip>

#include <algorithm>

#include "workbench/PythonHighlighter.h"

namespace memlens::workbench {

namespace {

class Gutter : public QWidget {
 public:
  explicit Gutter(ScriptEditor* editor) : QWidget(editor), editor_(editor) {}
  QSize sizeHint() const override { return {editor_->gutterWidth(), 0}; }

 protected:
  void paintEvent(QPaintEvent* event) override { editor_->paintGutter(event); }

 private:
  ScriptEditor* editor_;
};

QTextCursor lineCursor(QTextDocument* document, int line) {
  return QTextCursor(document->findBlockByNumber(line - 1));
}

}  // namespace

ScriptEditor::ScriptEditor(QWidget* parent)
    : QPlainTextEdit(parent),
      gutter_(new Gutter(this)),
      highlighter_(new PythonHighlighter(document())) {
  QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
  mono.setPointSizeF(font().pointSizeF() * 1.15);
  setFont(mono);
  setLineWrapMode(QPlainTextEdit::NoWrap);
  setTabStopDistance(QFontMetricsF(mono).horizontalAdvance(QLatin1Char(' ')) * 4);
  connect(this, &QPlainTextEdit::blockCountChanged, this,
          [this] { setViewportMargins(gutterWidth(), 0, 0, 0); });
  connect(this, &QPlainTextEdit::updateRequest, this, &ScriptEditor::updateGutter);
  // An edit makes the shown error stale: its position may no longer be right.
  connect(document(), &QTextDocument::contentsChange, this, [this](int, int removed, int added) {
    if ((removed > 0 || added > 0) && error_) setError(std::nullopt);
  });
  setViewportMargins(gutterWidth(), 0, 0, 0);
}

void ScriptEditor::setColours(const EditorColours& colours, QColor currentLine,
                              QColor errorColour) {
  highlighter_->setColours(colours);
  currentLineColour_ = currentLine;
  errorColour_ = errorColour;
  refreshSelections();
}

void ScriptEditor::setCurrentLine(int line) {
  if (line == currentLine_) return;
  currentLine_ = line;
  refreshSelections();
  if (line > 0) {
    // Bring the line into view without moving the user's text cursor.
    const QTextBlock block = document()->findBlockByNumber(line - 1);
    if (block.isValid()) {
      const QRectF box = blockBoundingGeometry(block).translated(contentOffset());
      if (box.top() < 0 || box.bottom() > viewport()->height()) {
        const int first = firstVisibleBlock().blockNumber();
        const int visibleLines = viewport()->height() / std::max(1, fontMetrics().height());
        verticalScrollBar()->setValue(
            std::max(0, line - 1 - (line - 1 < first ? 0 : visibleLines / 2)));
      }
    }
  }
  gutter_->update();
}

void ScriptEditor::setError(std::optional<StepError> error) {
  error_ = std::move(error);
  refreshSelections();
  gutter_->update();
}

int ScriptEditor::cursorLine() const {
  return textCursor().blockNumber() + 1;
}

void ScriptEditor::refreshSelections() {
  QList<QTextEdit::ExtraSelection> selections;
  if (currentLine_ > 0 && currentLine_ <= document()->blockCount()) {
    QTextEdit::ExtraSelection current;
    current.format.setBackground(currentLineColour_);
    current.format.setProperty(QTextFormat::FullWidthSelection, true);
    current.cursor = lineCursor(document(), currentLine_);
    selections.append(current);
  }
  if (error_ && error_->line > 0 && error_->line <= document()->blockCount()) {
    const QTextBlock block = document()->findBlockByNumber(error_->line - 1);
    // Python columns are 1-based; underline from there to the end of the
    // token, or the line when the column is past it.
    const auto length = static_cast<int>(block.text().size());
    const int from = std::clamp(error_->column - 1, 0, std::max(0, length - 1));
    int to = from;
    while (to < length && !block.text()[to].isSpace()) ++to;
    if (to == from) to = std::max(length, from + 1);
    QTextEdit::ExtraSelection underline;
    underline.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    underline.format.setUnderlineColor(errorColour_);
    underline.format.setToolTip(QString::fromStdString(error_->type + ": " + error_->message));
    underline.cursor = QTextCursor(block);
    underline.cursor.setPosition(block.position() + from);
    underline.cursor.setPosition(block.position() + std::min(to, length), QTextCursor::KeepAnchor);
    if (length == 0) underline.format.setProperty(QTextFormat::FullWidthSelection, true);
    selections.append(underline);
  }
  setExtraSelections(selections);
}

int ScriptEditor::gutterWidth() const {
  int digits = 2;
  for (int n = std::max(1, blockCount()); n >= 10; n /= 10) ++digits;
  // Digits, then room for the step marker.
  return fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits + fontMetrics().height() + 8;
}

void ScriptEditor::resizeEvent(QResizeEvent* event) {
  QPlainTextEdit::resizeEvent(event);
  const QRect inner = contentsRect();
  gutter_->setGeometry(QRect(inner.left(), inner.top(), gutterWidth(), inner.height()));
}

bool ScriptEditor::event(QEvent* event) {
  // The error's message as a tooltip anywhere on its line or its gutter mark.
  if (event->type() == QEvent::ToolTip && error_) {
    auto* help = static_cast<QHelpEvent*>(event);
    const QPoint inViewport = viewport()->mapFrom(this, help->pos());
    if (cursorForPosition(inViewport).blockNumber() + 1 == error_->line) {
      QToolTip::showText(help->globalPos(),
                         QString::fromStdString(error_->type + ": " + error_->message), this);
      return true;
    }
  }
  return QPlainTextEdit::event(event);
}

void ScriptEditor::updateGutter(const QRect& rect, int dy) {
  if (dy != 0) {
    gutter_->scroll(0, dy);
  } else {
    gutter_->update(0, rect.y(), gutter_->width(), rect.height());
  }
}

void ScriptEditor::paintGutter(QPaintEvent* event) {
  QPainter painter(gutter_);
  painter.fillRect(event->rect(), palette().color(QPalette::AlternateBase));
  painter.setFont(font());
  const int lineHeight = fontMetrics().height();
  QTextBlock block = firstVisibleBlock();
  auto top = static_cast<int>(blockBoundingGeometry(block).translated(contentOffset()).top());
  while (block.isValid() && top <= event->rect().bottom()) {
    const int line = block.blockNumber() + 1;
    const int height = static_cast<int>(blockBoundingRect(block).height());
    const QRect numberBox(0, top, gutter_->width() - lineHeight - 4, lineHeight);
    const bool current = line == currentLine_;
    const bool failing = error_ && error_->line == line;
    QFont numberFont = font();
    numberFont.setBold(current || failing);
    painter.setFont(numberFont);
    painter.setPen(failing   ? errorColour_
                   : current ? palette().color(QPalette::Text)
                             : palette().color(QPalette::PlaceholderText));
    painter.drawText(numberBox, Qt::AlignRight | Qt::AlignVCenter, QString::number(line));
    const QRectF mark(gutter_->width() - lineHeight - 2, top + lineHeight * 0.15, lineHeight * 0.8,
                      lineHeight * 0.7);
    painter.setRenderHint(QPainter::Antialiasing);
    if (failing) {
      // A filled circle with "!" for the error: shape as well as colour.
      painter.setPen(Qt::NoPen);
      painter.setBrush(errorColour_);
      painter.drawEllipse(mark.center(), mark.height() / 2, mark.height() / 2);
      painter.setPen(Qt::white);
      painter.drawText(mark, Qt::AlignCenter, QStringLiteral("!"));
    } else if (current) {
      // A right-pointing triangle: the step the map shows.
      QPolygonF arrow;
      arrow << mark.topLeft() << QPointF(mark.right(), mark.center().y()) << mark.bottomLeft();
      painter.setPen(Qt::NoPen);
      painter.setBrush(palette().color(QPalette::Highlight));
      painter.drawPolygon(arrow);
    }
    block = block.next();
    top += height;
  }
}

}  // namespace memlens::workbench

#include "workbench/ClassroomMode.h"

#include <QApplication>
#include <QDockWidget>
#include <QKeyEvent>
#include <QMenuBar>
#include <QStatusBar>
#include <QToolBar>

#include "ui/MemoryMapView.h"
#include "workbench/Workbench.h"

namespace memlens::workbench {

ui::Theme ClassroomMode::theme() {
  ui::Theme t = ui::Theme::dark();
  t.background = Qt::black;
  t.ink = Qt::white;
  t.mutedInk = QColor(0xdd, 0xdd, 0xdd);
  t.lane = QColor(0x10, 0x10, 0x10);
  t.laneBorder = QColor(0xbb, 0xbb, 0xbb);
  t.blockBorder = Qt::white;
  t.objectBorder = Qt::white;
  t.arrow = Qt::white;
  t.selection = QColor(0xff, 0xe0, 0x00);
  t.line = 3.5;
  t.arrowLine = 4.0;
  t.selectionLine = 6.0;
  return t;
}

ClassroomMode::ClassroomMode(Workbench* window) : QObject(window), window_(window) {}

void ClassroomMode::setActive(bool on) {
  if (on == active_) return;
  active_ = on;
  const auto bars = [this](bool visible) {
    window_->menuBar()->setVisible(visible);
    window_->statusBar()->setVisible(visible);
    for (QToolBar* bar : window_->findChildren<QToolBar*>()) bar->setVisible(visible);
  };
  if (on) {
    savedState_ = window_->saveState();
    wasMaximized_ = window_->isMaximized();
    savedFont_ = window_->font();
    for (QDockWidget* dock : window_->findChildren<QDockWidget*>()) dock->hide();
    bars(false);
    QFont large = savedFont_;
    large.setPointSizeF(savedFont_.pointSizeF() * kTextScale);
    window_->setFont(large);
    window_->map()->setSpotlight(true);
    window_->showFullScreen();
    window_->map()->setFocus();
    qApp->installEventFilter(this);
  } else {
    qApp->removeEventFilter(this);
    window_->map()->setSpotlight(false);
    window_->setFont(savedFont_);
    bars(true);
    window_->restoreState(savedState_);
    if (wasMaximized_) {
      window_->showMaximized();
    } else {
      window_->showNormal();
    }
  }
}

std::optional<ClassroomMode::Command> ClassroomMode::commandFor(int key) {
  switch (key) {
    case Qt::Key_Right:
    case Qt::Key_Down:
    case Qt::Key_PageDown:
    case Qt::Key_Space:
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_N: return Command::Next;
    case Qt::Key_Left:
    case Qt::Key_Up:
    case Qt::Key_PageUp:
    case Qt::Key_Backspace: return Command::Previous;
    case Qt::Key_Home: return Command::First;
    case Qt::Key_End: return Command::Last;
    case Qt::Key_P:
    case Qt::Key_F5:  // a clicker's "start presentation" key
      return Command::PlayPause;
    case Qt::Key_F: return Command::Fit;
    case Qt::Key_Escape:
    case Qt::Key_F11: return Command::Leave;
    default: return std::nullopt;
  }
}

bool ClassroomMode::eventFilter(QObject* watched, QEvent* event) {
  // Keys are taken before any widget sees them, so that no hidden editor or
  // focused button swallows the clicker's Page Down.
  if (event->type() != QEvent::KeyPress && event->type() != QEvent::ShortcutOverride)
    return QObject::eventFilter(watched, event);
  auto* key = static_cast<QKeyEvent*>(event);
  if (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
    return QObject::eventFilter(watched, event);
  const std::optional<Command> command = commandFor(key->key());
  if (!command) return QObject::eventFilter(watched, event);
  // Claiming the override keeps window shortcuts (F5 runs) from firing; the
  // key press that follows does the work.
  event->accept();
  if (event->type() == QEvent::KeyPress) perform(*command);
  return true;
}

void ClassroomMode::perform(Command command) {
  switch (command) {
    case Command::Next:
      window_->setPlaying(false);
      window_->stepForward();
      break;
    case Command::Previous:
      window_->setPlaying(false);
      window_->stepBack();
      break;
    case Command::First: window_->showStep(0); break;
    case Command::Last: window_->showStep(static_cast<int>(window_->timeline().size()) - 1); break;
    case Command::PlayPause: window_->setPlaying(!window_->playing()); break;
    case Command::Fit: window_->map()->fit(); break;
    case Command::Leave: window_->setClassroomMode(false); break;
  }
}

}  // namespace memlens::workbench

#pragma once
// Classroom mode: the map full screen with large type, high contrast and the
// lesson's captions, everything else out of the way, and keyboard-only
// control that a presentation clicker can drive (it sends Page Up/Down).

#include <QByteArray>
#include <QFont>
#include <QObject>

#include <optional>

#include "ui/Theme.h"

namespace memlens::workbench {

class Workbench;

class ClassroomMode : public QObject {
  Q_OBJECT

 public:
  // How much larger the map's text is than on the desktop.
  static constexpr double kTextScale = 1.4;
  // Black and white with saturated accents: the most contrast a projector keeps.
  static ui::Theme theme();

  enum class Command { Next, Previous, First, Last, PlayPause, Fit, Leave };
  // The command a key gives in classroom mode; none for other keys.
  static std::optional<Command> commandFor(int key);

  explicit ClassroomMode(Workbench* window);
  void setActive(bool on);
  bool active() const { return active_; }

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void perform(Command command);

  Workbench* window_;
  bool active_ = false;
  QByteArray savedState_;
  bool wasMaximized_ = false;
  QFont savedFont_;
};

}  // namespace memlens::workbench

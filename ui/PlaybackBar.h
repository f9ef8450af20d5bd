#pragma once
// Play/pause and speed for stepping through a session: the controls only;
// the window owns the timer that advances the step.

#include <QWidget>

class QComboBox;
class QPushButton;

namespace memlens::ui {

class PlaybackBar : public QWidget {
  Q_OBJECT

 public:
  explicit PlaybackBar(QWidget* parent = nullptr);

  bool isPlaying() const { return playing_; }
  // For the window (e.g. at the last step); does not emit playingChanged.
  void setPlaying(bool playing);
  // Steps per second, one of 0.5, 1, 2, 4 and 10; 1 at first.
  double stepsPerSecond() const;

 Q_SIGNALS:
  // The user pressed play or pause (button, Space or Enter on it).
  void playingChanged(bool playing);
  void speedChanged(double stepsPerSecond);

 private:
  QPushButton* play_;
  QComboBox* speed_;
  bool playing_ = false;
};

}  // namespace memlens::ui

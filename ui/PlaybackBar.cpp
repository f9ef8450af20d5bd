#include "ui/PlaybackBar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace memlens::ui {

PlaybackBar::PlaybackBar(QWidget* parent)
    : QWidget(parent), play_(new QPushButton(this)), speed_(new QComboBox(this)) {
  play_->setObjectName(QStringLiteral("play"));
  speed_->setObjectName(QStringLiteral("speed"));
  speed_->setAccessibleName(tr("Playback speed"));
  for (const double speed : {0.5, 1.0, 2.0, 4.0, 10.0}) {
    speed_->addItem(speed == 1.0 ? tr("1 step/s") : tr("%1 steps/s").arg(speed), speed);
  }
  speed_->setCurrentIndex(1);
  auto* label = new QLabel(tr("&Speed"), this);
  label->setBuddy(speed_);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(play_);
  layout->addWidget(label);
  layout->addWidget(speed_);
  layout->addStretch(1);
  connect(play_, &QPushButton::clicked, this, [this] {
    setPlaying(!playing_);
    Q_EMIT playingChanged(playing_);
  });
  connect(speed_, &QComboBox::currentIndexChanged, this,
          [this] { Q_EMIT speedChanged(stepsPerSecond()); });
  setPlaying(false);
}

void PlaybackBar::setPlaying(bool playing) {
  playing_ = playing;
  // The symbol and the word, so neither shape nor text alone carries it.
  play_->setText(playing_ ? tr("\u23f8 Pause") : tr("\u25b6 Play"));
  play_->setAccessibleName(playing_ ? tr("Pause") : tr("Play"));
}

double PlaybackBar::stepsPerSecond() const {
  return speed_->currentData().toDouble();
}

}  // namespace memlens::ui

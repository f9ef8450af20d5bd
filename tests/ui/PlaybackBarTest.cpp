#include <gtest/gtest.h>
#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include "ui/PlaybackBar.h"

namespace memlens::ui {
namespace {

TEST(PlaybackBar, PlayPauseAndSpeedAreSignalledOnlyForTheUser) {
  PlaybackBar bar;
  QSignalSpy playing(&bar, &PlaybackBar::playingChanged);
  QSignalSpy speed(&bar, &PlaybackBar::speedChanged);
  auto* play = bar.findChild<QPushButton*>("play");
  EXPECT_FALSE(bar.isPlaying());
  EXPECT_EQ(play->text(), "\u25b6 Play");
  QTest::mouseClick(play, Qt::LeftButton);
  EXPECT_TRUE(bar.isPlaying());
  EXPECT_EQ(play->text(), "\u23f8 Pause");
  QTest::keyClick(play, Qt::Key_Space);
  EXPECT_FALSE(bar.isPlaying());
  ASSERT_EQ(playing.count(), 2);
  EXPECT_TRUE(playing.at(0).at(0).toBool());
  EXPECT_FALSE(playing.at(1).at(0).toBool());
  bar.setPlaying(true);
  EXPECT_EQ(playing.count(), 2);

  EXPECT_DOUBLE_EQ(bar.stepsPerSecond(), 1);
  auto* combo = bar.findChild<QComboBox*>("speed");
  combo->setCurrentIndex(combo->findText("4 steps/s"));
  ASSERT_EQ(speed.count(), 1);
  EXPECT_DOUBLE_EQ(speed.at(0).at(0).toDouble(), 4);
  EXPECT_DOUBLE_EQ(bar.stepsPerSecond(), 4);
}

}  // namespace
}  // namespace memlens::ui

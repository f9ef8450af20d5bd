#pragma once
// The minimal window: the memory map of one step, a step slider, and the
// inspector beside it. (The full workbench with editor and timeline is its
// own piece of work.)

#include <QMainWindow>

#include <memory>

#include "trace/Timeline.h"
#include "ui/LayoutSequence.h"
#include "ui/SelectionModel.h"

class QLabel;
class QSlider;

namespace memlens::ui {
class MemoryMapView;
class TensorInspector;
}  // namespace memlens::ui

namespace memlens::gui {

class MapWindow : public QMainWindow {
  Q_OBJECT

 public:
  MapWindow(Timeline timeline, const QString& title);

 private:
  void showStep(int index);
  void relayout(ui::LayoutOptions options);
  void addFileMenu(const QString& path);

  Timeline timeline_;
  ui::LayoutSequence layouts_;
  ui::SelectionModel selection_;
  ui::MemoryMapView* map_;
  ui::TensorInspector* inspector_;
  QSlider* slider_;
  QLabel* stepLabel_;
  int shown_ = -1;
  bool dark_ = false;
};

}  // namespace memlens::gui

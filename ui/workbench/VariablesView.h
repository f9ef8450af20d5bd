#pragma once
// The names bound after the step on the map, one row each: shape, dtype,
// device, storage, version and requires_grad. Picking a row selects its tensor
// on the map and in the inspector, and the map's selection picks the row.

#include <QTreeWidget>

#include "trace/State.h"
#include "ui/SelectionModel.h"

namespace memlens::workbench {

class VariablesView : public QTreeWidget {
  Q_OBJECT

 public:
  explicit VariablesView(ui::SelectionModel* selection, QWidget* parent = nullptr);
  void showState(const memlens::State& state);

 private:
  void followSelection(ui::Selection selection);

  ui::SelectionModel* selection_;
  bool updating_ = false;
};

}  // namespace memlens::workbench

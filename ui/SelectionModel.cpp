#include "ui/SelectionModel.h"

namespace memlens::ui {

void SelectionModel::select(Selection selection) {
  if (selection == selection_) return;
  selection_ = selection;
  Q_EMIT selectionChanged(selection_);
}

}  // namespace memlens::ui

#pragma once
// The one current selection, shared by the map, the inspector and anything
// else that follows it.

#include <QObject>

#include "ui/Selection.h"

namespace memlens::ui {

class SelectionModel : public QObject {
  Q_OBJECT

 public:
  using QObject::QObject;

  Selection selection() const { return selection_; }
  void select(Selection selection);
  void clear() { select({}); }

 Q_SIGNALS:
  void selectionChanged(memlens::ui::Selection selection);

 private:
  Selection selection_;
};

}  // namespace memlens::ui

#pragma once
// The inspector: every fact about the selected tensor object, and which
// storage cell each of its indices reads.

#include <QWidget>

#include <cstddef>

#include "trace/State.h"
#include "trace/Timeline.h"
#include "ui/SelectionModel.h"

class QFormLayout;
class QLabel;
class QTableWidget;

namespace memlens::ui {

class TensorInspector : public QWidget {
  Q_OBJECT

 public:
  explicit TensorInspector(SelectionModel* selection, QWidget* parent = nullptr);

  // The step whose state is being shown; `timeline` must outlive the inspector.
  void showStep(const Timeline& timeline, std::size_t step, State state);

 private:
  void refresh();

  SelectionModel* selection_;
  const Timeline* timeline_ = nullptr;
  std::size_t step_ = 0;
  State state_;
  QLabel* title_;
  QFormLayout* facts_;
  QTableWidget* grid_;
};

}  // namespace memlens::ui

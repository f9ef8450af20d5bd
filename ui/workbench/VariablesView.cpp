#include "workbench/VariablesView.h"

#include <QHeaderView>

namespace memlens::workbench {

namespace {

enum Column {
  NameColumn,
  ShapeColumn,
  DtypeColumn,
  DeviceColumn,
  StorageColumn,
  VersionColumn,
  GradColumn,
  ColumnCount
};

QString shapeText(const std::vector<std::int64_t>& shape) {
  QStringList sizes;
  for (const auto size : shape) sizes << QString::number(size);
  return QStringLiteral("(%1)").arg(sizes.join(QStringLiteral(", ")));
}

constexpr int kTensorRole = Qt::UserRole;

}  // namespace

VariablesView::VariablesView(ui::SelectionModel* selection, QWidget* parent)
    : QTreeWidget(parent), selection_(selection) {
  setColumnCount(ColumnCount);
  setHeaderLabels({tr("Name"), tr("Shape"), tr("dtype"), tr("Device"), tr("Storage"), tr("Version"),
                   tr("Grad")});
  setRootIsDecorated(false);
  setUniformRowHeights(true);
  setAlternatingRowColors(true);
  header()->setSectionResizeMode(QHeaderView::ResizeToContents);
  connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    if (updating_ || item == nullptr) return;
    selection_->select(ui::Selection::tensor(item->data(NameColumn, kTensorRole).toLongLong()));
  });
  connect(selection_, &ui::SelectionModel::selectionChanged, this, &VariablesView::followSelection);
}

void VariablesView::showState(const memlens::State& state) {
  updating_ = true;
  clear();
  for (const auto& [name, tensor] : state.tensors) {
    auto* item = new QTreeWidgetItem(this);
    item->setText(NameColumn, QString::fromStdString(name));
    item->setText(ShapeColumn, shapeText(tensor.shape));
    item->setText(DtypeColumn, QString::fromStdString(tensor.dtype));
    item->setText(DeviceColumn, QString::fromStdString(tensor.device));
    item->setText(StorageColumn, tensor.storage == 0 ? QStringLiteral("\u2014")
                                                     : QStringLiteral("S%1").arg(tensor.storage));
    item->setText(VersionColumn, QString::number(tensor.version));
    item->setText(GradColumn, tensor.requiresGrad ? tr("requires") : QString());
    item->setData(NameColumn, kTensorRole, QVariant::fromValue<qlonglong>(tensor.id));
  }
  updating_ = false;
  followSelection(selection_->selection());
}

void VariablesView::followSelection(ui::Selection selection) {
  updating_ = true;
  QTreeWidgetItem* match = nullptr;
  for (int row = 0; row < topLevelItemCount() && match == nullptr; ++row) {
    QTreeWidgetItem* item = topLevelItem(row);
    if (selection.kind == ui::Selection::Kind::Tensor &&
        item->data(NameColumn, kTensorRole).toLongLong() == selection.id)
      match = item;
  }
  setCurrentItem(match);
  if (match == nullptr) clearSelection();
  updating_ = false;
}

}  // namespace memlens::workbench

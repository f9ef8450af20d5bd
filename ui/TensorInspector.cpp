#include "ui/TensorInspector.h"

#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ui/ElementText.h"
#include "ui/TensorDescription.h"

namespace memlens::ui {

TensorInspector::TensorInspector(SelectionModel* selection, QWidget* parent)
    : QWidget(parent),
      selection_(selection),
      title_(new QLabel(this)),
      facts_(new QFormLayout),
      grid_(new QTableWidget(this)) {
  QFont titleFont = title_->font();
  titleFont.setBold(true);
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
  title_->setFont(titleFont);
  title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  grid_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  grid_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(title_);
  layout->addLayout(facts_);
  layout->addWidget(new QLabel(tr("index \u2192 storage cell = value"), this));
  layout->addWidget(grid_, 1);
  connect(selection_, &SelectionModel::selectionChanged, this, [this] { refresh(); });
  refresh();
}

void TensorInspector::showStep(const Timeline& timeline, std::size_t step, State state) {
  timeline_ = &timeline;
  step_ = step;
  state_ = std::move(state);
  refresh();
}

void TensorInspector::refresh() {
  while (facts_->rowCount() > 0) facts_->removeRow(0);
  grid_->clear();
  grid_->setRowCount(0);
  grid_->setColumnCount(0);
  const Selection selection = selection_->selection();
  if (!timeline_ || selection.empty()) {
    title_->setText(tr("Click a name, tensor or storage on the map"));
    return;
  }
  if (selection.kind == Selection::Kind::Storage) {
    const auto it = state_.storages.find(selection.id);
    if (it == state_.storages.end()) return;
    const auto& s = it->second;
    title_->setText(tr("storage S%1").arg(s.id));
    facts_->addRow(tr("bytes"), new QLabel(QString::fromStdString(byteSizeText(s.bytes))));
    facts_->addRow(tr("data pointer"), new QLabel(QStringLiteral("0x%1").arg(s.ptr, 0, 16)));
    facts_->addRow(tr("device"), new QLabel(QString::fromStdString(s.device)));
    facts_->addRow(tr("held by autograd"), new QLabel(s.internal ? tr("yes") : tr("no")));
    facts_->addRow(tr("recycled address"), new QLabel(s.recycledAddress ? tr("yes") : tr("no")));
    return;
  }
  const auto description = describeTensor(*timeline_, step_, state_, selection.id);
  if (!description) return;
  title_->setText(QString::fromStdString(description->title));
  for (const auto& [label, value] : description->facts) {
    auto* text = new QLabel(QString::fromStdString(value));
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    text->setWordWrap(true);
    facts_->addRow(QString::fromStdString(label), text);
  }
  const auto& grid = description->grid;
  grid_->setRowCount(static_cast<int>(grid.size()));
  grid_->setColumnCount(grid.empty() ? 0 : static_cast<int>(grid.front().size()));
  QStringList rows;
  for (const auto& label : description->rowLabels) rows << QString::fromStdString(label);
  grid_->setVerticalHeaderLabels(rows);
  QStringList columns;
  for (int column = 0; column < grid_->columnCount(); ++column) columns << QString::number(column);
  grid_->setHorizontalHeaderLabels(columns);
  for (std::size_t row = 0; row < grid.size(); ++row) {
    for (std::size_t column = 0; column < grid[row].size(); ++column) {
      const auto& cell = grid[row][column];
      const QString target =
          cell.storageCell ? QStringLiteral("s[%1]").arg(*cell.storageCell) : QStringLiteral("?");
      auto* item = new QTableWidgetItem(
          QStringLiteral("%1 \u2192 %2 = %3")
              .arg(QString::fromStdString(cell.index), target, QString::fromStdString(cell.value)));
      grid_->setItem(static_cast<int>(row), static_cast<int>(column), item);
    }
  }
}

}  // namespace memlens::ui

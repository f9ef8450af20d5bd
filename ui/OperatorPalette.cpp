#include "ui/OperatorPalette.h"

#include <QAbstractTableModel>
#include <QCheckBox>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

#include <array>

namespace memlens::ui {
namespace {

QString qs(const std::string& text) {
  return QString::fromStdString(text);
}

constexpr std::array<std::pair<OperatorCategory, const char*>, 7> kCategories = {{
    {OperatorCategory::All, QT_TRANSLATE_NOOP("OperatorPalette", "All")},
    {OperatorCategory::Create, QT_TRANSLATE_NOOP("OperatorPalette", "Create")},
    {OperatorCategory::InPlace, QT_TRANSLATE_NOOP("OperatorPalette", "In-place")},
    {OperatorCategory::View, QT_TRANSLATE_NOOP("OperatorPalette", "View")},
    {OperatorCategory::CopyNew, QT_TRANSLATE_NOOP("OperatorPalette", "Copy / new")},
    {OperatorCategory::Out, QT_TRANSLATE_NOOP("OperatorPalette", "out=")},
    {OperatorCategory::Autograd, QT_TRANSLATE_NOOP("OperatorPalette", "Autograd")},
}};

}  // namespace

// The operators with what filtering needs worked out once, so that each
// keystroke costs a substring test per operator, not a schema parse.
class OperatorListModel : public QAbstractTableModel {
 public:
  struct Entry {
    PaletteOperator op;
    QString name;   // "add"
    QString label;  // "add.Tensor"
    unsigned categories = 0;
  };

  using QAbstractTableModel::QAbstractTableModel;

  void setOperators(std::vector<PaletteOperator> ops) {
    beginResetModel();
    entries_.clear();
    entries_.reserve(ops.size());
    for (auto& op : ops) {
      Entry entry{std::move(op), {}, {}, 0};
      entry.name = qs(entry.op.name);
      entry.label =
          entry.name + (entry.op.overload.empty() ? QString() : "." + qs(entry.op.overload));
      for (std::size_t c = 0; c < kCategories.size(); ++c) {
        if (inCategory(entry.op, kCategories[c].first)) entry.categories |= 1U << c;
      }
      entries_.push_back(std::move(entry));
    }
    endResetModel();
  }
  const Entry& entry(int row) const { return entries_[static_cast<std::size_t>(row)]; }

  int rowCount(const QModelIndex& parent) const override {
    return parent.isValid() ? 0 : static_cast<int>(entries_.size());
  }
  int columnCount(const QModelIndex& parent) const override { return parent.isValid() ? 0 : 2; }
  QVariant data(const QModelIndex& index, int role) const override {
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    const auto& e = entry(index.row());
    if (role == Qt::ToolTipRole) return qs(e.op.schema);
    return index.column() == 0 ? e.label : qs(e.op.effect);
  }
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return section == 0 ? OperatorPalette::tr("operator") : OperatorPalette::tr("effect");
  }

 private:
  std::vector<Entry> entries_;
};

// Name search, category and the internal-operator switch; names that start
// with the search text come first.
class OperatorFilter : public QSortFilterProxyModel {
 public:
  using QSortFilterProxyModel::QSortFilterProxyModel;

  void setCriteria(const QString& text, std::size_t category, bool internal) {
    text_ = text.trimmed();
    category_ = category;
    internal_ = internal;
    invalidate();
  }

 protected:
  bool filterAcceptsRow(int row, const QModelIndex&) const override {
    const auto& e = model()->entry(row);
    if (!internal_ && isInternal(e.op)) return false;
    if ((e.categories & (1U << category_)) == 0) return false;
    return text_.isEmpty() || e.label.contains(text_, Qt::CaseInsensitive);
  }
  bool lessThan(const QModelIndex& left, const QModelIndex& right) const override {
    const auto& a = model()->entry(left.row());
    const auto& b = model()->entry(right.row());
    const auto rank = [this](const OperatorListModel::Entry& e) {
      if (e.name.compare(text_, Qt::CaseInsensitive) == 0) return 0;
      return e.name.startsWith(text_, Qt::CaseInsensitive) ? 1 : 2;
    };
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    return left.row() < right.row();  // the catalog's order (by name)
  }

 private:
  const OperatorListModel* model() const {
    return static_cast<const OperatorListModel*>(sourceModel());
  }

  QString text_;
  std::size_t category_ = 0;
  bool internal_ = false;
};

OperatorPalette::OperatorPalette(QWidget* parent)
    : QWidget(parent),
      model_(new OperatorListModel(this)),
      filter_(new OperatorFilter(this)),
      search_(new QLineEdit(this)),
      category_(new QComboBox(this)),
      showInternal_(new QCheckBox(tr("Show internal operators"), this)),
      list_(new QTreeView(this)),
      title_(new QLabel(this)),
      schema_(new QLabel(this)),
      effect_(new QLabel(this)),
      form_(new QFormLayout),
      resultLabel_(new QLabel(tr("Result name"), this)),
      result_(new QLineEdit(this)),
      preview_(new QLabel(this)),
      hint_(new QLabel(this)),
      insert_(new QPushButton(tr("Insert"), this)) {
  search_->setObjectName(QStringLiteral("search"));
  search_->setPlaceholderText(tr("Search operators by name"));
  search_->setClearButtonEnabled(true);
  search_->setAccessibleName(tr("Search operators"));
  category_->setObjectName(QStringLiteral("category"));
  category_->setAccessibleName(tr("Category"));
  for (const auto& [category, name] : kCategories) category_->addItem(tr(name));
  showInternal_->setObjectName(QStringLiteral("showInternal"));

  filter_->setSourceModel(model_);
  filter_->setDynamicSortFilter(false);
  list_->setObjectName(QStringLiteral("operators"));
  list_->setAccessibleName(tr("Operators"));
  list_->setModel(filter_);
  list_->setRootIsDecorated(false);
  list_->setUniformRowHeights(true);
  list_->setAlternatingRowColors(true);
  list_->header()->setStretchLastSection(false);
  list_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
  list_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

  QFont titleFont = title_->font();
  titleFont.setBold(true);
  titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
  title_->setFont(titleFont);
  QFont code = QFontDatabase::systemFont(QFontDatabase::FixedFont);
  code.setPointSizeF(font().pointSizeF());
  for (auto* label : {schema_, preview_}) {
    label->setFont(code);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
  }
  schema_->setObjectName(QStringLiteral("schema"));
  effect_->setObjectName(QStringLiteral("effect"));
  effect_->setWordWrap(true);
  preview_->setObjectName(QStringLiteral("preview"));
  preview_->setAccessibleName(tr("Line to insert"));
  preview_->setMargin(6);
  preview_->setAutoFillBackground(true);
  hint_->setObjectName(QStringLiteral("hint"));
  hint_->setWordWrap(true);
  result_->setObjectName(QStringLiteral("result"));
  resultLabel_->setBuddy(result_);
  insert_->setObjectName(QStringLiteral("insert"));
  insert_->setDefault(true);

  auto* filters = new QHBoxLayout;
  filters->addWidget(search_, 1);
  filters->addWidget(category_);
  auto* browse = new QWidget(this);
  auto* browseLayout = new QVBoxLayout(browse);
  browseLayout->setContentsMargins(0, 0, 0, 0);
  browseLayout->addLayout(filters);
  browseLayout->addWidget(showInternal_);
  browseLayout->addWidget(list_, 1);

  auto* details = new QWidget(this);
  auto* detailsLayout = new QVBoxLayout(details);
  detailsLayout->setContentsMargins(0, 0, 0, 0);
  detailsLayout->addWidget(title_);
  detailsLayout->addWidget(schema_);
  detailsLayout->addWidget(effect_);
  detailsLayout->addLayout(form_);
  form_->addRow(resultLabel_, result_);
  detailsLayout->addWidget(preview_);
  detailsLayout->addWidget(hint_);
  detailsLayout->addWidget(insert_, 0, Qt::AlignRight);
  detailsLayout->addStretch(1);

  auto* splitter = new QSplitter(Qt::Vertical, this);
  splitter->addWidget(browse);
  splitter->addWidget(details);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  splitter->setChildrenCollapsible(false);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(splitter);

  connect(search_, &QLineEdit::textChanged, this, [this] { refilter(); });
  connect(search_, &QLineEdit::returnPressed, this, [this] {
    list_->setFocus();
    if (!list_->currentIndex().isValid() && filter_->rowCount() > 0) {
      list_->setCurrentIndex(filter_->index(0, 0));
    }
  });
  connect(category_, &QComboBox::currentIndexChanged, this, [this] { refilter(); });
  connect(showInternal_, &QCheckBox::toggled, this, [this] { refilter(); });
  connect(list_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
          [this](const QModelIndex& current) {
            showOperator(current.isValid() ? &model_->entry(filter_->mapToSource(current).row()).op
                                           : nullptr);
          });
  // Enter (or a double click) on an operator moves on to its first argument.
  connect(list_, &QTreeView::activated, this, [this] {
    if (!fields_.empty()) fields_.front().second->setFocus();
  });
  connect(result_, &QLineEdit::textChanged, this, [this] { refreshCode(); });
  connect(result_, &QLineEdit::returnPressed, this, [this] { insert(); });
  connect(insert_, &QPushButton::clicked, this, [this] { insert(); });
  setTheme(theme_);
  showOperator(nullptr);
}

OperatorPalette::~OperatorPalette() = default;

void OperatorPalette::setOperators(std::vector<PaletteOperator> ops) {
  showOperator(nullptr);
  model_->setOperators(std::move(ops));
  refilter();
}

void OperatorPalette::setTheme(const Theme& theme) {
  theme_ = theme;
  QPalette hint = hint_->palette();
  hint.setColor(QPalette::WindowText, theme_.error);
  hint_->setPalette(hint);
  QPalette preview = preview_->palette();
  preview.setColor(QPalette::Window, theme_.lane);
  preview.setColor(QPalette::WindowText, theme_.ink);
  preview_->setPalette(preview);
}

QStringList OperatorPalette::listedOperators() const {
  QStringList names;
  for (int row = 0; row < filter_->rowCount(); ++row) {
    names << filter_->index(row, 0).data().toString();
  }
  return names;
}

bool OperatorPalette::selectOperator(const QString& qualifiedName) {
  for (int row = 0; row < filter_->rowCount(); ++row) {
    const QModelIndex index = filter_->index(row, 0);
    if (index.data().toString() != qualifiedName) continue;
    list_->setCurrentIndex(index);
    return true;
  }
  return false;
}

void OperatorPalette::refilter() {
  const PaletteOperator* shown = selected_;
  filter_->setCriteria(search_->text(), static_cast<std::size_t>(category_->currentIndex()),
                       showInternal_->isChecked());
  filter_->sort(0);
  // Keep the selected operator selected while it is still listed.
  for (int row = 0; shown && row < filter_->rowCount(); ++row) {
    const QModelIndex index = filter_->index(row, 0);
    if (&model_->entry(filter_->mapToSource(index).row()).op != shown) continue;
    list_->setCurrentIndex(index);
    return;
  }
  list_->setCurrentIndex({});
}

void OperatorPalette::showOperator(const PaletteOperator* op) {
  selected_ = op;
  // The result row stays (last, aligned with the arguments); the argument rows go.
  if (form_->indexOf(result_) >= 0) {
    // takeRow keeps the widgets and hands over the layout items.
    const QFormLayout::TakeRowResult row = form_->takeRow(result_);
    delete row.labelItem;
    delete row.fieldItem;
  }
  while (form_->rowCount() > 0) form_->removeRow(0);
  fields_.clear();
  const bool shown = op != nullptr;
  for (QWidget* widget : std::initializer_list<QWidget*>{schema_, effect_, resultLabel_, result_,
                                                         preview_, hint_, insert_}) {
    widget->setVisible(shown);
  }
  if (!op) {
    title_->setText(tr("Pick an operator to see its schema and insert a call"));
    return;
  }
  title_->setText(qs(op->name) + (op->overload.empty() ? QString() : "." + qs(op->overload)));
  schema_->setText(qs(op->schema));
  effect_->setText(tr("Predicted: %1").arg(qs(effectInWords(*op))));
  const bool method = callFormOf(*op) == CallForm::Method;
  for (const auto& argument : parseSchemaArguments(op->schema)) {
    auto* field = new QLineEdit;
    field->setObjectName(qs("arg:" + argument.name));
    field->setPlaceholderText(
        argument.defaultValue ? tr("default: %1").arg(qs(*argument.defaultValue)) : tr("required"));
    field->setToolTip(qs(argument.type));
    QString label = QStringLiteral("%1: %2").arg(qs(argument.name), qs(argument.type));
    if (argument.kwOnly) label += tr(" (keyword)");
    if (method && fields_.empty()) label += tr(" (called on)");
    field->setAccessibleName(label);
    connect(field, &QLineEdit::textChanged, this, [this] { refreshCode(); });
    connect(field, &QLineEdit::returnPressed, this, [this] { insert(); });
    form_->addRow(label, field);
    fields_.emplace_back(argument.name, field);
  }
  form_->addRow(resultLabel_, result_);
  const bool binds = bindsResult(*op);
  resultLabel_->setVisible(binds);
  result_->setVisible(binds);
  if (result_->text().isEmpty()) result_->setText(QStringLiteral("t%1").arg(nextResult_));
  refreshCode();
}

ArgumentValues OperatorPalette::argumentValues() const {
  ArgumentValues values;
  for (const auto& [name, field] : fields_) values.emplace_back(name, field->text().toStdString());
  return values;
}

void OperatorPalette::refreshCode() {
  if (!selected_) return;
  const auto values = argumentValues();
  const auto code = codeForCall(*selected_, values, result_->text().toStdString());
  insert_->setEnabled(code.has_value());
  preview_->setText(code ? qs(*code) : QString());
  preview_->setVisible(code.has_value());
  QStringList missing;
  for (const auto& name : missingArguments(*selected_, values)) missing << qs(name);
  hint_->setText(missing.isEmpty() ? QString()
                                   : tr("Needs a value for: %1").arg(missing.join(", ")));
  hint_->setVisible(!missing.isEmpty());
}

void OperatorPalette::insert() {
  if (!selected_) return;
  const auto code = codeForCall(*selected_, argumentValues(), result_->text().toStdString());
  if (!code) return;
  Q_EMIT insertCode(qs(*code));
  if (bindsResult(*selected_) && result_->text() == QStringLiteral("t%1").arg(nextResult_)) {
    ++nextResult_;
    result_->setText(QStringLiteral("t%1").arg(nextResult_));
  }
}

}  // namespace memlens::ui

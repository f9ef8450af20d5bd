#pragma once
// The operator palette: every callable operator overload, searchable by name
// and grouped by what it does to memory; the selected one's schema, predicted
// effect and a form with a field per argument, and an Insert button that
// emits the call as a line of script. Plain data in (the window copies the
// engine's catalog into PaletteOperators), so the UI never calls the engine.
//
// Keyboard: type to filter, Enter in the search box moves to the list, Enter
// on an operator to its first argument field, Enter in a field inserts.
// Operators Python does not expose (names starting with `_`) are listed only
// with "Show internal operators".

#include <QWidget>

#include <vector>

#include "ui/OperatorCode.h"
#include "ui/Theme.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeView;

namespace memlens::ui {

class OperatorListModel;
class OperatorFilter;

class OperatorPalette : public QWidget {
  Q_OBJECT

 public:
  explicit OperatorPalette(QWidget* parent = nullptr);
  ~OperatorPalette() override;

  // Replaces the list; nothing stays selected.
  void setOperators(std::vector<PaletteOperator> ops);
  void setTheme(const Theme& theme);

  // The operators listed now, in list order, as "name.overload" ("t" for a
  // default overload): what the search and category leave shown.
  QStringList listedOperators() const;
  // Selects a listed operator by "name.overload"; false if it is not listed.
  bool selectOperator(const QString& qualifiedName);

 Q_SIGNALS:
  // One line of script calling the selected operator with the form's values.
  void insertCode(const QString& line);

 private:
  void refilter();
  void showOperator(const PaletteOperator* op);
  void refreshCode();
  void insert();
  ArgumentValues argumentValues() const;

  OperatorListModel* model_;
  OperatorFilter* filter_;
  Theme theme_ = Theme::light();
  QLineEdit* search_;
  QComboBox* category_;
  QCheckBox* showInternal_;
  QTreeView* list_;
  QLabel* title_;
  QLabel* schema_;
  QLabel* effect_;
  QFormLayout* form_;
  std::vector<std::pair<std::string, QLineEdit*>> fields_;
  QLabel* resultLabel_;
  QLineEdit* result_;
  QLabel* preview_;
  QLabel* hint_;
  QPushButton* insert_;
  const PaletteOperator* selected_ = nullptr;
  int nextResult_ = 1;
};

}  // namespace memlens::ui

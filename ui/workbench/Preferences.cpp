#include "workbench/Preferences.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

#include "session/MemoryBudget.h"

namespace memlens::workbench {

bool desktopPrefersReducedMotion(const QString& configHome) {
  const QByteArray forced = qgetenv("MEMLENS_REDUCED_MOTION");
  if (!forced.isEmpty()) return forced != "0";
  QString home = configHome;
  if (home.isEmpty()) home = qEnvironmentVariable("XDG_CONFIG_HOME");
  if (home.isEmpty()) home = QDir::homePath() + QStringLiteral("/.config");
  for (const char* version : {"gtk-4.0", "gtk-3.0"}) {
    const QSettings gtk(home + u'/' + QLatin1String(version) + QStringLiteral("/settings.ini"),
                        QSettings::IniFormat);
    const QVariant animations = gtk.value(QStringLiteral("Settings/gtk-enable-animations"));
    if (animations.isValid()) {
      const QString value = animations.toString().trimmed().toLower();
      return value == QStringLiteral("false") || value == QStringLiteral("0");
    }
  }
  return false;
}

Preferences Preferences::load(QSettings& settings) {
  Preferences p;
  p.reducedMotion = desktopPrefersReducedMotion();
  settings.beginGroup(QStringLiteral("preferences"));
  p.darkTheme = settings.value(QStringLiteral("darkTheme"), p.darkTheme).toBool();
  p.animationMs =
      std::clamp(settings.value(QStringLiteral("animationMs"), p.animationMs).toInt(), 0, 5000);
  p.reducedMotion = settings.value(QStringLiteral("reducedMotion"), p.reducedMotion).toBool();
  p.editorPointSize = std::clamp(
      settings.value(QStringLiteral("editorPointSize"), p.editorPointSize).toDouble(), 0.0, 72.0);
  p.mapFontSize = std::clamp(
      settings.value(QStringLiteral("mapFontSize"), p.mapFontSize).toDouble(), 8.0, 64.0);
  p.memoryBudget =
      settings.value(QStringLiteral("memoryBudget"), QVariant::fromValue<qulonglong>(0))
          .toULongLong();
  p.runTimeoutSeconds =
      std::clamp(settings.value(QStringLiteral("runTimeoutSeconds"), 0).toInt(), 0, 86400);
  p.classroomSecondsPerStep = std::clamp(
      settings.value(QStringLiteral("classroomSecondsPerStep"), p.classroomSecondsPerStep)
          .toDouble(),
      0.5, 60.0);
  settings.endGroup();
  return p;
}

void Preferences::save(QSettings& settings) const {
  settings.beginGroup(QStringLiteral("preferences"));
  settings.setValue(QStringLiteral("darkTheme"), darkTheme);
  settings.setValue(QStringLiteral("animationMs"), animationMs);
  settings.setValue(QStringLiteral("reducedMotion"), reducedMotion);
  settings.setValue(QStringLiteral("editorPointSize"), editorPointSize);
  settings.setValue(QStringLiteral("mapFontSize"), mapFontSize);
  settings.setValue(QStringLiteral("memoryBudget"), QVariant::fromValue<qulonglong>(memoryBudget));
  settings.setValue(QStringLiteral("runTimeoutSeconds"), runTimeoutSeconds);
  settings.setValue(QStringLiteral("classroomSecondsPerStep"), classroomSecondsPerStep);
  settings.endGroup();
}

struct PreferencesDialog::Fields {
  QComboBox* theme = new QComboBox;
  QSpinBox* animationMs = new QSpinBox;
  QCheckBox* reducedMotion = new QCheckBox;
  QDoubleSpinBox* editorPointSize = new QDoubleSpinBox;
  QDoubleSpinBox* mapFontSize = new QDoubleSpinBox;
  QSpinBox* memoryBudgetMiB = new QSpinBox;
  QSpinBox* runTimeout = new QSpinBox;
  QDoubleSpinBox* classroomPace = new QDoubleSpinBox;
};

PreferencesDialog::PreferencesDialog(const Preferences& p, QWidget* parent)
    : QDialog(parent), fields_(std::make_unique<Fields>()) {
  setWindowTitle(tr("Preferences"));
  auto* form = new QFormLayout(this);
  Fields& f = *fields_;
  f.theme->addItems({tr("Light"), tr("Dark")});
  f.theme->setCurrentIndex(p.darkTheme ? 1 : 0);
  form->addRow(tr("&Theme:"), f.theme);

  f.animationMs->setRange(0, 5000);
  f.animationMs->setSingleStep(100);
  f.animationMs->setSuffix(tr(" ms"));
  f.animationMs->setValue(p.animationMs);
  form->addRow(tr("&Animation length:"), f.animationMs);
  f.reducedMotion->setText(tr("Reduce motion (jump between steps)"));
  f.reducedMotion->setChecked(p.reducedMotion);
  form->addRow(QString(), f.reducedMotion);

  f.editorPointSize->setRange(0, 72);
  f.editorPointSize->setSpecialValueText(tr("System default"));
  f.editorPointSize->setSuffix(tr(" pt"));
  f.editorPointSize->setValue(p.editorPointSize);
  form->addRow(tr("&Editor font size:"), f.editorPointSize);
  f.mapFontSize->setRange(8, 64);
  f.mapFontSize->setValue(p.mapFontSize);
  form->addRow(tr("&Map text size:"), f.mapFontSize);

  // MiB in the dialog: byte-exact budgets are for the command line.
  const auto defaultMiB = static_cast<int>(defaultMemoryBudget() >> 20);
  f.memoryBudgetMiB->setRange(0, 1 << 30);
  f.memoryBudgetMiB->setSingleStep(256);
  f.memoryBudgetMiB->setSuffix(tr(" MiB"));
  f.memoryBudgetMiB->setSpecialValueText(tr("Default (%1 MiB)").arg(defaultMiB));
  f.memoryBudgetMiB->setValue(static_cast<int>(p.memoryBudget >> 20));
  form->addRow(tr("Memory &budget:"), f.memoryBudgetMiB);
  f.runTimeout->setRange(0, 86400);
  f.runTimeout->setSuffix(tr(" s"));
  f.runTimeout->setSpecialValueText(tr("None"));
  f.runTimeout->setValue(p.runTimeoutSeconds);
  form->addRow(tr("Run time &limit:"), f.runTimeout);
  f.classroomPace->setRange(0.5, 60);
  f.classroomPace->setSingleStep(0.5);
  f.classroomPace->setSuffix(tr(" s per step"));
  f.classroomPace->setValue(p.classroomSecondsPerStep);
  form->addRow(tr("Classroom &auto-play:"), f.classroomPace);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);
}

PreferencesDialog::~PreferencesDialog() = default;

Preferences PreferencesDialog::preferences() const {
  const Fields& f = *fields_;
  Preferences p;
  p.darkTheme = f.theme->currentIndex() == 1;
  p.animationMs = f.animationMs->value();
  p.reducedMotion = f.reducedMotion->isChecked();
  p.editorPointSize = f.editorPointSize->value();
  p.mapFontSize = f.mapFontSize->value();
  p.memoryBudget = static_cast<std::uint64_t>(f.memoryBudgetMiB->value()) << 20;
  p.runTimeoutSeconds = f.runTimeout->value();
  p.classroomSecondsPerStep = f.classroomPace->value();
  return p;
}

}  // namespace memlens::workbench

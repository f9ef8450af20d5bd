#pragma once
// The user's preferences, kept with QSettings between sessions, and the
// dialog that edits them.

#include <QDialog>
#include <QSettings>

#include <cstdint>
#include <memory>

namespace memlens::workbench {

struct Preferences {
  bool darkTheme = false;
  int animationMs = 600;
  bool reducedMotion = false;      // stored, else what the desktop asks for
  double editorPointSize = 0;      // 0: the system's fixed font size, a little larger
  double mapFontSize = 20;         // the map's base text size in layout units
  std::uint64_t memoryBudget = 0;  // bytes; 0: the engine's default, min(25% of RAM, 4 GiB)
  int runTimeoutSeconds = 0;       // 0: none
  double classroomSecondsPerStep = 4;

  static Preferences load(QSettings& settings);
  void save(QSettings& settings) const;
  bool operator==(const Preferences&) const = default;
};

// Whether the desktop asks for less motion: MEMLENS_REDUCED_MOTION=1|0 first,
// then GTK's gtk-enable-animations (GNOME and most Linux desktops write it in
// settings.ini). Qt 6.4 has no API for this. `configHome`: empty for
// $XDG_CONFIG_HOME or ~/.config.
bool desktopPrefersReducedMotion(const QString& configHome = {});

class PreferencesDialog : public QDialog {
  Q_OBJECT

 public:
  explicit PreferencesDialog(const Preferences& preferences, QWidget* parent = nullptr);
  ~PreferencesDialog() override;
  Preferences preferences() const;

 private:
  struct Fields;  // the editing widgets, owned by the dialog's layout
  std::unique_ptr<Fields> fields_;
};

}  // namespace memlens::workbench

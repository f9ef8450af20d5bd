#pragma once
// A Workbench under test: settings and autosave in a fresh temporary place,
// dialogs answered by the test, and helpers that drive it as a user would.

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

#include "workbench/Workbench.h"

namespace memlens::workbench::test {

class WorkbenchFixture {
 public:
  WorkbenchFixture();
  ~WorkbenchFixture();

  // A new window on the fixture's settings and autosave folder.
  std::unique_ptr<Workbench> open();
  // Types `text` into the editor as key presses.
  static void type(Workbench& window, const QString& text);
  // Waits for the window's run to finish; false when it did not in `ms`.
  static bool waitForRun(Workbench& window, int ms = 60000);

  QString autosaveDirectory() const { return dir_.filePath(QStringLiteral("autosave")); }
  QString path(const QString& name) const { return dir_.filePath(name); }

  // What the window asked, and what the test answers next (default: Discard).
  std::vector<QString> asked;
  QMessageBox::StandardButton answer = QMessageBox::Discard;
  QString nextSavePath;
  std::vector<QString> warnings;

 private:
  QTemporaryDir dir_;
};

}  // namespace memlens::workbench::test

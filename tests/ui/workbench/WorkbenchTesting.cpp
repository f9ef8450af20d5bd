#include "WorkbenchTesting.h"

#include <QCoreApplication>
#include <QStandardPaths>

#include <gtest/gtest.h>

#include "workbench/ScriptEditor.h"

namespace memlens::workbench::test {

WorkbenchFixture::WorkbenchFixture() {
  // Every fixture gets empty settings of its own.
  QCoreApplication::setOrganizationName(QStringLiteral("MemLensTest"));
  QCoreApplication::setApplicationName(QStringLiteral("workbench-test"));
  QSettings::setDefaultFormat(QSettings::IniFormat);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope,
                     dir_.filePath(QStringLiteral("settings")));
  QSettings().clear();
}

WorkbenchFixture::~WorkbenchFixture() {
  QSettings().clear();
}

std::unique_ptr<Workbench> WorkbenchFixture::open() {
  Dialogs dialogs;
  dialogs.ask = [this](QWidget*, const QString&, const QString& text,
                       QMessageBox::StandardButtons) {
    asked.push_back(text);
    return answer;
  };
  dialogs.openPath = [](QWidget*, const QString&, const QString&) { return QString(); };
  dialogs.savePath = [this](QWidget*, const QString&, const QString&) { return nextSavePath; };
  dialogs.warn = [this](QWidget*, const QString&, const QString& text) {
    warnings.push_back(text);
  };
  auto window = std::make_unique<Workbench>(std::move(dialogs), autosaveDirectory());
  Preferences quick = window->preferences();
  quick.reducedMotion = true;  // settled frames, so the map can be checked at once
  window->applyPreferences(quick);
  window->resize(1400, 900);
  window->show();
  // Shortcuts (F5, F10) reach only the active window.
  window->activateWindow();
  if (!QTest::qWaitForWindowActive(window.get()))
    ADD_FAILURE() << "the window did not become active";
  return window;
}

void WorkbenchFixture::type(Workbench& window, const QString& text) {
  window.editor()->setFocus();
  for (const QString& line : text.split(u'\n')) {
    QTest::keyClicks(window.editor(), line);
    QTest::keyClick(window.editor(), Qt::Key_Return);
  }
}

bool WorkbenchFixture::waitForRun(Workbench& window, int ms) {
  if (!window.running()) return true;
  QSignalSpy finished(&window, &Workbench::runFinished);
  return finished.wait(ms);
}

}  // namespace memlens::workbench::test

// memlens: the workbench window on a script, a recorded trace or the first
// lesson, or the memory map exported headlessly (`memlens export ...`).

#include <QApplication>
#include <QStandardPaths>

#include <cstdlib>
#include <iostream>
#include <string_view>
#include <vector>

#include "gui/ExportCommand.h"
#include "tracking/ProcessAllocator.h"
#include "workbench/LessonCatalog.h"
#include "workbench/Workbench.h"

namespace {

constexpr std::string_view kUsage =
    "usage: memlens [--classroom] [SCRIPT.py | TRACE.json]   (no file: the first lesson)\n"
    "       memlens export (SCRIPT.py | TRACE.json) [options]   (memlens export --help)\n"
    "       memlens --version | --help\n";

bool wantsExport(int argc, char** argv) {
  return argc > 1 && std::string_view(argv[1]) == "export";
}

}  // namespace

int main(int argc, char** argv) {
  // Export needs no display: without one, render on the offscreen platform.
  if (wantsExport(argc, argv) && !std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY") &&
      !std::getenv("QT_QPA_PLATFORM")) {
    setenv("QT_QPA_PLATFORM", "offscreen", 1);
  }
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("MemLens"));
  QApplication::setApplicationName(QStringLiteral("MemLens"));
  QApplication::setApplicationVersion(QStringLiteral(MEMLENS_VERSION));
  const QStringList arguments = QApplication::arguments();  // Qt's own options removed
  std::vector<std::string> owned;
  for (qsizetype i = 1; i < arguments.size(); ++i) owned.push_back(arguments[i].toStdString());
  std::vector<std::string_view> args(owned.begin(), owned.end());

  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << kUsage;
    return 0;
  }
  if (!args.empty() && args[0] == "--version") {
    std::cout << "memlens " << MEMLENS_VERSION << " (" << memlens::tracking::processAllocator()
              << ")\n";
    return 0;
  }
  if (!args.empty() && args[0] == "export") {
    if (args.size() == 2 && (args[1] == "--help" || args[1] == "-h")) {
      std::cout << memlens::gui::kExportUsage;
      return 0;
    }
    return memlens::gui::runExport({args.begin() + 1, args.end()});
  }
  const bool classroom = !args.empty() && args[0] == "--classroom";
  if (classroom) args.erase(args.begin());
  if (args.size() > 1 || (!args.empty() && args[0].starts_with("-"))) {
    std::cerr << kUsage;
    return 2;
  }

  using memlens::workbench::Workbench;
  Workbench window(memlens::workbench::Dialogs::standard(),
                   QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                       QStringLiteral("/autosave"));
  if (window.geometry().width() < 400) window.resize(1600, 950);
  window.show();
  if (!window.offerRecovery()) {
    if (args.empty()) {
      // Without a file, the first lesson, at its first step.
      window.openLesson(memlens::workbench::builtInLessons().front().resourcePath);
      window.stepForward();
    } else if (const QString file = QString::fromStdString(owned.back());
               window.openFile(file) &&
               !file.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive)) {
      // A script runs at once and a trace loads in the background; a file
      // that cannot be read is reported in a dialog, and the window stays.
      window.runAll();
    }
  }
  if (classroom) window.setClassroomMode(true);
  return QApplication::exec();
}

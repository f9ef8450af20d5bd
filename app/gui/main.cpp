// memlens: the memory map of a PyTorch script or trace, in a window or
// exported headlessly (`memlens export ...`).

#include <QApplication>
#include <QFile>

#include <cstdlib>
#include <iostream>
#include <string_view>
#include <vector>

#include "gui/ExportCommand.h"
#include "gui/LoadTimeline.h"
#include "gui/MapWindow.h"

namespace {

constexpr std::string_view kUsage =
    "usage: memlens [SCRIPT.py | TRACE.json]   (no file: the first lesson)\n"
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
  const QStringList arguments = QApplication::arguments();  // Qt's own options removed
  std::vector<std::string> owned;
  for (qsizetype i = 1; i < arguments.size(); ++i) owned.push_back(arguments[i].toStdString());
  const std::vector<std::string_view> args(owned.begin(), owned.end());

  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    std::cout << kUsage;
    return 0;
  }
  if (!args.empty() && args[0] == "--version") {
    std::cout << "memlens " << MEMLENS_VERSION << "\n";
    return 0;
  }
  if (!args.empty() && args[0] == "export") {
    if (args.size() == 2 && (args[1] == "--help" || args[1] == "-h")) {
      std::cout << memlens::gui::kExportUsage;
      return 0;
    }
    return memlens::gui::runExport({args.begin() + 1, args.end()});
  }
  if (args.size() > 1) {
    std::cerr << kUsage;
    return 2;
  }
  try {
    // Without a file, the first lesson (built in as a Qt resource).
    QString title = QStringLiteral("01-inplace-vs-normal-addition.py");
    memlens::gui::LoadedTimeline loaded;
    if (args.empty()) {
      QFile lesson(QStringLiteral(":/lessons/") + title);
      if (!lesson.open(QIODevice::ReadOnly))
        throw std::runtime_error("the first lesson is missing");
      loaded = memlens::gui::runScript(lesson.readAll().toStdString());
    } else {
      title = QString::fromStdString(owned[0]);
      loaded = memlens::gui::loadTimeline(owned[0]);
    }
    if (loaded.timeline.empty()) {
      std::cerr << "memlens: '" << title.toStdString() << "' has no steps\n";
      return 1;
    }
    memlens::gui::MapWindow window(std::move(loaded.timeline), title);
    window.resize(1500, 850);
    window.show();
    return QApplication::exec();
  } catch (const std::exception& e) {
    std::cerr << "memlens: " << e.what() << "\n";
    return 1;
  }
}

// memlens-bench-gui-start: starts the workbench the way `memlens` without a
// file does (the first lesson, run to its first step) and exits as soon as
// the memory map has painted a frame after the run finished. It prints, in
// milliseconds since QApplication was constructed, when the run finished and
// when that frame was painted; run_benchmarks.py times the whole process from
// outside, which adds loading the libraries.
//
// usage: QT_QPA_PLATFORM=offscreen memlens-bench-gui-start

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <cstdlib>

#include "ui/MemoryMapView.h"
#include "workbench/LessonCatalog.h"
#include "workbench/Workbench.h"

namespace {

// Once the run has finished, the map's next paint is the frame the user
// waits for; the zero timer fires when that paint is done.
class FirstFrame final : public QObject {
 public:
  FirstFrame(const QElapsedTimer& clock, const bool& runDone) : clock_(clock), runDone_(runDone) {}

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override {
    if (event->type() == QEvent::Paint && runDone_) {
      QTimer::singleShot(0, [this] {
        std::printf("first_paint_ms %.1f\n", static_cast<double>(clock_.nsecsElapsed()) / 1e6);
        std::fflush(stdout);
        // Tearing the window down is not part of starting it.
        std::_Exit(0);
      });
    }
    return QObject::eventFilter(watched, event);
  }

 private:
  const QElapsedTimer& clock_;
  const bool& runDone_;
};

}  // namespace

int main(int argc, char** argv) {
  QElapsedTimer clock;
  clock.start();
  QApplication app(argc, argv);
  // Settings of its own, so neither the user's preferences nor an earlier
  // run change what starts.
  QTemporaryDir home;
  QApplication::setOrganizationName(QStringLiteral("MemLensBench"));
  QApplication::setApplicationName(QStringLiteral("gui-start"));
  QSettings::setDefaultFormat(QSettings::IniFormat);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, home.filePath("settings"));

  using memlens::workbench::Workbench;
  Workbench window(memlens::workbench::Dialogs::standard(), home.filePath("autosave"));
  window.resize(1600, 950);
  bool runDone = false;
  FirstFrame firstFrame(clock, runDone);
  window.map()->installEventFilter(&firstFrame);
  QObject::connect(&window, &Workbench::runFinished, [&] {
    runDone = true;
    std::printf("run_finished_ms %.1f\n", static_cast<double>(clock.nsecsElapsed()) / 1e6);
    window.map()->update();
  });
  window.show();
  window.openLesson(memlens::workbench::builtInLessons().front().resourcePath);
  window.stepForward();
  QTimer::singleShot(60000, [] {
    std::fprintf(stderr, "memlens-bench-gui-start: no frame after the run within 60 s\n");
    std::_Exit(1);
  });
  return QApplication::exec();
}

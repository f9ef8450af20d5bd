#include "gui/MapWindow.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

#include "gui/ExportCommand.h"
#include "ui/ExportActions.h"
#include "ui/MemoryMapView.h"
#include "ui/TensorInspector.h"

namespace memlens::gui {

MapWindow::MapWindow(Timeline timeline, const QString& title)
    : timeline_(std::move(timeline)),
      layouts_(timeline_, {}),
      map_(new ui::MemoryMapView(&selection_)),
      inspector_(new ui::TensorInspector(&selection_)),
      slider_(new QSlider(Qt::Horizontal)),
      stepLabel_(new QLabel) {
  setWindowTitle(title + QStringLiteral(" \u2014 MemLens"));

  auto* back = new QPushButton(tr("\u25c0 Back"));
  auto* next = new QPushButton(tr("Next \u25b6"));
  back->setShortcut(Qt::Key_Left);
  next->setShortcut(Qt::Key_Right);
  slider_->setRange(0, static_cast<int>(timeline_.size()) - 1);
  slider_->setPageStep(1);
  auto* steps = new QHBoxLayout;
  steps->addWidget(back);
  steps->addWidget(slider_, 1);
  steps->addWidget(next);
  steps->addWidget(stepLabel_);
  auto* central = new QWidget;
  auto* column = new QVBoxLayout(central);
  column->addWidget(map_, 1);
  column->addLayout(steps);
  setCentralWidget(central);

  auto* dock = new QDockWidget(tr("Inspector"));
  dock->setWidget(inspector_);
  addDockWidget(Qt::RightDockWidgetArea, dock);

  auto* tools = addToolBar(tr("View"));
  auto* theme = new QComboBox;
  theme->addItems({tr("Light"), tr("Dark")});
  auto* scale = new QComboBox;
  scale->addItems({tr("Log widths"), tr("Linear widths"), tr("Address-true")});
  auto* motion = new QCheckBox(tr("Motion"));
  motion->setChecked(true);
  auto* duration = new QSpinBox;
  duration->setRange(50, 3000);
  duration->setSingleStep(50);
  duration->setSuffix(tr(" ms"));
  duration->setValue(map_->motion().durationMs);
  auto* fit = new QAction(tr("Fit"), this);
  tools->addWidget(theme);
  tools->addWidget(scale);
  tools->addWidget(motion);
  tools->addWidget(duration);
  tools->addAction(fit);

  connect(slider_, &QSlider::valueChanged, this, &MapWindow::showStep);
  connect(back, &QPushButton::clicked, this, [this] { slider_->setValue(slider_->value() - 1); });
  connect(next, &QPushButton::clicked, this, [this] { slider_->setValue(slider_->value() + 1); });
  connect(theme, &QComboBox::currentIndexChanged, this, [this](int index) {
    dark_ = index == 1;
    map_->setTheme(dark_ ? ui::Theme::dark() : ui::Theme::light());
  });
  connect(scale, &QComboBox::currentIndexChanged, this, [this](int index) {
    ui::LayoutOptions options = layouts_.options();
    options.scale = static_cast<ui::WidthScale>(index);
    relayout(options);
  });
  connect(motion, &QCheckBox::toggled, this, [this](bool on) {
    ui::MotionSettings settings = map_->motion();
    settings.reducedMotion = !on;
    map_->setMotion(settings);
  });
  connect(duration, &QSpinBox::valueChanged, this, [this](int ms) {
    ui::MotionSettings settings = map_->motion();
    settings.durationMs = ms;
    map_->setMotion(settings);
  });
  connect(fit, &QAction::triggered, map_, &ui::MemoryMapView::fit);

  addFileMenu(title);
  slider_->setValue(slider_->maximum());
  showStep(slider_->value());
}

// File -> Export... and Copy Image, of the step and theme on screen.
void MapWindow::addFileMenu(const QString& path) {
  auto* exports = new ui::ExportActions(this, [this, path] {
    ui::ExportSubject subject;
    subject.timeline = &timeline_;
    subject.step = static_cast<std::size_t>(std::max(slider_->value(), 0));
    subject.layout = layouts_.options();
    subject.theme = dark_ ? ui::Theme::dark() : ui::Theme::light();
    subject.report.title = QFileInfo(path).fileName().toStdString();
    subject.report.script = scriptTextFor(path.toStdString());
    subject.report.torchVersion = torchVersionFor(path.toStdString());
    subject.report.generator = "MemLens " MEMLENS_VERSION;
    return subject;
  });
  auto* file = menuBar()->addMenu(tr("&File"));
  file->addAction(exports->exportAction());
  file->addAction(exports->copyImageAction());
}

void MapWindow::showStep(int index) {
  if (index < 0 || timeline_.empty()) return;
  const auto k = static_cast<std::size_t>(index);
  map_->showLayout(layouts_.at(k), index < shown_);
  inspector_->showStep(timeline_, k, timeline_.stateAfter(k));
  stepLabel_->setText(QString::fromStdString(ui::LayoutSequence::stepTitle(timeline_, k)));
  shown_ = index;
}

void MapWindow::relayout(ui::LayoutOptions options) {
  layouts_.setOptions(options);
  shown_ = -1;
  showStep(slider_->value());
}

}  // namespace memlens::gui

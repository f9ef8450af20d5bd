#include <gtest/gtest.h>
#include <QFile>
#include <QPainter>
#include <QTemporaryDir>

#include <set>

#include "TutorialTrace.h"
#include "trace/TraceJson.h"
#include "ui/LayoutSequence.h"
#include "ui/MapAnimation.h"
#include "ui/MapExport.h"

namespace memlens::ui {
namespace {

// Pixels that differ from the background: the picture is not blank.
std::size_t inkedPixels(const QImage& image, QColor background) {
  std::size_t count = 0;
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) count += image.pixelColor(x, y) != background ? 1U : 0U;
  }
  return count;
}

bool containsText(const QByteArray& svg, const QString& text) {
  return svg.contains(QStringLiteral(">%1<").arg(text).toUtf8());
}

class TutorialRendering : public testing::TestWithParam<const char*> {
 protected:
  Timeline timeline = test::tutorialTimeline();
  LayoutSequence layouts{timeline, {}};
  MemoryMapRenderer renderer{*Theme::named(GetParam())};
};

TEST_P(TutorialRendering, EveryStepRendersToAnImageThatChanges) {
  std::vector<QImage> images;
  for (std::size_t k = 0; k < timeline.size(); ++k) {
    const auto image = renderImage(layouts.at(k), renderer, 1);
    EXPECT_GT(inkedPixels(image, renderer.theme().background), 5000U) << "step " << k;
    for (const auto& earlier : images) EXPECT_NE(image, earlier) << "step " << k;
    images.push_back(image);
  }
}

TEST_P(TutorialRendering, SpotlightDimsOnlyWhatTheStepLeftAlone) {
  // Step 2 (y = torch.tensor(3)) makes S2; S1 and x stay as they were.
  MapLayout layout = layouts.at(1);
  const BlockLayout* made = nullptr;
  const BlockLayout* kept = nullptr;
  for (const auto& block : layout.blocks) (block.changed() ? made : kept) = &block;
  ASSERT_NE(made, nullptr);
  ASSERT_NE(kept, nullptr);
  const auto pixelAt = [&](const QImage& image, const BlockLayout& block) {
    return image.pixelColor((block.headerRect.center() - layout.bounds.topLeft()).toPoint());
  };
  const RenderState spotlight{{}, {}, {}, true};
  const QImage plain = renderImage(layout, renderer, 1);
  const QImage lit = renderImage(layout, renderer, 1, spotlight);
  EXPECT_EQ(pixelAt(lit, *made), pixelAt(plain, *made));
  EXPECT_NE(pixelAt(lit, *kept), pixelAt(plain, *kept));

  // A step that changed nothing (a print) has nothing to light: nothing dims.
  for (auto& block : layout.blocks) block.created = false;
  for (auto& object : layout.objects) object.changed = false;
  for (auto& name : layout.names) name.changed = false;
  EXPECT_EQ(renderImage(layout, renderer, 1, spotlight), renderImage(layout, renderer, 1));
}

TEST_P(TutorialRendering, SvgKeepsTextAsTextWithEveryLabel) {
  for (std::size_t k = 0; k < timeline.size(); ++k) {
    const QByteArray svg = renderSvg(layouts.at(k), renderer);
    EXPECT_TRUE(svg.startsWith("<?xml")) << "step " << k;
    EXPECT_TRUE(containsText(svg, QStringLiteral("x"))) << "step " << k;
    for (const auto& [id, storage] : timeline.stateAfter(k).storages) {
      EXPECT_TRUE(svg.contains(QStringLiteral(">S%1 \u00b7 8 B<").arg(id).toUtf8()))
          << "block for S" << id << " at step " << k;
    }
  }
  const QByteArray inPlace = renderSvg(layouts.at(2), renderer);
  EXPECT_TRUE(containsText(inPlace, QStringLiteral("z")));
  EXPECT_TRUE(containsText(inPlace, QStringLiteral("v1")));
  EXPECT_TRUE(containsText(inPlace, QStringLiteral("7")));
  EXPECT_TRUE(containsText(inPlace, QStringLiteral("z = x.add_(y)")));
  EXPECT_TRUE(containsText(inPlace, QStringLiteral("in-place")));
  const QByteArray last = renderSvg(layouts.at(3), renderer);
  EXPECT_TRUE(containsText(last, QStringLiteral("w")));
  EXPECT_TRUE(containsText(last, QStringLiteral("10")));
}

INSTANTIATE_TEST_SUITE_P(Themes, TutorialRendering, testing::Values("light", "dark"));

TEST(Rendering, HigherScalesRenderMorePixelsNotBlurrierOnes) {
  const Timeline timeline = test::tutorialTimeline();
  LayoutSequence layouts(timeline, {});
  const MemoryMapRenderer renderer;
  const auto one = renderImage(layouts.at(3), renderer, 1);
  const auto four = renderImage(layouts.at(3), renderer, 4);
  EXPECT_NEAR(four.width(), 4 * one.width(), 4);
  EXPECT_NEAR(four.height(), 4 * one.height(), 4);
  // Crisp: the 4x image has far more distinct colours along its antialiased
  // text edges than a 1x image scaled up would, and is not blank.
  EXPECT_GT(inkedPixels(four, renderer.theme().background), 16 * 5000U);
}

TEST(Rendering, AnimationFramesAndSelectionsRender) {
  const Timeline timeline = test::tutorialTimeline();
  LayoutSequence layouts(timeline, {});
  const MemoryMapRenderer renderer;
  const auto frame = interpolateLayouts(layouts.at(1), layouts.at(2), 0.45);
  EXPECT_NE(renderImage(frame, renderer, 1), renderImage(layouts.at(2), renderer, 1));
  const RenderState selected{Selection::tensor(1), {}, {}};
  EXPECT_NE(renderImage(layouts.at(2), renderer, 1, selected),
            renderImage(layouts.at(2), renderer, 1));
}

TEST(Rendering, FilesAreWrittenAsPngSvgAndPdf) {
  const Timeline timeline = test::tutorialTimeline();
  LayoutSequence layouts(timeline, {});
  const MemoryMapRenderer renderer;
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  exportPng(dir.filePath("map.png"), layouts.at(3), renderer, 2);
  exportSvg(dir.filePath("map.svg"), layouts.at(3), renderer);
  exportPdf(dir.filePath("map.pdf"), layouts.at(3), renderer);
  QImage png(dir.filePath("map.png"));
  EXPECT_FALSE(png.isNull());
  QFile pdf(dir.filePath("map.pdf"));
  ASSERT_TRUE(pdf.open(QIODevice::ReadOnly));
  EXPECT_TRUE(pdf.read(5) == "%PDF-");
  EXPECT_THROW(exportPng(dir.filePath("missing/dir/map.png"), layouts.at(3), renderer, 1),
               ExportError);
}

TEST(Rendering, ARecordedTraceRendersEveryStep) {
  const Trace trace = readTraceFile(MEMLENS_UI_TEST_DATA "/demo_trace.json");
  Timeline timeline;
  for (const auto& step : trace.steps) timeline.append(step);
  LayoutSequence layouts(timeline, {});
  const MemoryMapRenderer renderer;
  for (std::size_t k = 0; k < timeline.size(); ++k) {
    const auto svg = renderSvg(layouts.at(k), renderer);
    for (const auto& [name, tensor] : timeline.stateAfter(k).tensors) {
      EXPECT_TRUE(containsText(svg, QString::fromStdString(name))) << name << " at step " << k;
    }
  }
}

TEST(Rendering, ARecycledAddressIsMarkedAsANewStorage) {
  const Trace trace = readTraceFile(MEMLENS_UI_TEST_DATA "/recycled_trace.json");
  Timeline timeline;
  for (const auto& step : trace.steps) timeline.append(step);
  LayoutSequence layouts(timeline, {});
  const QByteArray svg = renderSvg(layouts.at(3), MemoryMapRenderer());
  EXPECT_TRUE(containsText(svg, QStringLiteral("\u21ba recycled")));
  EXPECT_TRUE(containsText(svg, QStringLiteral("S3 \u00b7 16 B")));
  EXPECT_FALSE(containsText(svg, QStringLiteral("S1 \u00b7 16 B"))) << "the freed storage is gone";
  EXPECT_FALSE(containsText(svg, QStringLiteral("\u270e written in place")))
      << "never shown as in-place";
}

}  // namespace
}  // namespace memlens::ui

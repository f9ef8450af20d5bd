// The report model and the Markdown summary: plain data, no Qt.

#include <gtest/gtest.h>

#include "trace/MarkdownReport.h"
#include "trace/ReportModel.h"

namespace memlens {
namespace {

MemoryEvent event(MemoryAction action, std::int64_t storage, std::int64_t bytes, std::int64_t total,
                  const std::string& device = "cpu") {
  MemoryEvent e;
  e.action = action;
  e.bytes = bytes;
  e.device = device;
  e.storage = storage;
  e.op = e.topOp = action == MemoryAction::Alloc ? "aten::empty" : "";
  e.totalAllocated = total;
  return e;
}

Step step(int line, std::string code, std::vector<StepKind> kinds) {
  Step s;
  s.line = line;
  s.code = std::move(code);
  s.kinds = std::move(kinds);
  return s;
}

// x = ones(4) (16 B); y = x + x with a 64 B temporary inside; x.add_(1);
// del y; z on y's recycled address; a cuda tensor.
std::vector<Step> steps() {
  std::vector<Step> out;
  Step x = step(3, "x = torch.ones(4)", {StepKind::New});
  x.storages = {{1, 0x100, 16, "cpu", false, false}};
  x.events = {event(MemoryAction::Alloc, 1, 16, 16)};
  out.push_back(x);

  Step y = step(4, "y = (x + x) * 2", {StepKind::New});
  y.storages = {{2, 0x200, 16, "cpu", false, false}};
  y.events = {event(MemoryAction::Alloc, 0, 64, 80), event(MemoryAction::Alloc, 2, 16, 96),
              event(MemoryAction::Free, 0, 64, 32)};
  out.push_back(y);

  Step inPlace = step(5, "x.add_(1)", {StepKind::InPlace});
  inPlace.calls = {{std::make_shared<const OperatorDescription>(
                        OperatorDescription{"aten::add_.Scalar", "", "in-place"}),
                    1}};
  out.push_back(inPlace);

  Step del = step(6, "del y", {StepKind::Free});
  del.freed = {2};
  del.events = {event(MemoryAction::Free, 2, 16, 16)};
  out.push_back(del);

  Step z = step(7, "z = torch.zeros(4)", {StepKind::New});
  z.storages = {{3, 0x200, 16, "cpu", true, false}};
  z.events = {event(MemoryAction::Alloc, 3, 16, 32)};
  out.push_back(z);

  Step gpu = step(8, "g = z.cuda()", {StepKind::New});
  gpu.storages = {{4, 0x9000, 512, "cuda:0", false, false}};
  gpu.events = {event(MemoryAction::Alloc, 4, 512, 512, "cuda:0")};
  out.push_back(gpu);
  return out;
}

const char* const kScript =
    "#> Four ones,\n"
    "#> sixteen bytes.\n"
    "x = torch.ones(4)\n"
    "y = (x + x) * 2\n";

TEST(ReportModel, CountsEveryKindAndRecycledStorages) {
  const auto model = buildReportModel(steps(), "1.13.0", "demo.py");
  EXPECT_EQ(model.counts.newSteps, 4);
  EXPECT_EQ(model.counts.inPlaceSteps, 1);
  EXPECT_EQ(model.counts.viewSteps, 0);
  EXPECT_EQ(model.counts.freeSteps, 1);
  EXPECT_EQ(model.counts.recycledStorages, 1);
  EXPECT_EQ(model.counts.errors, 0);
}

TEST(ReportModel, MemoryAfterEachStepPerDeviceCpuFirst) {
  const auto model = buildReportModel(steps(), "1.13.0", "demo.py");
  ASSERT_EQ(model.devices.size(), 2U);
  EXPECT_EQ(model.devices[0].device, "cpu");
  EXPECT_EQ(model.devices[0].afterStep, (std::vector<std::int64_t>{16, 32, 32, 16, 32, 32}));
  EXPECT_EQ(model.devices[1].device, "cuda:0");
  EXPECT_EQ(model.devices[1].afterStep, (std::vector<std::int64_t>{0, 0, 0, 0, 0, 512}));
}

TEST(ReportModel, PeakIncludesTemporariesInsideAStatement) {
  const auto model = buildReportModel(steps(), "1.13.0", "demo.py");
  EXPECT_EQ(model.devices[0].peakBytes, 96);
  EXPECT_EQ(model.devices[0].peakStep, 2U);
  EXPECT_EQ(model.devices[1].peakBytes, 512);
  EXPECT_EQ(model.devices[1].peakStep, 6U);
}

TEST(ReportModel, RowsHaveAllocationsBytesAndOperators) {
  const auto model = buildReportModel(steps(), "1.13.0", "demo.py");
  ASSERT_EQ(model.rows.size(), 6U);
  const auto& y = model.rows[1];
  EXPECT_EQ(y.number, 2U);
  EXPECT_EQ(y.line, 4);
  EXPECT_EQ(y.allocations, 2);
  EXPECT_EQ(y.allocatedBytes, 80);
  EXPECT_EQ(y.freedBytes, 64);
  EXPECT_EQ(y.operators, std::vector<std::string>{"aten::empty"});
  // Operator calls name what allocated nothing, such as an in-place write.
  EXPECT_EQ(model.rows[2].operators, std::vector<std::string>{"aten::add_.Scalar"});
  EXPECT_EQ(model.rows[4].recycledStorages, 1);
}

TEST(ReportModel, CaptionsComeFromTheLessonCommentsAboveAStatement) {
  const auto model = buildReportModel(steps(), "1.13.0", "demo.py", kScript);
  EXPECT_EQ(model.scriptLines.size(), 4U);
  EXPECT_EQ(model.rows[0].caption, "Four ones, sixteen bytes.");
  EXPECT_EQ(model.rows[1].caption, "");
}

TEST(ReportModel, WithoutTheScriptTheListingIsRebuiltFromTheSteps) {
  const auto model = buildReportModel(steps(), "1.13.0", "trace.json");
  ASSERT_EQ(model.scriptLines.size(), 8U);
  EXPECT_EQ(model.scriptLines[0], "");
  EXPECT_EQ(model.scriptLines[2], "x = torch.ones(4)");
  EXPECT_EQ(model.scriptLines[7], "g = z.cuda()");
}

TEST(ReportModel, MapsGoToStepsThatChangedMemoryAndEveryPeak) {
  auto all = steps();
  all.insert(all.begin(), step(1, "import torch", {StepKind::None}));
  const auto model = buildReportModel(all, "1.13.0", "demo.py");
  EXPECT_EQ(stepsThatChangedMemory(model, 100), (std::vector<std::size_t>{1, 2, 3, 4, 5, 6}));
  // Under a limit the peaks (steps 3 and 7) still get their maps.
  EXPECT_EQ(stepsThatChangedMemory(model, 3), (std::vector<std::size_t>{1, 2, 6}));
}

TEST(ReportModel, BytesReadWithBinaryUnits) {
  EXPECT_EQ(formatBytes(0), "0 B");
  EXPECT_EQ(formatBytes(1023), "1023 B");
  EXPECT_EQ(formatBytes(1536), "1.5 KiB");
  EXPECT_EQ(formatBytes(24 << 20), "24 MiB");
  EXPECT_EQ(formatBytes(1023 * 1024), "1023 KiB");
  EXPECT_EQ(formatBytes(-2048), "-2 KiB");
}

TEST(MarkdownReport, SummaryPeaksAndOneRowPerStep) {
  const auto text = markdownReport(Trace{"1.13.0", steps()}, "demo.py");
  EXPECT_NE(text.find("# MemLens report: demo.py"), std::string::npos);
  EXPECT_NE(text.find("LibTorch 1.13.0, cpu, cuda:0, 6 steps."), std::string::npos);
  EXPECT_NE(text.find("| in-place | 1 |"), std::string::npos);
  EXPECT_NE(text.find("| recycled address | 1 |"), std::string::npos);
  EXPECT_NE(text.find("| cpu | 96 B | 2 | 32 B |"), std::string::npos);
  EXPECT_NE(text.find("| cuda:0 | 512 B | 6 | 512 B |"), std::string::npos);
  EXPECT_NE(text.find("| 3 | 5 | `x.add_(1)` | in-place | 0 | 0 B | 0 B | `aten::add_.Scalar` |"),
            std::string::npos);
  EXPECT_NE(text.find("cpu after | cuda:0 after |"), std::string::npos);
}

TEST(MarkdownReport, PipesAndBackticksInCodeStayInsideTheirCell) {
  std::vector<Step> one = {step(1, "m = a | b  # `x`", {StepKind::New})};
  const auto text = markdownReport(Trace{"1.13.0", one}, "pipes.py");
  EXPECT_NE(text.find("| `` m = a \\| b  # `x` `` |"), std::string::npos);
}

}  // namespace
}  // namespace memlens

namespace memlens {
namespace {

TEST(Captions, AParagraphIsNarratedByTheCaptionThatOpensIt) {
  const std::vector<std::string> lines = {
      "#> Title.",         "import torch", "", "#> Two tensors,", "#> one storage each.",
      "x = torch.ones(1)", "y = x + 1",    "", "z = y",
  };
  EXPECT_EQ(captionAbove(lines, 6), "Two tensors, one storage each.");
  EXPECT_EQ(captionAbove(lines, 7), "");
  EXPECT_EQ(paragraphCaption(lines, 6), "Two tensors, one storage each.");
  EXPECT_EQ(paragraphCaption(lines, 7), "Two tensors, one storage each.");
  EXPECT_EQ(paragraphCaption(lines, 2), "Title.");
  EXPECT_EQ(paragraphCaption(lines, 9), "") << "a blank line ends the paragraph";
  EXPECT_EQ(paragraphCaption(lines, 99), "");
}

}  // namespace
}  // namespace memlens

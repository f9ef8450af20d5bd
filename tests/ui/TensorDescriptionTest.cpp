#include "ui/TensorDescription.h"

#include <gtest/gtest.h>

#include <map>

#include "TutorialTrace.h"

namespace memlens::ui {
namespace {

std::map<std::string, std::string> factsOf(const TensorDescription& description) {
  return {description.facts.begin(), description.facts.end()};
}

TEST(TensorDescription, InPlaceResultIsTheSameObjectWithItsFacts) {
  const Timeline timeline = test::tutorialTimeline();
  const auto description = describeTensor(timeline, 3, timeline.stateAfter(3), 1);
  ASSERT_TRUE(description);
  const auto facts = factsOf(*description);
  EXPECT_EQ(description->title, "x, z");
  EXPECT_EQ(facts.at("version"), "v1");
  EXPECT_EQ(facts.at("storage"), "S1");
  EXPECT_EQ(facts.at("data pointer"), "0x1000");
  EXPECT_EQ(facts.at("storage bytes"), "8 B");
  EXPECT_EQ(facts.at("is view"), "no");
  EXPECT_EQ(facts.at("requires_grad"), "False");
  EXPECT_EQ(facts.at("grad_fn"), "None");
  EXPECT_EQ(facts.at("produced by"), "aten::scalar_tensor \u00b7 line 1: x = torch.tensor(4)");
  ASSERT_EQ(description->grid.size(), 1U);
  EXPECT_EQ(description->grid[0][0].storageCell, std::optional<std::int64_t>(0));
  EXPECT_EQ(description->grid[0][0].value, "7");
}

TEST(TensorDescription, ATensorAutogradTracksNamesItsGradFn) {
  Timeline timeline;
  Step step = test::statement(1, "y = x.exp()", StepKind::New);
  TensorRecord y = test::scalarTensor("y", 1, 1, 3);
  y.requiresGrad = true;
  y.gradFn = "ExpBackward0";
  step.tensors = {y};
  step.storages = {test::storageRecord(1, 0x1000, 8)};
  timeline.append(step);
  const auto description = describeTensor(timeline, 0, timeline.stateAfter(0), 1);
  ASSERT_TRUE(description);
  const auto facts = factsOf(*description);
  EXPECT_EQ(facts.at("requires_grad"), "True");
  EXPECT_EQ(facts.at("grad_fn"), "ExpBackward0");
}

TEST(TensorDescription, AViewNamesItsBaseAndItsReadingOrder) {
  Timeline timeline;
  Step a;
  a.code = "a = torch.arange(6)";
  a.line = 1;
  TensorRecord base;
  base.name = "a";
  base.id = 1;
  base.storage = 1;
  base.dtype = "int64";
  base.device = "cpu";
  base.shape = {6};
  base.strides = {1};
  a.tensors = {base};
  a.storages = {test::storageRecord(1, 0x1000, 48)};
  a.events = {test::allocation(1, 0x1000, 48, "aten::arange")};
  timeline.append(a);
  Step b;
  b.code = "b = a.view(2, 3).t()";
  b.line = 2;
  TensorRecord view = base;
  view.name = "b";
  view.id = 2;
  view.shape = {3, 2};
  view.strides = {1, 3};
  b.tensors = {view};
  timeline.append(b);

  const auto description = describeTensor(timeline, 1, timeline.stateAfter(1), 2);
  ASSERT_TRUE(description);
  const auto facts = factsOf(*description);
  EXPECT_EQ(facts.at("is view"), "yes: shares storage with a");
  EXPECT_EQ(facts.at("base"), "a");
  EXPECT_EQ(facts.at("produced by"), "no allocation \u00b7 line 2: b = a.view(2, 3).t()");
  ASSERT_EQ(description->grid.size(), 3U);
  EXPECT_EQ(description->grid[1][0].index, "[1, 0]");
  EXPECT_EQ(description->rowLabels, (std::vector<std::string>{"[0, :]", "[1, :]", "[2, :]"}));
  EXPECT_EQ(description->grid[1][0].storageCell, std::optional<std::int64_t>(1));
  EXPECT_EQ(description->grid[0][1].storageCell, std::optional<std::int64_t>(3));
}

TEST(TensorDescription, UnknownTensorHasNone) {
  const Timeline timeline = test::tutorialTimeline();
  EXPECT_FALSE(describeTensor(timeline, 0, timeline.stateAfter(0), 99));
}

}  // namespace
}  // namespace memlens::ui

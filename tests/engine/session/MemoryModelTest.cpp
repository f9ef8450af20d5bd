// The memory model's bookkeeping where a step looks only at the names it
// reached: containers whose elements come and go, watches that must follow a
// tensor object or its storage, and the registries' sweeps of dead entries.
// Each script also runs with every name looked at, which must agree.

#include <ATen/ops/empty.h>
#include <ATen/ops/ones.h>
#include <ATen/ops/zeros.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "session/SessionTesting.h"

namespace memlens {
namespace {

using testing::factory;
using testing::tensor;

struct ScriptLine {
  std::string code;
  Session::Body body;
};

// Runs `statements` in a fresh session, checking every name or only the
// reached ones, and returns its steps with addresses (and so whether one was
// recycled, which follows malloc) left out.
std::vector<Step> stepsOf(const std::vector<ScriptLine>& statements, bool checkEveryName) {
  Session session(SessionOptions{.checkEveryName = checkEveryName});
  int line = 0;
  for (const auto& statement : statements) {
    session.run(Statement{statement.code, ++line, 1}, statement.body);
  }
  std::vector<Step> steps = session.timeline().steps();
  for (Step& step : steps) {
    for (auto& event : step.events) event.ptr = 0;
    for (auto& storage : step.storages) {
      storage.ptr = 0;
      storage.recycledAddress = false;
    }
  }
  return steps;
}

// The steps of `statements`, after checking that looking at every name finds the same.
std::vector<Step> run(const std::vector<ScriptLine>& statements) {
  const std::vector<Step> reached = stepsOf(statements, false);
  const std::vector<Step> every = stepsOf(statements, true);
  EXPECT_EQ(reached.size(), every.size());
  for (std::size_t i = 0; i < std::min(reached.size(), every.size()); ++i) {
    EXPECT_EQ(reached[i], every[i]) << reached[i].code;
  }
  return reached;
}

std::vector<std::string> namesOf(const std::vector<TensorRecord>& tensors) {
  std::vector<std::string> names;
  for (const auto& record : tensors) names.push_back(record.name);
  return names;
}

const TensorRecord* recordOf(const Step& step, const std::string& name) {
  for (const auto& record : step.tensors) {
    if (record.name == name) return &record;
  }
  return nullptr;
}

c10::IValue listOf(std::vector<at::Tensor> tensors) {
  return c10::IValue(c10::List<at::Tensor>(std::move(tensors)));
}

TEST(MemoryModel, ElementsComeAndGoWithTheContainerANameHolds) {
  const auto steps = run({
      {"parts = [torch.ones(2), torch.ones(3)]",
       [](Scope& s) {
         s.bind("parts", listOf({factory([] { return at::ones({2}); }),
                                 factory([] { return at::ones({3}); })}));
       }},
      // Names that sort next to `parts[...]` must be left alone.
      {"parts1 = torch.zeros(2)",
       [](Scope& s) { s.bind("parts1", factory([] { return at::zeros({2}); })); }},
      {"parts_ = torch.zeros(1)",
       [](Scope& s) { s.bind("parts_", factory([] { return at::zeros({1}); })); }},
      {"parts = parts1", [](Scope& s) { s.bind("parts", s.get("parts1")); }},
      {"parts = [parts1]", [](Scope& s) { s.bind("parts", listOf({tensor(s, "parts1")})); }},
      {"parts.append(parts_)",
       [](Scope& s) { s.get("parts").toTensorList().push_back(tensor(s, "parts_")); }},
      {"parts.pop(0)",
       [](Scope& s) {
         auto parts = s.get("parts").toTensorList();
         parts.erase(parts.begin());
       }},
      {"del parts", [](Scope& s) { s.unbind("parts"); }},
  });
  ASSERT_EQ(steps.size(), 8u);
  EXPECT_EQ(namesOf(steps[0].tensors), (std::vector<std::string>{"parts[0]", "parts[1]"}));
  EXPECT_EQ(steps[3].unbound, (std::vector<std::string>{"parts[0]", "parts[1]"}));
  EXPECT_EQ(namesOf(steps[3].tensors), (std::vector<std::string>{"parts"}));
  EXPECT_EQ(steps[4].unbound, (std::vector<std::string>{"parts"}));
  EXPECT_EQ(namesOf(steps[4].tensors), (std::vector<std::string>{"parts[0]"}));
  EXPECT_EQ(namesOf(steps[5].tensors), (std::vector<std::string>{"parts[1]"}))
      << "a container is looked at even when no name was bound";
  EXPECT_EQ(steps[6].unbound, (std::vector<std::string>{"parts[1]"}));
  EXPECT_EQ(namesOf(steps[6].tensors), (std::vector<std::string>{"parts[0]"}));
  EXPECT_EQ(steps[7].unbound, (std::vector<std::string>{"parts[0]"}));
  for (const Step& step : steps) {
    for (const auto& name : step.unbound) {
      EXPECT_TRUE(name == "parts" || name.starts_with("parts[")) << step.code << ": " << name;
    }
  }
}

TEST(MemoryModel, AWatchFollowsATensorOntoAnotherStorage) {
  const auto steps = run({
      {"x = torch.zeros(2)", [](Scope& s) { s.bind("x", factory([] { return at::zeros({2}); })); }},
      // Keeps x's first storage alive, so that no new object takes its address.
      {"v = x.view(2)", [](Scope& s) { s.bind("v", tensor(s, "x").view({2})); }},
      {"y = torch.ones(2)", [](Scope& s) { s.bind("y", factory([] { return at::ones({2}); })); }},
      {"x.set_(y)", [](Scope& s) { tensor(s, "x").set_(tensor(s, "y")); }},
      // Reaches x only through the storage it now shares with y.
      {"y.add_(1)", [](Scope& s) { tensor(s, "y").add_(1); }},
  });
  ASSERT_EQ(steps.size(), 5u);
  EXPECT_EQ(recordOf(steps[3], "x")->storage, recordOf(steps[2], "y")->storage);
  const TensorRecord* x = recordOf(steps[4], "x");
  ASSERT_NE(x, nullptr) << "x must be looked at after a write to its new storage";
  EXPECT_EQ(x->values, (std::vector<ElementValue>{2.0, 2.0}));
}

TEST(MemoryModel, TwoNamesOfOneTensorObjectAreBothWatched) {
  const auto steps = run({
      {"a = torch.zeros(3)", [](Scope& s) { s.bind("a", factory([] { return at::zeros({3}); })); }},
      {"b = a", [](Scope& s) { s.bind("b", s.get("a")); }},
      {"a.add_(1)", [](Scope& s) { tensor(s, "a").add_(1); }},
      {"del a", [](Scope& s) { s.unbind("a"); }},
      {"b.add_(1)", [](Scope& s) { tensor(s, "b").add_(1); }},
  });
  ASSERT_EQ(steps.size(), 5u);
  EXPECT_EQ(namesOf(steps[2].tensors), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(steps[3].unbound, (std::vector<std::string>{"a"}));
  EXPECT_EQ(namesOf(steps[4].tensors), (std::vector<std::string>{"b"}));
  EXPECT_EQ(recordOf(steps[4], "b")->version, 2);
}

TEST(MemoryModel, SweepingDeadTensorObjectsKeepsTheLiveOnes) {
  std::vector<ScriptLine> statements{
      {"x = torch.zeros(3)", [](Scope& s) { s.bind("x", factory([] { return at::zeros({3}); })); }},
  };
  // Each statement leaves a tensor object behind dead: enough for sweeps.
  for (int i = 0; i < 300; ++i) {
    statements.push_back({"t = x + 1", [](Scope& s) { s.bind("t", tensor(s, "x").add(1)); }});
  }
  statements.push_back({"x.add_(1)", [](Scope& s) { tensor(s, "x").add_(1); }});
  const auto steps = run(statements);
  const TensorRecord* before = recordOf(steps.front(), "x");
  const TensorRecord* after = recordOf(steps.back(), "x");
  ASSERT_NE(after, nullptr);
  EXPECT_EQ(after->id, before->id) << "the same tensor object";
  EXPECT_EQ(steps.back().kinds, (std::vector<StepKind>{StepKind::InPlace}));
  EXPECT_EQ(recordOf(steps[300], "t")->id, before->id + 300) << "ids are never reused";
}

TEST(MemoryModel, ManyStoragesWithoutMemoryDieInOneStatement) {
  constexpr int kCount = 200;
  const auto steps = run({
      {"empties = [torch.empty(0) for _ in range(200)]",
       [](Scope& s) {
         std::vector<at::Tensor> empties;
         for (int i = 0; i < kCount; ++i) empties.push_back(factory([] { return at::empty({0}); }));
         s.bind("empties", listOf(std::move(empties)));
       }},
      {"del empties", [](Scope& s) { s.unbind("empties"); }},
  });
  ASSERT_EQ(steps.size(), 2u);
  ASSERT_EQ(steps[0].storages.size(), static_cast<std::size_t>(kCount));
  std::vector<std::int64_t> created;
  for (const auto& storage : steps[0].storages) created.push_back(storage.id);
  EXPECT_EQ(steps[1].freed, created) << "every one, in id order";
  EXPECT_EQ(steps[1].kinds, (std::vector<StepKind>{StepKind::Free}));
}

}  // namespace
}  // namespace memlens

// After each statement the memory model looks only at the tensors the
// statement reached, unless an operator ran whose arguments nobody noted;
// then it must look at every name. Every way the script passes tensors to
// LibTorch notes them, so that ordinary statements keep the cheap check.

#include <ATen/ops/ones.h>
#include <ATen/ops/zeros.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "ops/OperatorCall.h"
#include "script/Attributes.h"
#include "script/Indexing.h"
#include "script/TensorFromData.h"
#include "script/ValueFormat.h"
#include "tracking/Recording.h"

namespace memlens::script {
namespace {

// Runs `use` in a recording; expects the reach known and `tensor` reached.
void expectNoted(const at::Tensor& tensor, const std::function<void()>& use) {
  tracking::Recording recording;
  use();
  EXPECT_FALSE(recording.reachUnknown());
  std::vector<const void*> reached;
  recording.takeReached(reached);
  EXPECT_NE(std::find(reached.begin(), reached.end(), tensor.storage().unsafeGetStorageImpl()),
            reached.end());
}

TEST(NotedArguments, OperatorCallsNoteEveryTensorTheyPass) {
  const at::Tensor x = at::ones({4});
  const at::Tensor y = at::ones({4});
  expectNoted(x, [&] { ops::callOperator("add_", ops::CallArguments{{x, y}, {}}, "add_"); });
  expectNoted(y, [&] { ops::callOperator("add", ops::CallArguments{{x, y}, {}}, "add"); });
  expectNoted(y, [&] {
    ops::callOperator("cat", ops::CallArguments{{c10::List<at::Tensor>({x, y})}, {}}, "cat");
  });
}

TEST(NotedArguments, IndexingNotesTheIndexedTensor) {
  const at::Tensor x = at::ones({4});
  const at::Tensor value = at::ones({});
  expectNoted(x, [&] { getItem(x, std::int64_t{1}); });
  expectNoted(x, [&] { setItem(x, std::int64_t{1}, 3.0); });
  expectNoted(x, [&] { setItem(x, std::int64_t{1}, value); });
}

TEST(NotedArguments, PrintingNotesThePrintedTensor) {
  const at::Tensor x = at::ones({2, 3});
  expectNoted(x, [&] { repr(x, PrintOptions{}); });
}

TEST(NotedArguments, DataAndListsNoteTheirTensors) {
  const at::Tensor x = at::ones({});
  expectNoted(x, [&] {
    tensorFromData(c10::List<at::Tensor>({x, x}), std::nullopt, std::nullopt, false);
  });
  expectNoted(x, [&] { tensorToList(x); });
}

TEST(NotedArguments, AssigningDataNotesBothTensors) {
  const at::Tensor x = at::ones({3});
  const at::Tensor y = at::zeros({3});
  expectNoted(y, [&] { setTensorAttribute(x, "data", y); });
}

}  // namespace
}  // namespace memlens::script

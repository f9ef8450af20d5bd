#include "ops/OperatorCall.h"

#include <ATen/ops/arange.h>
#include <ATen/ops/ones.h>
#include <gtest/gtest.h>

#include <thread>

#include "ops/Effect.h"
#include "ops/Objects.h"
#include "ops/OperatorCatalog.h"
#include "session/ScriptError.h"

namespace memlens::ops {
namespace {

at::Tensor call(std::string_view name, std::vector<c10::IValue> positional,
                std::vector<std::pair<std::string, c10::IValue>> keywords = {}) {
  auto result = callOperator(name, CallArguments{std::move(positional), std::move(keywords)}, name);
  return result.returns.at(0).toTensor();
}

TEST(OperatorIndex, KnowsThousandsOfOperatorsFromTheDispatcher) {
  EXPECT_GT(OperatorIndex::instance().names().size(), 1000u);
  EXPECT_GT(listOperators().size(), 2500u) << "overloads";
  ASSERT_NE(OperatorIndex::instance().find("add"), nullptr);
  EXPECT_EQ(OperatorIndex::instance().find("not_an_operator"), nullptr);
  EXPECT_FALSE(listOperators("add_").empty());
}

TEST(OperatorCall, IntListFromVarargsAndFromAList) {
  const at::Tensor x = at::arange(6);
  EXPECT_EQ(call("view", {x, int64_t{2}, int64_t{3}}).sizes(), (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(call("view", {x, c10::IValue(std::vector<int64_t>{3, 2})}).sizes(),
            (std::vector<int64_t>{3, 2}));
  EXPECT_EQ(call("view", {x, sizeValue({6, 1})}).sizes(), (std::vector<int64_t>{6, 1}));
  EXPECT_EQ(call("zeros", {int64_t{2}, int64_t{2}}).sizes(), (std::vector<int64_t>{2, 2}));
}

TEST(OperatorCall, SizedIntListAcceptsOneInt) {
  const at::Tensor x = at::ones({2, 3});
  const at::Tensor sum = call("sum", {x, int64_t{0}});
  EXPECT_EQ(sum.sizes(), (std::vector<int64_t>{3}));
  const at::Tensor kept = call("sum", {x}, {{"dim", int64_t{1}}, {"keepdim", true}});
  EXPECT_EQ(kept.sizes(), (std::vector<int64_t>{2, 1}));
}

TEST(OperatorCall, NumbersBindToScalarOverloadsAndPromoteLikePython) {
  const at::Tensor ints = at::arange(3);
  EXPECT_EQ(call("add", {ints, int64_t{1}}).scalar_type(), at::kLong);
  EXPECT_EQ(call("mul", {ints, 1.5}).scalar_type(), at::kFloat);
  // A number where only a Tensor parameter fits becomes a wrapped number.
  EXPECT_EQ(call("floor_divide", {int64_t{7}, ints.add(1)}).scalar_type(), at::kLong);
}

TEST(OperatorCall, FactoriesStartAtVersionZeroAndTakeRequiresGrad) {
  const at::Tensor ones = call("ones", {int64_t{3}});
  EXPECT_EQ(ones.unsafeGetTensorImpl()->version_counter().current_version(), 0u);
  const at::Tensor leaf = call("ones", {int64_t{3}}, {{"requires_grad", true}});
  EXPECT_TRUE(leaf.requires_grad());
  EXPECT_TRUE(leaf.is_leaf());
  const at::Tensor typed = call("zeros", {int64_t{2}}, {{"dtype", dtypeValue(at::kDouble)}});
  EXPECT_EQ(typed.scalar_type(), at::kDouble);
}

TEST(OperatorCall, OutKeywordSelectsTheOutOverload) {
  const at::Tensor x = at::ones({3});
  at::Tensor out = at::ones({3});
  const auto result = callOperator("add", CallArguments{{x, x}, {{"out", out}}}, "add");
  EXPECT_TRUE(result.overload->hasOut);
  EXPECT_TRUE(result.returns.at(0).toTensor().is_same(out));
  EXPECT_EQ(out[0].item<float>(), 2.0f);
}

TEST(OperatorCall, NamedReturnsKeepTheirNames) {
  const auto result =
      callOperator("max", CallArguments{{at::arange(6).view({2, 3}), int64_t{1}}, {}}, "max");
  ASSERT_EQ(result.returns.size(), 2u);
  EXPECT_EQ(result.overload->schema->returns()[0].name(), "values");
  EXPECT_EQ(result.overload->schema->returns()[1].name(), "indices");
}

TEST(OperatorCall, NoMatchingOverloadIsATypeErrorListingTheSignatures) {
  try {
    callOperator("add", CallArguments{{at::ones({1}), std::string("x")}, {}}, "add");
    FAIL();
  } catch (const ScriptError& e) {
    EXPECT_EQ(e.type(), "TypeError");
    const std::string message = e.what();
    EXPECT_EQ(
        message.rfind("add() received an invalid combination of arguments - got (Tensor, str), "
                      "but expected one of:",
                      0),
        0u)
        << message;
    EXPECT_NE(message.find(" * (Tensor self, Tensor other, *, Scalar alpha=1)"), std::string::npos)
        << message;
  }
}

TEST(OperatorCall, LibTorchErrorsPropagateWithTheirType) {
  EXPECT_THROW(call("select", {at::ones({2}), int64_t{0}, int64_t{5}}), c10::IndexError);
  // InferSize throws a plain std::runtime_error, which Python shows as RuntimeError too.
  EXPECT_THROW(call("view", {at::ones({2}), int64_t{3}}), std::runtime_error);
}

TEST(OperatorCall, ARememberedOverloadIsTheOneAFreshSearchFinds) {
  const at::Tensor x = at::ones({2, 3});
  const std::vector<std::pair<std::string, CallArguments>> calls = {
      {"add", {{x, x}, {}}},
      {"add", {{x, int64_t{1}}, {}}},
      {"add", {{x, 2.5}, {}}},
      {"add", {{x, true}, {}}},
      {"add", {{x, x}, {{"alpha", int64_t{2}}}}},
      {"add", {{x, x}, {{"out", at::ones({2, 3})}}}},
      {"floor_divide", {{int64_t{7}, x}, {}}},
      {"floor_divide", {{x, int64_t{7}}, {}}},
      {"mul", {{2.0, x}, {}}},
      {"mul", {{x, 2.0}, {}}},
      {"sum", {{x}, {}}},
      {"sum", {{x, int64_t{0}}, {}}},
      {"sum", {{x, c10::IValue(std::vector<int64_t>{0, 1})}, {}}},
      {"sum", {{x}, {{"dtype", dtypeValue(at::kDouble)}}}},
      {"view", {{x, int64_t{6}}, {}}},
      {"view", {{x, int64_t{3}, int64_t{2}}, {}}},
      {"view", {{x, sizeValue({6, 1})}, {}}},
      {"view", {{x, dtypeValue(at::kInt)}, {}}},
      {"hsplit", {{x, int64_t{3}}, {}}},
      {"hsplit", {{x, c10::IValue(std::vector<int64_t>{1, 2})}, {}}},
      {"ones", {{int64_t{3}}, {}}},
      {"ones", {{int64_t{3}, int64_t{2}}, {{"requires_grad", true}}}},
  };
  const auto chosen = [](const std::pair<std::string, CallArguments>& call) {
    const auto* overload = callOperator(call.first, call.second, call.first).overload;
    return overload->schema->name() + "." + overload->schema->overload_name();
  };
  // Choices are remembered per thread: a new thread searches afresh.
  std::vector<std::string> fresh;
  for (const auto& call : calls) {
    std::thread([&] { fresh.push_back(chosen(call)); }).join();
  }
  for (int pass = 0; pass < 2; ++pass) {
    for (std::size_t i = 0; i < calls.size(); ++i) {
      const std::size_t at = pass == 0 ? i : calls.size() - 1 - i;
      EXPECT_EQ(chosen(calls[at]), fresh[at]) << "pass " << pass << ", call " << at;
    }
  }
}

TEST(Effect, PredictedFromAliasAnnotations) {
  const auto effectOf = [](std::string_view name, std::string_view overload) {
    for (const auto& o : *OperatorIndex::instance().find(name)) {
      if (o.schema->overload_name() == overload) return predictEffect(*o.schema);
    }
    ADD_FAILURE() << name << "." << overload;
    return PredictedEffect::None;
  };
  EXPECT_EQ(effectOf("add", "Tensor"), PredictedEffect::New);
  EXPECT_EQ(effectOf("add_", "Tensor"), PredictedEffect::InPlace);
  EXPECT_EQ(effectOf("add", "out"), PredictedEffect::Out);
  EXPECT_EQ(effectOf("view", ""), PredictedEffect::View);
  EXPECT_EQ(effectOf("t", ""), PredictedEffect::View);
  EXPECT_EQ(effectOf("item", ""), PredictedEffect::None);
}

}  // namespace
}  // namespace memlens::ops

#include "ops/ArgumentKinds.h"

#include <ATen/ops/ones.h>
#include <gtest/gtest.h>

#include <string>

#include "ops/Objects.h"

namespace memlens::ops {
namespace {

const std::vector<Overload>& overloadsOf(std::string_view name) {
  return *OperatorIndex::instance().find(name);
}

std::optional<std::string> keyOf(const CallArguments& call, std::string_view op = "add") {
  ArgumentKinds kinds;
  if (!kinds.describe(overloadsOf(op), call)) return std::nullopt;
  return std::string(kinds.key());
}

TEST(ArgumentKinds, SameKindsDifferentValuesShareAKey) {
  const auto a = keyOf({{at::ones({2}), int64_t{1}}, {{"alpha", 2.0}}});
  const auto b = keyOf({{at::ones({5, 5}), int64_t{-7}}, {{"alpha", 0.5}}});
  ASSERT_TRUE(a);
  EXPECT_EQ(a, b);
  EXPECT_EQ(keyOf({{c10::IValue(std::vector<int64_t>{1, 2})}, {}}),
            keyOf({{c10::IValue(std::vector<int64_t>{7, 8})}, {}}));
  EXPECT_EQ(keyOf({{dtypeValue(at::kInt)}, {}}), keyOf({{dtypeValue(at::kDouble)}, {}}));
}

TEST(ArgumentKinds, WhatTheBinderTellsApartGetsDifferentKeys) {
  const at::Tensor x = at::ones({2});
  const auto key = [&](c10::IValue value) { return keyOf({{x, std::move(value)}, {}}); };
  EXPECT_NE(key(int64_t{1}), key(1.0));
  EXPECT_NE(key(int64_t{1}), key(true));
  EXPECT_NE(key(int64_t{1}), key(x));
  EXPECT_NE(key(int64_t{1}), key(c10::IValue()));
  EXPECT_NE(key(dtypeValue(at::kInt)), key(sizeValue({1})));
  EXPECT_NE(key(c10::IValue(std::vector<int64_t>{1, 2})),
            key(c10::IValue(std::vector<double>{1, 2})));
  EXPECT_NE(key(c10::IValue(std::vector<int64_t>{1, 2})),
            key(c10::IValue(std::vector<int64_t>{1, 2, 3})));
  EXPECT_NE(keyOf({{x, x}, {}}), keyOf({{x}, {{"other", x}}}));
  EXPECT_NE(keyOf({{x}, {{"other", x}}}), keyOf({{x}, {{"input", x}}}));
  EXPECT_NE(keyOf({{x, x}, {}}, "add"), keyOf({{x, x}, {}}, "mul"));
}

TEST(ArgumentKinds, TextAndLongListsAreNotDescribed) {
  const at::Tensor x = at::ones({2});
  EXPECT_FALSE(keyOf({{x, std::string("cpu")}, {}}));
  EXPECT_FALSE(keyOf({{x}, {{"rounding_mode", std::string("floor")}}}));
  EXPECT_FALSE(keyOf({{c10::IValue(std::vector<int64_t>(200, 1))}, {}}));
}

}  // namespace
}  // namespace memlens::ops

#include <gtest/gtest.h>

#include "ui/OperatorCode.h"

namespace memlens::ui {
namespace {

// Schemas exactly as `memlens-cli ops` prints them (LibTorch's dispatcher).
const PaletteOperator kAdd{
    "add", "Tensor", "aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor",
    "new"};
const PaletteOperator kAddInPlace{
    "add_", "Tensor",
    "aten::add_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)",
    "in-place"};
const PaletteOperator kAddOut{
    "add", "out",
    "aten::add.out(Tensor self, Tensor other, *, Scalar alpha=1, Tensor(a!) out) -> Tensor(a!)",
    "out="};
const PaletteOperator kT{"t", "", "aten::t(Tensor(a) self) -> Tensor(a)", "view"};
const PaletteOperator kView{"view", "", "aten::view(Tensor(a) self, SymInt[] size) -> Tensor(a)",
                            "view"};
const PaletteOperator kZeros{"zeros", "",
                             "aten::zeros(SymInt[] size, *, ScalarType? dtype=None, Layout? "
                             "layout=None, Device? device=None, bool? pin_memory=None) -> Tensor",
                             "new"};
const PaletteOperator kConv{
    "conv2d", "padding",
    "aten::conv2d.padding(Tensor input, Tensor weight, Tensor? bias=None, int[2] stride=1, str "
    "padding=\"valid\", int[2] dilation=1, int groups=1) -> Tensor",
    "new"};
const PaletteOperator kMaxOut{
    "max", "dim_max",
    "aten::max.dim_max(Tensor self, int dim, bool keepdim=False, *, Tensor(a!) max, Tensor(b!) "
    "max_values) -> (Tensor(a!) values, Tensor(b!) indices)",
    "out="};
const PaletteOperator kRequiresGrad{
    "requires_grad_", "",
    "aten::requires_grad_(Tensor(a!) self, bool requires_grad=True) -> Tensor(a!)", "in-place"};
const PaletteOperator kDetach{"detach", "", "aten::detach(Tensor(a) self) -> Tensor(a)", "view"};
const PaletteOperator kSize{"size", "int", "aten::size.int(Tensor self, int dim) -> int", "none"};
const PaletteOperator kAssert{"_assert_async", "", "aten::_assert_async(Tensor self) -> ()",
                              "none"};
const PaletteOperator kNorm{
    "linalg_vector_norm", "",
    "aten::linalg_vector_norm(Tensor self, Scalar ord=2, int[1]? dim=None, bool keepdim=False, *, "
    "ScalarType? dtype=None) -> Tensor",
    "new"};
const PaletteOperator kSplit{
    "split", "Tensor",
    "aten::split.Tensor(Tensor(a -> *) self, int split_size, int dim=0) -> Tensor(a)[]", "view"};

TEST(ParseSchemaArguments, ReadsNamesTypesDefaultsAndKeywordOnly) {
  const auto args = parseSchemaArguments(kAddOut.schema);
  ASSERT_EQ(args.size(), 4U);
  EXPECT_EQ(args[0].name, "self");
  EXPECT_EQ(args[0].type, "Tensor");
  EXPECT_FALSE(args[0].defaultValue);
  EXPECT_FALSE(args[0].kwOnly);
  EXPECT_EQ(args[2].name, "alpha");
  EXPECT_EQ(args[2].type, "Scalar");
  EXPECT_EQ(args[2].defaultValue, "1");
  EXPECT_TRUE(args[2].kwOnly);
  EXPECT_FALSE(args[2].isOutput);
  EXPECT_EQ(args[3].name, "out");
  EXPECT_EQ(args[3].type, "Tensor(a!)");
  EXPECT_TRUE(args[3].isOutput);
  // A written positional argument is in place, not an output.
  EXPECT_FALSE(parseSchemaArguments(kAddInPlace.schema)[0].isOutput);
}

TEST(ParseSchemaArguments, KeepsBracketsQuotesAndAliasSetsTogether) {
  const auto conv = parseSchemaArguments(kConv.schema);
  ASSERT_EQ(conv.size(), 7U);
  EXPECT_EQ(conv[2].type, "Tensor?");
  EXPECT_EQ(conv[2].defaultValue, "None");
  EXPECT_EQ(conv[3].type, "int[2]");
  EXPECT_EQ(conv[4].defaultValue, "\"valid\"");
  const auto split = parseSchemaArguments(kSplit.schema);
  ASSERT_EQ(split.size(), 3U);
  EXPECT_EQ(split[0].type, "Tensor(a -> *)");
  EXPECT_EQ(split[0].name, "self");
  const auto odd = parseSchemaArguments(
      "aten::f(int[2] stride=[1, 1], str sep=\",\", str q='(', *, Tensor(a!)[] out) -> ()");
  ASSERT_EQ(odd.size(), 4U);
  EXPECT_EQ(odd[0].defaultValue, "[1, 1]");
  EXPECT_EQ(odd[1].defaultValue, "\",\"");
  EXPECT_EQ(odd[2].defaultValue, "'('");
  EXPECT_TRUE(odd[3].isOutput);
  EXPECT_TRUE(parseSchemaArguments("aten::g() -> Tensor").empty());
  EXPECT_TRUE(parseSchemaArguments("not a schema").empty());
}

TEST(OperatorCategories, FollowTheSchemaAndEffect) {
  const auto in = [](const PaletteOperator& op) {
    std::vector<OperatorCategory> categories;
    for (const auto c :
         {OperatorCategory::Create, OperatorCategory::InPlace, OperatorCategory::View,
          OperatorCategory::CopyNew, OperatorCategory::Out, OperatorCategory::Autograd}) {
      if (inCategory(op, c)) categories.push_back(c);
    }
    return categories;
  };
  using C = OperatorCategory;
  EXPECT_EQ(in(kZeros), std::vector{C::Create});
  EXPECT_EQ(in(kAdd), std::vector{C::CopyNew});
  EXPECT_EQ(in(kAddInPlace), std::vector{C::InPlace});
  EXPECT_EQ(in(kAddOut), std::vector{C::Out});
  EXPECT_EQ(in(kT), std::vector{C::View});
  EXPECT_EQ(in(kRequiresGrad), (std::vector{C::InPlace, C::Autograd}));
  EXPECT_EQ(in(kDetach), (std::vector{C::View, C::Autograd}));
  EXPECT_TRUE(in(kSize).empty());
  EXPECT_TRUE(inCategory(kSize, C::All));
  EXPECT_TRUE(isInternal(kAssert));
  EXPECT_FALSE(isInternal(kAdd));
}

TEST(EffectInWords, NamesTheArgumentsConcerned) {
  EXPECT_EQ(effectInWords(kAddInPlace), "writes its `self` argument in place");
  EXPECT_EQ(effectInWords(kT), "returns a view of `self` (shares its storage)");
  EXPECT_EQ(effectInWords(kAdd), "allocates a new tensor");
  EXPECT_EQ(effectInWords(kAddOut), "writes into `out`");
  EXPECT_EQ(effectInWords(kMaxOut), "writes into `max` and `max_values`");
  EXPECT_EQ(effectInWords(kSize), "neither allocates nor writes a tensor");
}

TEST(CodeForCall, WritesEachFormOfCall) {
  EXPECT_EQ(codeForCall(kAdd, {{"self", "a"}, {"other", "b"}}, "t1"), "t1 = torch.add(a, b)");
  EXPECT_EQ(codeForCall(kAdd, {{"self", "a"}, {"other", " b "}, {"alpha", "2"}}, "s"),
            "s = torch.add(a, b, alpha=2)");
  EXPECT_EQ(codeForCall(kAddInPlace, {{"self", "x"}, {"other", "y"}}, "t1"), "x.add_(y)");
  EXPECT_EQ(codeForCall(kAddOut, {{"self", "a"}, {"other", "b"}, {"out", "c"}}, "t1"),
            "torch.add(a, b, out=c)");
  EXPECT_EQ(
      codeForCall(kMaxOut, {{"self", "a"}, {"dim", "0"}, {"max", "m"}, {"max_values", "i"}}, "t1"),
      "torch.max(a, 0, max=m, max_values=i)");
  EXPECT_EQ(codeForCall(kT, {{"self", "a"}}, "b"), "b = a.t()");
  EXPECT_EQ(codeForCall(kView, {{"self", "a"}, {"size", "[3, 2]"}}, "v"), "v = a.view([3, 2])");
  EXPECT_EQ(codeForCall(kZeros, {{"size", "[2, 3]"}, {"dtype", "torch.int64"}}, "z"),
            "z = torch.zeros([2, 3], dtype=torch.int64)");
  EXPECT_EQ(codeForCall(kRequiresGrad, {{"self", "w"}}, "t1"), "w.requires_grad_()");
  EXPECT_EQ(codeForCall(kNorm, {{"self", "a"}}, "n"), "n = torch.linalg.vector_norm(a)");
  EXPECT_EQ(codeForCall(kSize, {{"self", "a"}, {"dim", "0"}}, "n"), "n = torch.size(a, 0)");
  // Nothing to bind: a call returning nothing, or no result name.
  EXPECT_EQ(codeForCall(kAssert, {{"self", "a"}}, "t1"), "torch._assert_async(a)");
  EXPECT_EQ(codeForCall(kAdd, {{"self", "a"}, {"other", "b"}}, " "), "torch.add(a, b)");
  EXPECT_FALSE(bindsResult(kAddInPlace));
  EXPECT_FALSE(bindsResult(kAddOut));
  EXPECT_TRUE(bindsResult(kT));
  EXPECT_EQ(callFormOf(kSplit), CallForm::Method);
  EXPECT_EQ(callFormOf(kAdd), CallForm::Function);
  EXPECT_EQ(callFormOf(kAddOut), CallForm::OutFunction);
}

TEST(CodeForCall, NamesArgumentsAfterOneLeftOut) {
  EXPECT_EQ(codeForCall(kConv, {{"input", "x"}, {"weight", "w"}, {"stride", "2"}}, "y"),
            "y = torch.conv2d(x, w, stride=2)");
  EXPECT_EQ(
      codeForCall(kConv, {{"input", "x"}, {"weight", "w"}, {"bias", "b"}, {"stride", "2"}}, "y"),
      "y = torch.conv2d(x, w, b, 2)");
}

TEST(CodeForCall, RefusesWhileARequiredArgumentIsEmpty) {
  EXPECT_EQ(missingArguments(kAdd, {{"self", "a"}}), std::vector<std::string>{"other"});
  EXPECT_EQ(missingArguments(kAddOut, {{"self", "a"}, {"other", " "}}),
            (std::vector<std::string>{"other", "out"}));
  EXPECT_FALSE(codeForCall(kAdd, {{"self", "a"}}, "t1"));
  EXPECT_TRUE(missingArguments(kZeros, {{"size", "3"}}).empty());
}

}  // namespace
}  // namespace memlens::ui

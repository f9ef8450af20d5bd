#include "session/TensorFacts.h"

#include <ATen/ops/arange.h>
#include <ATen/ops/complex.h>
#include <ATen/ops/ones.h>
#include <ATen/ops/zeros.h>
#include <gtest/gtest.h>

#include "ops/PythonFactory.h"

namespace memlens {
namespace {

TEST(TensorFacts, DtypeNamesArePythons) {
  EXPECT_EQ(dtypeName(at::kFloat), "float32");
  EXPECT_EQ(dtypeName(at::kDouble), "float64");
  EXPECT_EQ(dtypeName(at::kHalf), "float16");
  EXPECT_EQ(dtypeName(at::kBFloat16), "bfloat16");
  EXPECT_EQ(dtypeName(at::kLong), "int64");
  EXPECT_EQ(dtypeName(at::kInt), "int32");
  EXPECT_EQ(dtypeName(at::kShort), "int16");
  EXPECT_EQ(dtypeName(at::kChar), "int8");
  EXPECT_EQ(dtypeName(at::kByte), "uint8");
  EXPECT_EQ(dtypeName(at::kBool), "bool");
  EXPECT_EQ(dtypeName(at::kComplexFloat), "complex64");
  EXPECT_EQ(dtypeName(at::kComplexDouble), "complex128");
}

TEST(TensorFacts, ValuesFollowStridesAndOffsetInRowMajorOrder) {
  const at::Tensor base = at::arange(12).view({3, 4});
  const at::Tensor view = base.t().slice(0, 1, 3);  // columns 1 and 2, transposed
  const auto values = elementValues(view);
  ASSERT_TRUE(values);
  const std::vector<ElementValue> expected{std::int64_t{1}, std::int64_t{5}, std::int64_t{9},
                                           std::int64_t{2}, std::int64_t{6}, std::int64_t{10}};
  EXPECT_EQ(*values, expected);
}

TEST(TensorFacts, ValuesOfEveryReadableDtype) {
  EXPECT_EQ(elementValues(at::ones({2}, at::kBool)), (std::vector<ElementValue>{true, true}));
  EXPECT_EQ(elementValues(at::ones({1}, at::kByte)), (std::vector<ElementValue>{std::int64_t{1}}));
  EXPECT_EQ(elementValues(at::ones({1}, at::kHalf).mul(0.5)), (std::vector<ElementValue>{0.5}));
  EXPECT_EQ(elementValues(at::ones({1}, at::kBFloat16).mul(3)), (std::vector<ElementValue>{3.0}));
  EXPECT_EQ(elementValues(at::complex(at::ones({1}), at::ones({1}).mul(-2))),
            (std::vector<ElementValue>{std::complex<double>(1.0, -2.0)}));
  EXPECT_EQ(elementValues(at::ones({})), (std::vector<ElementValue>{1.0})) << "0-dim: one value";
  EXPECT_EQ(elementValues(at::ones({0, 3})), (std::vector<ElementValue>{}));
}

TEST(TensorFacts, AContiguousViewIsReadFromItsOffset) {
  const at::Tensor base = at::arange(6, at::kInt);
  const at::Tensor view = base.slice(0, 2, 5);
  ASSERT_TRUE(view.is_contiguous());
  EXPECT_EQ(elementValues(view),
            (std::vector<ElementValue>{std::int64_t{2}, std::int64_t{3}, std::int64_t{4}}));
  std::vector<std::uint8_t> bytes{0xff};
  ASSERT_TRUE(gatherElementBytes(view, bytes));
  const auto* first = static_cast<const std::uint8_t*>(base.storage().data()) + 2 * sizeof(int);
  EXPECT_EQ(bytes, std::vector<std::uint8_t>(first, first + 3 * sizeof(int)));
  EXPECT_TRUE(elementBytesEqual(view, bytes));
}

TEST(TensorFacts, BytesFollowStridesLikeACopyInRowMajorOrder) {
  const at::Tensor transposed = at::arange(6, at::kInt).view({2, 3}).t();
  ASSERT_FALSE(transposed.is_contiguous());
  std::vector<std::uint8_t> strided;
  std::vector<std::uint8_t> copied;
  ASSERT_TRUE(gatherElementBytes(transposed, strided));
  ASSERT_TRUE(gatherElementBytes(transposed.contiguous(), copied));
  EXPECT_EQ(strided, copied);
  EXPECT_TRUE(elementBytesEqual(transposed, copied));
}

TEST(TensorFacts, StorageReadAsADtype) {
  const at::Tensor t = at::arange(3, at::kShort);
  EXPECT_EQ(readStorage(t.storage(), at::kShort),
            (std::vector<ElementValue>{std::int64_t{0}, std::int64_t{1}, std::int64_t{2}}));
  EXPECT_EQ(readStorage(t.storage(), at::kByte)->size(), 6u) << "two bytes an element";
  EXPECT_FALSE(readStorage(t.storage(), at::kQInt8)) << "no plain values";
}

TEST(TensorFacts, LargeTensorsCarryNoValues) {
  EXPECT_TRUE(elementValues(at::zeros({kMaxRecordedElements})));
  EXPECT_FALSE(elementValues(at::zeros({kMaxRecordedElements + 1})));
}

TEST(TensorFacts, DescribeTensor) {
  const at::Tensor base = ops::asPythonFactory([] { return at::zeros({2, 3}, at::kDouble); });
  const TensorRecord record = describeTensor(base.t());
  EXPECT_EQ(record.shape, (std::vector<std::int64_t>{3, 2}));
  EXPECT_EQ(record.strides, (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(record.offset, 0);
  EXPECT_EQ(record.dtype, "float64");
  EXPECT_EQ(record.device, "cpu");
  EXPECT_EQ(record.version, 0);
  EXPECT_FALSE(record.requiresGrad);
  EXPECT_FALSE(record.gradFn);
}

TEST(TensorFacts, ReadingValuesNeitherAllocatesNorBumpsTheVersion) {
  const at::Tensor t = at::arange(8).view({2, 4}).t();
  const auto before = versionOf(t);
  const auto* data = t.storage().data();
  elementValues(t);
  EXPECT_EQ(versionOf(t), before);
  EXPECT_EQ(t.storage().data(), data);
}

}  // namespace
}  // namespace memlens

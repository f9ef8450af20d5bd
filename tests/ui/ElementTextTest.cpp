#include "ui/ElementText.h"

#include <gtest/gtest.h>

namespace memlens::ui {
namespace {

TEST(ElementText, IntsPlainFloatsShortBoolsPython) {
  EXPECT_EQ(elementText(ElementValue{std::int64_t{7}}), "7");
  EXPECT_EQ(elementText(ElementValue{std::int64_t{-12}}), "-12");
  EXPECT_EQ(elementText(ElementValue{1.5}), "1.5");
  EXPECT_EQ(elementText(ElementValue{7.0}), "7.");
  EXPECT_EQ(elementText(ElementValue{1.0 / 3.0}), "0.3333");
  EXPECT_EQ(elementText(ElementValue{true}), "True");
  EXPECT_EQ(elementText(ElementValue{false}), "False");
  EXPECT_EQ(elementText(ElementValue{std::complex<double>(1, -2)}), "1.-2j");
}

TEST(ElementText, SizesAndAddresses) {
  EXPECT_EQ(dtypeSize("int64"), 8);
  EXPECT_EQ(dtypeSize("float32"), 4);
  EXPECT_EQ(dtypeSize("bool"), 1);
  EXPECT_EQ(dtypeSize("nonsense"), 0);
  EXPECT_EQ(byteSizeText(8), "8 B");
  EXPECT_EQ(byteSizeText(4096), "4 KiB");
  EXPECT_EQ(byteSizeText(1536 * 1024), "1.5 MiB");
  EXPECT_EQ(shortAddressText(0x55aa1234abcdULL), "\u2026abcd");
}

}  // namespace
}  // namespace memlens::ui

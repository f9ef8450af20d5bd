#include <gtest/gtest.h>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

#include "ui/OperatorPalette.h"

namespace memlens::ui {
namespace {

std::vector<PaletteOperator> someOperators() {
  return {
      {"_assert_async", "", "aten::_assert_async(Tensor self) -> ()", "none"},
      {"add", "Tensor", "aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor",
       "new"},
      {"add", "out",
       "aten::add.out(Tensor self, Tensor other, *, Scalar alpha=1, Tensor(a!) out) -> Tensor(a!)",
       "out="},
      {"add_", "Tensor",
       "aten::add_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> Tensor(a!)",
       "in-place"},
      {"addmm", "",
       "aten::addmm(Tensor self, Tensor mat1, Tensor mat2, *, Scalar beta=1, Scalar "
       "alpha=1) -> Tensor",
       "new"},
      {"mul", "Tensor", "aten::mul.Tensor(Tensor self, Tensor other) -> Tensor", "new"},
      {"pad", "",
       "aten::pad(Tensor self, SymInt[] pad, str mode=\"constant\", float? value=None) -> Tensor",
       "new"},
      {"t", "", "aten::t(Tensor(a) self) -> Tensor(a)", "view"},
      {"zeros", "",
       "aten::zeros(SymInt[] size, *, ScalarType? dtype=None, Layout? layout=None, Device? "
       "device=None, bool? pin_memory=None) -> Tensor",
       "new"},
  };
}

class OperatorPaletteTest : public ::testing::Test {
 protected:
  OperatorPaletteTest() {
    palette.resize(700, 900);
    palette.setOperators(someOperators());
    palette.show();
  }
  template <class T>
  T* child(const QString& name) {
    return palette.findChild<T*>(name);
  }

  OperatorPalette palette;
};

TEST_F(OperatorPaletteTest, SearchesByNameWithNameMatchesFirstAndHidesInternals) {
  EXPECT_EQ(palette.listedOperators(), (QStringList{"add.Tensor", "add.out", "add_.Tensor", "addmm",
                                                    "mul.Tensor", "pad", "t", "zeros"}));
  QTest::keyClicks(child<QLineEdit>("search"), "ad");
  // "ad" starts add, add_ and addmm, and is inside "pad".
  EXPECT_EQ(palette.listedOperators(),
            (QStringList{"add.Tensor", "add.out", "add_.Tensor", "addmm", "pad"}));
  QTest::keyClicks(child<QLineEdit>("search"), "d");
  EXPECT_EQ(palette.listedOperators(),
            (QStringList{"add.Tensor", "add.out", "add_.Tensor", "addmm"}));
  child<QLineEdit>("search")->clear();
  child<QCheckBox>("showInternal")->setChecked(true);
  EXPECT_TRUE(palette.listedOperators().contains("_assert_async"));
}

TEST_F(OperatorPaletteTest, CategoriesComeFromTheSchema) {
  auto* category = child<QComboBox>("category");
  const auto listedIn = [&](const QString& name) {
    category->setCurrentIndex(category->findText(name));
    return palette.listedOperators();
  };
  EXPECT_EQ(listedIn("Create"), QStringList{"zeros"});
  EXPECT_EQ(listedIn("In-place"), QStringList{"add_.Tensor"});
  EXPECT_EQ(listedIn("View"), QStringList{"t"});
  EXPECT_EQ(listedIn("out="), QStringList{"add.out"});
  EXPECT_EQ(listedIn("Copy / new"), (QStringList{"add.Tensor", "addmm", "mul.Tensor", "pad"}));
  EXPECT_EQ(listedIn("All").size(), 8);
}

TEST_F(OperatorPaletteTest, FormBlocksInsertUntilRequiredArgumentsAreFilled) {
  ASSERT_TRUE(palette.selectOperator("add.Tensor"));
  EXPECT_TRUE(child<QLabel>("schema")->text().contains("Scalar alpha=1"));
  EXPECT_EQ(child<QLabel>("effect")->text(), "Predicted: allocates a new tensor");
  auto* insert = child<QPushButton>("insert");
  auto* hint = child<QLabel>("hint");
  EXPECT_FALSE(insert->isEnabled());
  EXPECT_TRUE(hint->isVisible());
  EXPECT_EQ(hint->text(), "Needs a value for: self, other");
  EXPECT_EQ(child<QLineEdit>("arg:alpha")->placeholderText(), "default: 1");
  EXPECT_EQ(child<QLineEdit>("arg:other")->placeholderText(), "required");

  QSignalSpy inserted(&palette, &OperatorPalette::insertCode);
  QTest::keyClicks(child<QLineEdit>("arg:self"), "a");
  QTest::keyClicks(child<QLineEdit>("arg:other"), "b");
  EXPECT_TRUE(insert->isEnabled());
  EXPECT_FALSE(hint->isVisible());
  EXPECT_EQ(child<QLabel>("preview")->text(), "t1 = torch.add(a, b)");
  QTest::mouseClick(insert, Qt::LeftButton);
  ASSERT_EQ(inserted.count(), 1);
  EXPECT_EQ(inserted.at(0).at(0).toString(), "t1 = torch.add(a, b)");
  // The next call gets a fresh name; Enter in a field inserts too.
  EXPECT_EQ(child<QLineEdit>("result")->text(), "t2");
  QTest::keyClick(child<QLineEdit>("arg:alpha"), Qt::Key_3);
  QTest::keyClick(child<QLineEdit>("arg:alpha"), Qt::Key_Return);
  ASSERT_EQ(inserted.count(), 2);
  EXPECT_EQ(inserted.at(1).at(0).toString(), "t2 = torch.add(a, b, alpha=3)");
}

TEST_F(OperatorPaletteTest, InPlaceCallsBindNothing) {
  ASSERT_TRUE(palette.selectOperator("add_.Tensor"));
  EXPECT_EQ(child<QLabel>("effect")->text(), "Predicted: writes its `self` argument in place");
  EXPECT_FALSE(child<QLineEdit>("result")->isVisible());
  QTest::keyClicks(child<QLineEdit>("arg:self"), "x");
  QTest::keyClicks(child<QLineEdit>("arg:other"), "y");
  EXPECT_EQ(child<QLabel>("preview")->text(), "x.add_(y)");
}

TEST_F(OperatorPaletteTest, EnterInTheSearchBoxMovesToTheList) {
  palette.activateWindow();
  ASSERT_TRUE(QTest::qWaitForWindowActive(&palette));
  auto* search = child<QLineEdit>("search");
  search->setFocus();
  QTest::keyClicks(search, "zer");
  QTest::keyClick(search, Qt::Key_Return);
  EXPECT_TRUE(child<QTreeView>("operators")->hasFocus());
  EXPECT_TRUE(child<QLabel>("schema")->text().startsWith("aten::zeros("));
}

TEST(OperatorPalette, FiltersThousandsOfOperatorsQuickly) {
  std::vector<PaletteOperator> ops;
  for (int i = 0; i < 5000; ++i) {
    ops.push_back({"op" + std::to_string(i), "",
                   "aten::op" + std::to_string(i) + "(Tensor self, Tensor other) -> Tensor",
                   "new"});
  }
  OperatorPalette palette;
  palette.setOperators(std::move(ops));
  auto* search = palette.findChild<QLineEdit*>("search");
  QElapsedTimer timer;
  timer.start();
  QTest::keyClicks(search, "op12");
  EXPECT_EQ(palette.listedOperators().size(), 111);  // op12, op120..op129, op1200..op1299
  EXPECT_EQ(palette.listedOperators().front(), "op12");
  EXPECT_LT(timer.elapsed(), 2000);
}

}  // namespace
}  // namespace memlens::ui

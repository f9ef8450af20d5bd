// Differential tests: repr() and format() of floats, ints, complex numbers and strings,
// compared with the reference Python.
#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "ReferencePython.h"
#include "script/PythonFormat.h"
#include "session/ScriptError.h"

namespace memlens::script {
namespace {

// An exact Python literal for a double.
std::string pythonFloat(double value) {
  if (std::isnan(value)) return "float('nan')";
  if (std::isinf(value)) return value > 0 ? "float('inf')" : "float('-inf')";
  char buffer[64];
  const auto written = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::hex);
  return "float.fromhex('" + std::string(buffer, written.ptr) + "')";
}

// What Python would print: the result, or "Type: message" for an exception.
std::string outcome(const std::function<std::string()>& produce) {
  try {
    return produce();
  } catch (const ScriptError& error) {
    return error.type() + ": " + error.what();
  }
}

struct Case {
  std::string python;  // an expression producing a str
  std::function<std::string()> cpp;
};

void expectSameAsPython(const std::vector<Case>& cases) {
  std::vector<std::string> calls;
  for (const auto& c : cases) calls.push_back("show(lambda: " + c.python + ")");
  const std::vector<std::string> expected = test::runReferencePython("", calls);
  ASSERT_EQ(expected.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(outcome(cases[i].cpp), expected[i]) << "Python: " << cases[i].python;
  }
}

std::vector<double> interestingDoubles() {
  std::vector<double> values = {0.0,
                                -0.0,
                                1.0,
                                -1.0,
                                0.1,
                                0.2,
                                0.1 + 0.2,
                                1.0 / 3.0,
                                2.0 / 3.0,
                                1.5,
                                100.0,
                                1e-5,
                                1e16,
                                1e15,
                                9999999999999998.0,
                                1.5e300,
                                -1.5e-300,
                                123456789.123,
                                9007199254740992.0,
                                9007199254740994.0,
                                0.0001,
                                0.00001,
                                0.000123456,
                                1.7976931348623157e308,
                                2.2250738585072014e-308,
                                2.2250738585072009e-308,
                                4.9406564584124654e-324,
                                1e-320,
                                -5e-324,
                                std::numeric_limits<double>::infinity(),
                                -std::numeric_limits<double>::infinity(),
                                std::numeric_limits<double>::quiet_NaN(),
                                -std::numeric_limits<double>::quiet_NaN(),
                                3.14159265358979,
                                2.5,
                                0.5,
                                1234.5,
                                5e-7,
                                123e20};
  // Powers of ten and their neighbours around the switches to exponent notation.
  for (int exponent = -25; exponent <= 25; ++exponent) {
    const double power = std::pow(10.0, exponent);
    values.push_back(power);
    values.push_back(std::nextafter(power, 0.0));
    values.push_back(std::nextafter(power, std::numeric_limits<double>::infinity()));
  }
  std::mt19937_64 generator(20240521);
  // Arbitrary bit patterns cover every exponent and long shortest representations.
  for (int i = 0; i < 150; ++i) {
    const std::uint64_t bits = generator();
    double value = 0;
    static_assert(sizeof value == sizeof bits);
    std::memcpy(&value, &bits, sizeof value);
    if (std::isfinite(value)) values.push_back(value);
  }
  std::uniform_real_distribution<double> unit(-1.0, 1.0);
  for (int exponent = -20; exponent <= 20; exponent += 2) {
    values.push_back(unit(generator) * std::pow(10.0, exponent));
  }
  return values;
}

TEST(PythonFormatTest, FloatReprMatchesPython) {
  std::vector<Case> cases;
  for (const double value : interestingDoubles()) {
    cases.push_back(
        {"repr(" + pythonFloat(value) + ")", [value] { return formatPythonFloat(value); }});
  }
  EXPECT_GT(cases.size(), 300u);
  expectSameAsPython(cases);
}

TEST(PythonFormatTest, ComplexReprMatchesPython) {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> parts = {0.0, -0.0, 1.0, -1.0, 2.5, 1e16, 1e-5, 0.1, inf, -inf, nan};
  std::vector<Case> cases;
  for (const double real : parts) {
    for (const double imag : parts) {
      cases.push_back({"repr(complex(" + pythonFloat(real) + ", " + pythonFloat(imag) + "))",
                       [real, imag] { return formatPythonComplex(real, imag); }});
    }
  }
  expectSameAsPython(cases);
}

TEST(PythonFormatTest, StringReprMatchesPython) {
  const std::vector<std::string> texts = {
      "",
      "hello",
      "it's",
      "say \"hi\"",
      "both ' and \"",
      "back\\slash",
      "tab\there",
      "new\nline",
      "carriage\rreturn",
      std::string("nul\0byte", 8),
      "bell\x07",
      "escape\x1b[0m",
      "delete\x7f",
      "caf\xc3\xa9",
      "\xe2\x98\x85 star",
      "\xf0\x9f\x98\x80 emoji",
      "\xe4\xb8\xad\xe6\x96\x87",
      "nbsp\xc2\xa0here",
      "soft\xc2\xadhyphen",
      "c1\xc2\x85"
      "control",
      "zero\xe2\x80\x8bwidth",
      "line\xe2\x80\xa8separator",
      "bom\xef\xbb\xbf",
      "private\xee\x80\x80use",
      "unassigned\xf0\x9f\xbf\xbf",
      "tag\xf3\xa0\x80\x81",
      "ideographic\xe3\x80\x80space",
      "'",
      "\"",
      "'\"",
      "\\'",
  };
  std::vector<Case> cases;
  for (const auto& text : texts) {
    cases.push_back({"repr(" + test::pythonStringLiteral(text) + ")",
                     [text] { return quotePythonString(text); }});
  }
  expectSameAsPython(cases);
}

TEST(PythonFormatTest, FloatFormatSpecsMatchPython) {
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> values = {0.0,          -0.0,  1.0,    -1.5,  3.14159265, 1234567.891,
                                      1e-7,         1e20,  0.5,    2.5,   inf,        -inf,
                                      std::nan(""), 123.0, -0.004, 0.125, 1e16,       99.995};
  const std::vector<std::string> specs = {"",          ".2f",
                                          "10.3f",     "<10",
                                          ">10",       "^10",
                                          "*^12.2f",   "+",
                                          " ",         "+.3e",
                                          ".3E",       "e",
                                          "g",         ".3g",
                                          "G",         ".10g",
                                          "#g",        "#.3g",
                                          ".0f",       "#.0f",
                                          ".0e",       ",",
                                          ",.2f",      "_.1f",
                                          "012.3f",    "012,.2f",
                                          "=+12.2f",   "%",
                                          ".1%",       "z.1f",
                                          "z",         "n",
                                          ".3",        ".0",
                                          "#",         "010",
                                          "-010.2f",   "F",
                                          ".2F",       ".20f",
                                          ".17g",      "#.0e",
                                          ".5",        "0<8",
                                          "x<8.1f",    "\xe2\x98\x85^9",
                                          "0=+10,.1f", "z+.2f",
                                          "_",         ",e",
                                          "#.2%",      ".1"};
  std::vector<Case> cases;
  for (const double value : values) {
    for (const auto& spec : specs) {
      cases.push_back(
          {"format(" + pythonFloat(value) + ", " + test::pythonStringLiteral(spec) + ")",
           [value, spec] { return formatWithSpec(value, spec); }});
    }
  }
  expectSameAsPython(cases);
}

TEST(PythonFormatTest, IntegerFormatSpecsMatchPython) {
  const std::vector<std::int64_t> values = {0,
                                            1,
                                            -1,
                                            42,
                                            -255,
                                            1234567,
                                            65,
                                            -9876543210,
                                            std::numeric_limits<std::int64_t>::max(),
                                            std::numeric_limits<std::int64_t>::min()};
  const std::vector<std::string> specs = {
      "",    "d",    "5d",     "<5",  "^7",  "+d",   " d",   ",",       "_",  "x",
      "X",   "#x",   "#X",     "o",   "#o",  "b",    "#b",   "_b",      "_x", "#_x",
      "010", "010,", "#010x",  "+#x", "c",   "n",    "e",    ".2f",     "%",  "g",
      "=+8", "08_b", "*>+10,", "E",   ".3G", ",.1f", "<#8o", "^+#12_X", "08,"};
  std::vector<Case> cases;
  for (const std::int64_t value : values) {
    for (const auto& spec : specs) {
      cases.push_back(
          {"format(" + std::to_string(value) + ", " + test::pythonStringLiteral(spec) + ")",
           [value, spec] { return formatWithSpec(value, spec); }});
    }
  }
  expectSameAsPython(cases);
}

TEST(PythonFormatTest, BadSpecsRaisePythonsErrors) {
  const std::vector<std::string> floatSpecs = {
      "q",    "d", "x",  ".",   "10.3q", "xx", ",_",       "_,",
      ",c",   "c", "#c", ",n",  "_n",    ",x", "\xc3\xa9", "99999999999999999999999",
      ".2.3", "=", "<<", "\x01"};
  const std::vector<std::string> intSpecs = {".2", "z", "+c", "#c", "q", ",c",
                                             "_o", "s", ",_", ".",  "a"};
  std::vector<Case> cases;
  for (const auto& spec : floatSpecs) {
    cases.push_back({"format(1.5, " + test::pythonStringLiteral(spec) + ")",
                     [spec] { return formatWithSpec(1.5, spec); }});
  }
  for (const auto& spec : intSpecs) {
    cases.push_back({"format(7, " + test::pythonStringLiteral(spec) + ")",
                     [spec] { return formatWithSpec(std::int64_t{7}, spec); }});
  }
  cases.push_back(
      {"format(1114112, 'c')", [] { return formatWithSpec(std::int64_t{1114112}, "c"); }});
  cases.push_back({"format(-1, 'c')", [] { return formatWithSpec(std::int64_t{-1}, "c"); }});
  cases.push_back(
      {"format(9733, '^5c')", [] { return formatWithSpec(std::int64_t{9733}, "^5c"); }});
  expectSameAsPython(cases);
}

TEST(PythonFormatTest, TensorNotationsMatchPython) {
  std::vector<Case> cases;
  for (const double value :
       {0.0, -0.0, 1.0, 0.00005, 0.00015, 1.00005, -2.5, 1e10, 3e38, std::nan("")}) {
    for (const int precision : {0, 2, 4, 8}) {
      const std::string p = std::to_string(precision);
      cases.push_back({"'{:." + p + "f}'.format(" + pythonFloat(value) + ")",
                       [value, precision] { return formatFixed(value, precision); }});
      cases.push_back({"'{:." + p + "e}'.format(" + pythonFloat(value) + ")",
                       [value, precision] { return formatScientific(value, precision); }});
    }
  }
  expectSameAsPython(cases);
}

}  // namespace
}  // namespace memlens::script

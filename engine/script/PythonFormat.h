#pragma once
// Python 3.11's text for numbers and strings: repr(float), repr(complex), repr(str) and
// format(value, spec), character for character.

#include <cstdint>
#include <string>
#include <string_view>

namespace memlens::script {

// repr(float): shortest round-trip digits, exponent below 1e-4 and from 1e16 on.
std::string formatPythonFloat(double value);

// repr(complex(real, imag)): "2j", "(1+2j)", "(-0-1j)".
std::string formatPythonComplex(double real, double imag);

// repr(str) of UTF-8 text: quote choice, escapes, printable non-ASCII kept as is.
std::string quotePythonString(std::string_view text);

// format(value, spec) with Python's format-spec mini language. Throws
// memlens::ScriptError("ValueError", ...) with Python's message for a bad spec.
std::string formatWithSpec(double value, std::string_view spec);
std::string formatWithSpec(std::int64_t value, std::string_view spec);

// '{:.<precision>f}' and '{:.<precision>e}' of a float: the two notations tensor printing uses.
std::string formatFixed(double value, int precision);
std::string formatScientific(double value, int precision);

}  // namespace memlens::script

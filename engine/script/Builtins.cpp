#include "script/Builtins.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "script/Indexing.h"
#include "script/Objects.h"
#include "script/Operators.h"
#include "script/PythonFormat.h"
#include "script/ValueFormat.h"
#include "script/Values.h"
#include "session/Cancellation.h"

namespace memlens::script {
namespace {

using Args = ops::CallArguments;

void expectArguments(const Args& args, std::string_view name, std::size_t min, std::size_t max) {
  const auto n = args.positional.size();
  if (n >= min && n <= max) return;
  if (min == max) {
    throwTypeError(std::string(name) + "() takes exactly " +
                   (min == 1 ? "one argument" : std::to_string(min) + " arguments") + " (" +
                   std::to_string(n) + " given)");
  }
  throwTypeError(std::string(name) + " expected " +
                 (n < min ? "at least " + std::to_string(min) : "at most " + std::to_string(max)) +
                 " argument" + ((n < min ? min : max) == 1 ? "" : "s") + ", got " +
                 std::to_string(n));
}

void rejectKeywords(const Args& args, std::string_view name) {
  if (!args.keywords.empty()) throwTypeError(std::string(name) + "() takes no keyword arguments");
}

c10::IValue itemOf(const c10::IValue& tensor) {
  auto result = ops::callOperator("item", Args{{tensor}, {}}, "item");
  return result.returns.at(0);
}

std::int64_t toInt(const c10::IValue& v) {
  if (isIntLike(v)) return toIntLike(v);
  if (v.isDouble()) {
    const double d = v.toDouble();
    if (std::isnan(d)) throw ScriptError("ValueError", "cannot convert float NaN to integer");
    if (std::isinf(d))
      throw ScriptError("OverflowError", "cannot convert float infinity to integer");
    return static_cast<std::int64_t>(std::trunc(d));
  }
  if (v.isTensor()) {
    if (v.toTensor().numel() != 1) {
      throw ScriptError("ValueError",
                        "only one element tensors can be converted to Python scalars");
    }
    return toInt(itemOf(v));
  }
  if (v.isString()) {
    std::string text = v.toStringRef();
    text.erase(0, text.find_first_not_of(" \t\n"));
    text.erase(text.find_last_not_of(" \t\n") + 1);
    std::int64_t out = 0;
    const char* begin = text.data() + (text.starts_with('+') ? 1 : 0);
    auto [end, error] = std::from_chars(begin, text.data() + text.size(), out);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
      throw ScriptError("ValueError", "invalid literal for int() with base 10: " +
                                          quotePythonString(v.toStringRef()));
    }
    return out;
  }
  throwTypeError("int() argument must be a string, a bytes-like object or a real number, not '" +
                 ops::pythonTypeName(v) + "'");
}

double toFloat(const c10::IValue& v) {
  if (v.isDouble()) return v.toDouble();
  if (isIntLike(v)) return static_cast<double>(toIntLike(v));
  if (v.isTensor()) {
    if (v.toTensor().numel() != 1) {
      throw ScriptError("ValueError",
                        "only one element tensors can be converted to Python scalars");
    }
    return toFloat(itemOf(v));
  }
  if (v.isString()) {
    std::string text = v.toStringRef();
    if (text == "nan" || text == "inf" || text == "-inf" || text == "+inf") {
      const double infinity = std::numeric_limits<double>::infinity();
      return text == "nan" ? std::nan("") : (text == "-inf" ? -infinity : infinity);
    }
    double out = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
      throw ScriptError("ValueError",
                        "could not convert string to float: " + quotePythonString(text));
    }
    return out;
  }
  throwTypeError("float() argument must be a string or a real number, not '" +
                 ops::pythonTypeName(v) + "'");
}

// The value a Python type name's isinstance() check accepts.
bool isInstance(const c10::IValue& value, const std::string& typeName) {
  if (typeName == "object") return true;
  if (typeName == "int") return isIntLike(value);
  if (typeName == "tuple") return value.isTuple() || objectAs<ops::SizeObject>(value);
  return qualifiedTypeName(value) == typeName;
}

c10::IValue minMax(const Args& args, bool wantMax, const std::string& name) {
  if (args.positional.empty()) throwTypeError(name + " expected at least 1 argument, got 0");
  std::vector<c10::IValue> items =
      args.positional.size() == 1 ? materialize(args.positional[0]) : args.positional;
  if (items.empty()) throw ScriptError("ValueError", name + "() arg is an empty sequence");
  c10::IValue best = items[0];
  for (std::size_t i = 1; i < items.size(); ++i) {
    const bool better = truthy(compare(wantMax ? CompareOp::Gt : CompareOp::Lt, items[i], best));
    if (better) best = items[i];
  }
  return best;
}

c10::IValue roundValue(const Args& args) {
  expectArguments(args, "round", 1, 2);
  const c10::IValue& v = args.positional[0];
  const bool digitsGiven = args.positional.size() == 2 && !args.positional[1].isNone();
  if (v.isTensor()) {
    if (digitsGiven) {
      return ops::callOperator("round", Args{{v}, {{"decimals", args.positional[1]}}}, "round")
          .returns.at(0);
    }
    return ops::callOperator("round", Args{{v}, {}}, "round").returns.at(0);
  }
  if (isIntLike(v)) return toIntLike(v);
  const double d = toFloat(v);
  if (!digitsGiven) return static_cast<std::int64_t>(std::nearbyint(d));  // half to even
  const std::int64_t digits = toIntLike(args.positional[1]);
  if (digits >= 0 && digits < 300) {
    // CPython rounds the exact binary value: correctly rounded decimal text, read back.
    return std::strtod(formatFixed(d, static_cast<int>(digits)).c_str(), nullptr);
  }
  const double scale = std::pow(10.0, static_cast<double>(-digits));
  return std::nearbyint(d / scale) * scale;
}

}  // namespace

std::string qualifiedTypeName(const c10::IValue& value) {
  if (value.isTensor()) return "torch.Tensor";
  if (auto names = namedTupleNames(value)) return names->typeName;
  if (value.isDevice()) return "torch.device";
  if (value.isTensorList() || value.isIntList() || value.isDoubleList()) return "list";
  return ops::pythonTypeName(value);
}

std::optional<c10::IValue> builtin(std::string_view name, Scope& scope, const ScriptState& state) {
  const PrintOptions* options = &state.printOptions;
  Scope* sink = &scope;
  if (name == "print") {
    return makeFunction("print", [sink, options](const Args& args) -> c10::IValue {
      std::string sep = " ", end = "\n";
      for (const auto& [key, value] : args.keywords) {
        if (key != "sep" && key != "end" && key != "flush") {
          throwTypeError("'" + key + "' is an invalid keyword argument for print()");
        }
        if (key == "flush") continue;
        if (!value.isNone() && !value.isString()) {
          throwTypeError(key + " must be None or a string, not " + ops::pythonTypeName(value));
        }
        (key == "sep" ? sep : end) =
            value.isNone() ? (key == "sep" ? " " : "\n") : value.toStringRef();
      }
      std::string text;
      for (std::size_t i = 0; i < args.positional.size(); ++i) {
        if (i > 0) text += sep;
        text += str(args.positional[i], *options);
      }
      sink->print(text + end);
      return c10::IValue();
    });
  }
  if (name == "len") {
    return makeFunction("len", [](const Args& args) -> c10::IValue {
      rejectKeywords(args, "len");
      expectArguments(args, "len", 1, 1);
      return length(args.positional[0]);
    });
  }
  if (name == "range") {
    return makeObject<TypeObject>("range", [](const Args& args) -> c10::IValue {
      rejectKeywords(args, "range");
      expectArguments(args, "range", 1, 3);
      std::vector<std::int64_t> bounds;
      for (const auto& v : args.positional) {
        if (!isIntLike(v)) {
          throwTypeError("'" + ops::pythonTypeName(v) +
                         "' object cannot be interpreted as an integer");
        }
        bounds.push_back(toIntLike(v));
      }
      if (bounds.size() == 1) return makeObject<RangeObject>(0, bounds[0], 1);
      const std::int64_t step = bounds.size() == 3 ? bounds[2] : 1;
      if (step == 0) throw ScriptError("ValueError", "range() arg 3 must not be zero");
      return makeObject<RangeObject>(bounds[0], bounds[1], step);
    });
  }
  if (name == "id") {
    return makeFunction("id", [](const Args& args) -> c10::IValue {
      expectArguments(args, "id", 1, 1);
      return objectId(args.positional[0]);
    });
  }
  if (name == "int") {
    return makeObject<TypeObject>("int", [](const Args& args) -> c10::IValue {
      expectArguments(args, "int", 0, 1);
      return args.positional.empty() ? 0 : toInt(args.positional[0]);
    });
  }
  if (name == "float") {
    return makeObject<TypeObject>("float", [](const Args& args) -> c10::IValue {
      expectArguments(args, "float", 0, 1);
      return args.positional.empty() ? 0.0 : toFloat(args.positional[0]);
    });
  }
  if (name == "bool") {
    return makeObject<TypeObject>("bool", [](const Args& args) -> c10::IValue {
      expectArguments(args, "bool", 0, 1);
      return !args.positional.empty() && truthy(args.positional[0]);
    });
  }
  if (name == "str" || name == "repr") {
    const bool isRepr = name == "repr";
    FunctionObject::Body body = [options, isRepr](const Args& args) -> c10::IValue {
      expectArguments(args, isRepr ? "repr" : "str", isRepr ? 1 : 0, 1);
      if (args.positional.empty()) return std::string();
      return isRepr ? repr(args.positional[0], *options) : str(args.positional[0], *options);
    };
    return isRepr ? makeFunction("repr", std::move(body))
                  : makeObject<TypeObject>("str", std::move(body));
  }
  if (name == "abs") {
    return makeFunction("abs", [](const Args& args) -> c10::IValue {
      expectArguments(args, "abs", 1, 1);
      const c10::IValue& v = args.positional[0];
      if (v.isTensor()) return ops::callOperator("abs", Args{{v}, {}}, "abs").returns.at(0);
      if (v.isDouble()) return std::fabs(v.toDouble());
      if (v.isComplexDouble())
        return std::abs(
            std::complex<double>(v.toComplexDouble().real(), v.toComplexDouble().imag()));
      if (isIntLike(v)) {
        const std::int64_t i = toIntLike(v);
        if (i == std::numeric_limits<std::int64_t>::min()) {
          throw ScriptError("OverflowError", "integer result does not fit in 64 bits in MemLens");
        }
        return std::abs(i);
      }
      throwTypeError("bad operand type for abs(): '" + ops::pythonTypeName(v) + "'");
    });
  }
  if (name == "min" || name == "max") {
    const bool wantMax = name == "max";
    return makeFunction(std::string(name), [wantMax](const Args& args) -> c10::IValue {
      return minMax(args, wantMax, wantMax ? "max" : "min");
    });
  }
  if (name == "sum") {
    return makeFunction("sum", [](const Args& args) -> c10::IValue {
      expectArguments(args, "sum", 1, 2);
      c10::IValue total =
          args.positional.size() == 2 ? args.positional[1] : c10::IValue(std::int64_t{0});
      iterate(args.positional[0], [&](const c10::IValue& item) {
        checkCancellation();
        total = binaryOperation(BinaryOp::Add, total, item);
        return true;
      });
      return total;
    });
  }
  if (name == "round") return makeFunction("round", roundValue);
  if (name == "list" || name == "tuple") {
    const bool tuple = name == "tuple";
    return makeObject<TypeObject>(std::string(name), [tuple](const Args& args) -> c10::IValue {
      expectArguments(args, tuple ? "tuple" : "list", 0, 1);
      auto items =
          args.positional.empty() ? std::vector<c10::IValue>{} : materialize(args.positional[0]);
      return tuple ? makeTuple(std::move(items)) : makeList(std::move(items));
    });
  }
  if (name == "isinstance") {
    return makeFunction("isinstance", [](const Args& args) -> c10::IValue {
      expectArguments(args, "isinstance", 2, 2);
      const auto check = [&](const c10::IValue& type) {
        const auto* t = objectAs<TypeObject>(type);
        if (!t) throwTypeError("isinstance() arg 2 must be a type, a tuple of types, or a union");
        return isInstance(args.positional[0], t->name);
      };
      if (args.positional[1].isTuple()) {
        for (const auto& type : sequenceItems(args.positional[1])) {
          if (check(type)) return true;
        }
        return false;
      }
      return check(args.positional[1]);
    });
  }
  if (name == "type") {
    return makeFunction("type", [](const Args& args) -> c10::IValue {
      expectArguments(args, "type", 1, 1);
      return makeObject<TypeObject>(qualifiedTypeName(args.positional[0]));
    });
  }
  if (name == "enumerate") {
    return makeFunction("enumerate", [](const Args& args) -> c10::IValue {
      expectArguments(args, "enumerate", 1, 2);
      std::int64_t start = args.positional.size() == 2 ? toIntLike(args.positional[1]) : 0;
      if (const auto* s = findKeyword(args, "start")) start = toIntLike(*s);
      std::vector<c10::IValue> out;
      for (auto& item : materialize(args.positional[0])) out.push_back(makeTuple({start++, item}));
      return makeList(std::move(out));
    });
  }
  if (name == "zip") {
    return makeFunction("zip", [](const Args& args) -> c10::IValue {
      std::vector<std::vector<c10::IValue>> columns;
      std::size_t shortest = args.positional.empty() ? 0 : SIZE_MAX;
      for (const auto& iterable : args.positional) {
        columns.push_back(materialize(iterable));
        shortest = std::min(shortest, columns.back().size());
      }
      std::vector<c10::IValue> out;
      for (std::size_t i = 0; i < shortest; ++i) {
        std::vector<c10::IValue> row;
        for (const auto& column : columns) row.push_back(column[i]);
        out.push_back(makeTuple(std::move(row)));
      }
      return makeList(std::move(out));
    });
  }
  if (name == "reversed" || name == "sorted") {
    const bool sort = name == "sorted";
    return makeFunction(std::string(name), [sort](const Args& args) -> c10::IValue {
      expectArguments(args, sort ? "sorted" : "reversed", 1, 1);
      auto items = materialize(args.positional[0]);
      if (sort) {
        std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
          return truthy(compare(CompareOp::Lt, a, b));
        });
        if (const auto* reverse = findKeyword(args, "reverse"); reverse && truthy(*reverse)) {
          std::reverse(items.begin(), items.end());
        }
      } else {
        std::reverse(items.begin(), items.end());
      }
      return makeList(std::move(items));
    });
  }
  for (const char* typeName : {"object", "complex", "dict", "slice"}) {
    if (name == typeName) return makeObject<TypeObject>(typeName);
  }
  return std::nullopt;
}

}  // namespace memlens::script

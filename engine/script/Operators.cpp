#include "script/Operators.h"

#include <cmath>
#include <limits>

#include "ops/Objects.h"
#include "ops/OperatorCall.h"
#include "script/Objects.h"
#include "script/Values.h"
#include "session/Cancellation.h"
#include "session/MemoryBudget.h"

namespace memlens::script {
namespace {

const char* symbolOf(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::Div: return "/";
    case BinaryOp::FloorDiv: return "//";
    case BinaryOp::Mod: return "%";
    case BinaryOp::Pow: return "** or pow()";
    case BinaryOp::MatMul: return "@";
    case BinaryOp::BitAnd: return "&";
    case BinaryOp::BitOr: return "|";
    case BinaryOp::BitXor: return "^";
    case BinaryOp::LShift: return "<<";
    case BinaryOp::RShift: return ">>";
  }
  return "?";
}

[[noreturn]] void unsupported(BinaryOp op, const c10::IValue& a, const c10::IValue& b) {
  throwTypeError(std::string("unsupported operand type(s) for ") + symbolOf(op) + ": '" +
                 ops::pythonTypeName(a) + "' and '" + ops::pythonTypeName(b) + "'");
}

c10::IValue callOp(std::string_view name, std::vector<c10::IValue> positional) {
  auto result = ops::callOperator(name, ops::CallArguments{std::move(positional), {}}, name);
  return pythonValue(std::move(result.returns.at(0)));
}

// Tensor.__<op>__ and its reflected form, as torch/_tensor.py and the C
// bindings define them.
c10::IValue tensorBinary(BinaryOp op, const c10::IValue& a, const c10::IValue& b) {
  const bool reflected = !a.isTensor();
  const c10::IValue& self = reflected ? b : a;
  const c10::IValue& other = reflected ? a : b;
  switch (op) {
    case BinaryOp::Add: return callOp("add", {self, other});
    case BinaryOp::Mul: return callOp("mul", {self, other});
    case BinaryOp::Sub:
      return reflected ? callOp("rsub", {self, other}) : callOp("sub", {self, other});
    case BinaryOp::Div:
      if (reflected) return callOp("mul", {callOp("reciprocal", {self}), other});
      return callOp("div", {self, other});
    case BinaryOp::FloorDiv: return callOp("floor_divide", {a, b});
    case BinaryOp::Mod: return callOp("remainder", {a, b});
    case BinaryOp::Pow: return callOp("pow", {a, b});
    case BinaryOp::MatMul: return callOp("matmul", {a, b});
    case BinaryOp::BitAnd: return callOp("__and__", {self, other});
    case BinaryOp::BitOr: return callOp("__or__", {self, other});
    case BinaryOp::BitXor: return callOp("__xor__", {self, other});
    case BinaryOp::LShift:
      return reflected ? callOp("__rlshift__", {self, other}) : callOp("__lshift__", {self, other});
    case BinaryOp::RShift:
      return reflected ? callOp("__rrshift__", {self, other}) : callOp("__rshift__", {self, other});
  }
  unsupported(op, a, b);
}

std::int64_t checked(bool overflowed, std::int64_t value) {
  if (overflowed) {
    throw ScriptError("OverflowError", "integer result does not fit in 64 bits in MemLens");
  }
  return value;
}

// a op b with overflow detection; the result is read only after the builtin wrote it.
template <typename Builtin>
std::int64_t checkedArithmetic(Builtin builtin, std::int64_t a, std::int64_t b) {
  std::int64_t result = 0;
  const bool overflowed = builtin(a, b, &result);
  return checked(overflowed, result);
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
  if (b == 0) throw ScriptError("ZeroDivisionError", "integer division or modulo by zero");
  // The one quotient beyond 64 bits, and a hardware trap in C++.
  if (a == std::numeric_limits<std::int64_t>::min() && b == -1) checked(true, 0);
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

std::int64_t floorMod(std::int64_t a, std::int64_t b) {
  if (b == 0) throw ScriptError("ZeroDivisionError", "integer division or modulo by zero");
  if (b == -1) return 0;  // INT64_MIN % -1 traps in C++
  std::int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

c10::IValue intBinary(BinaryOp op, std::int64_t a, std::int64_t b) {
  switch (op) {
    case BinaryOp::Add:
      return checkedArithmetic(
          [](auto x, auto y, auto* r) { return __builtin_add_overflow(x, y, r); }, a, b);
    case BinaryOp::Sub:
      return checkedArithmetic(
          [](auto x, auto y, auto* r) { return __builtin_sub_overflow(x, y, r); }, a, b);
    case BinaryOp::Mul:
      return checkedArithmetic(
          [](auto x, auto y, auto* r) { return __builtin_mul_overflow(x, y, r); }, a, b);
    case BinaryOp::Div:
      if (b == 0) throw ScriptError("ZeroDivisionError", "division by zero");
      return static_cast<double>(a) / static_cast<double>(b);
    case BinaryOp::FloorDiv: return floorDiv(a, b);
    case BinaryOp::Mod: return floorMod(a, b);
    case BinaryOp::Pow: {
      if (b < 0) {
        if (a == 0) {
          throw ScriptError("ZeroDivisionError", "0.0 cannot be raised to a negative power");
        }
        return std::pow(static_cast<double>(a), static_cast<double>(b));
      }
      if (a == -1) return b % 2 == 0 ? 1 : -1;
      std::int64_t result = 1;
      for (std::int64_t i = 0; i < b; ++i) {
        if (__builtin_mul_overflow(result, a, &result)) checked(true, 0);
        if (result == 0 || result == 1) break;
      }
      return result;
    }
    case BinaryOp::BitAnd: return a & b;
    case BinaryOp::BitOr: return a | b;
    case BinaryOp::BitXor: return a ^ b;
    case BinaryOp::LShift:
      if (b < 0) throw ScriptError("ValueError", "negative shift count");
      if (b >= 63 || (a != 0 && (a << b) >> b != a)) checked(true, 0);
      return a << b;
    case BinaryOp::RShift:
      if (b < 0) throw ScriptError("ValueError", "negative shift count");
      return a >> std::min<std::int64_t>(b, 63);
    case BinaryOp::MatMul: break;
  }
  unsupported(op, c10::IValue(a), c10::IValue(b));
}

c10::IValue floatBinary(BinaryOp op, double a, double b) {
  switch (op) {
    case BinaryOp::Add: return a + b;
    case BinaryOp::Sub: return a - b;
    case BinaryOp::Mul: return a * b;
    case BinaryOp::Div:
      if (b == 0) throw ScriptError("ZeroDivisionError", "float division by zero");
      return a / b;
    case BinaryOp::FloorDiv: {
      if (b == 0) throw ScriptError("ZeroDivisionError", "float floor division by zero");
      // CPython's float_floor_div: from divmod, so that a == q*b + r exactly.
      const double mod = std::fmod(a, b);
      double div = (a - mod) / b;
      if (mod != 0 && ((b < 0) != (mod < 0))) div -= 1.0;
      if (div == 0) return std::copysign(0.0, a / b);
      const double floored = std::floor(div);
      return div - floored > 0.5 ? floored + 1.0 : floored;
    }
    case BinaryOp::Mod: {
      if (b == 0) throw ScriptError("ZeroDivisionError", "float modulo");
      double mod = std::fmod(a, b);
      if (mod != 0) {
        if ((b < 0) != (mod < 0)) mod += b;
      } else {
        mod = std::copysign(0.0, b);
      }
      return mod;
    }
    case BinaryOp::Pow:
      if (a == 0 && b < 0) {
        throw ScriptError("ZeroDivisionError", "0.0 cannot be raised to a negative power");
      }
      if (a < 0 && std::floor(b) != b) {
        const auto c = std::pow(std::complex<double>(a, 0), std::complex<double>(b, 0));
        return c10::complex<double>(c.real(), c.imag());
      }
      return std::pow(a, b);
    default: break;
  }
  unsupported(op, c10::IValue(a), c10::IValue(b));
}

c10::IValue complexBinary(BinaryOp op, std::complex<double> a, std::complex<double> b) {
  std::complex<double> r;
  switch (op) {
    case BinaryOp::Add: r = a + b; break;
    case BinaryOp::Sub: r = a - b; break;
    case BinaryOp::Mul: r = a * b; break;
    case BinaryOp::Div:
      if (b == std::complex<double>(0, 0))
        throw ScriptError("ZeroDivisionError", "complex division by zero");
      r = a / b;
      break;
    case BinaryOp::Pow: r = std::pow(a, b); break;
    default:
      unsupported(op, c10::IValue(c10::complex<double>(a)), c10::IValue(c10::complex<double>(b)));
  }
  return c10::complex<double>(r.real(), r.imag());
}

std::complex<double> toComplex(const c10::IValue& v) {
  if (v.isComplexDouble()) {
    const auto c = v.toComplexDouble();
    return {c.real(), c.imag()};
  }
  if (v.isDouble()) return {v.toDouble(), 0};
  return {static_cast<double>(toIntLike(v)), 0};
}

double toDouble(const c10::IValue& v) {
  return v.isDouble() ? v.toDouble() : static_cast<double>(toIntLike(v));
}

c10::IValue numberBinary(BinaryOp op, const c10::IValue& a, const c10::IValue& b) {
  if (a.isComplexDouble() || b.isComplexDouble())
    return complexBinary(op, toComplex(a), toComplex(b));
  if (a.isDouble() || b.isDouble()) return floatBinary(op, toDouble(a), toDouble(b));
  if (a.isBool() && b.isBool() &&
      (op == BinaryOp::BitAnd || op == BinaryOp::BitOr || op == BinaryOp::BitXor)) {
    const auto r = intBinary(op, toIntLike(a), toIntLike(b)).toInt();
    return r != 0;
  }
  return intBinary(op, toIntLike(a), toIntLike(b));
}

// Bytes of `count` copies of `unit` bytes, saturating instead of overflowing.
std::uint64_t repeatedBytes(std::size_t unit, std::int64_t count) {
  if (count <= 0 || unit == 0) return 0;
  const auto n = static_cast<std::uint64_t>(count);
  return unit > UINT64_MAX / n ? UINT64_MAX : unit * n;
}

c10::IValue repeat(const std::vector<c10::IValue>& items, std::int64_t times, bool tuple) {
  checkMemoryBudget(repeatedBytes(items.size() * sizeof(c10::IValue), times));
  std::vector<c10::IValue> out;
  if (times > 0) out.reserve(items.size() * static_cast<std::size_t>(times));
  for (std::int64_t i = 0; i < times; ++i) {
    if (i % kItemsBetweenChecks == 0) checkCancellation();
    out.insert(out.end(), items.begin(), items.end());
  }
  return tuple ? makeTuple(std::move(out)) : makeList(std::move(out));
}

c10::IValue sequenceBinary(BinaryOp op, const c10::IValue& a, const c10::IValue& b) {
  if (op == BinaryOp::Add && a.isString() && b.isString()) {
    return a.toStringRef() + b.toStringRef();
  }
  if (op == BinaryOp::Mul && (a.isString() || b.isString()) && (isIntLike(a) || isIntLike(b))) {
    const std::string& text = a.isString() ? a.toStringRef() : b.toStringRef();
    const std::int64_t times = toIntLike(a.isString() ? b : a);
    checkMemoryBudget(repeatedBytes(text.size(), times));
    std::string out;
    if (times > 0) out.reserve(text.size() * static_cast<std::size_t>(times));
    for (std::int64_t i = 0; i < times; ++i) {
      if (i % kItemsBetweenChecks == 0) checkCancellation();
      out += text;
    }
    return out;
  }
  const bool tuples = a.isTuple() || b.isTuple();
  if (op == BinaryOp::Add && ((a.isList() && b.isList()) || (a.isTuple() && b.isTuple()))) {
    auto items = sequenceItems(a);
    auto more = sequenceItems(b);
    items.insert(items.end(), more.begin(), more.end());
    return tuples ? makeTuple(std::move(items)) : makeList(std::move(items));
  }
  if (op == BinaryOp::Mul && isSequence(a) && isIntLike(b))
    return repeat(sequenceItems(a), toIntLike(b), tuples);
  if (op == BinaryOp::Mul && isSequence(b) && isIntLike(a))
    return repeat(sequenceItems(b), toIntLike(a), tuples);
  unsupported(op, a, b);
}

const char* inPlaceName(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add: return "add_";
    case BinaryOp::Sub: return "sub_";
    case BinaryOp::Mul: return "mul_";
    case BinaryOp::Div: return "div_";
    case BinaryOp::FloorDiv: return "floor_divide_";
    case BinaryOp::Mod: return "remainder_";
    case BinaryOp::Pow: return "pow_";
    case BinaryOp::BitAnd: return "__iand__";
    case BinaryOp::BitOr: return "__ior__";
    case BinaryOp::BitXor: return "__ixor__";
    case BinaryOp::LShift: return "__ilshift__";
    case BinaryOp::RShift: return "__irshift__";
    case BinaryOp::MatMul: return nullptr;  // no Tensor.__imatmul__: x = x @ y
  }
  return nullptr;
}

int ordering(const c10::IValue& a, const c10::IValue& b, CompareOp op) {
  if (isNumber(a) && isNumber(b) && !a.isComplexDouble() && !b.isComplexDouble()) {
    if (a.isDouble() || b.isDouble()) {
      const double x = toDouble(a), y = toDouble(b);
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    const auto x = toIntLike(a), y = toIntLike(b);
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (a.isString() && b.isString())
    return a.toStringRef().compare(b.toStringRef()) < 0
               ? -1
               : (a.toStringRef() == b.toStringRef() ? 0 : 1);
  if ((a.isList() && b.isList()) || (a.isTuple() && b.isTuple())) {
    const auto x = sequenceItems(a), y = sequenceItems(b);
    for (std::size_t i = 0; i < std::min(x.size(), y.size()); ++i) {
      if (!pythonEquals(x[i], y[i])) return ordering(x[i], y[i], op);
    }
    return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
  }
  const char* symbol = op == CompareOp::Lt    ? "<"
                       : op == CompareOp::LtE ? "<="
                       : op == CompareOp::Gt  ? ">"
                                              : ">=";
  throwTypeError(std::string("'") + symbol + "' not supported between instances of '" +
                 ops::pythonTypeName(a) + "' and '" + ops::pythonTypeName(b) + "'");
}

bool contains(const c10::IValue& container, const c10::IValue& item) {
  if (container.isString() && item.isString()) {
    return container.toStringRef().find(item.toStringRef()) != std::string::npos;
  }
  if (container.isTensor()) {
    // Tensor.__contains__: (element == self).any().item()
    return truthy(callOp("any", {callOp("eq", {container, item})}));
  }
  if (const auto* range = objectAs<RangeObject>(container)) {
    if (!isIntLike(item)) return false;
    // Arithmetic, not a scan: `x in range(10**18)` is instant in Python too.
    const auto v = toIntLike(item);
    const std::int64_t n = range->length();
    if (n == 0) return false;
    const std::int64_t last = range->at(n - 1);
    const bool inside =
        range->step > 0 ? (v >= range->start && v <= last) : (v <= range->start && v >= last);
    if (!inside) return false;
    const auto distance = static_cast<std::uint64_t>(v) - static_cast<std::uint64_t>(range->start);
    const auto step = static_cast<std::uint64_t>(range->step);
    return range->step > 0 ? distance % step == 0 : (0 - distance) % (0 - step) == 0;
  }
  if (const auto* size = objectAs<ops::SizeObject>(container)) {
    return isIntLike(item) &&
           std::find(size->sizes.begin(), size->sizes.end(), toIntLike(item)) != size->sizes.end();
  }
  if (container.isGenericDict()) return container.toGenericDict().contains(item);
  if (!isSequence(container)) {
    throwTypeError("argument of type '" + ops::pythonTypeName(container) + "' is not iterable");
  }
  for (const auto& element : sequenceItems(container)) {
    if (isSameObject(element, item) || pythonEquals(element, item)) return true;
  }
  return false;
}

}  // namespace

c10::IValue binaryOperation(BinaryOp op, const c10::IValue& left, const c10::IValue& right) {
  if (left.isTensor() || right.isTensor()) {
    if ((left.isTensor() || isNumber(left)) && (right.isTensor() || isNumber(right))) {
      return tensorBinary(op, left, right);
    }
    unsupported(op, left, right);
  }
  if (isNumber(left) && isNumber(right)) return numberBinary(op, left, right);
  return sequenceBinary(op, left, right);
}

c10::IValue augmentedOperation(BinaryOp op, const c10::IValue& target, const c10::IValue& value) {
  if (target.isTensor()) {
    if (const char* name = inPlaceName(op)) {
      if (value.isTensor() || isNumber(value)) {
        auto result = ops::callOperator(name, ops::CallArguments{{target, value}, {}}, name);
        return pythonValue(std::move(result.returns.at(0)));
      }
      unsupported(op, target, value);
    }
  }
  if (target.isList() && op == BinaryOp::Add) {
    // list.__iadd__ extends the same list object.
    auto list = target.toList();
    if (!isSequence(value))
      throwTypeError("'" + ops::pythonTypeName(value) + "' object is not iterable");
    const auto items = sequenceItems(value);
    checkContainable(items, target.internalToPointer());
    for (const auto& item : items) list.push_back(item);
    return target;
  }
  return binaryOperation(op, target, value);
}

c10::IValue unaryOperation(UnaryOp op, const c10::IValue& operand) {
  if (op == UnaryOp::Not) return !truthy(operand);
  if (operand.isTensor()) {
    switch (op) {
      case UnaryOp::Neg: return callOp("neg", {operand});
      case UnaryOp::Pos: return callOp("positive", {operand});
      case UnaryOp::Invert: return callOp("bitwise_not", {operand});
      case UnaryOp::Not: break;
    }
  }
  if (operand.isComplexDouble()) {
    const auto c = operand.toComplexDouble();
    if (op == UnaryOp::Neg) return c10::complex<double>(-c.real(), -c.imag());
    if (op == UnaryOp::Pos) return operand;
  } else if (operand.isDouble()) {
    if (op == UnaryOp::Neg) return -operand.toDouble();
    if (op == UnaryOp::Pos) return operand;
  } else if (isIntLike(operand)) {
    const auto v = toIntLike(operand);
    if (op == UnaryOp::Neg) {
      checked(v == std::numeric_limits<std::int64_t>::min(), 0);
      return -v;
    }
    if (op == UnaryOp::Pos) return v;
    if (op == UnaryOp::Invert) return ~v;
  }
  const char* symbol = op == UnaryOp::Neg ? "-" : op == UnaryOp::Pos ? "+" : "~";
  throwTypeError(std::string("bad operand type for unary ") + symbol + ": '" +
                 ops::pythonTypeName(operand) + "'");
}

bool pythonEquals(const c10::IValue& a, const c10::IValue& b) {
  if (isNumber(a) && isNumber(b)) {
    if (a.isComplexDouble() || b.isComplexDouble()) return toComplex(a) == toComplex(b);
    if (a.isDouble() || b.isDouble()) return toDouble(a) == toDouble(b);
    return toIntLike(a) == toIntLike(b);
  }
  if (a.isString() && b.isString()) return a.toStringRef() == b.toStringRef();
  if (a.isNone() || b.isNone()) return a.isNone() && b.isNone();
  const auto* sizeA = objectAs<ops::SizeObject>(a);
  const auto* sizeB = objectAs<ops::SizeObject>(b);
  if (sizeA || sizeB) {
    // torch.Size is a tuple subclass: equal to tuples with the same ints.
    const auto items = [](const c10::IValue& v, const ops::SizeObject* size) {
      if (!size) return sequenceItems(v);
      std::vector<c10::IValue> out;
      for (auto s : size->sizes) out.emplace_back(s);
      return out;
    };
    if ((!sizeA && !a.isTuple()) || (!sizeB && !b.isTuple())) return false;
    return pythonEquals(makeTuple(items(a, sizeA)), makeTuple(items(b, sizeB)));
  }
  if ((a.isList() && b.isList()) || (a.isTuple() && b.isTuple())) {
    const auto x = sequenceItems(a), y = sequenceItems(b);
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!isSameObject(x[i], y[i]) && !pythonEquals(x[i], y[i])) return false;
    }
    return true;
  }
  if (a.isDevice() && b.isDevice()) return a.toDevice() == b.toDevice();
  if (const auto* range = objectAs<RangeObject>(a)) {
    const auto* other = objectAs<RangeObject>(b);
    return other && range->length() == other->length() &&
           (range->length() == 0 ||
            (range->start == other->start && (range->length() == 1 || range->step == other->step)));
  }
  return isSameObject(a, b);
}

c10::IValue compare(CompareOp op, const c10::IValue& left, const c10::IValue& right) {
  switch (op) {
    case CompareOp::Is: return isSameObject(left, right);
    case CompareOp::IsNot: return !isSameObject(left, right);
    case CompareOp::In: return contains(right, left);
    case CompareOp::NotIn: return !contains(right, left);
    default: break;
  }
  if (left.isTensor() || right.isTensor()) {
    const bool reflected = !left.isTensor();
    const c10::IValue& self = reflected ? right : left;
    const c10::IValue& other = reflected ? left : right;
    if (!other.isTensor() && !isNumber(other)) {
      // Tensor.__eq__ returns NotImplemented; Python falls back to identity.
      if (op == CompareOp::Eq) return false;
      if (op == CompareOp::NotEq) return true;
      throwTypeError("'" +
                     std::string(op == CompareOp::Lt    ? "<"
                                 : op == CompareOp::LtE ? "<="
                                 : op == CompareOp::Gt  ? ">"
                                                        : ">=") +
                     "' not supported between instances of '" + ops::pythonTypeName(left) +
                     "' and '" + ops::pythonTypeName(right) + "'");
    }
    // A reflected comparison swaps its direction: 1 < x is x > 1.
    const auto name = [&]() -> const char* {
      switch (op) {
        case CompareOp::Eq: return "eq";
        case CompareOp::NotEq: return "ne";
        case CompareOp::Lt: return reflected ? "gt" : "lt";
        case CompareOp::LtE: return reflected ? "ge" : "le";
        case CompareOp::Gt: return reflected ? "lt" : "gt";
        case CompareOp::GtE: return reflected ? "le" : "ge";
        default: return "eq";
      }
    }();
    return callOp(name, {self, other});
  }
  switch (op) {
    case CompareOp::Eq: return pythonEquals(left, right);
    case CompareOp::NotEq: return !pythonEquals(left, right);
    case CompareOp::Lt: return ordering(left, right, op) < 0;
    case CompareOp::LtE: return ordering(left, right, op) <= 0;
    case CompareOp::Gt: return ordering(left, right, op) > 0;
    case CompareOp::GtE: return ordering(left, right, op) >= 0;
    default: break;
  }
  return false;
}

bool truthy(const c10::IValue& value) {
  if (value.isNone()) return false;
  if (value.isBool()) return value.toBool();
  if (value.isInt()) return value.toInt() != 0;
  if (value.isDouble()) return value.toDouble() != 0;
  if (value.isComplexDouble()) return value.toComplexDouble() != c10::complex<double>(0, 0);
  if (value.isString()) return !value.toStringRef().empty();
  if (value.isTensor()) return callOp("is_nonzero", {value}).toBool();
  if (isSequence(value)) return !sequenceItems(value).empty();
  if (value.isGenericDict()) return value.toGenericDict().size() > 0;
  if (const auto* range = objectAs<RangeObject>(value)) return range->length() > 0;
  if (const auto* size = objectAs<ops::SizeObject>(value)) return !size->sizes.empty();
  return true;
}

}  // namespace memlens::script

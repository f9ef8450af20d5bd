#include "script/Parser.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "session/ScriptError.h"

namespace memlens::script {
namespace {

// ---- a compact, position-carrying rendering of the tree, close to Python's ast.dump ----

std::string at(const Position& position) {
  return "@" + std::to_string(position.line) + ":" + std::to_string(position.column);
}

std::string dump(const ExprPtr& expr);

std::string dumpList(const std::vector<ExprPtr>& exprs) {
  std::string out = "[";
  for (std::size_t k = 0; k < exprs.size(); ++k) out += (k ? "," : "") + dump(exprs[k]);
  return out + "]";
}

std::string number(double value) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%g", value);
  return buffer.data();
}

constexpr std::array<const char*, 13> kBinaryNames{
    "Add",     "Sub",    "Mult",  "Div",    "FloorDiv", "Mod",   "Pow",
    "MatMult", "BitAnd", "BitOr", "BitXor", "LShift",   "RShift"};
constexpr std::array<const char*, 10> kCompareNames{"Eq",  "NotEq", "Lt",    "LtE", "Gt",
                                                    "GtE", "Is",    "IsNot", "In",  "NotIn"};
constexpr std::array<const char*, 4> kUnaryNames{"USub", "UAdd", "Invert", "Not"};

template <class Enum>
std::size_t indexOf(Enum value) {
  return static_cast<std::size_t>(value);
}

std::string dump(const ExprPtr& expr) {
  if (!expr) return "None";
  const std::string p = at(expr->position);
  return std::visit(
      [&](const auto& node) -> std::string {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, NameExpr>) return "Name" + p + "(" + node.id + ")";
        if constexpr (std::is_same_v<Node, IntLiteral>) {
          return "Int" + p + "(" + std::to_string(node.value) + ")";
        }
        if constexpr (std::is_same_v<Node, FloatLiteral>) {
          return "Float" + p + "(" + number(node.value) + ")";
        }
        if constexpr (std::is_same_v<Node, ImaginaryLiteral>) {
          return "Imag" + p + "(" + number(node.value) + ")";
        }
        if constexpr (std::is_same_v<Node, StringLiteral>)
          return "Str" + p + "(" + node.value + ")";
        if constexpr (std::is_same_v<Node, BoolLiteral>) {
          return "Bool" + p + (node.value ? "(True)" : "(False)");
        }
        if constexpr (std::is_same_v<Node, NoneLiteral>) return "None" + p;
        if constexpr (std::is_same_v<Node, EllipsisLiteral>) return "Ellipsis" + p;
        if constexpr (std::is_same_v<Node, FStringExpr>) {
          std::string out = "FStr" + p + "(";
          for (const auto& part : node.parts) {
            if (const auto* text = std::get_if<std::string>(&part)) {
              out += "'" + *text + "',";
            } else {
              const auto& field = std::get<FormattedValue>(part);
              out += "{" + dump(field.value) +
                     (field.conversion ? std::string("!") + field.conversion : "") +
                     (field.formatSpec.empty() ? "" : ":" + field.formatSpec) + "},";
            }
          }
          return out + ")";
        }
        if constexpr (std::is_same_v<Node, ListExpr>) return "List" + p + dumpList(node.elements);
        if constexpr (std::is_same_v<Node, TupleExpr>) return "Tuple" + p + dumpList(node.elements);
        if constexpr (std::is_same_v<Node, DictExpr>) {
          return "Dict" + p + dumpList(node.keys) + dumpList(node.values);
        }
        if constexpr (std::is_same_v<Node, BinaryExpr>) {
          return std::string("BinOp") + p + "(" + kBinaryNames[indexOf(node.op)] + "," +
                 dump(node.left) + "," + dump(node.right) + ")";
        }
        if constexpr (std::is_same_v<Node, UnaryExpr>) {
          return std::string("UnaryOp") + p + "(" + kUnaryNames[indexOf(node.op)] + "," +
                 dump(node.operand) + ")";
        }
        if constexpr (std::is_same_v<Node, BoolOpExpr>) {
          return "BoolOp" + p + (node.op == BoolOp::And ? "(And," : "(Or,") +
                 dumpList(node.values) + ")";
        }
        if constexpr (std::is_same_v<Node, CompareExpr>) {
          std::string out = "Compare" + p + "(" + dump(node.left) + ",[";
          for (const auto op : node.ops) out += std::string(kCompareNames[indexOf(op)]) + ",";
          return out + "]," + dumpList(node.comparators) + ")";
        }
        if constexpr (std::is_same_v<Node, IfExpr>) {
          return "IfExp" + p + "(" + dump(node.test) + "," + dump(node.body) + "," +
                 dump(node.orelse) + ")";
        }
        if constexpr (std::is_same_v<Node, AttributeExpr>) {
          return "Attribute" + p + "(" + dump(node.value) + "," + node.attr + ")";
        }
        if constexpr (std::is_same_v<Node, StarredExpr>) {
          return "Starred" + p + "(" + dump(node.value) + ")";
        }
        if constexpr (std::is_same_v<Node, CallExpr>) {
          std::string out = "Call" + p + "(" + dump(node.func) + "," + dumpList(node.args) + ",[";
          for (const auto& keyword : node.keywords) {
            out +=
                "kw" + at(keyword.position) + "(" + keyword.name + "=" + dump(keyword.value) + "),";
          }
          return out + "])";
        }
        if constexpr (std::is_same_v<Node, SliceExpr>) {
          return "Slice" + p + "(" + dump(node.lower) + "," + dump(node.upper) + "," +
                 dump(node.step) + ")";
        }
        if constexpr (std::is_same_v<Node, SubscriptExpr>) {
          return "Subscript" + p + "(" + dump(node.value) + "," + dump(node.index) + ")";
        }
        return "?";
      },
      expr->node);
}

// The value of the single statement `x = EXPRESSION`.
std::string dumpValue(const std::string& expression) {
  const Module module = parseModule("x = " + expression + "\n");
  EXPECT_EQ(module.body.size(), 1u);
  return dump(std::get<AssignStmt>(module.body.front()->node).value);
}

const Stmt& onlyStatement(const Module& module) {
  EXPECT_EQ(module.body.size(), 1u);
  return *module.body.front();
}

struct Failure {
  std::string type;
  std::string message;
  int line = 0;
  int column = 0;
};

Failure failure(std::string_view source) {
  try {
    parseModule(source);
  } catch (const ScriptError& error) {
    return {error.type(), error.what(), error.line(), error.column()};
  }
  ADD_FAILURE() << "parsed without error: " << source;
  return {};
}

// ---- expressions ----------------------------------------------------------------

TEST(ParserExpressions, PrecedenceFromLoosestToTightest) {
  EXPECT_EQ(dumpValue("a if b or c else d"),
            "IfExp@1:5(BoolOp@1:10(Or,[Name@1:10(b),Name@1:15(c)]),Name@1:5(a),Name@1:22(d))");
  EXPECT_EQ(dumpValue("a or b and not c"),
            "BoolOp@1:5(Or,[Name@1:5(a),BoolOp@1:10(And,[Name@1:10(b),UnaryOp@1:16(Not,"
            "Name@1:20(c))])])");
  EXPECT_EQ(dumpValue("not a == b"),
            "UnaryOp@1:5(Not,Compare@1:9(Name@1:9(a),[Eq,],[Name@1:14(b)]))");
  EXPECT_EQ(dumpValue("a < b | c"),
            "Compare@1:5(Name@1:5(a),[Lt,],[BinOp@1:9(BitOr,Name@1:9(b),Name@1:13(c))])");
  EXPECT_EQ(dumpValue("a | b ^ c & d << e + f * -g ** h"),
            "BinOp@1:5(BitOr,Name@1:5(a),BinOp@1:9(BitXor,Name@1:9(b),BinOp@1:13(BitAnd,"
            "Name@1:13(c),BinOp@1:17(LShift,Name@1:17(d),BinOp@1:22(Add,Name@1:22(e),"
            "BinOp@1:26(Mult,Name@1:26(f),UnaryOp@1:30(USub,BinOp@1:31(Pow,Name@1:31(g),"
            "Name@1:36(h)))))))))");
}

TEST(ParserExpressions, LeftAssociativeChains) {
  EXPECT_EQ(dumpValue("a - b - c"),
            "BinOp@1:5(Sub,BinOp@1:5(Sub,Name@1:5(a),Name@1:9(b)),Name@1:13(c))");
  EXPECT_EQ(dumpValue("a / b // c % d @ e"),
            "BinOp@1:5(MatMult,BinOp@1:5(Mod,BinOp@1:5(FloorDiv,BinOp@1:5(Div,Name@1:5(a),"
            "Name@1:9(b)),Name@1:14(c)),Name@1:18(d)),Name@1:22(e))");
  EXPECT_EQ(dumpValue("a >> b << c"),
            "BinOp@1:5(LShift,BinOp@1:5(RShift,Name@1:5(a),Name@1:10(b)),Name@1:15(c))");
}

TEST(ParserExpressions, PowerIsRightAssociativeAndBindsTighterThanUnaryOnItsLeft) {
  EXPECT_EQ(dumpValue("-2**2"), "UnaryOp@1:5(USub,BinOp@1:6(Pow,Int@1:6(2),Int@1:9(2)))");
  EXPECT_EQ(dumpValue("2**-1"), "BinOp@1:5(Pow,Int@1:5(2),UnaryOp@1:8(USub,Int@1:9(1)))");
  EXPECT_EQ(dumpValue("2**3**2"),
            "BinOp@1:5(Pow,Int@1:5(2),BinOp@1:8(Pow,Int@1:8(3),Int@1:11(2)))");
  EXPECT_EQ(dumpValue("~a + +b"),
            "BinOp@1:5(Add,UnaryOp@1:5(Invert,Name@1:6(a)),UnaryOp@1:10(UAdd,Name@1:11(b)))");
}

TEST(ParserExpressions, ComparisonChainsAndWordOperators) {
  EXPECT_EQ(dumpValue("a < b <= c"),
            "Compare@1:5(Name@1:5(a),[Lt,LtE,],[Name@1:9(b),Name@1:14(c)])");
  EXPECT_EQ(dumpValue("a is not b is c in d not in e != f > g >= h"),
            "Compare@1:5(Name@1:5(a),[IsNot,Is,In,NotIn,NotEq,Gt,GtE,],[Name@1:14(b),"
            "Name@1:19(c),Name@1:24(d),Name@1:33(e),Name@1:38(f),Name@1:42(g),Name@1:47(h)])");
}

TEST(ParserExpressions, ParenthesesDoNotCreateNodesButStartTheOuterOne) {
  EXPECT_EQ(dumpValue("(a + b) * c"),
            "BinOp@1:5(Mult,BinOp@1:6(Add,Name@1:6(a),Name@1:10(b)),Name@1:15(c))");
  EXPECT_EQ(dumpValue("(f)(x)"), "Call@1:5(Name@1:6(f),[Name@1:9(x)],[])");
}

TEST(ParserExpressions, CallsWithEveryKindOfArgument) {
  EXPECT_EQ(dumpValue("f(1, *a, k=2, **kw)"),
            "Call@1:5(Name@1:5(f),[Int@1:7(1),Starred@1:10(Name@1:11(a))],[kw@1:14(k=Int@1:16(2)),"
            "kw@1:19(=Name@1:21(kw)),])");
  EXPECT_EQ(dumpValue("f()"), "Call@1:5(Name@1:5(f),[],[])");
  EXPECT_EQ(dumpValue("f(a,)"), "Call@1:5(Name@1:5(f),[Name@1:7(a)],[])");
  EXPECT_EQ(dumpValue("f(k=1, *a)"),
            "Call@1:5(Name@1:5(f),[Starred@1:12(Name@1:13(a))],[kw@1:7(k=Int@1:9(1)),])");
}

TEST(ParserExpressions, AttributesCallsAndSubscriptsChainFromTheLeft) {
  EXPECT_EQ(dumpValue("x.y(1)[0].z"),
            "Attribute@1:5(Subscript@1:5(Call@1:5(Attribute@1:5(Name@1:5(x),y),[Int@1:9(1)],[]),"
            "Int@1:12(0)),z)");
}

TEST(ParserExpressions, SlicesAndTupleIndexes) {
  EXPECT_EQ(dumpValue("a[1:2]"),
            "Subscript@1:5(Name@1:5(a),Slice@1:7(Int@1:7(1),Int@1:9(2),None))");
  EXPECT_EQ(dumpValue("a[::2]"), "Subscript@1:5(Name@1:5(a),Slice@1:7(None,None,Int@1:9(2)))");
  EXPECT_EQ(dumpValue("a[:]"), "Subscript@1:5(Name@1:5(a),Slice@1:7(None,None,None))");
  EXPECT_EQ(dumpValue("a[..., None]"),
            "Subscript@1:5(Name@1:5(a),Tuple@1:7[Ellipsis@1:7,None@1:12])");
  EXPECT_EQ(dumpValue("a[1, :, ::-1]"),
            "Subscript@1:5(Name@1:5(a),Tuple@1:7[Int@1:7(1),Slice@1:10(None,None,None),"
            "Slice@1:13(None,None,UnaryOp@1:15(USub,Int@1:16(1)))])");
  EXPECT_EQ(dumpValue("a[1,]"), "Subscript@1:5(Name@1:5(a),Tuple@1:7[Int@1:7(1)])");
}

TEST(ParserExpressions, Numbers) {
  EXPECT_EQ(dumpValue("0x1F"), "Int@1:5(31)");
  EXPECT_EQ(dumpValue("0o17"), "Int@1:5(15)");
  EXPECT_EQ(dumpValue("0b101"), "Int@1:5(5)");
  EXPECT_EQ(dumpValue("1_000"), "Int@1:5(1000)");
  EXPECT_EQ(dumpValue("9223372036854775807"), "Int@1:5(9223372036854775807)");
  EXPECT_EQ(dumpValue("1."), "Float@1:5(1)");
  EXPECT_EQ(dumpValue(".5"), "Float@1:5(0.5)");
  EXPECT_EQ(dumpValue("1e-3"), "Float@1:5(0.001)");
  EXPECT_EQ(dumpValue("1_0.0"), "Float@1:5(10)");
  EXPECT_EQ(dumpValue("1e400"), "Float@1:5(inf)");
  EXPECT_EQ(dumpValue("2j"), "Imag@1:5(2)");
  EXPECT_EQ(dumpValue("1.5J"), "Imag@1:5(1.5)");
}

TEST(ParserExpressions, IntegersBeyondInt64AreRejected) {
  const Failure error = failure("x = 9223372036854775808");
  EXPECT_EQ(error.type, "SyntaxError");
  EXPECT_EQ(error.message, "integer literal too large for MemLens");
  EXPECT_EQ(error.column, 5);
}

TEST(ParserExpressions, StringsResolveEscapesAndJoin) {
  EXPECT_EQ(dumpValue("'a' \"b\" '''c'''"), "Str@1:5(abc)");
  EXPECT_EQ(dumpValue(R"('\n\t\\\'\"\x41\u00e9\101')"),
            "Str@1:5(\n\t\\'\"Aé"
            "A)");
  EXPECT_EQ(dumpValue(R"(r'\n' u'x')"), "Str@1:5(\\nx)");
  EXPECT_EQ(dumpValue("'a\\\nb'"), "Str@1:5(ab)");
  EXPECT_EQ(dumpValue("'''a\r\nb'''"), "Str@1:5(a\nb)");
  EXPECT_EQ(dumpValue(R"('\d')"), "Str@1:5(\\d)");
}

TEST(ParserExpressions, FStrings) {
  EXPECT_EQ(dumpValue(R"(f"a{b}c{d!r}e{f:.3f}g{{h}}")"),
            "FStr@1:5('a',{Name@1:9(b)},'c',{Name@1:13(d)!r},'e',{Name@1:19(f):.3f},'g{h}',)");
  EXPECT_EQ(dumpValue(R"(f'{x!s:>10}' f"{y}" 'z')"),
            "FStr@1:5({Name@1:8(x)!s:>10},{Name@1:21(y)},'z',)");
  EXPECT_EQ(dumpValue(R"(rf"\n{a}")"), "FStr@1:5('\\n',{Name@1:11(a)},)");
  EXPECT_EQ(dumpValue(R"(f"{a + b}")"), "FStr@1:5({BinOp@1:8(Add,Name@1:8(a),Name@1:12(b))},)");
  EXPECT_EQ(dumpValue(R"(f"{x=}")"), "FStr@1:5('x=',{Name@1:8(x)!r},)");
  EXPECT_EQ(dumpValue(R"(f"{ x = :>4}")"), "FStr@1:5(' x = ',{Name@1:9(x):>4},)");
  EXPECT_EQ(dumpValue(R"(f"{a['b']}")"), "FStr@1:5({Subscript@1:8(Name@1:8(a),Str@1:10(b))},)");
  EXPECT_EQ(dumpValue(R"(f"{a != b}")"),
            "FStr@1:5({Compare@1:8(Name@1:8(a),[NotEq,],[Name@1:13(b)])},)");
  EXPECT_EQ(dumpValue("f'''x\n{y}'''"), "FStr@1:5('x\n',{Name@2:2(y)},)");
  EXPECT_EQ(dumpValue("f'{a, b}'"), "FStr@1:5({Tuple@1:8[Name@1:8(a),Name@1:11(b)]},)");
}

TEST(ParserExpressions, FStringErrors) {
  EXPECT_EQ(failure("f'{}'").message, "f-string: empty expression not allowed");
  EXPECT_EQ(failure("f'{x!z}'").message,
            "f-string: invalid conversion character: expected 's', 'r', or 'a'");
  EXPECT_EQ(failure("f'}'").message, "f-string: single '}' is not allowed");
  EXPECT_EQ(failure("f'{x'").message, "f-string: expecting '}'");
  EXPECT_EQ(failure("f'{a\\n}'").message, "f-string expression part cannot include a backslash");
  EXPECT_EQ(failure("f'{#}'").message, "f-string expression part cannot include '#'");
  EXPECT_EQ(failure("f'{)}'").message, "f-string: unmatched ')'");
  const Failure comma = failure("x = f'{a b}'");
  EXPECT_EQ(comma.message, "f-string: invalid syntax. Perhaps you forgot a comma?");
  EXPECT_EQ(comma.column, 8);
  const Failure nested = failure("x = f'{a:{b}}'");
  EXPECT_EQ(nested.type, "NotImplementedError");
  EXPECT_EQ(nested.column, 10);
}

TEST(ParserExpressions, Constants) {
  EXPECT_EQ(dumpValue("True, False, None, ..."),
            "Tuple@1:5[Bool@1:5(True),Bool@1:11(False),None@1:18,Ellipsis@1:24]");
}

TEST(ParserExpressions, Displays) {
  EXPECT_EQ(dumpValue("()"), "Tuple@1:5[]");
  EXPECT_EQ(dumpValue("(1,)"), "Tuple@1:5[Int@1:6(1)]");
  EXPECT_EQ(dumpValue("1,"), "Tuple@1:5[Int@1:5(1)]");
  EXPECT_EQ(dumpValue("(1, 2)"), "Tuple@1:5[Int@1:6(1),Int@1:9(2)]");
  EXPECT_EQ(dumpValue("[]"), "List@1:5[]");
  EXPECT_EQ(dumpValue("[1, *a,]"), "List@1:5[Int@1:6(1),Starred@1:9(Name@1:10(a))]");
  EXPECT_EQ(dumpValue("{}"), "Dict@1:5[][]");
  EXPECT_EQ(dumpValue("{1: 2, 'a': b,}"),
            "Dict@1:5[Int@1:6(1),Str@1:12(a)][Int@1:9(2),Name@1:17(b)]");
  EXPECT_EQ(dumpValue("(*a, b)"), "Tuple@1:5[Starred@1:6(Name@1:7(a)),Name@1:10(b)]");
  EXPECT_EQ(dumpValue("[1,\n 2]"), "List@1:5[Int@1:6(1),Int@2:2(2)]");
}

// ---- statements -----------------------------------------------------------------

TEST(ParserStatements, Assignments) {
  const Module module = parseModule(
      "a = b = 1\n"
      "a, b = 1, 2\n"
      "(a, b) = [c, d]\n"
      "[a, *b] = c\n"
      "x[0] = 1\n"
      "x[:, 1] = y\n"
      "x.data = z\n");
  ASSERT_EQ(module.body.size(), 7u);
  const auto& chained = std::get<AssignStmt>(module.body[0]->node);
  EXPECT_EQ(dumpList(chained.targets), "[Name@1:1(a),Name@1:5(b)]");
  EXPECT_EQ(dump(chained.value), "Int@1:9(1)");
  EXPECT_EQ(dumpList(std::get<AssignStmt>(module.body[1]->node).targets),
            "[Tuple@2:1[Name@2:1(a),Name@2:4(b)]]");
  EXPECT_EQ(dumpList(std::get<AssignStmt>(module.body[2]->node).targets),
            "[Tuple@3:1[Name@3:2(a),Name@3:5(b)]]");
  EXPECT_EQ(dumpList(std::get<AssignStmt>(module.body[3]->node).targets),
            "[List@4:1[Name@4:2(a),Starred@4:5(Name@4:6(b))]]");
  EXPECT_EQ(dumpList(std::get<AssignStmt>(module.body[5]->node).targets),
            "[Subscript@6:1(Name@6:1(x),Tuple@6:3[Slice@6:3(None,None,None),Int@6:6(1)])]");
  EXPECT_EQ(dumpList(std::get<AssignStmt>(module.body[6]->node).targets),
            "[Attribute@7:1(Name@7:1(x),data)]");
}

TEST(ParserStatements, AugmentedAssignmentForEveryOperator) {
  const std::vector<std::pair<std::string, BinaryOp>> cases{
      {"+=", BinaryOp::Add},    {"-=", BinaryOp::Sub},       {"*=", BinaryOp::Mul},
      {"/=", BinaryOp::Div},    {"//=", BinaryOp::FloorDiv}, {"%=", BinaryOp::Mod},
      {"**=", BinaryOp::Pow},   {"@=", BinaryOp::MatMul},    {"&=", BinaryOp::BitAnd},
      {"|=", BinaryOp::BitOr},  {"^=", BinaryOp::BitXor},    {"<<=", BinaryOp::LShift},
      {">>=", BinaryOp::RShift}};
  for (const auto& [text, op] : cases) {
    const Module module = parseModule("x.y " + text + " 2\n");
    const auto& node = std::get<AugAssignStmt>(onlyStatement(module).node);
    EXPECT_EQ(node.op, op) << text;
    EXPECT_EQ(dump(node.target), "Attribute@1:1(Name@1:1(x),y)");
  }
}

TEST(ParserStatements, DeleteImportAndSimpleKeywords) {
  const Module module = parseModule(
      "del a, b[0]\nimport torch\nimport torch as t\nimport torch.nn.functional as F\n"
      "pass; break; continue\n");
  ASSERT_EQ(module.body.size(), 7u);
  EXPECT_EQ(dumpList(std::get<DeleteStmt>(module.body[0]->node).targets),
            "[Name@1:5(a),Subscript@1:8(Name@1:8(b),Int@1:10(0))]");
  const auto& plain = std::get<ImportStmt>(module.body[1]->node);
  EXPECT_EQ(plain.module, "torch");
  EXPECT_EQ(plain.alias, "");
  EXPECT_EQ(std::get<ImportStmt>(module.body[2]->node).alias, "t");
  EXPECT_EQ(std::get<ImportStmt>(module.body[3]->node).module, "torch.nn.functional");
  EXPECT_EQ(std::get<ImportStmt>(module.body[3]->node).alias, "F");
  EXPECT_TRUE(std::holds_alternative<PassStmt>(module.body[4]->node));
  EXPECT_TRUE(std::holds_alternative<BreakStmt>(module.body[5]->node));
  EXPECT_TRUE(std::holds_alternative<ContinueStmt>(module.body[6]->node));
  EXPECT_EQ(module.body[5]->source, "break");
  EXPECT_EQ(module.body[5]->position, (Position{5, 7}));
}

TEST(ParserStatements, ForLoop) {
  const Module module = parseModule("for i, (a, *b) in x, y:\n    z = i\n    w = z\nq = 1\n");
  ASSERT_EQ(module.body.size(), 2u);
  const Stmt& loop = *module.body[0];
  const auto& node = std::get<ForStmt>(loop.node);
  EXPECT_EQ(dump(node.target),
            "Tuple@1:5[Name@1:5(i),Tuple@1:8[Name@1:9(a),Starred@1:12(Name@1:13(b))]]");
  EXPECT_EQ(dump(node.iter), "Tuple@1:19[Name@1:19(x),Name@1:22(y)]");
  EXPECT_EQ(node.body.size(), 2u);
  EXPECT_EQ(loop.source, "for i, (a, *b) in x, y:");
  EXPECT_EQ(loop.endLine, 3);
  EXPECT_EQ(node.body[1]->position, (Position{3, 5}));
}

TEST(ParserStatements, IfElifElseNestsElifInOrelse) {
  const Module module = parseModule("if a:\n    b\nelif c:\n    d\nelse:\n    e\n    f\n");
  const Stmt& stmt = onlyStatement(module);
  EXPECT_EQ(stmt.source, "if a:");
  EXPECT_EQ(stmt.endLine, 7);
  const auto& outer = std::get<IfStmt>(stmt.node);
  ASSERT_EQ(outer.orelse.size(), 1u);
  const Stmt& elif = *outer.orelse[0];
  EXPECT_EQ(elif.source, "elif c:");
  EXPECT_EQ(elif.position, (Position{3, 1}));
  EXPECT_EQ(elif.endLine, 7);
  const auto& inner = std::get<IfStmt>(elif.node);
  EXPECT_EQ(dump(inner.test), "Name@3:6(c)");
  EXPECT_EQ(inner.orelse.size(), 2u);
}

TEST(ParserStatements, WithStatement) {
  const Module module = parseModule("with torch.no_grad():\n    x = 1\nwith a as b: pass\n");
  ASSERT_EQ(module.body.size(), 2u);
  const auto& first = std::get<WithStmt>(module.body[0]->node);
  EXPECT_EQ(dump(first.context), "Call@1:6(Attribute@1:6(Name@1:6(torch),no_grad),[],[])");
  EXPECT_EQ(first.target, nullptr);
  EXPECT_EQ(module.body[0]->source, "with torch.no_grad():");
  EXPECT_EQ(module.body[0]->endLine, 2);
  EXPECT_EQ(dump(std::get<WithStmt>(module.body[1]->node).target), "Name@3:11(b)");
}

TEST(ParserStatements, SourceAndEndLineOfSimpleStatements) {
  const Module module = parseModule(
      "x = 1; y = 2  # comment\n"
      "\n"
      "z = [1,\n"
      "     2]\n"
      "w = 1 + \\\n"
      "    2\n"
      "s = '''a\n"
      "b'''\n"
      "if a: b = 1; c = 2\n");
  ASSERT_EQ(module.body.size(), 6u);
  EXPECT_EQ(module.body[0]->source, "x = 1");
  EXPECT_EQ(module.body[1]->source, "y = 2");
  EXPECT_EQ(module.body[1]->position, (Position{1, 8}));
  EXPECT_EQ(module.body[2]->source, "z = [1,\n     2]");
  EXPECT_EQ(module.body[2]->endLine, 4);
  EXPECT_EQ(module.body[3]->source, "w = 1 + \\\n    2");
  EXPECT_EQ(module.body[3]->endLine, 6);
  EXPECT_EQ(module.body[4]->endLine, 8);
  EXPECT_EQ(module.body[5]->source, "if a:");
  const auto& ifStmt = std::get<IfStmt>(module.body[5]->node);
  ASSERT_EQ(ifStmt.body.size(), 2u);
  EXPECT_EQ(ifStmt.body[1]->source, "c = 2");
  EXPECT_EQ(ifStmt.body[1]->position, (Position{9, 14}));
}

TEST(ParserStatements, TabsAndSoftKeywordsAsNames) {
  const Module module =
      parseModule("if x:\n\ty = 1\n\tif z:\n\t\tw = 2\nmatch = 1\nmatch(x)\n_ = 3\n");
  ASSERT_EQ(module.body.size(), 4u);
  EXPECT_EQ(module.body[0]->endLine, 4);
}

TEST(ParserStatements, PositionsCountCodePoints) {
  const Module module = parseModule("é = 'ü' + b\n");
  const auto& assign = std::get<AssignStmt>(onlyStatement(module).node);
  EXPECT_EQ(dump(assign.value), "BinOp@1:5(Add,Str@1:5(ü),Name@1:11(b))");
}

// ---- rejected constructs --------------------------------------------------------

struct ErrorCase {
  std::string_view source;
  const char* type;
  const char* message;
  int line;
  int column;
};

void PrintTo(const ErrorCase& error, std::ostream* out) {
  *out << error.source;
}

class ParserErrors : public testing::TestWithParam<ErrorCase> {};

TEST_P(ParserErrors, ReportTypeMessageAndPosition) {
  const ErrorCase& expected = GetParam();
  const Failure error = failure(expected.source);
  EXPECT_EQ(error.type, expected.type);
  EXPECT_EQ(error.message, expected.message);
  EXPECT_EQ(error.line, expected.line);
  EXPECT_EQ(error.column, expected.column);
}

constexpr const char* kNotImplemented = "NotImplementedError";

INSTANTIATE_TEST_SUITE_P(
    NotSupported, ParserErrors,
    testing::Values(
        ErrorCase{"x = 1\ndef f(): pass", kNotImplemented,
                  "function definitions ('def') are not supported in MemLens scripts", 2, 1},
        ErrorCase{"class A: pass", kNotImplemented,
                  "class definitions ('class') are not supported in MemLens scripts", 1, 1},
        ErrorCase{"f = lambda x: x", kNotImplemented,
                  "lambda expressions are not supported in MemLens scripts", 1, 5},
        ErrorCase{"while x:\n  pass", kNotImplemented,
                  "'while' loops are not supported in MemLens scripts", 1, 1},
        ErrorCase{"try:\n  pass\nexcept: pass", kNotImplemented,
                  "'try' statements are not supported in MemLens scripts", 1, 1},
        ErrorCase{"if x: raise ValueError", kNotImplemented,
                  "'raise' statements are not supported in MemLens scripts", 1, 7},
        ErrorCase{"return 1", kNotImplemented,
                  "'return' statements are not supported in MemLens scripts", 1, 1},
        ErrorCase{"x = yield 1", kNotImplemented,
                  "'yield' expressions are not supported in MemLens scripts", 1, 5},
        ErrorCase{"global x", kNotImplemented,
                  "'global' statements are not supported in MemLens scripts", 1, 1},
        ErrorCase{"nonlocal x", kNotImplemented,
                  "'nonlocal' statements are not supported in MemLens scripts", 1, 1},
        ErrorCase{"assert x", kNotImplemented,
                  "'assert' statements are not supported in MemLens scripts", 1, 1},
        ErrorCase{"async def f(): pass", kNotImplemented,
                  "'async' statements are not supported in MemLens scripts", 1, 1},
        ErrorCase{"x = await y", kNotImplemented,
                  "'await' expressions are not supported in MemLens scripts", 1, 5},
        ErrorCase{"x = [i for i in y]", kNotImplemented,
                  "list comprehensions are not supported in MemLens scripts", 1, 8},
        ErrorCase{"x = {i for i in y}", kNotImplemented,
                  "set comprehensions are not supported in MemLens scripts", 1, 8},
        ErrorCase{"x = {i: 1 for i in y}", kNotImplemented,
                  "dict comprehensions are not supported in MemLens scripts", 1, 11},
        ErrorCase{"x = (i for i in y)", kNotImplemented,
                  "generator expressions are not supported in MemLens scripts", 1, 8},
        ErrorCase{"x = sum(i for i in y)", kNotImplemented,
                  "generator expressions are not supported in MemLens scripts", 1, 11},
        ErrorCase{"if (n := 3) > 2: pass", kNotImplemented,
                  "assignment expressions (':=') are not supported in MemLens scripts", 1, 7},
        ErrorCase{"@torch.no_grad()\ndef f(): pass", kNotImplemented,
                  "decorators are not supported in MemLens scripts", 1, 1},
        ErrorCase{"x = {1, 2}", kNotImplemented,
                  "set literals are not supported in MemLens scripts", 1, 5},
        ErrorCase{"match x:\n    case 1: pass", kNotImplemented,
                  "'match' statements are not supported in MemLens scripts", 1, 1},
        ErrorCase{"for x in y:\n    pass\nelse:\n    pass", kNotImplemented,
                  "'else' clauses on 'for' loops are not supported in MemLens scripts", 3, 1},
        ErrorCase{"import numpy as np", kNotImplemented,
                  "importing 'numpy' is not supported in MemLens scripts; only torch is available",
                  1, 8},
        ErrorCase{"from torch import nn", kNotImplemented,
                  "'from ... import' is not supported in MemLens scripts", 1, 1},
        ErrorCase{"x = b'abc'", kNotImplemented,
                  "bytes literals are not supported in MemLens scripts", 1, 5},
        ErrorCase{"x: int = 1", kNotImplemented,
                  "annotated assignments are not supported in MemLens scripts", 1, 1}));

// CPython 3.11's messages and positions (checked with ast.parse).
INSTANTIATE_TEST_SUITE_P(
    CPython, ParserErrors,
    testing::Values(
        ErrorCase{"x = (1,", "SyntaxError", "'(' was never closed", 1, 5},
        ErrorCase{"x = [1, 2\ny = 3", "SyntaxError", "'[' was never closed", 1, 5},
        ErrorCase{"x = 'abc", "SyntaxError", "unterminated string literal (detected at line 1)", 1,
                  5},
        ErrorCase{"f(a b)\nz = 'abc", "SyntaxError",
                  "unterminated string literal (detected at line 2)", 2, 5},
        ErrorCase{"x = 1 €", "SyntaxError", "invalid character '€' (U+20AC)", 1, 7},
        ErrorCase{"x = \\", "SyntaxError", "unexpected EOF while parsing", 1, 6},
        ErrorCase{"x = ", "SyntaxError", "invalid syntax", 1, 5},
        ErrorCase{"x +", "SyntaxError", "invalid syntax", 1, 4},
        ErrorCase{"a b", "SyntaxError", "invalid syntax", 1, 3},
        ErrorCase{"x = 1 2", "SyntaxError", "invalid syntax", 1, 7},
        ErrorCase{"x = 1; ;", "SyntaxError", "invalid syntax", 1, 8},
        ErrorCase{"x[1:2:3:4]", "SyntaxError", "invalid syntax", 1, 8},
        ErrorCase{"a[]", "SyntaxError", "invalid syntax", 1, 3},
        ErrorCase{"f(x,,)", "SyntaxError", "invalid syntax", 1, 5},
        ErrorCase{"else:\n    pass", "SyntaxError", "invalid syntax", 1, 1},
        ErrorCase{"x = 1 in not y", "SyntaxError", "invalid syntax", 1, 10},
        ErrorCase{"import torch.", "SyntaxError", "invalid syntax", 1, 14},
        ErrorCase{"f() = 1", "SyntaxError",
                  "cannot assign to function call here. Maybe you meant '==' instead of '='?", 1,
                  1},
        ErrorCase{"x, 1 = 2", "SyntaxError",
                  "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 4},
        ErrorCase{"a + b = 3", "SyntaxError",
                  "cannot assign to expression here. Maybe you meant '==' instead of '='?", 1, 1},
        ErrorCase{"x = f() = 1", "SyntaxError", "cannot assign to function call", 1, 5},
        ErrorCase{"[a, f()] = 1", "SyntaxError", "cannot assign to function call", 1, 5},
        ErrorCase{"x == 1 = 2", "SyntaxError", "cannot assign to comparison", 1, 1},
        ErrorCase{"None = 1", "SyntaxError", "cannot assign to None", 1, 1},
        ErrorCase{"for 1 in x: pass", "SyntaxError", "cannot assign to literal", 1, 5},
        ErrorCase{"with a as f(): pass", "SyntaxError", "cannot assign to function call", 1, 11},
        ErrorCase{"del f()", "SyntaxError", "cannot delete function call", 1, 5},
        ErrorCase{"del a + b", "SyntaxError", "cannot delete expression", 1, 5},
        ErrorCase{"f() += 1", "SyntaxError",
                  "'function call' is an illegal expression for augmented assignment", 1, 1},
        ErrorCase{"(a, b) += 1", "SyntaxError",
                  "'tuple' is an illegal expression for augmented assignment", 1, 1},
        ErrorCase{"if x\n  pass", "SyntaxError", "expected ':'", 1, 5},
        ErrorCase{"for x in range(3)\n    pass", "SyntaxError", "expected ':'", 1, 18},
        ErrorCase{"with open(f) as g\n    pass", "SyntaxError", "expected ':'", 1, 18},
        ErrorCase{"if x:\n    pass\nelse", "SyntaxError", "expected ':'", 3, 5},
        ErrorCase{"a if b", "SyntaxError", "expected 'else' after 'if' expression", 1, 1},
        ErrorCase{"if x = 1:\n    pass", "SyntaxError",
                  "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", 1, 4},
        ErrorCase{"f(a.b=1)", "SyntaxError",
                  "expression cannot contain assignment, perhaps you meant \"==\"?", 1, 3},
        ErrorCase{"f(a=1, 2)", "SyntaxError", "positional argument follows keyword argument", 1, 9},
        ErrorCase{"f(**a, b, c)", "SyntaxError",
                  "positional argument follows keyword argument unpacking", 1, 12},
        ErrorCase{"f(**a, *b)", "SyntaxError",
                  "iterable argument unpacking follows keyword argument unpacking", 1, 8},
        ErrorCase{"f(a b)", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 3},
        ErrorCase{"x = [1 2]", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 6},
        ErrorCase{"f(x=a b)", "SyntaxError", "invalid syntax. Perhaps you forgot a comma?", 1, 5},
        ErrorCase{"x = (1 if 2 else 3 4)", "SyntaxError",
                  "invalid syntax. Perhaps you forgot a comma?", 1, 18},
        ErrorCase{"x = {1: 2, 3}", "SyntaxError", "':' expected after dictionary key", 1, 12},
        ErrorCase{"print \"hi\"", "SyntaxError",
                  "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1},
        ErrorCase{"x = '\\xz'", "SyntaxError",
                  "(unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: "
                  "truncated \\xXX escape",
                  1, 5}));

INSTANTIATE_TEST_SUITE_P(
    Indentation, ParserErrors,
    testing::Values(ErrorCase{" x = 1", "IndentationError", "unexpected indent", 1, 1},
                    ErrorCase{"x = 1\n    y = 2", "IndentationError", "unexpected indent", 2, 4},
                    ErrorCase{"for x in y:\npass", "IndentationError",
                              "expected an indented block after 'for' statement on line 1", 2, 1},
                    ErrorCase{"x = 1\nfor x in y:\n    pass\n    for z in x:\n    pass",
                              "IndentationError",
                              "expected an indented block after 'for' statement on line 4", 5, 5},
                    ErrorCase{"if x:", "IndentationError",
                              "expected an indented block after 'if' statement on line 1", 1, 6},
                    ErrorCase{"if x: pass\nelif y:\nx", "IndentationError",
                              "expected an indented block after 'elif' statement on line 2", 3, 1},
                    ErrorCase{"if x: pass\nelse:\n", "IndentationError",
                              "expected an indented block after 'else' statement on line 2", 2, 6},
                    ErrorCase{"with a:\n# c\n", "IndentationError",
                              "expected an indented block after 'with' statement on line 1", 2, 4},
                    ErrorCase{"if x:\n    pass\n  else:\n    pass", "IndentationError",
                              "unindent does not match any outer indentation level", 3, 8},
                    ErrorCase{"if x:\n\ta\n        b", "TabError",
                              "inconsistent use of tabs and spaces in indentation", 3, 1}));

// ---- robustness -----------------------------------------------------------------

TEST(ParserLimits, DeepNestingIsASyntaxErrorNotACrash) {
  for (const std::string opener : {"(", "[", "{1: ", "f(", "x[", "-", "not ", "2**", "~"}) {
    std::string source = "y = ";
    for (int level = 0; level < 100000; ++level) source += opener;
    source += "1";
    const Failure error = failure(source);
    EXPECT_EQ(error.type, "SyntaxError") << opener;
    EXPECT_TRUE(error.message == "too many nested parentheses" ||
                error.message == "too deeply nested")
        << opener << ": " << error.message;
  }
}

TEST(ParserLimits, HundredLevelsStillParse) {
  std::string source = "y = ";
  for (int level = 0; level < 50; ++level) source += "-(";  // 100 levels
  source += "1" + std::string(50, ')');
  EXPECT_NO_THROW(parseModule(source));
  EXPECT_EQ(failure("y = " + std::string(101, '-') + "1").message, "too deeply nested");
}

TEST(ParserLimits, LongChainsAreBounded) {
  std::string sum = "y = 1";
  for (int term = 0; term < 500; ++term) sum += " + 1";
  EXPECT_NO_THROW(parseModule(sum));
  for (int term = 0; term < 100000; ++term) sum += "+1";
  EXPECT_EQ(failure(sum).message, "expression too complex for MemLens");
  std::string calls = "y = f";
  for (int call = 0; call < 100000; ++call) calls += "()";
  EXPECT_EQ(failure(calls).message, "expression too complex for MemLens");
}

TEST(ParserLimits, OnlyTheLooserChainDeepensAcrossPrecedenceLevels) {
  // Each product is a chain of its own that ends before the next '+', so only the sum's links
  // add up: 999 of them and the last product's '*' are the limit of 1,000 levels.
  std::string sum = "y = 1 * 1";
  for (int term = 0; term < 999; ++term) sum += " + 1 * 1";
  EXPECT_NO_THROW(parseModule(sum));
  sum += " + 1 * 1";
  const Failure error = failure(sum);
  EXPECT_EQ(error.message, "expression too complex for MemLens");
  EXPECT_EQ(error.column, 8007);  // the '*' after the 1,000th '+'
}

TEST(ParserLimits, ManyStatementsAreFine) {
  std::string source;
  for (int line = 0; line < 20000; ++line) source += "x = x + 1\n";
  EXPECT_EQ(parseModule(source).body.size(), 20000u);
}

// Deterministic mutations of valid scripts: every input either parses or raises ScriptError
// with a real position.
TEST(ParserRobustness, MutatedScriptsParseOrRaiseScriptError) {
  const std::vector<std::string> seeds{
      "import torch\nx = torch.tensor([1.0, 2.0])\ny = x.add_(1)\nprint(f\"{y!r:>10}\", y[0])\n",
      "for i in range(3):\n    if i % 2 == 0:\n        x[i] += 1\n    elif i:\n        pass\n"
      "    else:\n        del x\n",
      "with torch.no_grad():\n\ta, *b = c[1:, ::-1, ..., None]\n\td = {'k': -2**-1j}\n",
      "z = (1 if a and not b else 2, 0x1F, 1_000.5e-3, 'it\\'s', '''multi\nline''')\n",
      "x = f(*args, k=v, **kw).t().view(2, -1) @ y; z = x is not None or x in [1, 2]\n",
  };
  const std::string alphabet = "()[]{}:=,.*+-'\"\\\n\t #f{}!xj_e0@;\xff\xc3\xa9\x80\xe2\x82\xac";
  std::mt19937 random(20240611);
  int parsed = 0;
  int rejected = 0;
  for (int round = 0; round < 10000; ++round) {
    std::string source = seeds[random() % seeds.size()];
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int edit = 0; edit < edits && !source.empty(); ++edit) {
      const std::size_t index = random() % source.size();
      switch (random() % 5) {
        case 0: source[index] = alphabet[random() % alphabet.size()]; break;
        case 1: source.insert(index, 1, alphabet[random() % alphabet.size()]); break;
        case 2: source.erase(index, 1); break;
        case 3: source.resize(index); break;
        default: source.insert(index, source.substr(random() % source.size(), random() % 16));
      }
    }
    try {
      parseModule(source);
      ++parsed;
    } catch (const ScriptError& error) {
      ++rejected;
      ASSERT_GE(error.line(), 1) << source;
      ASSERT_GE(error.column(), 1) << source;
    }
  }
  EXPECT_GT(parsed, 0);
  EXPECT_GT(rejected, 0);
}

}  // namespace
}  // namespace memlens::script

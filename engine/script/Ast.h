#pragma once
// The syntax tree of a MemLens script: a subset of Python 3, every node with
// its 1-based line and column. Plain data; no LibTorch, no Qt.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace memlens::script {

struct Position {
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in characters (UTF-8 code points) of the line

  bool operator==(const Position&) const = default;
};

struct Expr;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;
using Block = std::vector<StmtPtr>;

// ---- expressions --------------------------------------------------------------

struct NameExpr {
  std::string id;
};
struct IntLiteral {
  std::int64_t value = 0;  // literals beyond int64 are a SyntaxError in MemLens
};
struct FloatLiteral {
  double value = 0;
};
struct ImaginaryLiteral {
  double value = 0;  // 2j -> 2.0
};
struct StringLiteral {
  std::string value;  // escapes resolved, adjacent literals joined
};
struct BoolLiteral {
  bool value = false;
};
struct NoneLiteral {};
struct EllipsisLiteral {};

// f"...{expr!r:>10}..." — literal text and formatted values, in order.
struct FormattedValue {
  ExprPtr value;
  char conversion = 0;     // 0, 'r', 's' or 'a'
  std::string formatSpec;  // literal spec text after ':' (nested fields unsupported)
};
struct FStringExpr {
  std::vector<std::variant<std::string, FormattedValue>> parts;
};

struct ListExpr {
  std::vector<ExprPtr> elements;
};
struct TupleExpr {
  std::vector<ExprPtr> elements;
};
struct DictExpr {
  std::vector<ExprPtr> keys;
  std::vector<ExprPtr> values;
};

enum class BinaryOp {
  Add,
  Sub,
  Mul,
  Div,
  FloorDiv,
  Mod,
  Pow,
  MatMul,
  BitAnd,
  BitOr,
  BitXor,
  LShift,
  RShift
};
struct BinaryExpr {
  BinaryOp op;
  ExprPtr left;
  ExprPtr right;
};

enum class UnaryOp { Neg, Pos, Invert, Not };
struct UnaryExpr {
  UnaryOp op;
  ExprPtr operand;
};

enum class BoolOp { And, Or };
struct BoolOpExpr {
  BoolOp op;
  std::vector<ExprPtr> values;  // two or more
};

enum class CompareOp { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };
struct CompareExpr {  // a < b <= c: left=a, ops={Lt, LtE}, comparators={b, c}
  ExprPtr left;
  std::vector<CompareOp> ops;
  std::vector<ExprPtr> comparators;
};

struct IfExpr {  // body if test else orelse
  ExprPtr test;
  ExprPtr body;
  ExprPtr orelse;
};

struct AttributeExpr {
  ExprPtr value;
  std::string attr;
};

struct StarredExpr {  // *args in a call or a display
  ExprPtr value;
};

struct Keyword {
  std::string name;  // empty for **kwargs
  ExprPtr value;
  Position position;
};
struct CallExpr {
  ExprPtr func;
  std::vector<ExprPtr> args;  // may contain StarredExpr
  std::vector<Keyword> keywords;
};

struct SliceExpr {  // lower:upper:step inside a subscript; each part optional
  ExprPtr lower;
  ExprPtr upper;
  ExprPtr step;
};
struct SubscriptExpr {  // value[index]; x[1, ::2] has a TupleExpr index
  ExprPtr value;
  ExprPtr index;
};

struct Expr {
  Position position;
  std::variant<NameExpr, IntLiteral, FloatLiteral, ImaginaryLiteral, StringLiteral, BoolLiteral,
               NoneLiteral, EllipsisLiteral, FStringExpr, ListExpr, TupleExpr, DictExpr, BinaryExpr,
               UnaryExpr, BoolOpExpr, CompareExpr, IfExpr, AttributeExpr, StarredExpr, CallExpr,
               SliceExpr, SubscriptExpr>
      node;
};

// ---- statements ---------------------------------------------------------------

struct ExprStmt {
  ExprPtr value;
};
struct AssignStmt {  // a = b = value: targets {a, b}
  std::vector<ExprPtr>
      targets;  // NameExpr, TupleExpr/ListExpr of targets, SubscriptExpr, AttributeExpr
  ExprPtr value;
};
struct AugAssignStmt {  // target op= value
  ExprPtr target;
  BinaryOp op;
  ExprPtr value;
};
struct DeleteStmt {
  std::vector<ExprPtr> targets;
};
struct ImportStmt {    // import torch [as alias]; only torch (and its submodules) parse
  std::string module;  // "torch", "torch.nn.functional"
  std::string alias;   // empty without `as`
};
struct PassStmt {};
struct BreakStmt {};
struct ContinueStmt {};
struct ForStmt {
  ExprPtr target;
  ExprPtr iter;
  Block body;
};
struct IfStmt {  // elif becomes an IfStmt alone in orelse
  ExprPtr test;
  Block body;
  Block orelse;
};
struct WithStmt {  // with context [as target]:
  ExprPtr context;
  ExprPtr target;  // may be null
  Block body;
};

struct Stmt {
  Position position;   // of the statement's first token
  int endLine = 0;     // last line the statement (with its block) covers
  std::string source;  // the statement's own text: its header line(s), without a block
  std::variant<ExprStmt, AssignStmt, AugAssignStmt, DeleteStmt, ImportStmt, PassStmt, BreakStmt,
               ContinueStmt, ForStmt, IfStmt, WithStmt>
      node;
};

struct Module {
  Block body;
};

}  // namespace memlens::script

#include "script/Parser.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "script/Lexer.h"
#include "session/ScriptError.h"

namespace memlens::script {
namespace {

// Brackets, unary operators, conditional expressions and blocks inside one another.
constexpr int kMaxNesting = 100;
// Depth of the syntax tree, counting left-nested chains such as a + b + c or f()()(): keeps
// the evaluator's recursion and the tree's destruction within any thread's stack.
constexpr int kMaxTreeDepth = 1000;

std::string notSupported(std::string_view construct) {
  return std::string(construct) + " not supported in MemLens scripts";
}

template <class Node>
ExprPtr makeExpr(Position position, Node node) {
  // Builds the variant from the node directly (make_unique<Expr>() would build a NameExpr to
  // assign over); clang before 16 has no make_unique for aggregates.
  return ExprPtr(new Expr{position, std::move(node)});
}

template <class Node>
const Node* as(const Expr& expr) {
  return std::get_if<Node>(&expr.node);
}

// CPython's name for an expression in "cannot assign to ..." messages.
std::string expressionName(const Expr& expr) {
  return std::visit(
      [](const auto& node) -> std::string {
        using Node = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<Node, NameExpr>) return "name";
        if constexpr (std::is_same_v<Node, BoolLiteral>) return node.value ? "True" : "False";
        if constexpr (std::is_same_v<Node, NoneLiteral>) return "None";
        if constexpr (std::is_same_v<Node, EllipsisLiteral>) return "ellipsis";
        if constexpr (std::is_same_v<Node, IntLiteral> || std::is_same_v<Node, FloatLiteral> ||
                      std::is_same_v<Node, ImaginaryLiteral> ||
                      std::is_same_v<Node, StringLiteral>) {
          return "literal";
        }
        if constexpr (std::is_same_v<Node, FStringExpr>) return "f-string expression";
        if constexpr (std::is_same_v<Node, ListExpr>) return "list";
        if constexpr (std::is_same_v<Node, TupleExpr>) return "tuple";
        if constexpr (std::is_same_v<Node, DictExpr>) return "dict literal";
        if constexpr (std::is_same_v<Node, CompareExpr>) return "comparison";
        if constexpr (std::is_same_v<Node, IfExpr>) return "conditional expression";
        if constexpr (std::is_same_v<Node, AttributeExpr>) return "attribute";
        if constexpr (std::is_same_v<Node, SubscriptExpr>) return "subscript";
        if constexpr (std::is_same_v<Node, StarredExpr>) return "starred";
        if constexpr (std::is_same_v<Node, CallExpr>) return "function call";
        return "expression";  // operators and slices
      },
      expr.node);
}

// Whether CPython would parse the expression as a `bitwise_or`, the operand its
// "Maybe you meant '=='" hints are about.
bool isBitwiseOrLevel(const Expr& expr) {
  if (as<CompareExpr>(expr) || as<BoolOpExpr>(expr) || as<IfExpr>(expr) || as<StarredExpr>(expr) ||
      as<TupleExpr>(expr) || as<ListExpr>(expr) || as<BoolLiteral>(expr) || as<NoneLiteral>(expr)) {
    return false;
  }
  const auto* unary = as<UnaryExpr>(expr);
  return unary == nullptr || unary->op != UnaryOp::Not;
}

// The position reached after `text` when it starts at `from`.
Position advancePosition(Position from, std::string_view text) {
  Position position = from;
  for (std::size_t index = 0; index < text.size(); ++index) {
    const char c = text[index];
    if (c == '\n' || (c == '\r' && (index + 1 >= text.size() || text[index + 1] != '\n'))) {
      ++position.line;
      position.column = 1;
    } else if (c != '\r' && (static_cast<unsigned char>(c) & 0xC0u) != 0x80u) {
      ++position.column;
    }
  }
  return position;
}

void appendUtf8(std::string& out, char32_t codePoint) {
  const auto byte = [](char32_t value) { return static_cast<char>(value); };
  if (codePoint < 0x80) {
    out += byte(codePoint);
  } else if (codePoint < 0x800) {
    out += byte(0xC0 | (codePoint >> 6));
    out += byte(0x80 | (codePoint & 0x3F));
  } else if (codePoint < 0x10000) {
    out += byte(0xE0 | (codePoint >> 12));
    out += byte(0x80 | ((codePoint >> 6) & 0x3F));
    out += byte(0x80 | (codePoint & 0x3F));
  } else {
    out += byte(0xF0 | (codePoint >> 18));
    out += byte(0x80 | ((codePoint >> 12) & 0x3F));
    out += byte(0x80 | ((codePoint >> 6) & 0x3F));
    out += byte(0x80 | (codePoint & 0x3F));
  }
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Line breaks inside a literal read as '\n', as Python reads source files.
std::string normalizeNewlines(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t index = 0; index < text.size(); ++index) {
    if (text[index] == '\r') {
      out += '\n';
      if (index + 1 < text.size() && text[index + 1] == '\n') ++index;
    } else {
      out += text[index];
    }
  }
  return out;
}

// Resolves the backslash escapes of a (non-raw) string literal's text.
std::string decodeEscapes(std::string_view text, Position at) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t index = 0; index < text.size(); ++index) {
    const char c = text[index];
    if (c != '\\' || index + 1 >= text.size()) {
      out += c;
      continue;
    }
    const std::size_t escapeStart = index;
    const char kind = text[++index];
    switch (kind) {
      case '\n': break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case 'x':
      case 'u':
      case 'U': {
        const std::size_t digits = kind == 'x' ? 2 : kind == 'u' ? 4 : 8;
        char32_t codePoint = 0;
        std::size_t found = 0;
        while (found < digits && index + 1 < text.size() && hexValue(text[index + 1]) >= 0) {
          codePoint = codePoint * 16 + static_cast<char32_t>(hexValue(text[++index]));
          ++found;
        }
        const std::string range =
            "position " + std::to_string(escapeStart) + "-" + std::to_string(index);
        if (found < digits) {
          const std::string shape = kind == 'x' ? "\\xXX" : kind == 'u' ? "\\uXXXX" : "\\UXXXXXXXX";
          throw ScriptError("SyntaxError",
                            "(unicode error) 'unicodeescape' codec can't decode bytes in " + range +
                                ": truncated " + shape + " escape",
                            at.line, at.column);
        }
        if (codePoint > 0x10FFFF) {
          throw ScriptError("SyntaxError",
                            "(unicode error) 'unicodeescape' codec can't decode bytes in " + range +
                                ": illegal Unicode character",
                            at.line, at.column);
        }
        appendUtf8(out, codePoint);
        break;
      }
      case 'N':
        if (index + 1 < text.size() && text[index + 1] == '{') {
          throw ScriptError("NotImplementedError", notSupported("'\\N{...}' escapes are"), at.line,
                            at.column);
        }
        throw ScriptError("SyntaxError",
                          "(unicode error) 'unicodeescape' codec can't decode bytes in position " +
                              std::to_string(escapeStart) + "-" + std::to_string(index) +
                              ": malformed \\N character escape",
                          at.line, at.column);
      default:
        if (kind >= '0' && kind <= '7') {
          char32_t codePoint = static_cast<char32_t>(kind - '0');
          for (int more = 0; more < 2 && index + 1 < text.size() && text[index + 1] >= '0' &&
                             text[index + 1] <= '7';
               ++more) {
            codePoint = codePoint * 8 + static_cast<char32_t>(text[++index] - '0');
          }
          appendUtf8(out, codePoint);
        } else {
          out += '\\';  // unknown escapes stay as written, like Python
          out += kind;
        }
    }
  }
  return out;
}

// A string token taken apart: prefix flags and the text between the quotes.
struct StringPieces {
  bool raw = false;
  bool bytes = false;
  bool formatted = false;
  std::string_view body;
  Position bodyStart;
};

StringPieces splitStringToken(const Token& token) {
  StringPieces pieces;
  const std::string_view text = token.text;
  std::size_t prefixLength = 0;
  while (text[prefixLength] != '\'' && text[prefixLength] != '"') {
    const char flag = text[prefixLength++];
    pieces.raw = pieces.raw || flag == 'r' || flag == 'R';
    pieces.bytes = pieces.bytes || flag == 'b' || flag == 'B';
    pieces.formatted = pieces.formatted || flag == 'f' || flag == 'F';
  }
  const char quote = text[prefixLength];
  const bool triple = text.size() >= prefixLength + 6 && text[prefixLength + 1] == quote &&
                      text[prefixLength + 2] == quote;
  const std::size_t quoteLength = triple ? 3 : 1;
  pieces.body =
      text.substr(prefixLength + quoteLength, text.size() - prefixLength - 2 * quoteLength);
  pieces.bodyStart =
      Position{token.start.line, token.start.column + static_cast<int>(prefixLength + quoteLength)};
  return pieces;
}

class Parser {
 public:
  Parser(std::string_view source, TokenStream stream, int nesting, int treeDepth)
      : source_(source),
        tokens_(std::move(stream.tokens)),
        lexicalError_(std::move(stream.error)),
        next_(tokens_.data()),
        last_(&tokens_.back()),
        errorToken_(lexicalError_ ? last_ : nullptr),
        nesting_(nesting),
        treeDepth_(treeDepth) {}
  // The token pointers point into tokens_: a copy would point into the original.
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  Module parseModule() {
    return reportingLexicalErrorsFirst([&] {
      Module module;
      while (peek().kind != TokenKind::EndMarker) parseStatementInto(module.body);
      return module;
    });
  }

  // The expression of an f-string replacement field: everything up to the end of input.
  ExprPtr parseFieldExpression() {
    return reportingLexicalErrorsFirst([&] {
      auto expr = parseStarExpressions();
      if (peek().kind != TokenKind::EndMarker) failMissingComma();
      return expr;
    });
  }

 private:
  // ---- tokens ---------------------------------------------------------------

  // The current token: the parser's most frequent call, so the check for the lexical error
  // at the end is one comparison (errorToken_ is null without an error).
  const Token& peek() {
    if (next_ == errorToken_) throwLexicalError();
    return *next_;
  }

  const Token& peek(std::size_t ahead) {
    const Token* token = next_ + std::min(ahead, static_cast<std::size_t>(last_ - next_));
    if (token == errorToken_) throwLexicalError();
    return *token;
  }

  [[noreturn]] void throwLexicalError() {
    lexicalErrorReached_ = true;
    throw *lexicalError_;
  }

  const Token& advance() {
    const Token& token = peek();
    if (next_ != last_) ++next_;
    return token;
  }

  const Token& previous() const { return next_[-1]; }  // the last token consumed

  bool at(TokenId id) { return peek().id == id; }
  bool accept(TokenId id) {
    if (!at(id)) return false;
    advance();
    return true;
  }

  // Whether the token can begin an expression that was not joined to the one before it.
  static bool startsOperand(const Token& token) {
    switch (token.id) {
      case TokenId::Identifier:
      case TokenId::TrueKeyword:
      case TokenId::FalseKeyword:
      case TokenId::NoneKeyword:
      case TokenId::NotKeyword:
      case TokenId::LambdaKeyword:
      case TokenId::AwaitKeyword:
      case TokenId::Number:
      case TokenId::String:
      case TokenId::LeftParen:
      case TokenId::LeftBracket:
      case TokenId::LeftBrace:
      case TokenId::Ellipsis: return true;
      default: return false;
    }
  }

  // ---- errors ---------------------------------------------------------------

  // Like CPython, a lexical error anywhere in the script wins over the parser's own error,
  // except an unexpected indent, which CPython finds first.
  template <class Parse>
  std::invoke_result_t<Parse> reportingLexicalErrorsFirst(Parse parse) {
    try {
      return parse();
    } catch (const ScriptError& error) {
      const std::string_view message = error.what();
      const bool indentToken = message == "unexpected indent" || message == "unexpected unindent";
      if (lexicalError_ && !indentToken) throw *lexicalError_;
      throw;
    }
  }

  [[noreturn]] static void fail(const std::string& message, Position at,
                                std::string type = "SyntaxError") {
    throw ScriptError(std::move(type), message, at.line, at.column);
  }

  [[noreturn]] static void failNotSupported(std::string_view construct, Position at) {
    fail(notSupported(construct), at, "NotImplementedError");
  }

  // CPython's generic error; indentation tokens explain themselves.
  [[noreturn]] static void invalidSyntax(const Token& at) {
    if (at.kind == TokenKind::Indent) {
      fail("unexpected indent", Position{at.end.line, std::max(1, at.end.column - 1)},
           "IndentationError");
    }
    if (at.kind == TokenKind::Dedent) fail("unexpected unindent", at.start, "IndentationError");
    fail("invalid syntax", at.start);
  }

  // Inside brackets, an expression right after the last complete one (a disjunction, in
  // CPython's grammar) most likely misses a comma between them.
  [[noreturn]] void failMissingComma() {
    const Token& next = peek();
    if (!lastDisjunction_ || !startsOperand(next)) invalidSyntax(next);
    const Token& first = *lastDisjunction_;
    const bool nameThenString = first.kind == TokenKind::Name && lastDisjunction_ + 1 == next_ &&
                                next.kind == TokenKind::String;
    const bool softKeyword = first.id == TokenId::Identifier &&
                             (first.text == "match" || first.text == "case" || first.text == "_");
    if (nameThenString || softKeyword) invalidSyntax(next);
    const Position firstPosition = first.start;
    const Token* resumeAt = next_;
    const int nesting = nesting_;
    const int treeDepth = treeDepth_;
    bool secondParses = false;
    try {
      parseTest();
      secondParses = true;
    } catch (const ScriptError&) {
      if (lexicalErrorReached_) throw;
    }
    next_ = resumeAt;
    nesting_ = nesting;
    treeDepth_ = treeDepth;
    if (!secondParses) invalidSyntax(peek());
    fail("invalid syntax. Perhaps you forgot a comma?", firstPosition);
  }

  // `=` after an expression where only `==` or `:=` could be meant.
  void rejectAssignmentInExpression(const Expr& expr) {
    if (!at(TokenId::Equal)) return;
    if (as<NameExpr>(expr)) {
      fail("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", expr.position);
    }
    if (isBitwiseOrLevel(expr)) {
      fail("cannot assign to " + expressionName(expr) +
               " here. Maybe you meant '==' instead of '='?",
           expr.position);
    }
    invalidSyntax(peek());
  }

  // ---- recursion limits -----------------------------------------------------

  class NestingGuard {
   public:
    NestingGuard(Parser& parser, Position at) : parser_(parser) {
      ++parser_.nesting_;
      ++parser_.treeDepth_;
      if (parser_.nesting_ > kMaxNesting) fail("too deeply nested", at);
      if (parser_.treeDepth_ > kMaxTreeDepth) fail("expression too complex for MemLens", at);
    }
    ~NestingGuard() {
      --parser_.nesting_;
      --parser_.treeDepth_;
    }
    NestingGuard(const NestingGuard&) = delete;
    NestingGuard& operator=(const NestingGuard&) = delete;

   private:
    Parser& parser_;
  };

  // A left-nested chain (a + b + c, x.y[0](1)) deepens the tree by one level per link.
  class ChainDepth {
   public:
    explicit ChainDepth(Parser& parser) : parser_(parser) {}
    void addLink(Position at) {
      ++links_;
      if (++parser_.treeDepth_ > kMaxTreeDepth) fail("expression too complex for MemLens", at);
    }
    // Ends the chain: what follows is no longer nested in its links.
    void end() {
      parser_.treeDepth_ -= links_;
      links_ = 0;
    }
    ~ChainDepth() { end(); }
    ChainDepth(const ChainDepth&) = delete;
    ChainDepth& operator=(const ChainDepth&) = delete;

   private:
    Parser& parser_;
    int links_ = 0;
  };

  // ---- statements -----------------------------------------------------------

  StmtPtr makeStmt(const Token& first, const Token& last) {
    auto stmt = std::make_unique<Stmt>();
    stmt->position = first.start;
    stmt->endLine = last.end.line;
    stmt->source.assign(source_.substr(first.offset, last.endOffset - first.offset));
    return stmt;
  }

  void parseStatementInto(Block& block) {
    const Token& first = peek();
    switch (first.id) {
      case TokenId::At: failNotSupported("decorators are", first.start);
      case TokenId::IfKeyword: return block.push_back(parseIf());
      case TokenId::ForKeyword: return block.push_back(parseFor());
      case TokenId::WithKeyword: return block.push_back(parseWith());
      case TokenId::DefKeyword: failNotSupported("function definitions ('def') are", first.start);
      case TokenId::ClassKeyword: failNotSupported("class definitions ('class') are", first.start);
      case TokenId::WhileKeyword: failNotSupported("'while' loops are", first.start);
      case TokenId::TryKeyword: failNotSupported("'try' statements are", first.start);
      case TokenId::AsyncKeyword: failNotSupported("'async' statements are", first.start);
      case TokenId::Identifier:
        if (first.text == "match" && looksLikeMatchStatement()) {
          failNotSupported("'match' statements are", first.start);
        }
        break;
      default: break;
    }
    parseSimpleStatements(block);
  }

  // `match subject:` — a soft keyword, so `match = 1` and `match(x)` stay ordinary code.
  bool looksLikeMatchStatement() {
    const Token& second = peek(1);
    if (!startsOperand(second) && second.id != TokenId::Minus && second.id != TokenId::Star) {
      return false;
    }
    std::size_t ahead = 1;
    while (peek(ahead + 1).kind != TokenKind::Newline &&
           peek(ahead + 1).kind != TokenKind::EndMarker) {
      ++ahead;
    }
    return peek(ahead).id == TokenId::Colon;
  }

  void parseSimpleStatements(Block& block) {
    while (true) {
      block.push_back(parseSmallStatement());
      if (!accept(TokenId::Semicolon)) break;
      if (peek().kind == TokenKind::Newline) break;
    }
    if (peek().kind != TokenKind::Newline) invalidSyntax(peek());
    advance();
  }

  StmtPtr parseSmallStatement() {
    const Token& first = peek();
    switch (first.id) {
      case TokenId::PassKeyword: return parseKeywordStatement(PassStmt{});
      case TokenId::BreakKeyword: return parseKeywordStatement(BreakStmt{});
      case TokenId::ContinueKeyword: return parseKeywordStatement(ContinueStmt{});
      case TokenId::DelKeyword: return parseDelete();
      case TokenId::ImportKeyword: return parseImport();
      case TokenId::FromKeyword: failNotSupported("'from ... import' is", first.start);
      case TokenId::ReturnKeyword:
      case TokenId::RaiseKeyword:
      case TokenId::GlobalKeyword:
      case TokenId::NonlocalKeyword:
      case TokenId::AssertKeyword:
        failNotSupported("'" + std::string(first.text) + "' statements are", first.start);
      default: return parseExpressionStatement();
    }
  }

  // `pass`, `break` or `continue`: the keyword alone.
  template <class Node>
  StmtPtr parseKeywordStatement(Node node) {
    const Token& keyword = advance();
    auto stmt = makeStmt(keyword, keyword);
    stmt->node = node;
    return stmt;
  }

  StmtPtr parseExpressionStatement() {
    const Token& first = *next_;
    bool bareTuple = false;
    ExprPtr expr = parseStarExpressions(&bareTuple);
    if (at(TokenId::Equal)) {
      AssignStmt assign;
      ExprPtr value = std::move(expr);
      while (accept(TokenId::Equal)) {
        assign.targets.push_back(std::move(value));
        value = parseStarExpressions();
      }
      assign.value = std::move(value);
      validateAssignTargets(assign.targets, bareTuple);
      rejectLoneStarred(*assign.value);
      auto stmt = makeStmt(first, previous());
      stmt->node = std::move(assign);
      return stmt;
    }
    if (const auto op = augmentedOperator(peek())) {
      if (!as<NameExpr>(*expr) && !as<AttributeExpr>(*expr) && !as<SubscriptExpr>(*expr)) {
        fail("'" + expressionName(*expr) + "' is an illegal expression for augmented assignment",
             expr->position);
      }
      advance();
      AugAssignStmt augmented{std::move(expr), *op, parseStarExpressions()};
      rejectLoneStarred(*augmented.value);
      auto stmt = makeStmt(first, previous());
      stmt->node = std::move(augmented);
      return stmt;
    }
    if (at(TokenId::Colon)) failNotSupported("annotated assignments are", expr->position);
    if (const auto* name = as<NameExpr>(*expr);
        name && (name->id == "print" || name->id == "exec") && startsOperand(peek())) {
      fail("Missing parentheses in call to '" + name->id + "'. Did you mean " + name->id + "(...)?",
           expr->position);
    }
    rejectLoneStarred(*expr);
    auto stmt = makeStmt(first, previous());
    stmt->node = ExprStmt{std::move(expr)};
    return stmt;
  }

  static std::optional<BinaryOp> augmentedOperator(const Token& token) {
    switch (token.id) {
      case TokenId::PlusEqual: return BinaryOp::Add;
      case TokenId::MinusEqual: return BinaryOp::Sub;
      case TokenId::StarEqual: return BinaryOp::Mul;
      case TokenId::SlashEqual: return BinaryOp::Div;
      case TokenId::DoubleSlashEqual: return BinaryOp::FloorDiv;
      case TokenId::PercentEqual: return BinaryOp::Mod;
      case TokenId::DoubleStarEqual: return BinaryOp::Pow;
      case TokenId::AtEqual: return BinaryOp::MatMul;
      case TokenId::AmpersandEqual: return BinaryOp::BitAnd;
      case TokenId::VerticalBarEqual: return BinaryOp::BitOr;
      case TokenId::CircumflexEqual: return BinaryOp::BitXor;
      case TokenId::LeftShiftEqual: return BinaryOp::LShift;
      case TokenId::RightShiftEqual: return BinaryOp::RShift;
      default: return std::nullopt;
    }
  }

  static void rejectLoneStarred(const Expr& expr) {
    if (as<StarredExpr>(expr)) fail("can't use starred expression here", expr.position);
  }

  // The first part of a target that cannot be assigned to (or deleted), if any.
  static const Expr* firstInvalidTarget(const Expr& target, bool deleting) {
    if (as<NameExpr>(target) || as<AttributeExpr>(target) || as<SubscriptExpr>(target)) {
      return nullptr;
    }
    const std::vector<ExprPtr>* elements = nullptr;
    if (const auto* tuple = as<TupleExpr>(target)) elements = &tuple->elements;
    if (const auto* list = as<ListExpr>(target)) elements = &list->elements;
    if (elements == nullptr) {
      if (const auto* starred = as<StarredExpr>(target); starred && !deleting) {
        return firstInvalidTarget(*starred->value, deleting);
      }
      return &target;
    }
    for (const auto& element : *elements) {
      if (const Expr* invalid = firstInvalidTarget(*element, deleting)) return invalid;
    }
    return nullptr;
  }

  // Python allows one starred name per unpacking level, and none outside a tuple or list.
  static void checkStarredTargets(const Expr& target, bool topLevel) {
    if (as<StarredExpr>(target) && topLevel) {
      fail("starred assignment target must be in a list or tuple", target.position);
    }
    const std::vector<ExprPtr>* elements = nullptr;
    if (const auto* tuple = as<TupleExpr>(target)) elements = &tuple->elements;
    if (const auto* list = as<ListExpr>(target)) elements = &list->elements;
    if (elements == nullptr) return;
    bool sawStarred = false;
    for (const auto& element : *elements) {
      if (const auto* starred = as<StarredExpr>(*element)) {
        if (sawStarred) fail("multiple starred expressions in assignment", element->position);
        sawStarred = true;
        checkStarredTargets(*starred->value, false);
      } else {
        checkStarredTargets(*element, false);
      }
    }
  }

  static void validateTarget(const Expr& target) {
    if (const Expr* invalid = firstInvalidTarget(target, false)) {
      fail("cannot assign to " + expressionName(*invalid), invalid->position);
    }
    checkStarredTargets(target, true);
  }

  // `firstIsBareTuple`: the first target is a tuple without parentheses (`a, b = ...`).
  static void validateAssignTargets(const std::vector<ExprPtr>& targets, bool firstIsBareTuple) {
    for (const auto& target : targets) {
      const Expr* invalid = firstInvalidTarget(*target, false);
      if (invalid == nullptr) continue;
      // CPython's hint for `f() = 1`: the target right before a single '='.
      const auto* tuple = as<TupleExpr>(*target);
      const bool nextToValue = invalid == target.get() || (firstIsBareTuple && tuple &&
                                                           invalid == tuple->elements.back().get());
      if (targets.size() == 1 && nextToValue && isBitwiseOrLevel(*invalid)) {
        fail("cannot assign to " + expressionName(*invalid) +
                 " here. Maybe you meant '==' instead of '='?",
             invalid->position);
      }
      fail("cannot assign to " + expressionName(*invalid), invalid->position);
    }
    for (const auto& target : targets) checkStarredTargets(*target, true);
  }

  StmtPtr parseDelete() {
    const Token& keyword = advance();
    bool bareTuple = false;
    ExprPtr targets = parseStarExpressions(&bareTuple);
    std::vector<ExprPtr> deleted;
    if (bareTuple) {
      auto* tuple = std::get_if<TupleExpr>(&targets->node);
      deleted = std::move(tuple->elements);
    } else {
      deleted.push_back(std::move(targets));
    }
    for (const auto& target : deleted) {
      if (const Expr* invalid = firstInvalidTarget(*target, true)) {
        fail("cannot delete " + expressionName(*invalid), invalid->position);
      }
    }
    auto stmt = makeStmt(keyword, previous());
    stmt->node = DeleteStmt{std::move(deleted)};
    return stmt;
  }

  std::string parseName() {
    const Token& token = peek();
    if (token.id != TokenId::Identifier) invalidSyntax(token);
    return std::string(advance().text);
  }

  StmtPtr parseImport() {
    const Token& keyword = advance();
    const Position importPosition = keyword.start;
    const Position modulePosition = peek().start;
    std::string module = parseName();
    while (accept(TokenId::Dot)) module += "." + parseName();
    std::string alias;
    if (accept(TokenId::AsKeyword)) alias = parseName();
    if (at(TokenId::Comma)) {
      fail(
          "importing several modules in one 'import' statement is not supported in MemLens "
          "scripts; use one 'import' per line",
          importPosition, "NotImplementedError");
    }
    if (module != "torch" && !module.starts_with("torch.")) {
      fail(
          "importing '" + module + "' is not supported in MemLens scripts; only torch is available",
          modulePosition, "NotImplementedError");
    }
    auto stmt = makeStmt(keyword, previous());
    stmt->node = ImportStmt{std::move(module), std::move(alias)};
    return stmt;
  }

  // `:` ending a compound statement's header. `if`/`elif` only say "expected ':'" at the end
  // of the line, like CPython.
  void expectColon(bool onlyAtEndOfLine) {
    if (accept(TokenId::Colon)) return;
    if (onlyAtEndOfLine && peek().kind != TokenKind::Newline) invalidSyntax(peek());
    fail("expected ':'", peek().start);
  }

  // A block after `keyword ...:` — indented lines, or simple statements on the header's line.
  Block parseBlock(std::string_view keyword, int headerLine) {
    Block body;
    if (peek().kind != TokenKind::Newline) {
      parseSimpleStatements(body);
      return body;
    }
    advance();
    if (peek().kind != TokenKind::Indent) {
      fail("expected an indented block after '" + std::string(keyword) + "' statement on line " +
               std::to_string(headerLine),
           peek().start, "IndentationError");
    }
    const NestingGuard guard(*this, peek().start);
    advance();
    while (peek().kind != TokenKind::Dedent && peek().kind != TokenKind::EndMarker) {
      parseStatementInto(body);
    }
    advance();
    return body;
  }

  static int lastLine(const Block& block, int fallback) {
    return block.empty() ? fallback : block.back()->endLine;
  }

  StmtPtr parseIf() {
    const Token& keyword = advance();
    const int headerLine = keyword.start.line;
    ExprPtr test = parseTest();
    rejectAssignmentInExpression(*test);
    expectColon(true);
    auto stmt = makeStmt(keyword, previous());
    IfStmt node{std::move(test), parseBlock(keyword.text, headerLine), {}};
    int endLine = lastLine(node.body, stmt->endLine);
    if (at(TokenId::ElifKeyword)) {
      node.orelse.push_back(parseIf());
      endLine = node.orelse.back()->endLine;
    } else if (at(TokenId::ElseKeyword)) {
      const int elseLine = advance().start.line;
      expectColon(false);
      node.orelse = parseBlock("else", elseLine);
      endLine = lastLine(node.orelse, elseLine);
    }
    stmt->endLine = endLine;
    stmt->node = std::move(node);
    return stmt;
  }

  StmtPtr parseFor() {
    const Token& keyword = advance();
    const int headerLine = keyword.start.line;
    ExprPtr target = parseTargetList();
    validateTarget(*target);
    if (!accept(TokenId::InKeyword)) invalidSyntax(peek());
    ExprPtr iterable = parseStarExpressions();
    rejectLoneStarred(*iterable);
    expectColon(false);
    auto stmt = makeStmt(keyword, previous());
    ForStmt node{std::move(target), std::move(iterable), parseBlock("for", headerLine)};
    if (at(TokenId::ElseKeyword)) {
      failNotSupported("'else' clauses on 'for' loops are", peek().start);
    }
    stmt->endLine = lastLine(node.body, stmt->endLine);
    stmt->node = std::move(node);
    return stmt;
  }

  // `for` targets: star_targets, which stop before `in`.
  ExprPtr parseTargetList() {
    const Position start = peek().start;
    ExprPtr first = parseTargetElement();
    if (!at(TokenId::Comma)) return first;
    TupleExpr tuple;
    tuple.elements.push_back(std::move(first));
    while (accept(TokenId::Comma)) {
      if (!startsOperand(peek()) && !at(TokenId::Star)) break;
      tuple.elements.push_back(parseTargetElement());
    }
    return makeExpr(start, std::move(tuple));
  }

  ExprPtr parseTargetElement() {
    if (at(TokenId::Star)) {
      const Position star = advance().start;
      return makeExpr(star, StarredExpr{parseBitwiseOr()});
    }
    return parseBitwiseOr();
  }

  StmtPtr parseWith() {
    const Token& keyword = advance();
    const Position withPosition = keyword.start;
    const int headerLine = keyword.start.line;
    ExprPtr context = parseTest();
    ExprPtr target;
    if (accept(TokenId::AsKeyword)) {
      target = parseTargetElement();
      validateTarget(*target);
    }
    if (at(TokenId::Comma)) {
      failNotSupported("'with' statements with several context managers are", withPosition);
    }
    expectColon(false);
    auto stmt = makeStmt(keyword, previous());
    WithStmt node{std::move(context), std::move(target), parseBlock("with", headerLine)};
    stmt->endLine = lastLine(node.body, stmt->endLine);
    stmt->node = std::move(node);
    return stmt;
  }

  // ---- expressions ----------------------------------------------------------

  // star_expressions: `a`, `a, b`, `*a, b` — a tuple without parentheses when there is a comma.
  ExprPtr parseStarExpressions(bool* bareTuple = nullptr) {
    const Position start = peek().start;
    ExprPtr first = parseStarOrTest();
    if (bareTuple != nullptr) *bareTuple = at(TokenId::Comma);
    if (!at(TokenId::Comma)) return first;
    TupleExpr tuple;
    tuple.elements.push_back(std::move(first));
    while (accept(TokenId::Comma)) {
      if (!startsOperand(peek()) && !at(TokenId::Star) && !at(TokenId::Minus) &&
          !at(TokenId::Plus) && !at(TokenId::Tilde)) {
        break;
      }
      tuple.elements.push_back(parseStarOrTest());
    }
    return makeExpr(start, std::move(tuple));
  }

  ExprPtr parseStarOrTest() {
    if (at(TokenId::Star)) {
      lastDisjunction_ = nullptr;
      const Position star = advance().start;
      return makeExpr(star, StarredExpr{parseBitwiseOr()});
    }
    return parseTest();
  }

  // test: or_test ['if' or_test 'else' test]
  ExprPtr parseTest() {
    const Position start = peek().start;
    ExprPtr body = parseOrTest();
    if (at(TokenId::ColonEqual)) {
      failNotSupported("assignment expressions (':=') are", peek().start);
    }
    if (!at(TokenId::IfKeyword)) return body;
    advance();
    ExprPtr test = parseOrTest();
    if (!at(TokenId::ElseKeyword)) {
      if (at(TokenId::Colon)) invalidSyntax(peek());
      fail("expected 'else' after 'if' expression", start);
    }
    const NestingGuard guard(*this, advance().start);
    ExprPtr orelse = parseTest();
    return makeExpr(start, IfExpr{std::move(test), std::move(body), std::move(orelse)});
  }

  ExprPtr parseOrTest() {
    const Token* firstToken = next_;
    ExprPtr expr = parseBoolOpChain(TokenId::OrKeyword, BoolOp::Or);
    lastDisjunction_ = firstToken;
    return expr;
  }

  ExprPtr parseBoolOpChain(TokenId keyword, BoolOp op) {
    const Position start = peek().start;
    auto parseOperand = [&] {
      return op == BoolOp::Or ? parseBoolOpChain(TokenId::AndKeyword, BoolOp::And) : parseNotTest();
    };
    ExprPtr first = parseOperand();
    if (!at(keyword)) return first;
    BoolOpExpr node{op, {}};
    node.values.push_back(std::move(first));
    while (accept(keyword)) node.values.push_back(parseOperand());
    return makeExpr(start, std::move(node));
  }

  ExprPtr parseNotTest() {
    if (!at(TokenId::NotKeyword)) return parseComparison();
    const Position start = advance().start;
    const NestingGuard guard(*this, start);
    return makeExpr(start, UnaryExpr{UnaryOp::Not, parseNotTest()});
  }

  std::optional<CompareOp> comparisonOperator() {
    switch (peek().id) {
      case TokenId::EqualEqual: return CompareOp::Eq;
      case TokenId::NotEqual: return CompareOp::NotEq;
      case TokenId::Less: return CompareOp::Lt;
      case TokenId::LessEqual: return CompareOp::LtE;
      case TokenId::Greater: return CompareOp::Gt;
      case TokenId::GreaterEqual: return CompareOp::GtE;
      case TokenId::InKeyword: return CompareOp::In;
      case TokenId::IsKeyword: return CompareOp::Is;
      case TokenId::NotKeyword:
        if (peek(1).id == TokenId::InKeyword) return CompareOp::NotIn;
        return std::nullopt;
      default: return std::nullopt;
    }
  }

  ExprPtr parseComparison() {
    const Position start = peek().start;
    ExprPtr left = parseBitwiseOr();
    std::optional<CompareOp> op = comparisonOperator();
    if (!op) return left;
    CompareExpr node{std::move(left), {}, {}};
    while (op) {
      advance();
      if (*op == CompareOp::NotIn) advance();
      if (*op == CompareOp::Is && accept(TokenId::NotKeyword)) op = CompareOp::IsNot;
      node.ops.push_back(*op);
      node.comparators.push_back(parseBitwiseOr());
      op = comparisonOperator();
    }
    return makeExpr(start, std::move(node));
  }

  struct BinaryOperator {
    BinaryOp op;
    int level;  // precedence, from 0 (loosest) to kTightestLevel
  };
  static constexpr int kTightestLevel = 5;

  // The binary operators below unary operators and **, from loosest to tightest:
  // | ^ & (<< >>) (+ -) (* / // % @).
  static std::optional<BinaryOperator> binaryOperator(TokenId id) {
    switch (id) {
      case TokenId::VerticalBar: return BinaryOperator{BinaryOp::BitOr, 0};
      case TokenId::Circumflex: return BinaryOperator{BinaryOp::BitXor, 1};
      case TokenId::Ampersand: return BinaryOperator{BinaryOp::BitAnd, 2};
      case TokenId::LeftShift: return BinaryOperator{BinaryOp::LShift, 3};
      case TokenId::RightShift: return BinaryOperator{BinaryOp::RShift, 3};
      case TokenId::Plus: return BinaryOperator{BinaryOp::Add, 4};
      case TokenId::Minus: return BinaryOperator{BinaryOp::Sub, 4};
      case TokenId::Star: return BinaryOperator{BinaryOp::Mul, 5};
      case TokenId::Slash: return BinaryOperator{BinaryOp::Div, 5};
      case TokenId::DoubleSlash: return BinaryOperator{BinaryOp::FloorDiv, 5};
      case TokenId::Percent: return BinaryOperator{BinaryOp::Mod, 5};
      case TokenId::At: return BinaryOperator{BinaryOp::MatMul, 5};
      default: return std::nullopt;
    }
  }

  ExprPtr parseBitwiseOr() { return parseBinary(0); }

  // Precedence climbing: operands joined by operators of `minLevel` or tighter, each level
  // left-associative.
  ExprPtr parseBinary(int minLevel) {
    if (minLevel > kTightestLevel) return parseFactor();
    const Position start = peek().start;
    ExprPtr left = parseFactor();
    // The right operand takes every tighter operator, so the levels met here never rise; a
    // looser one ends the chain so far, which becomes its left operand.
    ChainDepth chain(*this);
    int chainLevel = kTightestLevel + 1;
    while (true) {
      const Token& token = peek();
      const std::optional<BinaryOperator> op = binaryOperator(token.id);
      if (!op || op->level < minLevel) return left;
      if (op->level < chainLevel) {
        chain.end();
        chainLevel = op->level;
      }
      chain.addLink(token.start);
      advance();
      ExprPtr right = parseBinary(op->level + 1);
      left = makeExpr(start, BinaryExpr{op->op, std::move(left), std::move(right)});
    }
  }

  ExprPtr parseFactor() {
    const Token& token = peek();
    std::optional<UnaryOp> op;
    if (token.id == TokenId::Minus) op = UnaryOp::Neg;
    if (token.id == TokenId::Plus) op = UnaryOp::Pos;
    if (token.id == TokenId::Tilde) op = UnaryOp::Invert;
    if (!op) return parsePower();
    const Position start = advance().start;
    const NestingGuard guard(*this, start);
    return makeExpr(start, UnaryExpr{*op, parseFactor()});
  }

  ExprPtr parsePower() {
    const Position start = peek().start;
    ExprPtr base = parsePrimary();
    if (!at(TokenId::DoubleStar)) return base;
    const NestingGuard guard(*this, advance().start);
    ExprPtr exponent = parseFactor();
    return makeExpr(start, BinaryExpr{BinaryOp::Pow, std::move(base), std::move(exponent)});
  }

  ExprPtr parsePrimary() {
    const Position start = peek().start;
    ExprPtr expr = parseAtom();
    ChainDepth chain(*this);
    while (true) {
      const Token& token = peek();
      if (token.id == TokenId::Dot) {
        chain.addLink(token.start);
        advance();
        expr = makeExpr(start, AttributeExpr{std::move(expr), parseName()});
      } else if (token.id == TokenId::LeftParen) {
        chain.addLink(token.start);
        expr = parseCall(std::move(expr), start);
      } else if (token.id == TokenId::LeftBracket) {
        chain.addLink(token.start);
        expr = parseSubscript(std::move(expr), start);
      } else {
        return expr;
      }
    }
  }

  ExprPtr parseCall(ExprPtr function, Position start) {
    const NestingGuard guard(*this, advance().start);
    CallExpr call{std::move(function), {}, {}};
    bool sawKeyword = false;
    bool sawKeywordUnpacking = false;
    bool positionalAfterKeyword = false;
    while (!at(TokenId::RightParen)) {
      const Token& token = peek();
      if (token.id == TokenId::Star) {
        const Position star = advance().start;
        if (sawKeywordUnpacking) {
          fail("iterable argument unpacking follows keyword argument unpacking", star);
        }
        call.args.push_back(makeExpr(star, StarredExpr{parseTest()}));
      } else if (token.id == TokenId::DoubleStar) {
        const Position stars = advance().start;
        call.keywords.push_back(Keyword{"", parseTest(), stars});
        sawKeywordUnpacking = true;
      } else if (token.id == TokenId::Identifier && peek(1).id == TokenId::Equal) {
        const Position namePosition = token.start;
        std::string name(advance().text);
        advance();
        call.keywords.push_back(Keyword{std::move(name), parseTest(), namePosition});
        sawKeyword = true;
      } else {
        ExprPtr argument = parseTest();
        if (at(TokenId::ForKeyword)) failNotSupported("generator expressions are", peek().start);
        if (at(TokenId::Equal)) {
          fail("expression cannot contain assignment, perhaps you meant \"==\"?",
               argument->position);
        }
        positionalAfterKeyword = positionalAfterKeyword || sawKeyword || sawKeywordUnpacking;
        call.args.push_back(std::move(argument));
      }
      if (accept(TokenId::Comma)) continue;
      if (!at(TokenId::RightParen)) failMissingComma();
    }
    const Token& close = advance();
    if (positionalAfterKeyword) {
      fail(sawKeywordUnpacking ? "positional argument follows keyword argument unpacking"
                               : "positional argument follows keyword argument",
           close.start);
    }
    return makeExpr(start, std::move(call));
  }

  ExprPtr parseSubscript(ExprPtr value, Position start) {
    const NestingGuard guard(*this, advance().start);
    const Position indexStart = peek().start;
    std::vector<ExprPtr> items;
    bool sawComma = false;
    while (true) {
      items.push_back(parseSliceItem());
      if (accept(TokenId::Comma)) {
        sawComma = true;
        if (at(TokenId::RightBracket)) break;
        continue;
      }
      if (at(TokenId::RightBracket)) break;
      if (at(TokenId::Colon)) invalidSyntax(peek());
      failMissingComma();
    }
    advance();
    ExprPtr index = items.size() == 1 && !sawComma
                        ? std::move(items.front())
                        : makeExpr(indexStart, TupleExpr{std::move(items)});
    return makeExpr(start, SubscriptExpr{std::move(value), std::move(index)});
  }

  bool atSliceEnd() {
    return at(TokenId::Colon) || at(TokenId::Comma) || at(TokenId::RightBracket);
  }

  ExprPtr parseSliceItem() {
    const Position start = peek().start;
    if (at(TokenId::Star)) return parseStarOrTest();
    ExprPtr lower = at(TokenId::Colon) ? nullptr : parseTest();
    if (!accept(TokenId::Colon)) return lower;
    SliceExpr slice{std::move(lower), nullptr, nullptr};
    if (!atSliceEnd()) slice.upper = parseTest();
    if (accept(TokenId::Colon) && !at(TokenId::Comma) && !at(TokenId::RightBracket)) {
      slice.step = parseTest();
    }
    return makeExpr(start, std::move(slice));
  }

  ExprPtr parseAtom() {
    const Token& token = peek();
    switch (token.id) {
      case TokenId::Identifier: {
        const Position start = token.start;
        return makeExpr(start, NameExpr{std::string(advance().text)});
      }
      case TokenId::TrueKeyword: return makeExpr(advance().start, BoolLiteral{true});
      case TokenId::FalseKeyword: return makeExpr(advance().start, BoolLiteral{false});
      case TokenId::NoneKeyword: return makeExpr(advance().start, NoneLiteral{});
      case TokenId::LambdaKeyword: failNotSupported("lambda expressions are", token.start);
      case TokenId::YieldKeyword: failNotSupported("'yield' expressions are", token.start);
      case TokenId::AwaitKeyword: failNotSupported("'await' expressions are", token.start);
      case TokenId::Number: return parseNumber(advance());
      case TokenId::String: return parseStrings();
      case TokenId::LeftParen: return parseParenthesized();
      case TokenId::LeftBracket: return parseList();
      case TokenId::LeftBrace: return parseBraces();
      case TokenId::Ellipsis: return makeExpr(advance().start, EllipsisLiteral{});
      default: invalidSyntax(token);
    }
  }

  ExprPtr parseNumber(const Token& token) {
    // The token's own text unless it has underscores to drop.
    std::string withoutUnderscores;
    std::string_view digits = token.text;
    if (digits.find('_') != std::string_view::npos) {
      for (const char c : token.text) {
        if (c != '_') withoutUnderscores += c;
      }
      digits = withoutUnderscores;
    }
    const char last = digits.back();
    if (last == 'j' || last == 'J') {
      digits.remove_suffix(1);
      return makeExpr(token.start, ImaginaryLiteral{parseFloat(digits)});
    }
    const bool prefixed = digits.size() > 1 && digits[0] == '0' &&
                          std::string_view("xXoObB").find(digits[1]) != std::string_view::npos;
    if (!prefixed && digits.find_first_of(".eE") != std::string_view::npos) {
      return makeExpr(token.start, FloatLiteral{parseFloat(digits)});
    }
    int base = 10;
    std::string_view value = digits;
    if (prefixed) {
      const char marker = static_cast<char>(digits[1] | 0x20);
      base = marker == 'x' ? 16 : marker == 'o' ? 8 : 2;
      value.remove_prefix(2);
    }
    std::int64_t result = 0;
    const auto [end, error] =
        std::from_chars(value.data(), value.data() + value.size(), result, base);
    if (error != std::errc() || end != value.data() + value.size()) {
      fail("integer literal too large for MemLens", token.start);
    }
    return makeExpr(token.start, IntLiteral{result});
  }

  static double parseFloat(std::string_view digits) {
    double value = 0;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error == std::errc::result_out_of_range) {
      // Python rounds to infinity or zero where the decimal exponent leaves double's range.
      const auto exponent = digits.find_first_of("eE");
      const bool negativeExponent = exponent != std::string_view::npos &&
                                    exponent + 1 < digits.size() && digits[exponent + 1] == '-';
      return negativeExponent ? 0.0 : std::numeric_limits<double>::infinity();
    }
    return value;
  }

  ExprPtr parseParenthesized() {
    const Token& open = advance();
    const Position start = open.start;
    const NestingGuard guard(*this, start);
    if (accept(TokenId::RightParen)) return makeExpr(start, TupleExpr{});
    ExprPtr first = parseStarOrTest();
    if (at(TokenId::ForKeyword)) failNotSupported("generator expressions are", peek().start);
    rejectAssignmentInExpression(*first);
    if (accept(TokenId::RightParen)) {
      if (as<StarredExpr>(*first)) fail("cannot use starred expression here", first->position);
      return first;
    }
    TupleExpr tuple;
    tuple.elements.push_back(std::move(first));
    while (true) {
      if (!at(TokenId::Comma)) failMissingComma();
      advance();
      if (at(TokenId::RightParen)) break;
      tuple.elements.push_back(parseStarOrTest());
      rejectAssignmentInExpression(*tuple.elements.back());
      if (at(TokenId::RightParen)) break;
    }
    advance();
    return makeExpr(start, std::move(tuple));
  }

  ExprPtr parseList() {
    const Position start = advance().start;
    const NestingGuard guard(*this, start);
    ListExpr list;
    while (!at(TokenId::RightBracket)) {
      list.elements.push_back(parseStarOrTest());
      if (list.elements.size() == 1 && at(TokenId::ForKeyword)) {
        failNotSupported("list comprehensions are", peek().start);
      }
      rejectAssignmentInExpression(*list.elements.back());
      if (accept(TokenId::Comma)) continue;
      if (!at(TokenId::RightBracket)) failMissingComma();
    }
    advance();
    return makeExpr(start, std::move(list));
  }

  ExprPtr parseBraces() {
    const Position start = advance().start;
    const NestingGuard guard(*this, start);
    DictExpr dict;
    if (accept(TokenId::RightBrace)) return makeExpr(start, std::move(dict));
    rejectDictUnpacking();
    ExprPtr firstKey = parseStarOrTest();
    if (!at(TokenId::Colon)) {
      if (at(TokenId::ForKeyword)) failNotSupported("set comprehensions are", peek().start);
      if (at(TokenId::Comma) || at(TokenId::RightBrace))
        failNotSupported("set literals are", start);
      failMissingComma();
    }
    advance();
    dict.keys.push_back(std::move(firstKey));
    dict.values.push_back(parseTest());
    if (at(TokenId::ForKeyword)) failNotSupported("dict comprehensions are", peek().start);
    while (true) {
      if (at(TokenId::RightBrace)) break;
      if (!at(TokenId::Comma)) failMissingComma();
      advance();
      if (at(TokenId::RightBrace)) break;
      rejectDictUnpacking();
      ExprPtr key = parseTest();
      if (!at(TokenId::Colon)) fail("':' expected after dictionary key", key->position);
      advance();
      dict.keys.push_back(std::move(key));
      dict.values.push_back(parseTest());
    }
    advance();
    return makeExpr(start, std::move(dict));
  }

  void rejectDictUnpacking() {
    if (at(TokenId::DoubleStar))
      failNotSupported("dict unpacking ('**') in dict displays is", peek().start);
  }

  // ---- string literals ------------------------------------------------------

  using FStringPart = std::variant<std::string, FormattedValue>;

  static void appendText(std::vector<FStringPart>& parts, std::string text) {
    if (text.empty()) return;
    if (!parts.empty()) {
      if (auto* previousText = std::get_if<std::string>(&parts.back())) {
        *previousText += text;
        return;
      }
    }
    parts.emplace_back(std::move(text));
  }

  // Adjacent literals join into one StringLiteral, or an FStringExpr when any is an f-string.
  ExprPtr parseStrings() {
    const Position start = peek().start;
    std::vector<FStringPart> parts;
    bool formatted = false;
    while (peek().kind == TokenKind::String) {
      const Token& token = advance();
      const StringPieces pieces = splitStringToken(token);
      if (pieces.bytes) failNotSupported("bytes literals are", token.start);
      if (pieces.formatted) {
        formatted = true;
        parseFString(pieces, parts);
      } else {
        const std::string body = normalizeNewlines(pieces.body);
        appendText(parts, pieces.raw ? body : decodeEscapes(body, token.start));
      }
    }
    if (!formatted) {
      std::string value = parts.empty() ? std::string() : std::get<std::string>(parts.front());
      return makeExpr(start, StringLiteral{std::move(value)});
    }
    return makeExpr(start, FStringExpr{std::move(parts)});
  }

  [[noreturn]] static void failFString(const std::string& message, const StringPieces& pieces,
                                       std::size_t offset) {
    fail("f-string: " + message, advancePosition(pieces.bodyStart, pieces.body.substr(0, offset)));
  }

  std::string literalText(const StringPieces& pieces, std::string_view raw, Position at) const {
    const std::string text = normalizeNewlines(raw);
    return pieces.raw ? text : decodeEscapes(text, at);
  }

  // Splits f-string text into literal text and replacement fields (Python 3.11 rules).
  void parseFString(const StringPieces& pieces, std::vector<FStringPart>& parts) {
    const std::string_view body = pieces.body;
    std::size_t literalStart = 0;
    std::string pendingRaw;
    std::size_t index = 0;
    const auto flushLiteral = [&](std::size_t end) {
      pendingRaw += body.substr(literalStart, end - literalStart);
      appendText(parts, literalText(pieces, pendingRaw, pieces.bodyStart));
      pendingRaw.clear();
    };
    while (index < body.size()) {
      const char c = body[index];
      if (c == '\\' && !pieces.raw && body.substr(index + 1).starts_with("N{")) {
        failNotSupported("'\\N{...}' escapes are",
                         advancePosition(pieces.bodyStart, body.substr(0, index)));
      }
      if (c == '\\' && !pieces.raw && index + 1 < body.size() && body[index + 1] != '{' &&
          body[index + 1] != '}') {
        index += 2;
        continue;
      }
      if (c == '}') {
        if (index + 1 < body.size() && body[index + 1] == '}') {
          pendingRaw += body.substr(literalStart, index + 1 - literalStart);
          index += 2;
          literalStart = index;
          continue;
        }
        failFString("single '}' is not allowed", pieces, index);
      }
      if (c != '{') {
        ++index;
        continue;
      }
      if (index + 1 < body.size() && body[index + 1] == '{') {
        pendingRaw += body.substr(literalStart, index + 1 - literalStart);
        index += 2;
        literalStart = index;
        continue;
      }
      flushLiteral(index);
      index = parseReplacementField(pieces, index + 1, parts);
      literalStart = index;
    }
    flushLiteral(body.size());
  }

  // Parses `expr[=][!c][:spec]}` starting after '{'; returns the offset after the '}'.
  std::size_t parseReplacementField(const StringPieces& pieces, std::size_t start,
                                    std::vector<FStringPart>& parts) {
    const std::string_view body = pieces.body;
    std::size_t index = start;
    int depth = 0;
    char quote = 0;
    while (true) {
      if (index >= body.size()) failFString("expecting '}'", pieces, index);
      const char c = body[index];
      if (c == '\\') {
        fail("f-string expression part cannot include a backslash",
             advancePosition(pieces.bodyStart, body.substr(0, index)));
      }
      if (quote != 0) {
        if (c == quote) quote = 0;
        ++index;
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '#') {
        fail("f-string expression part cannot include '#'",
             advancePosition(pieces.bodyStart, body.substr(0, index)));
      } else if (c == '(' || c == '[' || c == '{') {
        ++depth;
      } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
        --depth;
      } else if (depth == 0 && (c == '}' || c == ':' || c == '!' || c == '=')) {
        const char next = index + 1 < body.size() ? body[index + 1] : '\0';
        const char before = index > start ? body[index - 1] : '\0';
        const bool comparison = (c == '!' || c == '=') && next == '=';
        const bool partOfOperator =
            c == '=' && (before == '=' || before == '!' || before == '<' || before == '>');
        if (!comparison && !partOfOperator) break;
        if (comparison) ++index;
      }
      ++index;
    }
    const std::string_view expressionText = body.substr(start, index - start);
    if (expressionText.find_first_not_of(" \t\n\r\f") == std::string_view::npos) {
      failFString("empty expression not allowed", pieces, index);
    }
    FormattedValue field;
    field.value =
        parseFieldText(expressionText, advancePosition(pieces.bodyStart, body.substr(0, start)));
    const bool selfDocumenting = body[index] == '=';
    if (selfDocumenting) {
      // Self-documenting `{x=}`: the text through '=' and its spaces, then repr by default.
      ++index;
      while (index < body.size() && (body[index] == ' ' || body[index] == '\t')) ++index;
      appendText(parts, std::string(body.substr(start, index - start)));
      field.conversion = 'r';
    }
    if (index < body.size() && body[index] == '!') {
      const char conversion = index + 1 < body.size() ? body[index + 1] : '\0';
      const char after = index + 2 < body.size() ? body[index + 2] : '\0';
      if ((conversion != 's' && conversion != 'r' && conversion != 'a') ||
          (after != ':' && after != '}')) {
        failFString("invalid conversion character: expected 's', 'r', or 'a'", pieces, index + 1);
      }
      field.conversion = conversion;
      index += 2;
    }
    if (index < body.size() && body[index] == ':') {
      if (selfDocumenting && field.conversion == 'r') {
        field.conversion = 0;  // `{x=:spec}` formats the value rather than its repr
      }
      const std::size_t specStart = ++index;
      while (index < body.size() && body[index] != '}') {
        if (body[index] == '{') {
          failNotSupported("nested replacement fields in f-string format specs are",
                           advancePosition(pieces.bodyStart, body.substr(0, index)));
        }
        ++index;
      }
      field.formatSpec =
          literalText(pieces, body.substr(specStart, index - specStart), pieces.bodyStart);
    }
    if (index >= body.size() || body[index] != '}') failFString("expecting '}'", pieces, index);
    parts.emplace_back(std::move(field));
    return index + 1;
  }

  // Parses a field's expression with this parser's rules and positions in the script.
  ExprPtr parseFieldText(std::string_view text, Position origin) {
    if (nesting_ + 1 > kMaxNesting) fail("too deeply nested", origin);
    Parser fieldParser(text, tokenizeExpression(text, origin), nesting_ + 1, treeDepth_ + 1);
    try {
      return fieldParser.parseFieldExpression();
    } catch (const ScriptError& error) {
      const std::string message = error.what();
      if (error.type() != "SyntaxError" || message.starts_with("f-string")) throw;
      throw ScriptError(error.type(), "f-string: " + message, error.line(), error.column());
    }
  }

  std::string_view source_;
  std::vector<Token> tokens_;
  std::optional<ScriptError> lexicalError_;
  const Token* next_;        // the current token
  const Token* last_;        // the ENDMARKER
  const Token* errorToken_;  // the ENDMARKER at the lexical error, or null
  bool lexicalErrorReached_ = false;
  const Token* lastDisjunction_ = nullptr;  // first token of the last `or` level parsed
  int nesting_;
  int treeDepth_;
};

}  // namespace

Module parseModule(std::string_view source) {
  return Parser(source, tokenizeUntilError(source), 0, 0).parseModule();
}

}  // namespace memlens::script

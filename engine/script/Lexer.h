#pragma once
// Tokenizer for MemLens scripts: CPython's tokens (NAME, NUMBER, STRING, OP, NEWLINE,
// INDENT, DEDENT, ENDMARKER) with CPython 3.11's lexical error messages.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "script/Ast.h"
#include "session/ScriptError.h"

namespace memlens::script {

enum class TokenKind { Name, Number, String, Operator, Newline, Indent, Dedent, EndMarker };

// Which name or operator a token is, decided once here so that the parser compares
// enumerators rather than text.
enum class TokenId : std::uint8_t {
  // NAME tokens: the 35 hard keywords, and every other name (soft keywords such as `match`
  // included).
  FalseKeyword,
  NoneKeyword,
  TrueKeyword,
  AndKeyword,
  AsKeyword,
  AssertKeyword,
  AsyncKeyword,
  AwaitKeyword,
  BreakKeyword,
  ClassKeyword,
  ContinueKeyword,
  DefKeyword,
  DelKeyword,
  ElifKeyword,
  ElseKeyword,
  ExceptKeyword,
  FinallyKeyword,
  ForKeyword,
  FromKeyword,
  GlobalKeyword,
  IfKeyword,
  ImportKeyword,
  InKeyword,
  IsKeyword,
  LambdaKeyword,
  NonlocalKeyword,
  NotKeyword,
  OrKeyword,
  PassKeyword,
  RaiseKeyword,
  ReturnKeyword,
  TryKeyword,
  WhileKeyword,
  WithKeyword,
  YieldKeyword,
  Identifier,
  // OP tokens.
  LeftParen,         // (
  RightParen,        // )
  LeftBracket,       // [
  RightBracket,      // ]
  LeftBrace,         // {
  RightBrace,        // }
  Colon,             // :
  Comma,             // ,
  Semicolon,         // ;
  Dot,               // .
  Ellipsis,          // ...
  Equal,             // =
  Plus,              // +
  Minus,             // -
  Star,              // *
  Slash,             // /
  DoubleSlash,       // //
  Percent,           // %
  At,                // @
  DoubleStar,        // **
  Tilde,             // ~
  Ampersand,         // &
  VerticalBar,       // |
  Circumflex,        // ^
  LeftShift,         // <<
  RightShift,        // >>
  Less,              // <
  Greater,           // >
  LessEqual,         // <=
  GreaterEqual,      // >=
  EqualEqual,        // ==
  NotEqual,          // !=
  Arrow,             // ->
  ColonEqual,        // :=
  PlusEqual,         // +=
  MinusEqual,        // -=
  StarEqual,         // *=
  SlashEqual,        // /=
  DoubleSlashEqual,  // //=
  PercentEqual,      // %=
  AtEqual,           // @=
  DoubleStarEqual,   // **=
  AmpersandEqual,    // &=
  VerticalBarEqual,  // |=
  CircumflexEqual,   // ^=
  LeftShiftEqual,    // <<=
  RightShiftEqual,   // >>=
  OtherOperator,     // a character that is no Python operator: ! $ ? `
  // The other kinds, one each.
  Number,
  String,
  Newline,
  Indent,
  Dedent,
  EndMarker,
};

struct Token {
  TokenKind kind = TokenKind::EndMarker;
  TokenId id = TokenId::EndMarker;
  // Exact source text (a string keeps its prefix and quotes); empty for layout. It views the
  // tokenized source, which must outlive the token.
  std::string_view text;
  Position start;          // first character
  Position end;            // just after the last character
  std::size_t offset = 0;  // byte range of the text in the tokenized source
  std::size_t endOffset = 0;
};

// Tokenizes a whole script. Throws ScriptError on the first lexical error. The tokens view
// `source`: keep it alive while they are used.
std::vector<Token> tokenize(std::string_view source);

// Tokens up to the first lexical error, and that error. The parser reports the error only
// when it reaches that point (or fails with a generic "invalid syntax" earlier), as CPython
// does, so a syntax error earlier in the script is reported first.
struct TokenStream {
  std::vector<Token> tokens;  // always ends with ENDMARKER (at the error when there is one)
  std::optional<ScriptError> error;
};
TokenStream tokenizeUntilError(std::string_view source);

// Tokenizes the expression of an f-string replacement field that starts at `origin` in the
// script, as if enclosed in parentheses: line breaks are whitespace, no INDENT/DEDENT.
TokenStream tokenizeExpression(std::string_view text, Position origin);

}  // namespace memlens::script

#include "script/Lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "session/ScriptError.h"

namespace memlens::script {
namespace {

std::string kindName(TokenKind kind) {
  switch (kind) {
    case TokenKind::Name: return "NAME";
    case TokenKind::Number: return "NUMBER";
    case TokenKind::String: return "STRING";
    case TokenKind::Operator: return "OP";
    case TokenKind::Newline: return "NEWLINE";
    case TokenKind::Indent: return "INDENT";
    case TokenKind::Dedent: return "DEDENT";
    case TokenKind::EndMarker: return "ENDMARKER";
  }
  return "?";
}

// "KIND:text" for tokens with text, "KIND" for layout tokens.
std::vector<std::string> describe(std::string_view source) {
  std::vector<std::string> out;
  for (const Token& token : tokenize(source)) {
    const bool layout = token.kind == TokenKind::Newline || token.kind == TokenKind::Indent ||
                        token.kind == TokenKind::Dedent || token.kind == TokenKind::EndMarker;
    out.push_back(layout ? kindName(token.kind)
                         : kindName(token.kind) + ":" + std::string(token.text));
  }
  return out;
}

struct LexError {
  std::string type;
  std::string message;
  int line;
  int column;
};

LexError lexError(std::string_view source) {
  try {
    tokenize(source);
  } catch (const ScriptError& error) {
    return {error.type(), error.what(), error.line(), error.column()};
  }
  ADD_FAILURE() << "no error for: " << source;
  return {};
}

using Tokens = std::vector<std::string>;

TEST(Lexer, SimpleStatementEndsWithNewlineAndEndMarker) {
  EXPECT_EQ(describe("x = 1\n"), (Tokens{"NAME:x", "OP:=", "NUMBER:1", "NEWLINE", "ENDMARKER"}));
  EXPECT_EQ(describe("x = 1"), (Tokens{"NAME:x", "OP:=", "NUMBER:1", "NEWLINE", "ENDMARKER"}));
  EXPECT_EQ(describe(""), (Tokens{"ENDMARKER"}));
}

TEST(Lexer, IndentAndDedentLikeCPython) {
  EXPECT_EQ(describe("if a:\n    b\n    if c:\n        d\ne\n"),
            (Tokens{"NAME:if", "NAME:a", "OP::", "NEWLINE", "INDENT", "NAME:b", "NEWLINE",
                    "NAME:if", "NAME:c", "OP::", "NEWLINE", "INDENT", "NAME:d", "NEWLINE", "DEDENT",
                    "DEDENT", "NAME:e", "NEWLINE", "ENDMARKER"}));
}

TEST(Lexer, DedentsAtEndOfInput) {
  EXPECT_EQ(describe("for x in y:\n  z"),
            (Tokens{"NAME:for", "NAME:x", "NAME:in", "NAME:y", "OP::", "NEWLINE", "INDENT",
                    "NAME:z", "NEWLINE", "DEDENT", "ENDMARKER"}));
}

TEST(Lexer, BlankAndCommentLinesProduceNoTokens) {
  EXPECT_EQ(describe("# only a comment\n\n   \n  # indented comment\nx  # trailing\n"),
            (Tokens{"NAME:x", "NEWLINE", "ENDMARKER"}));
}

TEST(Lexer, TabsAdvanceToNextMultipleOfEight) {
  // A tab is one level here; mixing it with eight spaces is ambiguous, so CPython rejects it.
  EXPECT_EQ(describe("if a:\n\tb\n\tc\n").size(), 11u);
  EXPECT_EQ(lexError("if a:\n\tb\n        c\n").type, "TabError");
}

TEST(Lexer, ImplicitLineJoiningInsideBrackets) {
  EXPECT_EQ(describe("f(1,\n  2)\n"), (Tokens{"NAME:f", "OP:(", "NUMBER:1", "OP:,", "NUMBER:2",
                                              "OP:)", "NEWLINE", "ENDMARKER"}));
}

TEST(Lexer, BackslashContinuationJoinsLines) {
  EXPECT_EQ(describe("x = 1 + \\\n    2\n"),
            (Tokens{"NAME:x", "OP:=", "NUMBER:1", "OP:+", "NUMBER:2", "NEWLINE", "ENDMARKER"}));
}

TEST(Lexer, OperatorsTakeTheLongestMatch) {
  EXPECT_EQ(describe("a **= b // c ... d >>= e != f -> g := h"),
            (Tokens{"NAME:a", "OP:**=", "NAME:b", "OP://", "NAME:c", "OP:...", "NAME:d",
                    "OP:>>=", "NAME:e", "OP:!=", "NAME:f", "OP:->", "NAME:g", "OP::=", "NAME:h",
                    "NEWLINE", "ENDMARKER"}));
}

TEST(Lexer, NumbersInAllForms) {
  EXPECT_EQ(describe("0x1F 0o17 0b101 1_000 00 1. .5 1e-3 1_0.0 2j 1.5E+10J"),
            (Tokens{"NUMBER:0x1F", "NUMBER:0o17", "NUMBER:0b101", "NUMBER:1_000", "NUMBER:00",
                    "NUMBER:1.", "NUMBER:.5", "NUMBER:1e-3", "NUMBER:1_0.0", "NUMBER:2j",
                    "NUMBER:1.5E+10J", "NEWLINE", "ENDMARKER"}));
}

TEST(Lexer, StringsKeepPrefixAndQuotes) {
  EXPECT_EQ(describe("'a' \"b\" r'\\n' f\"{x}\" rb'z' '''x\ny''' Rf'q'"),
            (Tokens{"STRING:'a'", "STRING:\"b\"", "STRING:r'\\n'", "STRING:f\"{x}\"",
                    "STRING:rb'z'", "STRING:'''x\ny'''", "STRING:Rf'q'", "NEWLINE", "ENDMARKER"}));
  EXPECT_EQ(describe("'it\\'s'"), (Tokens{"STRING:'it\\'s'", "NEWLINE", "ENDMARKER"}));
}

TEST(Lexer, NamesMayBeNonAscii) {
  EXPECT_EQ(describe("größe = 1"),
            (Tokens{"NAME:größe", "OP:=", "NUMBER:1", "NEWLINE", "ENDMARKER"}));
}

TEST(Lexer, PositionsCountCodePoints) {
  const auto tokens = tokenize("é = 'ü'\n  # x\nab = (1,\n  2)");
  EXPECT_EQ(tokens[0].start, (Position{1, 1}));
  EXPECT_EQ(tokens[0].end, (Position{1, 2}));
  EXPECT_EQ(tokens[1].start, (Position{1, 3}));
  EXPECT_EQ(tokens[2].start, (Position{1, 5}));
  EXPECT_EQ(tokens[2].end, (Position{1, 8}));
  EXPECT_EQ(tokens[4].start, (Position{3, 1}));
  EXPECT_EQ(tokens[9].start, (Position{4, 3}));
  EXPECT_EQ(tokens[4].offset, 16u);  // bytes
}

TEST(Lexer, TokenTextViewsTheSource) {
  const std::string source = "if x:\n  y = 'ü' ** 2\n";
  const auto tokens = tokenize(source);
  ASSERT_EQ(tokens[4].kind, TokenKind::Indent);
  for (const Token& token : tokens) {
    if (token.text.empty()) continue;
    EXPECT_EQ(token.text.data(), source.data() + token.offset);
    EXPECT_EQ(token.text.size(), token.endOffset - token.offset);
  }
}

TEST(Lexer, KeywordsAndOperatorsAreClassifiedOnce) {
  std::vector<TokenId> ids;
  for (const Token& token : tokenize("if not match _ $ **= ... . ! None none")) {
    ids.push_back(token.id);
  }
  // Soft keywords are names; a character that is no operator is an OP all the same.
  EXPECT_EQ(ids, (std::vector<TokenId>{TokenId::IfKeyword, TokenId::NotKeyword, TokenId::Identifier,
                                       TokenId::Identifier, TokenId::OtherOperator,
                                       TokenId::DoubleStarEqual, TokenId::Ellipsis, TokenId::Dot,
                                       TokenId::OtherOperator, TokenId::NoneKeyword,
                                       TokenId::Identifier, TokenId::Newline, TokenId::EndMarker}));
}

TEST(Lexer, MultiLineStringEndsOnItsLastLine) {
  const auto tokens = tokenize("x = '''a\nbc'''\n");
  EXPECT_EQ(tokens[2].start, (Position{1, 5}));
  EXPECT_EQ(tokens[2].end, (Position{2, 6}));
}

TEST(Lexer, FieldExpressionStartsAtOrigin) {
  const TokenStream stream = tokenizeExpression("a +\n b", Position{3, 10});
  ASSERT_FALSE(stream.error);
  ASSERT_EQ(stream.tokens.size(), 4u);
  EXPECT_EQ(stream.tokens[0].start, (Position{3, 10}));
  EXPECT_EQ(stream.tokens[1].start, (Position{3, 12}));
  EXPECT_EQ(stream.tokens[2].start, (Position{4, 2}));
  EXPECT_EQ(stream.tokens[3].kind, TokenKind::EndMarker);
}

TEST(Lexer, TokenizeUntilErrorKeepsTheTokensBeforeTheError) {
  const TokenStream stream = tokenizeUntilError("x = 1\ny = 'abc\n");
  ASSERT_TRUE(stream.error);
  EXPECT_STREQ(stream.error->what(), "unterminated string literal (detected at line 2)");
  ASSERT_EQ(stream.tokens.size(), 7u);
  EXPECT_EQ(stream.tokens.back().kind, TokenKind::EndMarker);
}

struct ErrorCase {
  std::string_view source;
  const char* type;
  const char* message;
  int line;
  int column;
};

class LexerErrors : public testing::TestWithParam<ErrorCase> {};

TEST_P(LexerErrors, MatchCPython) {
  const ErrorCase& expected = GetParam();
  const LexError error = lexError(expected.source);
  EXPECT_EQ(error.type, expected.type);
  EXPECT_EQ(error.message, expected.message);
  EXPECT_EQ(error.line, expected.line);
  EXPECT_EQ(error.column, expected.column);
}

// Messages and positions as CPython 3.11 reports them.
INSTANTIATE_TEST_SUITE_P(
    CPython, LexerErrors,
    testing::Values(
        ErrorCase{"x = (1,", "SyntaxError", "'(' was never closed", 1, 5},
        ErrorCase{"x = [1,\n2", "SyntaxError", "'[' was never closed", 1, 5},
        ErrorCase{"x = 'abc", "SyntaxError", "unterminated string literal (detected at line 1)", 1,
                  5},
        ErrorCase{"x = 'ab\nc'", "SyntaxError", "unterminated string literal (detected at line 1)",
                  1, 5},
        ErrorCase{"x = \"\"\"abc\ndef", "SyntaxError",
                  "unterminated triple-quoted string literal (detected at line 2)", 1, 5},
        ErrorCase{"x = 1 €", "SyntaxError", "invalid character '€' (U+20AC)", 1, 7},
        ErrorCase{"x = 1\xC2\xA0+ 2", "SyntaxError", "invalid non-printable character U+00A0", 1,
                  6},
        ErrorCase{"x = )", "SyntaxError", "unmatched ')'", 1, 5},
        ErrorCase{"x = (]", "SyntaxError",
                  "closing parenthesis ']' does not match opening parenthesis '('", 1, 6},
        ErrorCase{"x = (\n]", "SyntaxError",
                  "closing parenthesis ']' does not match opening parenthesis '(' on line 1", 2, 1},
        ErrorCase{"x = \\", "SyntaxError", "unexpected EOF while parsing", 1, 6},
        ErrorCase{"x = 1 +\\\n", "SyntaxError", "unexpected EOF while parsing", 1, 9},
        ErrorCase{"x = \\ 1", "SyntaxError",
                  "unexpected character after line continuation character", 1, 6},
        ErrorCase{"x = 1abc", "SyntaxError", "invalid decimal literal", 1, 5},
        ErrorCase{"x = 1__0", "SyntaxError", "invalid decimal literal", 1, 6},
        ErrorCase{"x = 1_", "SyntaxError", "invalid decimal literal", 1, 6},
        ErrorCase{"x = 1.5e", "SyntaxError", "invalid decimal literal", 1, 7},
        ErrorCase{"x = 0x", "SyntaxError", "invalid hexadecimal literal", 1, 6},
        ErrorCase{"x = 0xfg", "SyntaxError", "invalid hexadecimal literal", 1, 7},
        ErrorCase{"x = 0o8", "SyntaxError", "invalid digit '8' in octal literal", 1, 7},
        ErrorCase{"x = 0b2", "SyntaxError", "invalid digit '2' in binary literal", 1, 7},
        ErrorCase{"x = 1.5j2", "SyntaxError", "invalid imaginary literal", 1, 8},
        ErrorCase{"x = 012", "SyntaxError",
                  "leading zeros in decimal integer literals are not permitted; use an 0o prefix "
                  "for octal integers",
                  1, 5},
        ErrorCase{"if x:\n    a\n  b", "IndentationError",
                  "unindent does not match any outer indentation level", 3, 4},
        ErrorCase{"if x:\n        a\n\tb", "TabError",
                  "inconsistent use of tabs and spaces in indentation", 3, 1},
        ErrorCase{std::string_view("x = 1\0", 6), "SyntaxError",
                  "source code string cannot contain null bytes", 1, 6},
        ErrorCase{"x = \xFF", "SyntaxError",
                  "(unicode error) 'utf-8' codec can't decode byte 0xff: invalid start byte", 1, 5},
        ErrorCase{"é = 1\xC3", "SyntaxError",
                  "(unicode error) 'utf-8' codec can't decode byte 0xc3: unexpected end of data", 1,
                  6}));

TEST(Lexer, BracketNestingIsLimited) {
  const std::string deep = "x = " + std::string(101, '(');
  const LexError error = lexError(deep);
  EXPECT_EQ(error.message, "too many nested parentheses");
  EXPECT_EQ(error.column, 105);
  EXPECT_NO_THROW(tokenize("x = " + std::string(100, '(') + std::string(100, ')')));
}

TEST(Lexer, IndentationLevelsAreLimited) {
  std::string source;
  for (int level = 0; level <= 101; ++level)
    source += std::string(static_cast<std::size_t>(level), ' ') + "if x:\n";
  EXPECT_EQ(lexError(source).message, "too many levels of indentation");
}

}  // namespace
}  // namespace memlens::script

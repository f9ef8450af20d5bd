#pragma once
// Tokenizer for MemLens scripts: CPython's tokens (NAME, NUMBER, STRING, OP, NEWLINE,
// INDENT, DEDENT, ENDMARKER) with CPython 3.11's lexical error messages.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "script/Ast.h"
#include "session/ScriptError.h"

namespace memlens::script {

enum class TokenKind { Name, Number, String, Operator, Newline, Indent, Dedent, EndMarker };

struct Token {
  TokenKind kind = TokenKind::EndMarker;
  std::string text;  // exact source text (a string keeps its prefix and quotes); empty for layout
  Position start;    // first character
  Position end;      // just after the last character
  std::size_t offset = 0;  // byte range of the text in the tokenized source
  std::size_t endOffset = 0;
};

// Tokenizes a whole script. Throws ScriptError on the first lexical error.
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

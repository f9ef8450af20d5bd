#include "script/Lexer.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <utility>

#include "script/SpellingTable.h"

namespace memlens::script {
namespace {

// Limits that keep the parser's recursion bounded (CPython allows 200 and 100).
constexpr std::size_t kMaxBracketDepth = 100;
constexpr std::size_t kMaxIndentLevels = 100;
constexpr int kTabSize = 8;

bool isAsciiLetter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
bool isHexDigit(char c) {
  return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool isNewlineChar(char c) {
  return c == '\n' || c == '\r';
}

struct CodePointRange {
  char32_t first;
  char32_t last;
};

// Letters of the common scripts: an approximation of Unicode's XID_Start that needs no tables.
constexpr std::array kLetterRanges{
    CodePointRange{0x00AA, 0x00AA}, CodePointRange{0x00B5, 0x00B5},
    CodePointRange{0x00BA, 0x00BA}, CodePointRange{0x00C0, 0x00D6},
    CodePointRange{0x00D8, 0x00F6}, CodePointRange{0x00F8, 0x02C1},
    CodePointRange{0x02C6, 0x02D1}, CodePointRange{0x0386, 0x0386},
    CodePointRange{0x0388, 0x03F5}, CodePointRange{0x03F7, 0x0481},
    CodePointRange{0x048A, 0x052F}, CodePointRange{0x0531, 0x0556},
    CodePointRange{0x0561, 0x0587}, CodePointRange{0x05D0, 0x05EA},
    CodePointRange{0x0620, 0x064A}, CodePointRange{0x0904, 0x0939},
    CodePointRange{0x0E01, 0x0E30}, CodePointRange{0x10A0, 0x10FF},
    CodePointRange{0x1E00, 0x1FBC}, CodePointRange{0x3041, 0x3096},
    CodePointRange{0x30A1, 0x30FA}, CodePointRange{0x3400, 0x4DBF},
    CodePointRange{0x4E00, 0x9FFF}, CodePointRange{0xAC00, 0xD7A3},
    CodePointRange{0xF900, 0xFAFF}, CodePointRange{0x20000, 0x2FFFF},
};

// Combining marks, other digits and connectors that may continue an identifier (XID_Continue).
constexpr std::array kContinueRanges{
    CodePointRange{0x00B7, 0x00B7}, CodePointRange{0x0300, 0x036F}, CodePointRange{0x0387, 0x0387},
    CodePointRange{0x0483, 0x0487}, CodePointRange{0x0591, 0x05BD}, CodePointRange{0x064B, 0x0669},
    CodePointRange{0x093A, 0x094F}, CodePointRange{0x0966, 0x096F}, CodePointRange{0x0E31, 0x0E3A},
    CodePointRange{0x0E47, 0x0E4E}, CodePointRange{0x203F, 0x2040}, CodePointRange{0x3099, 0x309A},
};

// Characters CPython reports as "invalid non-printable character".
constexpr std::array kNonPrintableRanges{
    CodePointRange{0x0000, 0x001F}, CodePointRange{0x007F, 0x00A0}, CodePointRange{0x00AD, 0x00AD},
    CodePointRange{0x1680, 0x1680}, CodePointRange{0x2000, 0x200F}, CodePointRange{0x2028, 0x202F},
    CodePointRange{0x205F, 0x206F}, CodePointRange{0x3000, 0x3000}, CodePointRange{0xE000, 0xF8FF},
    CodePointRange{0xFEFF, 0xFEFF}, CodePointRange{0xFFF9, 0xFFFB},
};

template <std::size_t N>
bool inRanges(const std::array<CodePointRange, N>& ranges, char32_t codePoint) {
  for (const auto& range : ranges) {
    if (codePoint >= range.first && codePoint <= range.last) return true;
  }
  return false;
}

bool isIdentifierStart(char32_t codePoint) {
  if (codePoint < 0x80) {
    const auto c = static_cast<char>(codePoint);
    return isAsciiLetter(c) || c == '_';
  }
  return inRanges(kLetterRanges, codePoint);
}

bool isIdentifierContinue(char32_t codePoint) {
  if (codePoint < 0x80)
    return isIdentifierStart(codePoint) || isDigit(static_cast<char>(codePoint));
  return inRanges(kLetterRanges, codePoint) || inRanges(kContinueRanges, codePoint);
}

unsigned char byteAt(std::string_view text, std::size_t index) {
  return static_cast<unsigned char>(text[index]);
}

// Length of the UTF-8 sequence at `index`, which the encoding check has already validated.
std::size_t sequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

char32_t decodeAt(std::string_view text, std::size_t index) {
  const unsigned char lead = byteAt(text, index);
  const std::size_t length = sequenceLength(lead);
  if (index + length > text.size()) return 0xFFFD;
  char32_t codePoint = length == 1   ? lead
                       : length == 2 ? lead & 0x1Fu
                       : length == 3 ? lead & 0x0Fu
                                     : lead & 0x07u;
  for (std::size_t k = 1; k < length; ++k) {
    codePoint = (codePoint << 6) | (byteAt(text, index + k) & 0x3Fu);
  }
  return codePoint;
}

std::string hexCodePoint(char32_t codePoint) {
  std::array<char, 16> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "U+%04X", static_cast<unsigned>(codePoint));
  return buffer.data();
}

// Where a malformed UTF-8 sequence starts and why, in the words of Python's codec.
struct EncodingProblem {
  std::size_t offset;
  std::string reason;
};

constexpr std::size_t kBlockSize = sizeof(std::uint64_t);

// Whether none of the kBlockSize bytes at `index` has its high bit set.
bool isAsciiBlock(std::string_view text, std::size_t index) {
  std::uint64_t block = 0;
  std::memcpy(&block, text.data() + index, sizeof block);
  return (block & 0x8080808080808080u) == 0;
}

std::optional<EncodingProblem> findEncodingProblem(std::string_view text) {
  std::size_t index = 0;
  while (index < text.size()) {
    // Scripts are mostly ASCII: skip it a block at a time.
    if (index + kBlockSize <= text.size() && isAsciiBlock(text, index)) {
      index += kBlockSize;
      continue;
    }
    const unsigned char lead = byteAt(text, index);
    if (lead < 0x80) {
      ++index;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;   // overlong
      if (lead == 0xED) high = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;   // overlong
      if (lead == 0xF4) high = 0x8F;  // beyond U+10FFFF
    } else {
      return EncodingProblem{index, "invalid start byte"};
    }
    for (std::size_t k = 1; k < length; ++k) {
      if (index + k >= text.size()) return EncodingProblem{index, "unexpected end of data"};
      const unsigned char next = byteAt(text, index + k);
      const unsigned char lowest = k == 1 ? low : 0x80;
      const unsigned char highest = k == 1 ? high : 0xBF;
      if (next < lowest || next > highest)
        return EncodingProblem{index, "invalid continuation byte"};
    }
    index += length;
  }
  return std::nullopt;
}

bool isStringPrefix(std::string_view word) {
  static constexpr std::array<std::string_view, 8> kPrefixes{"r",  "u",  "b",  "f",
                                                             "br", "rb", "fr", "rf"};
  if (word.size() > 2) return false;
  std::string lower(word);
  for (auto& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (const auto prefix : kPrefixes) {
    if (lower == prefix) return true;
  }
  return false;
}

// Python's hard keywords; any other name is an Identifier.
constexpr SpellingTable kKeywords(std::array{
    Spelling{"False", TokenId::FalseKeyword},
    Spelling{"None", TokenId::NoneKeyword},
    Spelling{"True", TokenId::TrueKeyword},
    Spelling{"and", TokenId::AndKeyword},
    Spelling{"as", TokenId::AsKeyword},
    Spelling{"assert", TokenId::AssertKeyword},
    Spelling{"async", TokenId::AsyncKeyword},
    Spelling{"await", TokenId::AwaitKeyword},
    Spelling{"break", TokenId::BreakKeyword},
    Spelling{"class", TokenId::ClassKeyword},
    Spelling{"continue", TokenId::ContinueKeyword},
    Spelling{"def", TokenId::DefKeyword},
    Spelling{"del", TokenId::DelKeyword},
    Spelling{"elif", TokenId::ElifKeyword},
    Spelling{"else", TokenId::ElseKeyword},
    Spelling{"except", TokenId::ExceptKeyword},
    Spelling{"finally", TokenId::FinallyKeyword},
    Spelling{"for", TokenId::ForKeyword},
    Spelling{"from", TokenId::FromKeyword},
    Spelling{"global", TokenId::GlobalKeyword},
    Spelling{"if", TokenId::IfKeyword},
    Spelling{"import", TokenId::ImportKeyword},
    Spelling{"in", TokenId::InKeyword},
    Spelling{"is", TokenId::IsKeyword},
    Spelling{"lambda", TokenId::LambdaKeyword},
    Spelling{"nonlocal", TokenId::NonlocalKeyword},
    Spelling{"not", TokenId::NotKeyword},
    Spelling{"or", TokenId::OrKeyword},
    Spelling{"pass", TokenId::PassKeyword},
    Spelling{"raise", TokenId::RaiseKeyword},
    Spelling{"return", TokenId::ReturnKeyword},
    Spelling{"try", TokenId::TryKeyword},
    Spelling{"while", TokenId::WhileKeyword},
    Spelling{"with", TokenId::WithKeyword},
    Spelling{"yield", TokenId::YieldKeyword},
});

// Python's operators and delimiters, the longest first where one begins another; any other
// character that reaches the operator rule is an OtherOperator of its own.
constexpr SpellingTable kOperators(std::array{
    Spelling{"(", TokenId::LeftParen},
    Spelling{")", TokenId::RightParen},
    Spelling{"[", TokenId::LeftBracket},
    Spelling{"]", TokenId::RightBracket},
    Spelling{"{", TokenId::LeftBrace},
    Spelling{"}", TokenId::RightBrace},
    Spelling{":=", TokenId::ColonEqual},
    Spelling{":", TokenId::Colon},
    Spelling{",", TokenId::Comma},
    Spelling{";", TokenId::Semicolon},
    Spelling{"...", TokenId::Ellipsis},
    Spelling{".", TokenId::Dot},
    Spelling{"==", TokenId::EqualEqual},
    Spelling{"=", TokenId::Equal},
    Spelling{"+=", TokenId::PlusEqual},
    Spelling{"+", TokenId::Plus},
    Spelling{"->", TokenId::Arrow},
    Spelling{"-=", TokenId::MinusEqual},
    Spelling{"-", TokenId::Minus},
    Spelling{"**=", TokenId::DoubleStarEqual},
    Spelling{"**", TokenId::DoubleStar},
    Spelling{"*=", TokenId::StarEqual},
    Spelling{"*", TokenId::Star},
    Spelling{"//=", TokenId::DoubleSlashEqual},
    Spelling{"//", TokenId::DoubleSlash},
    Spelling{"/=", TokenId::SlashEqual},
    Spelling{"/", TokenId::Slash},
    Spelling{"%=", TokenId::PercentEqual},
    Spelling{"%", TokenId::Percent},
    Spelling{"@=", TokenId::AtEqual},
    Spelling{"@", TokenId::At},
    Spelling{"~", TokenId::Tilde},
    Spelling{"&=", TokenId::AmpersandEqual},
    Spelling{"&", TokenId::Ampersand},
    Spelling{"|=", TokenId::VerticalBarEqual},
    Spelling{"|", TokenId::VerticalBar},
    Spelling{"^=", TokenId::CircumflexEqual},
    Spelling{"^", TokenId::Circumflex},
    Spelling{"<<=", TokenId::LeftShiftEqual},
    Spelling{"<<", TokenId::LeftShift},
    Spelling{"<=", TokenId::LessEqual},
    Spelling{"<", TokenId::Less},
    Spelling{">>=", TokenId::RightShiftEqual},
    Spelling{">>", TokenId::RightShift},
    Spelling{">=", TokenId::GreaterEqual},
    Spelling{">", TokenId::Greater},
    Spelling{"!=", TokenId::NotEqual},
});

// The CPython token kind of an id.
TokenKind kindOf(TokenId id) {
  if (id <= TokenId::Identifier) return TokenKind::Name;
  if (id <= TokenId::OtherOperator) return TokenKind::Operator;
  switch (id) {
    case TokenId::Number: return TokenKind::Number;
    case TokenId::String: return TokenKind::String;
    case TokenId::Newline: return TokenKind::Newline;
    case TokenId::Indent: return TokenKind::Indent;
    case TokenId::Dedent: return TokenKind::Dedent;
    default: return TokenKind::EndMarker;
  }
}

class Lexer {
 public:
  Lexer(std::string_view source, bool fieldExpression, Position origin)
      : source_(source), fieldExpression_(fieldExpression), origin_(origin) {}

  // Appends tokens to `tokens`; throws ScriptError at the first lexical error.
  void run(std::vector<Token>& tokens) {
    tokens_ = &tokens;
    checkEncoding();
    if (source_.substr(0, 3) == "\xEF\xBB\xBF") position_ = 3;  // a UTF-8 byte order mark
    bool atLineStart = !fieldExpression_;
    while (true) {
      if (atLineStart) {
        atLineStart = false;
        if (!readIndentation()) {
          if (atEnd()) break;
          atLineStart = true;
          continue;
        }
      }
      skipWhitespace();
      if (atEnd()) break;
      const char c = current();
      if (c == '#') {
        while (!atEnd() && !isNewlineChar(current())) advance();
      } else if (isNewlineChar(c)) {
        const bool logicalLineEnds = brackets_.empty() && !fieldExpression_;
        if (logicalLineEnds) emit(TokenId::Newline, here(), position_);
        consumeNewline();
        atLineStart = logicalLineEnds;
      } else if (c == '\\') {
        readLineContinuation();
      } else {
        readToken();
      }
    }
    finish();
  }

 private:
  struct OpenBracket {
    char symbol;
    Position position;
  };

  bool atEnd() const { return position_ >= source_.size(); }
  char current() const { return source_[position_]; }
  char at(std::size_t ahead) const {
    const std::size_t index = position_ + ahead;
    return index < source_.size() ? source_[index] : '\0';
  }

  Position here() const { return here_; }

  // Consumes one byte, keeping line and code-point column up to date.
  void advance() {
    const char c = source_[position_++];
    if (c == '\n' || (c == '\r' && (atEnd() || current() != '\n'))) {
      ++here_.line;
      here_.column = 1;
      return;
    }
    if (c == '\r') return;  // the '\n' of "\r\n" ends the line
    if ((static_cast<unsigned char>(c) & 0xC0u) != 0x80u) ++here_.column;
    lastContentEnd_ = here();
  }

  // Consumes `count` ASCII characters that are not line breaks: advance() without the
  // per-character checks.
  void advanceAscii(std::size_t count) {
    if (count == 0) return;
    position_ += count;
    here_.column += static_cast<int>(count);
    lastContentEnd_ = here();
  }

  void consumeNewline() {
    if (current() == '\r' && at(1) == '\n') advance();
    advance();
  }

  [[noreturn]] void fail(const std::string& message, Position at,
                         std::string type = "SyntaxError") const {
    throw ScriptError(std::move(type), message, at.line, at.column);
  }

  // Appends the token from `startOffset` to the current position.
  void emit(TokenId id, Position start, std::size_t startOffset) {
    const std::string_view text(source_.data() + startOffset, position_ - startOffset);
    tokens_->push_back(Token{kindOf(id), id, text, start, here(), startOffset, position_});
  }

  void checkEncoding() {
    if (const std::size_t nullByte = source_.find('\0'); nullByte != std::string_view::npos) {
      moveTo(nullByte);
      fail("source code string cannot contain null bytes", here());
    }
    if (const auto problem = findEncodingProblem(source_)) {
      std::array<char, 8> byteText{};
      std::snprintf(byteText.data(), byteText.size(), "0x%02x", byteAt(source_, problem->offset));
      moveTo(problem->offset);
      fail("(unicode error) 'utf-8' codec can't decode byte " + std::string(byteText.data()) +
               ": " + problem->reason,
           here());
    }
  }

  // Walks to `offset` from the start so that here() names its line and column.
  void moveTo(std::size_t offset) {
    position_ = 0;
    here_ = origin_;
    while (position_ < offset) advance();
  }

  // Measures the indentation of a new line and emits INDENT/DEDENT. Returns false for a
  // blank or comment-only line, which it consumes (CPython ignores their indentation).
  bool readIndentation() {
    const std::size_t lineStart = position_;
    const Position start = here();
    int column = 0;
    int alternateColumn = 0;  // with tabs as one column, to detect inconsistent use
    while (!atEnd()) {
      const char c = current();
      if (c == ' ') {
        ++column;
        ++alternateColumn;
      } else if (c == '\t') {
        column = (column / kTabSize + 1) * kTabSize;
        ++alternateColumn;
      } else if (c == '\f') {
        column = 0;
        alternateColumn = 0;
      } else {
        break;
      }
      advance();
    }
    if (atEnd()) return false;
    if (current() == '#' || isNewlineChar(current())) {
      while (!atEnd() && !isNewlineChar(current())) advance();
      if (!atEnd()) consumeNewline();
      return false;
    }
    if (column > indents_.back()) {
      if (indents_.size() > kMaxIndentLevels) {
        fail("too many levels of indentation", here(), "IndentationError");
      }
      if (alternateColumn <= alternateIndents_.back()) failInconsistentTabs();
      indents_.push_back(column);
      alternateIndents_.push_back(alternateColumn);
      emit(TokenId::Indent, start, lineStart);
      return true;
    }
    while (column < indents_.back()) {
      indents_.pop_back();
      alternateIndents_.pop_back();
      emit(TokenId::Dedent, here(), position_);
    }
    if (column != indents_.back()) {
      fail("unindent does not match any outer indentation level", endOfLine(), "IndentationError");
    }
    if (alternateColumn != alternateIndents_.back()) failInconsistentTabs();
    return true;
  }

  [[noreturn]] void failInconsistentTabs() const {
    fail("inconsistent use of tabs and spaces in indentation", Position{here().line, 1},
         "TabError");
  }

  // The position just after the last character of the current line.
  Position endOfLine() {
    while (!atEnd() && !isNewlineChar(current())) advance();
    return here();
  }

  void skipWhitespace() {
    std::size_t end = position_;
    while (end < source_.size() &&
           (source_[end] == ' ' || source_[end] == '\t' || source_[end] == '\f')) {
      ++end;
    }
    advanceAscii(end - position_);
  }

  void readLineContinuation() {
    advance();
    const Position afterBackslash = here();
    if (atEnd()) fail("unexpected EOF while parsing", afterBackslash);
    if (!isNewlineChar(current())) {
      fail("unexpected character after line continuation character", afterBackslash);
    }
    consumeNewline();
    if (atEnd()) fail("unexpected EOF while parsing", afterBackslash);
  }

  void readToken() {
    const char c = current();
    const unsigned char byte = static_cast<unsigned char>(c);
    if (isDigit(c) || (c == '.' && isDigit(at(1)))) return readNumber();
    if (c == '\'' || c == '"') return readString(0);
    if (isAsciiLetter(c) || c == '_') return readNameOrPrefixedString();
    if (byte >= 0x20 && byte < 0x7F) return readOperator();  // the rest of printable ASCII
    const char32_t codePoint = decodeAt(source_, position_);
    if (isIdentifierStart(codePoint)) return readNameOrPrefixedString();
    if (inRanges(kNonPrintableRanges, codePoint)) {
      fail("invalid non-printable character " + hexCodePoint(codePoint), here());
    }
    const std::string character(source_.substr(position_, sequenceLength(byte)));
    fail("invalid character '" + character + "' (" + hexCodePoint(codePoint) + ")", here());
  }

  void readNameOrPrefixedString() {
    std::size_t end = position_;
    bool ascii = true;
    while (end < source_.size()) {
      const char c = source_[end];
      if (isAsciiLetter(c) || isDigit(c) || c == '_') {
        ++end;
      } else if (byteAt(source_, end) >= 0x80 && isIdentifierContinue(decodeAt(source_, end))) {
        ascii = false;
        end += sequenceLength(byteAt(source_, end));
      } else {
        break;
      }
    }
    const std::string_view word = source_.substr(position_, end - position_);
    if (end < source_.size() && (source_[end] == '\'' || source_[end] == '"') &&
        isStringPrefix(word)) {
      return readString(word.size());
    }
    const std::size_t start = position_;
    const Position startPosition = here();
    if (ascii) {
      advanceAscii(word.size());
    } else {
      while (position_ < end) advance();
    }
    const Spelling* keyword = kKeywords.find(word);
    emit(keyword ? keyword->id : TokenId::Identifier, startPosition, start);
  }

  void readString(std::size_t prefixLength) {
    const std::size_t start = position_;
    const Position startPosition = here();
    for (std::size_t k = 0; k < prefixLength; ++k) advance();
    const char quote = current();
    const bool triple = at(1) == quote && at(2) == quote;
    for (int k = 0; k < (triple ? 3 : 1); ++k) advance();
    while (true) {
      if (atEnd()) failUnterminated(triple, startPosition);
      const char c = current();
      if (!triple && isNewlineChar(c)) failUnterminated(triple, startPosition);
      if (c == '\\') {
        advance();
        if (atEnd()) failUnterminated(triple, startPosition);
        if (isNewlineChar(current())) {
          consumeNewline();
        } else {
          advance();
        }
        continue;
      }
      if (c == quote && (!triple || (at(1) == quote && at(2) == quote))) {
        for (int k = 0; k < (triple ? 3 : 1); ++k) advance();
        break;
      }
      advance();
    }
    emit(TokenId::String, startPosition, start);
  }

  [[noreturn]] void failUnterminated(bool triple, Position start) const {
    const std::string detected = " (detected at line " + std::to_string(here().line) + ")";
    fail(triple ? "unterminated triple-quoted string literal" + detected
                : "unterminated string literal" + detected,
         start);
  }

  // Numbers follow CPython's tokenizer, including where it reports malformed literals.
  void readNumber() {
    const std::size_t start = position_;
    const Position startPosition = here();
    std::size_t index = position_;
    const auto charAt = [&](std::size_t i) { return i < source_.size() ? source_[i] : '\0'; };
    // The column of source_[i]; a number is ASCII up to where it is malformed.
    const auto positionOf = [&](std::size_t i) {
      return Position{startPosition.line, startPosition.column + static_cast<int>(i - start)};
    };
    const auto failAt = [&](std::size_t i, const std::string& message) {
      fail(message, positionOf(i));
    };
    const auto verifyEnd = [&](std::size_t i, const char* kind) {
      if (i < source_.size() && isIdentifierContinue(decodeAt(source_, i))) {
        failAt(i - 1, std::string("invalid ") + kind + " literal");
      }
    };
    // Digits with single underscores between them; index is at the first digit.
    const auto decimalTail = [&](std::size_t i) {
      while (true) {
        while (isDigit(charAt(i))) ++i;
        if (charAt(i) != '_') return i;
        if (!isDigit(charAt(i + 1))) failAt(i, "invalid decimal literal");
        ++i;
      }
    };
    const auto radixDigits = [&](std::size_t i, const char* kind, auto isRadixDigit) {
      do {
        if (charAt(i) == '_') ++i;
        if (!isRadixDigit(charAt(i))) {
          if (isDigit(charAt(i))) {
            failAt(i, std::string("invalid digit '") + charAt(i) + "' in " + kind + " literal");
          }
          failAt(i - 1, std::string("invalid ") + kind + " literal");
        }
        while (isRadixDigit(charAt(i))) ++i;
      } while (charAt(i) == '_');
      if (isDigit(charAt(i))) {
        failAt(i, std::string("invalid digit '") + charAt(i) + "' in " + kind + " literal");
      }
      verifyEnd(i, kind);
      return i;
    };

    const char radixMarker = charAt(index + 1);
    if (charAt(index) == '0' && (radixMarker == 'x' || radixMarker == 'X')) {
      index = radixDigits(index + 2, "hexadecimal", isHexDigit);
    } else if (charAt(index) == '0' && (radixMarker == 'o' || radixMarker == 'O')) {
      index = radixDigits(index + 2, "octal", [](char c) { return c >= '0' && c <= '7'; });
    } else if (charAt(index) == '0' && (radixMarker == 'b' || radixMarker == 'B')) {
      index = radixDigits(index + 2, "binary", [](char c) { return c == '0' || c == '1'; });
    } else {
      bool leadingZeros = false;
      if (charAt(index) == '0') {
        while (charAt(index) == '0' || charAt(index) == '_') {
          if (charAt(index) == '_' && !isDigit(charAt(index + 1))) {
            failAt(index, "invalid decimal literal");
          }
          ++index;
        }
        if (isDigit(charAt(index))) {
          leadingZeros = true;
          index = decimalTail(index);
        }
      } else if (isDigit(charAt(index))) {
        index = decimalTail(index);
      }
      bool isFloat = false;
      if (charAt(index) == '.') {
        isFloat = true;
        ++index;
        if (isDigit(charAt(index))) index = decimalTail(index);
      }
      if (charAt(index) == 'e' || charAt(index) == 'E') {
        const std::size_t exponent = index;
        ++index;
        if (charAt(index) == '+' || charAt(index) == '-') {
          ++index;
          if (!isDigit(charAt(index))) failAt(index - 1, "invalid decimal literal");
        } else if (!isDigit(charAt(index))) {
          failAt(exponent - 1, "invalid decimal literal");
        }
        isFloat = true;
        index = decimalTail(index);
      }
      if (charAt(index) == 'j' || charAt(index) == 'J') {
        ++index;
        verifyEnd(index, "imaginary");
      } else {
        if (leadingZeros && !isFloat) {
          fail(
              "leading zeros in decimal integer literals are not permitted; use an 0o prefix "
              "for octal integers",
              startPosition);
        }
        verifyEnd(index, "decimal");
      }
    }
    advanceAscii(index - position_);  // a well-formed number is all ASCII
    emit(TokenId::Number, startPosition, start);
  }

  void readOperator() {
    const Spelling* spelling = kOperators.findPrefixOf(source_.substr(position_));
    const std::size_t length = spelling ? spelling->text.size() : 1;
    const std::size_t start = position_;
    const Position startPosition = here();
    if (length == 1) trackBracket(current(), startPosition);
    advanceAscii(length);
    emit(spelling ? spelling->id : TokenId::OtherOperator, startPosition, start);
  }

  void trackBracket(char c, Position at) {
    if (c == '(' || c == '[' || c == '{') {
      if (brackets_.size() >= kMaxBracketDepth) fail("too many nested parentheses", at);
      brackets_.push_back(OpenBracket{c, at});
      return;
    }
    if (c != ')' && c != ']' && c != '}') return;
    if (brackets_.empty()) fail(std::string("unmatched '") + c + "'", at);
    const OpenBracket open = brackets_.back();
    const char expected = open.symbol == '(' ? ')' : open.symbol == '[' ? ']' : '}';
    if (c != expected) {
      std::string message = std::string("closing parenthesis '") + c +
                            "' does not match opening parenthesis '" + open.symbol + "'";
      if (open.position.line != at.line) {
        message += " on line " + std::to_string(open.position.line);
      }
      fail(message, at);
    }
    brackets_.pop_back();
  }

  void finish() {
    if (!brackets_.empty() && !fieldExpression_) {
      const OpenBracket& open = brackets_.back();
      fail(std::string("'") + open.symbol + "' was never closed", open.position);
    }
    const bool lineHasTokens = !tokens_->empty() && tokens_->back().kind != TokenKind::Newline &&
                               tokens_->back().kind != TokenKind::Dedent;
    if (lineHasTokens && !fieldExpression_) emit(TokenId::Newline, here(), position_);
    for (std::size_t level = 1; level < indents_.size(); ++level) emitAtEnd(TokenId::Dedent);
    emitAtEnd(TokenId::EndMarker);
  }

  // CPython places the tokens at the end of input after the last character that is not a
  // line break; "expected an indented block" errors point there.
  void emitAtEnd(TokenId id) {
    tokens_->push_back(Token{
        kindOf(id), id, {}, lastContentEnd_, lastContentEnd_, source_.size(), source_.size()});
  }

  std::string_view source_;
  bool fieldExpression_;
  Position origin_;
  std::vector<Token>* tokens_ = nullptr;
  std::size_t position_ = 0;
  Position here_ = origin_;  // of position_, counting code points on its line
  Position lastContentEnd_{origin_.line, origin_.column};
  std::vector<int> indents_{0};
  std::vector<int> alternateIndents_{0};
  std::vector<OpenBracket> brackets_;
};

TokenStream tokenizeCollectingError(std::string_view source, bool fieldExpression,
                                    Position origin) {
  TokenStream stream;
  // Plain code has about one token per two bytes (comments and long names
  // make fewer: the lessons have one per five). Reserving that spares a long
  // script the copies of a doubling vector, and the page faults of the fresh
  // memory each copy goes to; what is reserved and never filled is never
  // touched.
  stream.tokens.reserve(source.size() / 2 + 16);
  try {
    Lexer(source, fieldExpression, origin).run(stream.tokens);
  } catch (const ScriptError& error) {
    Token end;
    end.kind = TokenKind::EndMarker;
    end.start = Position{error.line(), error.column()};
    end.end = end.start;
    end.offset = source.size();
    end.endOffset = source.size();
    stream.tokens.push_back(std::move(end));
    stream.error = error;
  }
  return stream;
}

}  // namespace

std::vector<Token> tokenize(std::string_view source) {
  TokenStream stream = tokenizeUntilError(source);
  if (stream.error) throw *stream.error;
  return std::move(stream.tokens);
}

TokenStream tokenizeUntilError(std::string_view source) {
  return tokenizeCollectingError(source, false, Position{1, 1});
}

TokenStream tokenizeExpression(std::string_view text, Position origin) {
  return tokenizeCollectingError(text, true, origin);
}

}  // namespace memlens::script

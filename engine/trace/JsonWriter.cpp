#include "trace/JsonWriter.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <nlohmann/json.hpp>

#include "trace/Utf8.h"

#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#endif

namespace memlens {
namespace {

static_assert(std::endian::native == std::endian::little,
              "the scans below take a word's first byte to be its least significant");

// The index of the first byte of `word` (its least significant first) that
// is not plain, 8 where all are. Plain bytes are copied as they are:
// printable ASCII other than the quote and the backslash.
unsigned firstNotPlain(std::uint64_t word) {
#if defined(__SSE2__) && defined(__x86_64__)
  const __m128i bytes = _mm_cvtsi64_si128(static_cast<long long>(word));
  // Compared as signed, bytes from 0x80 up are below the space too.
  const __m128i special = _mm_or_si128(_mm_cmplt_epi8(bytes, _mm_set1_epi8(' ')),
                                       _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')),
                                                    _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))));
  // The register's upper eight bytes are zeros, which are not plain.
  return static_cast<unsigned>(std::countr_zero(static_cast<unsigned>(_mm_movemask_epi8(special))));
#else
  // The top bit of each byte that is not plain. A borrow may mark a byte
  // after the first one wrongly, never one before it.
  constexpr std::uint64_t kOnes = 0x0101010101010101;
  constexpr std::uint64_t kTops = kOnes * 0x80;
  const auto below = [](std::uint64_t w, std::uint64_t n) { return (w - kOnes * n) & ~w & kTops; };
  const std::uint64_t special = below(word, 0x20) | below(word ^ (kOnes * '"'), 1) |
                                below(word ^ (kOnes * '\\'), 1) | (word & kTops);
  return static_cast<unsigned>(std::countr_zero(special)) / 8;
#endif
}

template <class Word>
Word load(const char* at) {
  Word word;
  std::memcpy(&word, at, sizeof word);
  return word;
}

template <class Word>
void store(char* at, Word word) {
  std::memcpy(at, &word, sizeof word);
}

// Copies the plain bytes at the start of `text` to `out`, which has room
// for all of `text`, and returns how many there are; bytes after them in
// `out` may be overwritten. Checked and copied eight bytes at a time,
// reading nothing outside the text.
std::size_t copyPlainPrefix(char* out, std::string_view text) {
  const char* in = text.data();
  const std::size_t size = text.size();
  if (size >= 8) {
    std::size_t at = 0;
    for (; size - at > 8; at += 8) {
      const auto word = load<std::uint64_t>(in + at);
      store(out + at, word);
      const unsigned index = firstNotPlain(word);
      if (index < 8) return at + index;
    }
    // The last eight bytes, overlapping plain ones already copied.
    const auto word = load<std::uint64_t>(in + size - 8);
    store(out + size - 8, word);
    return size - 8 + firstNotPlain(word);
  }
  if (size >= 4) {
    // The first four bytes and the last four, as one word.
    const auto first = load<std::uint32_t>(in);
    const auto last = load<std::uint32_t>(in + size - 4);
    store(out, first);
    store(out + size - 4, last);
    const unsigned index = firstNotPlain(first | std::uint64_t{last} << 32);
    return index < 4 ? index : size - 8 + index;
  }
  if (size == 0) return 0;
  // The first, the middle and the last byte, which are all of them, with
  // spaces (plain) above them.
  out[0] = in[0];
  out[size / 2] = in[size / 2];
  out[size - 1] = in[size - 1];
  const unsigned index = firstNotPlain(
      0x2020202020000000 | std::uint64_t{static_cast<unsigned char>(in[size - 1])} << 16 |
      std::uint64_t{static_cast<unsigned char>(in[size / 2])} << 8 |
      static_cast<unsigned char>(in[0]));
  return index < 3 ? index : size;
}

// "00" to "99", so that digits are written two at a time.
constexpr std::array<char, 200> kDigitPairs = [] {
  std::array<char, 200> pairs{};
  for (std::size_t i = 0; i < 100; ++i) {
    pairs[2 * i] = static_cast<char>('0' + i / 10);
    pairs[2 * i + 1] = static_cast<char>('0' + i % 10);
  }
  return pairs;
}();

void writeTwoDigits(char* at, std::uint32_t value) {
  std::memcpy(at, &kDigitPairs[2 * value], 2);
}

constexpr std::uint64_t kEightDigits = 100'000'000;
constexpr std::uint64_t kZeroDigits = 0x3030303030303030;  // "00000000"

// The eight decimal digits of `value` (below 10^8), leading zeros too, as
// the bytes of a word, the first digit lowest: worked out together, each
// step splitting every lane of the word into two lanes of half the width.
std::uint64_t eightDigits(std::uint32_t value) {
  // Two lanes of 32 bits: the first four digits and the last four.
  std::uint64_t lanes = value / 10000 | std::uint64_t{value % 10000} << 32;
  // Four lanes of 16 bits, two digits each. For v below 10^4,
  // (v * 10486) >> 20 is v / 100.
  const std::uint64_t hundreds = (lanes * 10486 >> 20) & 0x0000007F0000007F;
  lanes = hundreds | (lanes - 100 * hundreds) << 16;
  // Eight lanes of 8 bits, one digit each. For v below 100, (v * 103) >> 10
  // is v / 10.
  const std::uint64_t tens = (lanes * 103 >> 10) & 0x000F000F000F000F;
  lanes = tens | (lanes - 10 * tens) << 8;
  return lanes + kZeroDigits;
}

// `value` (1 to 10^8 - 1) in decimal at `at`, and up to seven bytes after
// it overwritten; returns the end.
char* writeUpToEightDigits(char* at, std::uint32_t value) {
  const std::uint64_t digits = eightDigits(value);
  const auto leadingZeros = static_cast<unsigned>(std::countr_zero(digits - kZeroDigits)) / 8;
  store(at, digits >> 8 * leadingZeros);
  return at + 8 - leadingZeros;
}

// `value` (from 100 up) in decimal at `at`, and up to seven bytes after it
// overwritten; returns the end.
char* writeLongDecimal(char* at, std::uint64_t value) {
  if (value < 10000) {
    // Three or four digits, common enough to be worth a way of their own.
    const auto small = static_cast<std::uint32_t>(value);
    const std::uint32_t high = small / 100;
    if (high < 10) {
      *at = static_cast<char>('0' + high);
      writeTwoDigits(at + 1, small % 100);
      return at + 3;
    }
    writeTwoDigits(at, high);
    writeTwoDigits(at + 2, small % 100);
    return at + 4;
  }
  if (value < kEightDigits) return writeUpToEightDigits(at, static_cast<std::uint32_t>(value));
  if (value < kEightDigits * kEightDigits) {
    at = writeUpToEightDigits(at, static_cast<std::uint32_t>(value / kEightDigits));
  } else {
    at =
        writeUpToEightDigits(at, static_cast<std::uint32_t>(value / (kEightDigits * kEightDigits)));
    store(at, eightDigits(static_cast<std::uint32_t>(value / kEightDigits % kEightDigits)));
    at += 8;
  }
  store(at, eightDigits(static_cast<std::uint32_t>(value % kEightDigits)));
  return at + 8;
}

// `value` in decimal at `at`, and up to seven bytes after it overwritten;
// returns the end. Most numbers in a trace are small: those below 100 take
// no call.
char* writeDecimal(char* at, std::uint64_t value) {
  if (value < 10) {
    *at = static_cast<char>('0' + value);
    return at + 1;
  }
  if (value < 100) {
    writeTwoDigits(at, static_cast<std::uint32_t>(value));
    return at + 2;
  }
  return writeLongDecimal(at, value);
}

char* writeSigned(char* at, std::int64_t value) {
  if (value >= 0) return writeDecimal(at, static_cast<std::uint64_t>(value));
  *at = '-';
  // Negated as unsigned: the most negative value has no positive twin.
  return writeDecimal(at + 1, 0 - static_cast<std::uint64_t>(value));
}

}  // namespace

void JsonWriter::flush() {
  const auto size = static_cast<std::size_t>(cursor_ - buffer_.data());
  // Emptied first: should appending fail, the destructor has nothing to retry.
  cursor_ = buffer_.data();
  out_.append(buffer_.data(), size);
}

void JsonWriter::string(std::string_view text) {
  char* at = separate();
  *at++ = '"';
  // Most strings are short and plain: copied at once into the room left.
  if (text.size() < kTokenBytes - 1) {
    const std::size_t plain = copyPlainPrefix(at, text);
    if (plain == text.size()) {
      at[plain] = '"';
      cursor_ = at + plain + 1;
      return;
    }
  }
  cursor_ = at;
  escaped(text);
  reserve(1);
  *cursor_++ = '"';
}

void JsonWriter::escaped(std::string_view text) {
  while (!text.empty()) {
    // Plain bytes are copied straight into the buffer, as many as it holds.
    reserve(std::min(text.size(), buffer_.size()));
    const std::string_view piece = text.substr(0, spare());
    const std::size_t plain = copyPlainPrefix(cursor_, piece);
    cursor_ += plain;
    text.remove_prefix(plain);
    if (plain < piece.size()) text.remove_prefix(escapeFirst(text));
  }
}

std::size_t JsonWriter::escapeFirst(std::string_view text) {
  reserve(6);  // the longest escape, \u00XX
  const auto c = static_cast<unsigned char>(text.front());
  if (c >= 0x80) {
    const auto [length, wellFormed] = utf8SequenceAt(text, 0);
    if (wellFormed) {
      std::memcpy(cursor_, text.data(), length);
      cursor_ += length;
    } else {
      std::memcpy(cursor_, "\xEF\xBF\xBD", 3);  // U+FFFD
      cursor_ += 3;
    }
    return length;
  }
  *cursor_++ = '\\';
  switch (c) {
    case '"': *cursor_++ = '"'; break;
    case '\\': *cursor_++ = '\\'; break;
    case '\b': *cursor_++ = 'b'; break;
    case '\t': *cursor_++ = 't'; break;
    case '\n': *cursor_++ = 'n'; break;
    case '\f': *cursor_++ = 'f'; break;
    case '\r': *cursor_++ = 'r'; break;
    default: {
      constexpr char kHex[] = "0123456789abcdef";
      std::memcpy(cursor_, "u00", 3);
      cursor_[3] = kHex[c >> 4];
      cursor_[4] = kHex[c & 0xF];
      cursor_ += 5;
    }
  }
  return 1;
}

void JsonWriter::integer(std::int64_t value) {
  cursor_ = writeSigned(separate(), value);
}

void JsonWriter::unsignedInteger(std::uint64_t value) {
  cursor_ = writeDecimal(separate(), value);
}

void JsonWriter::real(double value) {
  char* at = separate();
  // Whole numbers, common in small tensors, skip Grisu2: below 1e15 nlohmann
  // writes them as the integer and ".0" (checked on 26 million of them).
  // (-0.0 is left to Grisu2, which keeps its sign.)
  if (std::abs(value) < 1e15) {
    const auto whole = static_cast<std::int64_t>(value);
    if (static_cast<double>(whole) == value && (whole != 0 || !std::signbit(value))) {
      at = writeSigned(at, whole);
      std::memcpy(at, ".0", 2);
      cursor_ = at + 2;
      return;
    }
  }
  // nlohmann's own Grisu2 with its notation rules ("1.0", "1e+20"): the
  // shortest form std::to_chars finds differs from it for some values.
  cursor_ = nlohmann::detail::to_chars(at, at + kTokenBytes, value);
}

}  // namespace memlens

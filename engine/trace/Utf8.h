#pragma once
// Well-formed UTF-8 as RFC 3629 defines it (no overlong forms, no surrogates,
// nothing above U+10FFFF): what a trace file must be, and what the writer
// replaces when a script printed something else.

#include <cstddef>
#include <string_view>

namespace memlens {

struct Utf8Sequence {
  // The bytes of the sequence starting at the offset; for an ill-formed one,
  // its maximal subpart (at least one byte): the bytes that could still have
  // begun a well-formed sequence, which a decoder replaces with one U+FFFD.
  std::size_t length = 0;
  bool wellFormed = false;
};

// The sequence starting at text[offset], which must be in the text.
Utf8Sequence utf8SequenceAt(std::string_view text, std::size_t offset);

}  // namespace memlens

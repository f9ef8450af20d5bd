#pragma once
// What a trace file may be before MemLens parses it: a trace comes from
// anywhere (a mail, a download), so it is checked for size, encoding and
// nesting first, and each problem gets its own message.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace memlens {

// Far above any real trace (50,000 steps take about 40 MiB); below what would
// exhaust the machine while parsing.
inline constexpr std::uint64_t kMaxTraceBytes = std::uint64_t{1} << 30;
// Nested `for` blocks (at most 100) nest substeps two levels per block.
inline constexpr std::size_t kMaxTraceNesting = 256;

// Throws TraceFormatError for text over kMaxTraceBytes, text that is not
// UTF-8 (naming the byte offset and line), or arrays and objects nested
// deeper than kMaxTraceNesting.
void checkTraceText(std::string_view text);

// "the trace is 3.2 GiB; MemLens reads traces up to 1 GiB" for a file size.
void checkTraceSize(std::uint64_t bytes);

}  // namespace memlens

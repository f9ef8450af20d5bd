#pragma once
// Reading and writing the `memlens-trace` JSON format, version 1, exactly as
// DESIGN.md's contract describes it.

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "trace/Step.h"

namespace memlens {

inline constexpr std::string_view kTraceFormat = "memlens-trace";
inline constexpr int kTraceVersion = 1;

struct Trace {
  std::string torchVersion;
  std::vector<Step> steps;

  bool operator==(const Trace&) const = default;
};

// A trace that cannot be read; the message names where (a JSON path such as
// `steps[3].tensors[0].shape`, or a byte offset for syntax errors) and why.
class TraceFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string writeTraceJson(const Trace& trace, bool pretty = false);
// The same without copying a session's steps into a Trace first.
std::string writeTraceJson(std::string_view torchVersion, const std::vector<Step>& steps,
                           bool pretty = false);
Trace readTraceJson(std::string_view text);

// File variants. Writing is atomic: a temporary file beside the target,
// renamed over it once complete. Errors name the file.
void writeTraceFile(const std::filesystem::path& path, const Trace& trace);
Trace readTraceFile(const std::filesystem::path& path);

}  // namespace memlens

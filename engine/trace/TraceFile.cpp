// Trace files: written atomically, size-checked before they are read, and
// errors that name the file.

#include <fstream>
#include <sstream>
#include <system_error>

#include "trace/AtomicFile.h"
#include "trace/TraceJson.h"
#include "trace/TraceLimits.h"

namespace memlens {

void writeTraceFile(const std::filesystem::path& path, const Trace& trace) {
  writeFileAtomically(path, writeTraceJson(trace));
}

Trace readTraceFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw TraceFormatError(path.string() + ": cannot open: " +
                           std::error_code(errno, std::generic_category()).message());
  }
  try {
    std::error_code sizeError;
    const auto bytes = std::filesystem::file_size(path, sizeError);
    // Checked before reading, so a huge file is never loaded.
    if (!sizeError) checkTraceSize(bytes);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return readTraceJson(buffer.str());
  } catch (const TraceFormatError& e) {
    throw TraceFormatError(path.string() + ": " + e.what());
  }
}

}  // namespace memlens

// Trace files: written atomically (whole or streamed step by step),
// size-checked before they are read, and errors that name the file.

#include <fstream>
#include <sstream>
#include <system_error>

#include "trace/AtomicFile.h"
#include "trace/TraceJson.h"
#include "trace/TraceLimits.h"
#include "trace/TraceWriter.h"

namespace memlens {

void writeTraceFile(const std::filesystem::path& path, const Trace& trace) {
  writeFileAtomically(path, writeTraceJson(trace));
}

namespace {
// Written out in pieces of about this size: few system calls, little memory.
constexpr std::size_t kFlushBytes = std::size_t{1} << 20;
}  // namespace

TraceFileWriter::TraceFileWriter(const std::filesystem::path& path, std::string_view torchVersion)
    : file_(path) {
  buffered_.reserve(kFlushBytes + kFlushBytes / 4);
  appendTraceOpening(buffered_, torchVersion);
}

void TraceFileWriter::append(const Step& step) {
  appendTraceStep(buffered_, step, empty_, false);
  empty_ = false;
  if (buffered_.size() >= kFlushBytes) flush();
}

void TraceFileWriter::finish() {
  appendTraceClosing(buffered_);
  flush();
  file_.commit();
}

void TraceFileWriter::flush() {
  file_.write(buffered_);
  buffered_.clear();
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

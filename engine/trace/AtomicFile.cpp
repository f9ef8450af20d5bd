#include "trace/AtomicFile.h"

#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>

namespace memlens {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, const std::string& what, int error) {
  throw std::runtime_error(path.string() + ": " + what + ": " +
                           std::error_code(error, std::generic_category()).message());
}

}  // namespace

AtomicFileWriter::AtomicFileWriter(std::filesystem::path path)
    : path_(std::move(path)), temporary_(path_) {
  temporary_ += ".tmp-" + std::to_string(::getpid());
  file_ = std::fopen(temporary_.c_str(), "wb");
  if (file_ == nullptr) fail(path_, "cannot write", errno);
}

AtomicFileWriter::~AtomicFileWriter() {
  if (file_ != nullptr) discard();
}

void AtomicFileWriter::write(std::string_view contents) {
  if (file_ == nullptr) throw std::logic_error("write after commit");
  if (std::fwrite(contents.data(), 1, contents.size(), file_) != contents.size()) {
    const int error = errno;
    discard();
    fail(path_, "cannot write", error);
  }
}

void AtomicFileWriter::commit() {
  if (file_ == nullptr) throw std::logic_error("commit after commit");
  // Flushed, not synced: the rename already keeps readers from a partial
  // file and keeps the old one when writing fails. Syncing would make every
  // trace wait for the disk (1.4 s for a 48 MB trace here) to guard output a
  // rerun regenerates against a power cut.
  if (std::fflush(file_) != 0) {
    const int error = errno;
    discard();
    fail(path_, "cannot write", error);
  }
  const bool closed = std::fclose(std::exchange(file_, nullptr)) == 0;
  const int closeError = errno;
  if (!closed) {
    std::remove(temporary_.c_str());
    fail(path_, "cannot write", closeError);
  }
  if (std::rename(temporary_.c_str(), path_.c_str()) != 0) {
    const int renameError = errno;
    std::remove(temporary_.c_str());
    fail(path_, "cannot replace", renameError);
  }
}

void AtomicFileWriter::discard() {
  std::fclose(std::exchange(file_, nullptr));
  std::remove(temporary_.c_str());
}

void writeFileAtomically(const std::filesystem::path& path, std::string_view contents) {
  AtomicFileWriter file(path);
  file.write(contents);
  file.commit();
}

}  // namespace memlens

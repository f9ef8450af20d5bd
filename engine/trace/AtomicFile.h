#pragma once
#include <cstdio>
#include <filesystem>
#include <string_view>

namespace memlens {

// A file written, whole or in pieces, to a temporary beside `path` and
// renamed over `path` by commit(), so readers never see a half-written file.
// Destroyed uncommitted (an error, an exception), it removes the temporary.
// Failures throw std::runtime_error naming the file.
class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(std::filesystem::path path);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  void write(std::string_view contents);
  // Flushes the temporary and renames it over `path`.
  void commit();

 private:
  void discard();

  std::filesystem::path path_;
  std::filesystem::path temporary_;
  std::FILE* file_ = nullptr;
};

void writeFileAtomically(const std::filesystem::path& path, std::string_view contents);

}  // namespace memlens

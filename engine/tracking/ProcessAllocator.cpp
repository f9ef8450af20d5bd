#include "tracking/ProcessAllocator.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>

namespace memlens::tracking {
namespace {

// mi_version() gives 209 for 2.0.9.
std::string mimallocVersion() {
  using Version = int (*)();
  const auto version = reinterpret_cast<Version>(dlsym(RTLD_DEFAULT, "mi_version"));
  if (version == nullptr) return "mimalloc";
  const int v = version();
  return "mimalloc " + std::to_string(v / 100) + "." + std::to_string(v / 10 % 10) + "." +
         std::to_string(v % 10);
}

}  // namespace

std::string processAllocator() {
  void* (*const malloc)(std::size_t) = &std::malloc;
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(malloc), &info) == 0 || info.dli_fname == nullptr) {
    return "an unknown malloc";
  }
  const std::string file = std::filesystem::path(info.dli_fname).filename().string();
  if (file.starts_with("libmimalloc")) return mimallocVersion();
  if (file.starts_with("libc.so")) return "glibc malloc";
  return file;
}

}  // namespace memlens::tracking

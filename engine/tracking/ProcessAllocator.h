#pragma once

#include <string>

namespace memlens::tracking {

// The malloc this process runs on, as observed (the library that defines the
// malloc it calls), not as the build asked for: "mimalloc 2.0.9",
// "glibc malloc", or the defining file's name.
std::string processAllocator();

}  // namespace memlens::tracking

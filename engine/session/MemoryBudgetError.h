#pragma once
// The error an allocation beyond the memory budget raises. A c10::Error, so
// that LibTorch code between the allocator and the script passes it on like
// its own; Python sees a MemoryError.

#include <c10/util/Exception.h>

namespace memlens {

class MemoryBudgetError : public c10::Error {
 public:
  using c10::Error::Error;
};

}  // namespace memlens

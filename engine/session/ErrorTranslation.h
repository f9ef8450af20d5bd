#pragma once
#include <exception>

#include "trace/Step.h"

namespace memlens {

struct Statement;

// Python's view of a C++ exception: its exception type and PyTorch's message
// without the C++ backtrace, placed at the error's own position or else at
// the statement's.
StepError translateException(const std::exception_ptr& error, const Statement& statement);

}  // namespace memlens

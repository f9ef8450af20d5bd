#pragma once
#include "session/Session.h"

namespace memlens::cli {

// The tutorial MemLens grew from, driven straight through the engine's C++
// API: normal vs in-place addition, a view, a free and an address recycled.
void runEngineDemo(Session& session);

}  // namespace memlens::cli

// libFuzzer target: the whole script front end — parse, evaluate through
// real LibTorch, record — under a small memory budget and a short time limit,
// as a hostile script would meet it. Every input ends as steps, each with at
// most a Python-style error; nothing escapes, crashes or hangs.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "script/ScriptRunner.h"
#include "session/MemoryBudget.h"
#include "session/Session.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  memlens::setMemoryBudget(std::uint64_t{64} << 20);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  memlens::Session session;
  memlens::script::ScriptRunner runner(session);
  memlens::script::RunOptions options;
  options.keepGoing = true;
  options.timeout = std::chrono::milliseconds(500);
  runner.run(std::string_view(reinterpret_cast<const char*>(data), size), options);
  return 0;
}

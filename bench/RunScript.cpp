// memlens-bench-run: runs a script the way `memlens-cli run` does, with
// recording on (the default) or off (--no-record), so run_benchmarks.py can
// time what recording costs on the same workload in the same program. Like
// the CLI writing a trace, it keeps no steps once they are handed out.
// --hooks-only runs with recording off but LibTorch's observation hooks
// installed, doing nothing: the part of recording's cost that is LibTorch's.
//
// usage: memlens-bench-run SCRIPT.py [--no-record | --hooks-only]

#include <fstream>
#include <iostream>
#include <sstream>
#include <string_view>

#include "IdleObservationHooks.h"
#include "script/ScriptRunner.h"
#include "session/Session.h"

int main(int argc, char** argv) {
  const std::string_view mode = argc == 3 ? argv[2] : "";
  const bool hooksOnly = mode == "--hooks-only";
  const bool noRecord = hooksOnly || mode == "--no-record";
  if (argc != 2 && !noRecord) {
    std::cerr << "usage: memlens-bench-run SCRIPT.py [--no-record | --hooks-only]\n";
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  if (!in) {
    std::cerr << "memlens-bench-run: cannot open '" << argv[1] << "'\n";
    return 2;
  }
  std::ostringstream source;
  source << in.rdbuf();

  if (hooksOnly) memlens::bench::installIdleObservationHooks();
  memlens::Session session(memlens::SessionOptions{.record = !noRecord, .keepSteps = false});
  memlens::script::ScriptRunner runner(session);
  const auto result = runner.run(source.str(), {}, [](const memlens::Step& step) {
    std::cout << step.output;
    if (step.error) std::cerr << step.error->type << ": " << step.error->message << "\n";
  });
  return result.firstError ? 1 : 0;
}

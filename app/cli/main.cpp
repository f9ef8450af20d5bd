// memlens-cli: runs code through the engine without any GUI and writes what
// it observed. The script language (`run SCRIPT.py`) arrives in its own
// change; until then `demo` drives the engine's C++ API.

#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/EngineDemo.h"
#include "cli/StepTable.h"
#include "session/Session.h"
#include "tracking/Recording.h"

namespace {

constexpr std::string_view kUsage =
    "usage: memlens-cli demo [--trace OUT.json]\n"
    "       memlens-cli --version | --help\n"
    "\n"
    "  demo     run the in-place vs normal addition tutorial through LibTorch and\n"
    "           print what each statement did to memory\n"
    "  --trace  also write the steps as a memlens-trace JSON file\n";

int usageError(const std::string& message) {
  std::cerr << "memlens-cli: " << message << "\n" << kUsage;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty()) return usageError("missing command");
  if (args[0] == "--help" || args[0] == "-h") {
    std::cout << kUsage;
    return 0;
  }
  if (args[0] == "--version") {
    std::cout << "memlens-cli " << MEMLENS_VERSION << " (LibTorch "
              << memlens::tracking::torchVersion() << ")\n";
    return 0;
  }
  if (args[0] != "demo") return usageError("unknown command '" + std::string(args[0]) + "'");

  std::string tracePath;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--trace" && i + 1 < args.size()) {
      tracePath = args[++i];
    } else {
      return usageError("unexpected argument '" + std::string(args[i]) + "'");
    }
  }
  try {
    memlens::Session session;
    memlens::cli::runEngineDemo(session);
    for (const auto& step : session.timeline().steps()) std::cout << step.output;
    std::cout << "\n";
    memlens::cli::printStepTable(std::cout, session.timeline());
    if (!tracePath.empty()) memlens::writeTraceFile(tracePath, session.trace());
  } catch (const std::exception& e) {
    std::cerr << "memlens-cli: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

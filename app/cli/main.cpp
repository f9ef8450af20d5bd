// memlens-cli: runs MemLens scripts through LibTorch without any GUI, prints
// exactly what Python would, and writes what it observed.

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "cli/StepTable.h"
#include "ops/OperatorCatalog.h"
#include "script/ScriptRunner.h"
#include "session/MemoryBudget.h"
#include "session/Session.h"
#include "trace/AtomicFile.h"
#include "trace/MarkdownReport.h"
#include "trace/TraceFileWriter.h"
#include "tracking/ProcessAllocator.h"
#include "tracking/Recording.h"

namespace {

constexpr std::string_view kUsage =
    "usage: memlens-cli run SCRIPT.py [--trace OUT.json] [--report OUT.md] [--steps]\n"
    "                              [--device cpu] [--keep-going] [--timeout SECONDS]\n"
    "                              [--memory-limit SIZE]\n"
    "       memlens-cli ops [PATTERN]\n"
    "       memlens-cli --version | --help\n"
    "\n"
    "  run           run a PyTorch script statement by statement through LibTorch; prints\n"
    "                what Python would print, errors as SCRIPT.py:LINE:COL: Type: message\n"
    "  --trace F     write every step as a memlens-trace JSON file\n"
    "  --report F    write a Markdown summary of the steps\n"
    "  --steps       after the script's output, print what each statement did to memory\n"
    "                (on stderr)\n"
    "  --device D    the device the script runs on (cpu; cuda where LibTorch has it)\n"
    "  --keep-going  run the statements after a failing one too\n"
    "  --timeout S   stop the script after S seconds (TimeoutError); Ctrl-C stops it too\n"
    "                (KeyboardInterrupt), and a second Ctrl-C ends memlens-cli at once\n"
    "  --memory-limit SIZE\n"
    "                the session's memory budget, e.g. 512M or 2G (default: a quarter of\n"
    "                the RAM, at most 4G); a bigger allocation is a MemoryError\n"
    "  ops           list LibTorch's operators with their schema and predicted effect\n"
    "\n"
    "exit status: 0 success, 1 a statement failed, 2 usage error\n";

int usageError(const std::string& message) {
  std::cerr << "memlens-cli: " << message << "\n\n" << kUsage;
  return 2;
}

std::string firstLine(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

struct RunCommand {
  std::string script;
  std::string tracePath;
  std::string reportPath;
  std::string device = "cpu";
  bool keepGoing = false;
  bool printSteps = false;
  std::chrono::milliseconds timeout{0};
  std::optional<std::uint64_t> memoryLimit;
};

// The runner Ctrl-C stops. Set before the handler is installed, read only by it.
memlens::Cancellation* interruptTarget = nullptr;

extern "C" void stopOnInterrupt(int) {
  if (interruptTarget != nullptr) interruptTarget->requestStop();
  std::signal(SIGINT, SIG_DFL);
}

// The first Ctrl-C stops the script between operators, so the trace and the
// report are still written; the handler then steps aside, and a second one ends
// the process the usual way.
void stopScriptOnInterrupt(memlens::Cancellation& cancellation) {
  interruptTarget = &cancellation;
  std::signal(SIGINT, stopOnInterrupt);
}

int run(const RunCommand& command) {
  std::ifstream in(command.script, std::ios::binary);
  if (!in) return usageError("cannot open '" + command.script + "'");
  std::ostringstream source;
  source << in.rdbuf();
  if (command.device != "cpu") {
    return usageError("device '" + command.device + "' is not available in this LibTorch build");
  }

  if (command.memoryLimit) memlens::setMemoryBudget(*command.memoryLimit);
  // The trace is written as the steps come, so they are kept only for what
  // needs them all at the end.
  const bool keepSteps = command.printSteps || !command.reportPath.empty();
  memlens::Session session(memlens::SessionOptions{.keepSteps = keepSteps});
  memlens::script::ScriptRunner runner(session);
  std::optional<memlens::TraceFileWriter> trace;
  try {
    if (!command.tracePath.empty()) {
      trace.emplace(command.tracePath, memlens::tracking::torchVersion());
    }
  } catch (const std::exception& e) {
    std::cerr << "memlens-cli: " << e.what() << "\n";
    return 1;
  }
  std::optional<std::string> traceError;
  stopScriptOnInterrupt(runner.cancellation());
  bool reportedAnError = false;
  const auto reportError = [&](const memlens::StepError& error) {
    reportedAnError = true;
    std::cout.flush();
    std::cerr << command.script << ":" << error.line << ":" << error.column << ": " << error.type
              << ": " << firstLine(error.message) << "\n";
  };
  // A session that keeps its steps lends them; one that does not hands them
  // over, and takes written ones back to fill again.
  const auto stepToWrite = [&](const memlens::Step& step) {
    return keepSteps ? std::make_unique<memlens::Step>(step)
                     : session.takeLastStep(trace->spareStep());
  };
  const auto result =
      runner.run(source.str(), memlens::script::RunOptions{command.keepGoing, command.timeout},
                 [&](const memlens::Step& step) {
                   std::cout << step.output << std::flush;
                   if (step.error) reportError(*step.error);
                   if (!trace || traceError) return;
                   try {
                     trace->append(stepToWrite(step));
                   } catch (const std::exception& e) {
                     traceError = e.what();
                   }
                 });
  // Errors that belong to no step: syntax errors, a stop between statements.
  if (result.firstError && !reportedAnError) reportError(*result.firstError);
  if (command.printSteps) memlens::cli::printStepTable(std::cerr, session.timeline());
  try {
    if (traceError) throw std::runtime_error(*traceError);
    if (trace) trace->finish();
    if (!command.reportPath.empty()) {
      memlens::writeFileAtomically(command.reportPath,
                                   memlens::markdownReport(session.trace(), command.script));
    }
  } catch (const std::exception& e) {
    std::cerr << "memlens-cli: " << e.what() << "\n";
    return 1;
  }
  return result.firstError ? 1 : 0;
}

int listOperators(std::string_view pattern) {
  for (const auto& op : memlens::ops::listOperators(pattern)) {
    std::cout << op.schema << "  [" << op.effect << "]\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  if (args.empty()) return usageError("missing command");
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (args[0] == "--version") {
    std::cout << "memlens-cli " << MEMLENS_VERSION << " (LibTorch "
              << memlens::tracking::torchVersion() << ", " << memlens::tracking::processAllocator()
              << ")\n";
    return 0;
  }
  if (args[0] == "ops") {
    if (args.size() > 2) return usageError("ops takes at most one pattern");
    return listOperators(args.size() == 2 ? args[1] : std::string_view{});
  }
  if (args[0] != "run") return usageError("unknown command '" + std::string(args[0]) + "'");

  RunCommand command;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const auto needsValue = [&](std::string& target) {
      if (i + 1 >= args.size()) return false;
      target = args[++i];
      return true;
    };
    if (args[i] == "--trace") {
      if (!needsValue(command.tracePath)) return usageError("--trace needs a file");
    } else if (args[i] == "--report") {
      if (!needsValue(command.reportPath)) return usageError("--report needs a file");
    } else if (args[i] == "--device") {
      if (!needsValue(command.device)) return usageError("--device needs cpu or cuda");
    } else if (args[i] == "--timeout") {
      std::string value;
      if (!needsValue(value)) return usageError("--timeout needs a number of seconds");
      char* end = nullptr;
      const double seconds = std::strtod(value.c_str(), &end);
      if (end == value.c_str() || *end != '\0' || !(seconds > 0) || seconds > 1e9) {
        return usageError("--timeout needs a positive number of seconds, not '" + value + "'");
      }
      command.timeout = std::chrono::milliseconds(
          std::max<std::int64_t>(1, static_cast<std::int64_t>(seconds * 1000.0)));
    } else if (args[i] == "--memory-limit") {
      std::string value;
      if (!needsValue(value)) return usageError("--memory-limit needs a size");
      command.memoryLimit = memlens::parseByteSize(value);
      if (!command.memoryLimit) {
        return usageError("--memory-limit needs a size such as 512M or 2G, not '" + value + "'");
      }
    } else if (args[i] == "--keep-going") {
      command.keepGoing = true;
    } else if (args[i] == "--steps") {
      command.printSteps = true;
    } else if (args[i].starts_with("-")) {
      return usageError("unknown option '" + std::string(args[i]) + "'");
    } else if (command.script.empty()) {
      command.script = args[i];
    } else {
      return usageError("unexpected argument '" + std::string(args[i]) + "'");
    }
  }
  if (command.script.empty()) return usageError("run needs a script");
  try {
    return run(command);
  } catch (const std::exception& e) {
    std::cerr << "memlens-cli: internal error: " << e.what() << "\n";
    return 1;
  } catch (...) {
    std::cerr << "memlens-cli: internal error\n";
    return 1;
  }
}

#include "script/Sandbox.h"

#include <string>

#include "session/ScriptError.h"

namespace memlens::script {
namespace {

constexpr std::string_view kFiles = "scripts cannot touch files";
constexpr std::string_view kCode = "scripts cannot load or run other code";
constexpr std::string_view kInternals = "scripts cannot reach Python's internals";
constexpr std::string_view kProcess = "scripts cannot control the process or its input";

struct Forbidden {
  std::string_view name;
  std::string_view reason;
};

[[noreturn]] void deny(const std::string& what, std::string_view reason) {
  throw ScriptError("PermissionError",
                    what + " is not available in MemLens scripts: " + std::string(reason));
}

}  // namespace

void checkBuiltinAllowed(std::string_view name) {
  static constexpr Forbidden kBuiltins[] = {
      {"open", kFiles},
      {"exec", kCode},
      {"eval", kCode},
      {"compile", kCode},
      {"__import__", kCode},
      {"globals", kInternals},
      {"locals", kInternals},
      {"vars", kInternals},
      {"getattr", kInternals},
      {"setattr", kInternals},
      {"delattr", kInternals},
      {"hasattr", kInternals},
      {"dir", kInternals},
      {"memoryview", kInternals},
      {"__builtins__", kInternals},
      {"input", kProcess},
      {"exit", kProcess},
      {"quit", kProcess},
      {"breakpoint", kProcess},
      {"help", kProcess},
  };
  for (const auto& forbidden : kBuiltins) {
    if (name == forbidden.name) deny(std::string(name) + "()", forbidden.reason);
  }
}

void checkTorchAttributeAllowed(std::string_view name) {
  static constexpr Forbidden kTorch[] = {
      {"load", kFiles},
      {"save", kFiles},
      {"from_file", kFiles},
      {"jit", kCode},
      {"hub", kCode},
      {"compile", kCode},
      {"package", kCode},
      {"ops", kCode},
      {"classes", kCode},
      {"_C", kInternals},
      {"utils", kCode},
      {"onnx", kFiles},
      {"distributed", kProcess},
      {"multiprocessing", kProcess},
  };
  for (const auto& forbidden : kTorch) {
    if (name == forbidden.name) deny("torch." + std::string(name), forbidden.reason);
  }
}

void checkAttributeAllowed(std::string_view name) {
  if (name.starts_with("__")) deny("attribute '" + std::string(name) + "'", kInternals);
}

void checkOperatorAllowed(std::string_view op) {
  if (op == "from_file") deny("aten::from_file", kFiles);
}

}  // namespace memlens::script

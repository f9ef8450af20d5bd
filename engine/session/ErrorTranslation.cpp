#include "session/ErrorTranslation.h"

#include <c10/util/Exception.h>

#include <new>
#include <regex>

#include "session/MemoryBudgetError.h"
#include "session/ScriptError.h"
#include "session/Session.h"

namespace memlens {
namespace {

// The Python exception type PyTorch's bindings raise for each c10 error.
std::string pythonTypeOf(const c10::Error& error) {
  if (dynamic_cast<const MemoryBudgetError*>(&error)) return "MemoryError";
  if (dynamic_cast<const c10::IndexError*>(&error)) return "IndexError";
  if (dynamic_cast<const c10::ValueError*>(&error)) return "ValueError";
  if (dynamic_cast<const c10::TypeError*>(&error)) return "TypeError";
  if (dynamic_cast<const c10::NotImplementedError*>(&error)) return "NotImplementedError";
  if (dynamic_cast<const c10::LinAlgError*>(&error)) return "torch._C._LinAlgError";
  if (dynamic_cast<const c10::OutOfMemoryError*>(&error)) return "torch.cuda.OutOfMemoryError";
  return "RuntimeError";
}

// Python's bindings rewrite LibTorch's C++ type names in messages to the
// Python ones (torch/csrc/Exceptions.cpp, processErrorMsg):
// `CPUFloatType` -> `torch.FloatTensor`, `SparseCUDALongType` -> `torch.cuda.sparse.LongTensor`.
std::string pythonTypeNames(const std::string& message) {
  static const std::regex cppType(R"((?:Variable\[)?(Sparse)?(CPU|CUDA)([A-Za-z0-9]+)Type\]?)");
  std::string out;
  auto begin = std::sregex_iterator(message.begin(), message.end(), cppType);
  std::size_t copied = 0;
  for (auto it = begin; it != std::sregex_iterator(); ++it) {
    const auto& match = *it;
    out.append(message, copied, static_cast<std::size_t>(match.position()) - copied);
    out += "torch.";
    if (match[2] == "CUDA") out += "cuda.";
    if (match[1].matched) out += "sparse.";
    out += match[3].str() + "Tensor";
    copied = static_cast<std::size_t>(match.position() + match.length());
  }
  return out + message.substr(copied);
}

}  // namespace

StepError translateException(const std::exception_ptr& error, const Statement& statement) {
  StepError out{"RuntimeError", "", statement.line, statement.column};
  try {
    std::rethrow_exception(error);
  } catch (const ScriptError& e) {
    out.type = e.type();
    out.message = e.what();
    if (e.line() > 0) {
      out.line = e.line();
      out.column = e.column();
    }
  } catch (const c10::Error& e) {
    out.type = pythonTypeOf(e);
    out.message = pythonTypeNames(e.what_without_backtrace());
  } catch (const std::bad_alloc&) {
    out.type = "MemoryError";
  } catch (const std::exception& e) {
    out.message = pythonTypeNames(e.what());
  } catch (...) {
    out.message = "unknown error";
  }
  return out;
}

}  // namespace memlens

#include "session/ErrorTranslation.h"

#include <c10/util/Exception.h>

#include <new>

#include "session/ScriptError.h"
#include "session/Session.h"

namespace memlens {
namespace {

// The Python exception type PyTorch's bindings raise for each c10 error.
std::string pythonTypeOf(const c10::Error& error) {
  if (dynamic_cast<const c10::IndexError*>(&error)) return "IndexError";
  if (dynamic_cast<const c10::ValueError*>(&error)) return "ValueError";
  if (dynamic_cast<const c10::TypeError*>(&error)) return "TypeError";
  if (dynamic_cast<const c10::NotImplementedError*>(&error)) return "NotImplementedError";
  if (dynamic_cast<const c10::LinAlgError*>(&error)) return "torch._C._LinAlgError";
  if (dynamic_cast<const c10::OutOfMemoryError*>(&error)) return "torch.cuda.OutOfMemoryError";
  return "RuntimeError";
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
    out.message = e.what_without_backtrace();
  } catch (const std::bad_alloc&) {
    out.type = "MemoryError";
  } catch (const std::exception& e) {
    out.message = e.what();
  } catch (...) {
    out.message = "unknown error";
  }
  return out;
}

}  // namespace memlens

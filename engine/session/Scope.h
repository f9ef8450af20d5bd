#pragma once
// The named values a session's code sees. Torch-facing (values are
// c10::IValue), so only engine code and tests include it; the UI talks to
// Session, which hides it.

#include <ATen/core/ivalue.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "session/NameOrder.h"

namespace memlens {

class Scope {
 public:
  using Values = std::map<std::string, c10::IValue, NameOrder>;

  const c10::IValue* lookup(std::string_view name) const;
  // Throws ScriptError(NameError) like Python when the name is unbound.
  const c10::IValue& get(std::string_view name) const;

  // Binding changes are journaled so that a failing statement can be undone
  // and leaves no half-done bindings.
  void bind(const std::string& name, c10::IValue value);
  bool unbind(std::string_view name);

  // What the code printed (Python's `print` writes here).
  void print(std::string_view text) { output_.append(text); }

  const Values& values() const { return values_; }
  // Replaces `into` with the names bound or unbound since the last call,
  // rolled back or not, in order, with repeats. Swaps buffers, so a caller
  // keeping `into` lets the next statement reuse them.
  void takeRebound(std::vector<std::string>& into) {
    into.clear();
    into.swap(rebound_);
  }

  // For the session: end of a statement.
  void commit() { journal_.clear(); }
  void rollback();
  std::string takeOutput() { return std::exchange(output_, {}); }
  // Drops every value (e.g. when the session resets).
  void clear();

 private:
  struct JournalEntry {
    std::string name;
    std::optional<c10::IValue> previous;  // none: was unbound
  };

  void remember(const std::string& name);

  Values values_;
  std::vector<JournalEntry> journal_;
  std::vector<std::string> rebound_;
  std::string output_;
};

}  // namespace memlens

#include "session/Scope.h"

#include "session/ScriptError.h"

namespace memlens {

const c10::IValue* Scope::lookup(std::string_view name) const {
  auto it = values_.find(name);
  return it == values_.end() ? nullptr : &it->second;
}

const c10::IValue& Scope::get(std::string_view name) const {
  if (const auto* value = lookup(name)) return *value;
  throw ScriptError("NameError", "name '" + std::string(name) + "' is not defined");
}

void Scope::remember(const std::string& name) {
  rebound_.push_back(name);
  auto it = values_.find(name);
  journal_.push_back(
      {name, it == values_.end() ? std::nullopt : std::optional<c10::IValue>(it->second)});
}

void Scope::bind(const std::string& name, c10::IValue value) {
  remember(name);
  values_.insert_or_assign(name, std::move(value));
}

bool Scope::unbind(std::string_view name) {
  auto it = values_.find(name);
  if (it == values_.end()) return false;
  remember(it->first);
  values_.erase(it);
  return true;
}

void Scope::rollback() {
  for (auto it = journal_.rbegin(); it != journal_.rend(); ++it) {
    if (it->previous) {
      values_.insert_or_assign(it->name, std::move(*it->previous));
    } else {
      values_.erase(it->name);
    }
  }
  journal_.clear();
}

void Scope::clear() {
  values_.clear();
  journal_.clear();
  rebound_.clear();
  output_.clear();
}

}  // namespace memlens

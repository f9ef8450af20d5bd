#pragma once
// What a script changes that outlives a statement besides its variables
// (torch.set_printoptions and the like), and what its evaluation remembers
// from one statement to the next.

#include <ATen/core/ivalue.h>

#include <string>
#include <unordered_map>

#include "script/TensorFormat.h"

namespace memlens::script {

// A module's attribute as read at one place in the script (`torch.ones`).
struct ModuleAttribute {
  c10::IValue module;  // the module object it was read from
  std::string name;
  c10::IValue value;
};

struct ScriptState {
  PrintOptions printOptions;
  // Modules cannot be assigned to, so each of their attributes is made once,
  // and is the same object wherever it is read (`torch.ones is torch.ones`,
  // as in Python). By "module.name"...
  std::unordered_map<std::string, c10::IValue> moduleValues;
  // ...and, not to build that key at every statement, by the attribute
  // expression's AST node.
  std::unordered_map<const void*, ModuleAttribute> moduleAttributes;
};

}  // namespace memlens::script

#pragma once
// What scripts may not do: touch files, load models or code, reach Python's
// internals, or control the process. Each of these is a PermissionError that
// says why, rather than a NameError or AttributeError that looks like a typo.
// Torch-free.

#include <string_view>

namespace memlens::script {

// Throws for builtins such as open, exec, eval and __import__; otherwise nothing.
void checkBuiltinAllowed(std::string_view name);
// Throws for torch.load, torch.save, torch.jit and the like.
void checkTorchAttributeAllowed(std::string_view name);
// Throws for `__dunder__` attributes of any object.
void checkAttributeAllowed(std::string_view name);
// Throws for ATen operators that read or write files (aten::from_file).
void checkOperatorAllowed(std::string_view op);

}  // namespace memlens::script

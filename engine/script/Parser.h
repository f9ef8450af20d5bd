#pragma once
// Parser for MemLens scripts: the Python 3 subset described in docs/SCRIPT_LANGUAGE.md.

#include <string_view>

#include "script/Ast.h"

namespace memlens::script {

// Parses a whole script. Throws ScriptError("SyntaxError", msg, line, col) for invalid Python
// (with CPython 3.11's message where it has one; "IndentationError" and "TabError" for
// indentation), and ScriptError("NotImplementedError", "... is not supported in MemLens
// scripts", line, col) for valid Python that MemLens does not run. Never recurses without
// bound: nesting deeper than 100 levels is a SyntaxError.
Module parseModule(std::string_view source);

}  // namespace memlens::script

// Malformed and abusive scripts, each with the error it must give: the type,
// a part of the message, and the position. After each one the same session
// must still run a statement: nothing crashes, hangs, leaks or escapes.

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "script/ScriptRunner.h"
#include "session/MemoryBudget.h"
#include "session/Session.h"

namespace memlens::script {
namespace {

struct AbusiveScript {
  const char* name;
  std::string source;
  const char* type;
  const char* message;  // a part of the message
  int line;
  int column;
};

void PrintTo(const AbusiveScript& script, std::ostream* out) {
  *out << script.name;
}

constexpr std::uint64_t kBudget = std::uint64_t{256} << 20;
// Long enough for every non-looping case to fail first, under the sanitizers too.
constexpr std::chrono::milliseconds kTimeout{2000};

std::string nested(const std::string& open, const std::string& middle, const std::string& close,
                   int depth) {
  std::string out;
  for (int i = 0; i < depth; ++i) out += open;
  out += middle;
  for (int i = 0; i < depth; ++i) out += close;
  return out;
}

std::string nestedIfs(int depth) {
  std::string out;
  for (int i = 0; i < depth; ++i) out += std::string(static_cast<std::size_t>(i), ' ') + "if 1:\n";
  return out + std::string(static_cast<std::size_t>(depth), ' ') + "pass\n";
}

std::string longSum(int terms) {
  std::string out = "x = 1";
  for (int i = 0; i < terms; ++i) out += " + 1";
  return out + "\n";
}

const AbusiveScript kScripts[] = {
    // Sandbox: files, code, internals, the process.
    {"open", "open('/etc/passwd')\n", "PermissionError",
     "open() is not available in MemLens scripts: scripts cannot touch files", 1, 1},
    {"open_for_writing", "f = open('out.txt', 'w')\n", "PermissionError",
     "scripts cannot touch files", 1, 5},
    {"exec", "exec('import os')\n", "PermissionError", "exec() is not available", 1, 1},
    {"eval", "x = eval('1 + 1')\n", "PermissionError", "eval() is not available", 1, 5},
    {"compile", "compile('1', 'f', 'eval')\n", "PermissionError",
     "scripts cannot load or run other code", 1, 1},
    {"dunder_import", "os = __import__('os')\n", "PermissionError", "__import__() is not available",
     1, 6},
    {"import_os", "import os\n", "NotImplementedError", "importing 'os' is not supported", 1, 8},
    {"import_subprocess", "import torch\nimport subprocess\n", "NotImplementedError",
     "importing 'subprocess'", 2, 8},
    {"from_import", "from os import system\n", "NotImplementedError", "from ... import", 1, 1},
    {"torch_load", "import torch\nm = torch.load('model.pt')\n", "PermissionError",
     "torch.load is not available in MemLens scripts: scripts cannot touch files", 2, 5},
    {"torch_save", "import torch\ntorch.save(torch.ones(2), 'x.pt')\n", "PermissionError",
     "torch.save is not available", 2, 1},
    {"torch_jit_load", "import torch\ntorch.jit.load('m.pt')\n", "PermissionError",
     "torch.jit is not available", 2, 1},
    {"torch_from_file", "import torch\nt = torch.from_file('/etc/passwd', size=4)\n",
     "PermissionError", "torch.from_file is not available", 2, 5},
    {"torch_hub", "import torch\ntorch.hub.load('a/b', 'c')\n", "PermissionError",
     "torch.hub is not available", 2, 1},
    {"torch_ops", "import torch\ntorch.ops.aten.add\n", "PermissionError",
     "torch.ops is not available", 2, 1},
    {"torch_C", "import torch\ntorch._C\n", "PermissionError", "torch._C is not available", 2, 1},
    {"torch_utils", "import torch\ntorch.utils.data\n", "PermissionError",
     "torch.utils is not available", 2, 1},
    {"torch_multiprocessing", "import torch\ntorch.multiprocessing.Process\n", "PermissionError",
     "scripts cannot control the process", 2, 1},
    {"dunder_class", "import torch\nx = torch.ones(2)\nx.__class__\n", "PermissionError",
     "attribute '__class__' is not available in MemLens scripts", 3, 1},
    {"subclasses_escape", "().__class__.__bases__[0].__subclasses__()\n", "PermissionError",
     "attribute '__class__'", 1, 1},
    {"function_globals", "print.__globals__\n", "PermissionError", "attribute '__globals__'", 1, 1},
    {"dunder_assignment", "import torch\nx = torch.ones(2)\nx.__dict__ = {}\n", "PermissionError",
     "attribute '__dict__'", 3, 1},
    {"getattr", "getattr(1, '__class__')\n", "PermissionError", "getattr() is not available", 1, 1},
    {"globals", "g = globals()\n", "PermissionError", "globals() is not available", 1, 5},
    {"input", "x = input()\n", "PermissionError", "input() is not available", 1, 5},
    {"exit", "exit(3)\n", "PermissionError", "exit() is not available", 1, 1},
    // The memory budget.
    {"zeros_terabytes", "import torch\nx = torch.zeros(10**12)\n", "MemoryError",
     "allocating 3.6 TiB would exceed the session's memory budget of 256.0 MiB", 2, 5},
    {"empty_bytes", "import torch\nx = torch.empty(2**40, dtype=torch.uint8)\n", "MemoryError",
     "allocating 1.0 TiB", 2, 5},
    {"square_matrix", "import torch\nx = torch.ones(100000, 100000)\n", "MemoryError",
     "would exceed the session's memory budget", 2, 5},
    {"arange", "import torch\nx = torch.arange(10**12)\n", "MemoryError", "memory budget", 2, 5},
    {"expand_contiguous",
     "import torch\nx = torch.ones(2**16)\ny = x.expand(2**16, 2**16).contiguous()\n",
     "MemoryError", "allocating 16.0 GiB", 3, 5},
    {"repeat", "import torch\nx = torch.ones(1000)\ny = x.repeat(10**9)\n", "MemoryError",
     "memory budget", 3, 5},
    {"resize", "import torch\nx = torch.ones(3)\nx.resize_(10**11)\n", "MemoryError",
     "memory budget", 3, 1},
    {"growing_list",
     "import torch\nxs = []\nfor i in range(1000):\n    xs.append(torch.ones(2**20))\n",
     "MemoryError", "memory budget", 4, 15},
    {"list_repetition", "x = [0] * 10**12\n", "MemoryError", "memory budget", 1, 5},
    {"string_repetition", "x = 'ab' * 10**12\n", "MemoryError", "memory budget", 1, 5},
    {"list_of_range", "x = list(range(10**12))\n", "MemoryError", "memory budget", 1, 5},
    {"sorted_range", "x = sorted(range(10**11))\n", "MemoryError", "memory budget", 1, 5},
    // Runaway scripts end at the time limit, between operators.
    {"empty_loop", "for i in range(10**15):\n    pass\n", "TimeoutError", "time limit of 2 s", 2,
     5},
    {"arithmetic_loop", "x = 0\nfor i in range(10**15):\n    x = x + i % 7\n", "TimeoutError",
     "time limit", 3, 5},
    // The deadline is noticed before the statement (column 5) or before its
    // call (column 9), whichever check runs first: column 0 accepts both.
    {"tensor_loop", "import torch\nfor i in range(10**12):\n    y = torch.ones(3) + i\n",
     "TimeoutError", "time limit", 3, 0},
    {"nested_loops", "for i in range(10**6):\n    for j in range(10**6):\n        pass\n",
     "TimeoutError", "time limit", 3, 9},
    {"builtin_sum", "s = sum(range(10**15))\n", "TimeoutError", "time limit", 1, 5},
    {"in_huge_range", "print(10**17 in range(10**18))\nfor i in range(10**15):\n    pass\n",
     "TimeoutError", "time limit", 3, 5},
    // Limits of the parser instead of a stack overflow.
    {"nested_parentheses", nested("(", "1", ")", 300) + "\n", "SyntaxError",
     "too many nested parentheses", 1, 101},
    {"nested_lists", nested("[", "", "]", 300) + "\n", "SyntaxError", "too many nested parentheses",
     1, 101},
    {"unary_chain", std::string(3000, '-') + "1\n", "SyntaxError", "too deeply nested", 1, 101},
    {"long_expression", longSum(5000), "SyntaxError", "expression too complex for MemLens", 1,
     4007},
    {"nested_blocks", nestedIfs(150), "IndentationError", "too many levels of indentation", 102,
     102},
    {"unclosed_bracket", "x = [1, 2\n", "SyntaxError", "'[' was never closed", 1, 5},
    {"null_byte", std::string("x = 1\0\n", 7), "SyntaxError", "null bytes", 1, 6},
    {"invalid_utf8", "x = '\xff'\n", "SyntaxError", "can't decode byte 0xff", 1, 6},
    {"huge_literal", "x = 123456789012345678901234567890\n", "SyntaxError",
     "integer literal too large for MemLens", 1, 5},
    {"while_true", "while True:\n    pass\n", "NotImplementedError", "while", 1, 1},
    {"def", "def f():\n    return f()\n", "NotImplementedError", "def", 1, 1},
    {"lambda", "f = lambda: 0\n", "NotImplementedError", "lambda", 1, 5},
    // Values that must not overflow, recurse or crash.
    {"int_overflow", "x = 2**62 * 4\n", "OverflowError", "", 1, 5},
    {"int_min_floordiv", "x = -9223372036854775807 - 1\ny = x // -1\n", "OverflowError",
     "does not fit in 64 bits", 2, 5},
    {"range_too_long", "n = len(range(-9223372036854775807 - 1, 9223372036854775807))\n",
     "OverflowError", "Python int too large", 1, 5},
    {"zero_division", "x = 1 // 0\n", "ZeroDivisionError", "integer division or modulo by zero", 1,
     5},
    {"self_containing_list", "a = []\na.append(a)\n", "ValueError", "cannot contain itself", 2, 1},
    {"self_containing_dict", "d = {}\nd['d'] = d\n", "ValueError", "cannot contain itself", 2, 1},
    {"deeply_nested_list", "a = []\nfor i in range(100000):\n    a = [a]\n", "RecursionError",
     "nested too deeply", 3, 9},
    {"huge_format_width", "s = f'{1:999999999999}'\n", "ValueError", "too wide", 1, 8},
    {"as_strided_out_of_bounds",
     "import torch\nx = torch.ones(2)\ny = x.as_strided((10**6,), (10**6,))\n", "RuntimeError",
     "out of bounds for storage", 3, 5},
    {"negative_size", "import torch\nx = torch.empty(-1)\n", "RuntimeError",
     "negative dimension -1", 2, 5},
    {"index_far_out", "import torch\nx = torch.ones(3)\nx[10**18]\n", "IndexError", "out of bounds",
     3, 1},
};

class AbusiveScripts : public testing::TestWithParam<AbusiveScript> {};

TEST_P(AbusiveScripts, GiveTheirErrorAndTheSessionCarriesOn) {
  const AbusiveScript& script = GetParam();
  setMemoryBudget(kBudget);
  Session session;
  ScriptRunner runner(session);
  RunOptions options;
  options.timeout = kTimeout;
  const RunResult result = runner.run(script.source, options);
  ASSERT_TRUE(result.firstError.has_value()) << "no error";
  const StepError& error = *result.firstError;
  SCOPED_TRACE("got " + std::to_string(error.line) + ":" + std::to_string(error.column) + ": " +
               error.type + ": " + error.message);
  EXPECT_EQ(error.type, script.type);
  EXPECT_NE(error.message.find(script.message), std::string::npos);
  EXPECT_EQ(error.line, script.line);
  if (script.column != 0) {
    EXPECT_EQ(error.column, script.column);
  } else {
    EXPECT_TRUE(error.column == 5 || error.column == 9) << error.column;
  }

  const RunResult after = runner.run("print('still here')\n");
  EXPECT_FALSE(after.firstError.has_value());
  ASSERT_FALSE(session.timeline().empty());
  EXPECT_EQ(session.timeline().steps().back().output, "still here\n");
}

INSTANTIATE_TEST_SUITE_P(Table, AbusiveScripts, testing::ValuesIn(kScripts),
                         [](const testing::TestParamInfo<AbusiveScript>& param) {
                           return std::string(param.param.name);
                         });

TEST(AbusiveScripts, TableHasAtLeastFifty) {
  EXPECT_GE(std::size(kScripts), 50u);
}

}  // namespace
}  // namespace memlens::script

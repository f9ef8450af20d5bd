// The palette's generated lines run: for a dozen representative operators the
// real schemas come from `memlens-cli ops` (LibTorch's dispatcher), the code
// is generated from them as the palette does, and `memlens-cli run` executes
// the script without an error.

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "ui/OperatorCode.h"

namespace memlens::ui {
namespace {

struct Outcome {
  int status = -1;
  std::string output;
};

Outcome run(const std::string& command) {
  Outcome result;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen((command + " 2>&1").c_str(), "r"), pclose);
  if (!pipe) return result;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0)
    result.output.append(buffer.data(), n);
  result.status = pclose(pipe.release());
  return result;
}

// "aten::add.out(...) -> Tensor(a!)  [out=]" in `listing`, the output of
// `memlens-cli ops`.
std::optional<PaletteOperator> listedOperator(const std::string& listing, const std::string& name,
                                              const std::string& overload) {
  const std::string prefix = "aten::" + name + (overload.empty() ? "" : "." + overload) + "(";
  std::size_t start = 0;
  while (start < listing.size()) {
    auto end = listing.find('\n', start);
    if (end == std::string::npos) end = listing.size();
    const std::string line = listing.substr(start, end - start);
    start = end + 1;
    const auto effect = line.rfind("  [");
    if (!line.starts_with(prefix) || effect == std::string::npos || line.back() != ']') continue;
    return PaletteOperator{name, overload, line.substr(0, effect),
                           line.substr(effect + 3, line.size() - effect - 4)};
  }
  return std::nullopt;
}

struct Call {
  std::string name;
  std::string overload;
  ArgumentValues args;
  std::string expected;
};

TEST(OperatorCodeRun, GeneratedLinesRunInMemLens) {
  const std::vector<Call> calls = {
      {"add", "Tensor", {{"self", "a"}, {"other", "b"}}, "r1 = torch.add(a, b)"},
      {"add_", "Tensor", {{"self", "a"}, {"other", "b"}, {"alpha", "2"}}, "a.add_(b, alpha=2)"},
      {"add", "out", {{"self", "a"}, {"other", "b"}, {"out", "c"}}, "torch.add(a, b, out=c)"},
      {"t", "", {{"self", "a"}}, "r4 = a.t()"},
      {"view", "", {{"self", "a"}, {"size", "[3, 2]"}}, "r5 = a.view([3, 2])"},
      {"zeros",
       "",
       {{"size", "[2, 3]"}, {"dtype", "torch.int64"}},
       "r6 = torch.zeros([2, 3], dtype=torch.int64)"},
      {"ones_like", "", {{"self", "a"}}, "r7 = torch.ones_like(a)"},
      {"mul_", "Tensor", {{"self", "a"}, {"other", "b"}}, "a.mul_(b)"},
      {"transpose", "int", {{"self", "a"}, {"dim0", "0"}, {"dim1", "1"}}, "r9 = a.transpose(0, 1)"},
      {"clone", "", {{"self", "a"}}, "r10 = torch.clone(a)"},
      {"detach", "", {{"self", "a"}}, "r11 = a.detach()"},
      {"requires_grad_", "", {{"self", "w"}}, "w.requires_grad_()"},
      {"linalg_vector_norm", "", {{"self", "a"}}, "r13 = torch.linalg.vector_norm(a)"},
      {"max",
       "dim_max",
       {{"self", "a"}, {"dim", "1"}, {"max", "m"}, {"max_values", "i"}},
       "torch.max(a, 1, max=m, max_values=i)"},
  };
  std::string script =
      "import torch\n"
      "a = torch.ones(2, 3)\n"
      "b = torch.full((2, 3), 2.0)\n"
      "c = torch.empty(2, 3)\n"
      "w = torch.ones(3)\n"
      "m = torch.empty(0)\n"
      "i = torch.empty(0, dtype=torch.int64)\n";
  const Outcome listing = run(std::string(MEMLENS_CLI) + " ops");
  ASSERT_EQ(listing.status, 0) << listing.output;
  for (std::size_t k = 0; k < calls.size(); ++k) {
    const auto& call = calls[k];
    const auto op = listedOperator(listing.output, call.name, call.overload);
    ASSERT_TRUE(op) << call.name << "." << call.overload << " is not listed";
    const auto code = codeForCall(*op, call.args, "r" + std::to_string(k + 1));
    ASSERT_TRUE(code) << op->schema;
    EXPECT_EQ(*code, call.expected) << op->schema;
    script += *code + "\n";
    script += bindsResult(*op) ? "print(r" + std::to_string(k + 1) + ")\n" : "";
  }
  script += "print(a, c, w.requires_grad, m, i)\n";

  const auto path = std::filesystem::path(MEMLENS_TEST_OUTPUT) / "palette_calls.py";
  std::ofstream(path) << script;
  const Outcome result = run(std::string(MEMLENS_CLI) + " run " + path.string());
  EXPECT_EQ(result.status, 0) << script << result.output;
  EXPECT_EQ(result.output.find("Error"), std::string::npos) << result.output;
  // a = ones; a.add_(b, alpha=2) makes 5; a.mul_(b) makes 10.
  EXPECT_NE(result.output.find("tensor([[10., 10., 10.],"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace memlens::ui

// Differential tests: repr(tensor) against PyTorch 1.13's own printing.
#include <ATen/core/Tensor.h>
#include <ATen/ops/arange.h>
#include <ATen/ops/complex.h>
#include <ATen/ops/empty.h>
#include <ATen/ops/full.h>
#include <ATen/ops/imag.h>
#include <ATen/ops/linspace.h>
#include <ATen/ops/ones.h>
#include <ATen/ops/zeros.h>
#include <c10/core/Device.h>
#include <c10/core/GradMode.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "ReferencePython.h"
#include "script/TensorFormat.h"
#include "session/ScriptError.h"

namespace memlens::script {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNan = std::numeric_limits<double>::quiet_NaN();

// torch.tensor([...], dtype=type) for Python floats.
at::Tensor values(const std::vector<double>& data, c10::ScalarType type = c10::kFloat) {
  at::Tensor result =
      at::empty({static_cast<std::int64_t>(data.size())}, at::TensorOptions().dtype(c10::kDouble));
  std::copy(data.begin(), data.end(), result.data_ptr<double>());
  return result.to(type);
}

at::Tensor integers(const std::vector<std::int64_t>& data, c10::ScalarType type = c10::kLong) {
  at::Tensor result =
      at::empty({static_cast<std::int64_t>(data.size())}, at::TensorOptions().dtype(c10::kLong));
  std::copy(data.begin(), data.end(), result.data_ptr<std::int64_t>());
  return result.to(type);
}

at::Tensor scalar(double value, c10::ScalarType type = c10::kFloat) {
  return values({value}, type).reshape({});
}

at::TensorOptions ofType(c10::ScalarType type) {
  return at::TensorOptions().dtype(type);
}

at::Tensor leaf(at::Tensor tensor) {
  return tensor.requires_grad_();
}

// A Python number as an operand: PyTorch wraps it in a 0-dim tensor, so `t * 2` runs
// mul.Tensor (MulBackward0), where LibTorch's t.mul(2) would run mul.Scalar (MulBackward1).
at::Tensor wrappedNumber(at::Tensor number) {
  number.unsafeGetTensorImpl()->set_wrapped_number(true);
  return number;
}
at::Tensor pythonInt(std::int64_t value) {
  return wrappedNumber(at::full({}, value, ofType(c10::kLong)));
}
at::Tensor pythonFloat(double value) {
  return wrappedNumber(at::full({}, value, ofType(c10::kDouble)));
}

at::Tensor complexOf(const at::Tensor& real, const at::Tensor& imag,
                     c10::ScalarType type = c10::kComplexFloat) {
  return at::complex(real, imag).to(type);
}

PrintOptions options(int precision, std::int64_t threshold, std::int64_t edgeitems, int linewidth,
                     std::optional<bool> sciMode) {
  return PrintOptions{precision, threshold, edgeitems, linewidth, sciMode};
}

struct TensorCase {
  std::string python;
  std::function<at::Tensor()> build;
  PrintOptions printOptions{};
};

std::string pythonOptionsCall(const PrintOptions& o) {
  const std::string sciMode = !o.sciMode ? "None" : (*o.sciMode ? "True" : "False");
  return "torch.set_printoptions(precision=" + std::to_string(o.precision) +
         ", threshold=" + std::to_string(o.threshold) +
         ", edgeitems=" + std::to_string(o.edgeitems) +
         ", linewidth=" + std::to_string(o.linewidth) + ", sci_mode=" + sciMode + ")";
}

std::vector<TensorCase> tensorCases() {
  const PrintOptions defaults;
  return {
      // 0-dim tensors of each kind.
      {"torch.tensor(3.5)", [] { return scalar(3.5); }},
      {"torch.tensor(-0.0)", [] { return scalar(-0.0); }},
      {"torch.tensor(7)", [] { return integers({7}).reshape({}); }},
      {"torch.tensor(True)", [] { return integers({1}, c10::kBool).reshape({}); }},
      {"torch.tensor(1e10)", [] { return scalar(1e10); }},
      {"torch.tensor(float('nan'))", [] { return scalar(kNan); }},
      {"torch.tensor(2.5, dtype=torch.float64)", [] { return scalar(2.5, c10::kDouble); }},
      {"torch.tensor(2., requires_grad=True)", [] { return leaf(scalar(2.0)); }},
      {"torch.complex(torch.tensor(1.), torch.tensor(-0.))",
       [] { return complexOf(scalar(1.0), scalar(-0.0)); }},
      // Floats: integer-valued, fixed and scientific notation.
      {"torch.tensor([1., 2.])",
       [] {
         return values({1, 2});
       }},
      {"torch.tensor([1.5, -2.25, 3.0])",
       [] {
         return values({1.5, -2.25, 3.0});
       }},
      {"torch.tensor([0., -0., 1.])",
       [] {
         return values({0, -0.0, 1});
       }},
      {"torch.tensor([1e10, 1e-10])",
       [] {
         return values({1e10, 1e-10});
       }},
      {"torch.tensor([1e-5, 1.])",
       [] {
         return values({1e-5, 1});
       }},
      {"torch.tensor([float('nan'), 1., float('inf'), -float('inf')])",
       [] {
         return values({kNan, 1, kInf, -kInf});
       }},
      {"torch.tensor([float('nan'), 1.5, float('inf')])",
       [] {
         return values({kNan, 1.5, kInf});
       }},
      {"torch.tensor([float('nan'), float('inf')])",
       [] {
         return values({kNan, kInf});
       }},
      {"torch.tensor([-0., float('-inf')])",
       [] {
         return values({-0.0, -kInf});
       }},
      {"torch.zeros(3)", [] { return at::zeros({3}); }},
      {"torch.zeros(2, 3)",
       [] {
         return at::zeros({2, 3});
       }},
      {"torch.tensor([1e8, 1.])",
       [] {
         return values({1e8, 1});
       }},
      {"torch.tensor([100., 1000.])",
       [] {
         return values({100, 1000});
       }},
      {"torch.tensor([1., 1001.])",
       [] {
         return values({1, 1001});
       }},
      {"torch.tensor([123456789.])", [] { return values({123456789.0}); }},
      {"torch.tensor([0.0001, 0.001])",
       [] {
         return values({0.0001, 0.001});
       }},
      {"torch.tensor([1., 1e20])",
       [] {
         return values({1, 1e20});
       }},
      {"torch.tensor([-1.5e-5, 2.5e-3])",
       [] {
         return values({-1.5e-5, 2.5e-3});
       }},
      {"torch.tensor([123.456, -0.001])",
       [] {
         return values({123.456, -0.001});
       }},
      {"torch.tensor([3e38, -3e38])",
       [] {
         return values({3e38, -3e38});
       }},
      {"torch.tensor([0.00005, 0.00015, 1.00005], dtype=torch.float64)",
       [] {
         return values({0.00005, 0.00015, 1.00005}, c10::kDouble);
       }},
      {"torch.tensor([0.5, 1.5, 2.5, -3.5], dtype=torch.float64) + 0.0001",
       [] {
         return values({0.5, 1.5, 2.5, -3.5}, c10::kDouble).add(0.0001);
       }},
      {"torch.full((3,), 1e-10)", [] { return at::full({3}, 1e-10); }},
      {"torch.linspace(-1, 1, 7)", [] { return at::linspace(-1, 1, 7); }},
      {"torch.arange(5, dtype=torch.float64) / 3",
       [] { return at::arange(5, ofType(c10::kDouble)).div(3); }},
      {"torch.arange(10., dtype=torch.float64) * 1.123456",
       [] { return at::arange(10., ofType(c10::kDouble)).mul(1.123456); }},
      // Half precision prints through float32.
      {"torch.arange(5, dtype=torch.float16) / 3",
       [] { return at::arange(5, ofType(c10::kHalf)).div(3); }},
      {"torch.arange(5, dtype=torch.bfloat16) / 3",
       [] { return at::arange(5, ofType(c10::kBFloat16)).div(3); }},
      {"torch.tensor([65504., 70000., 0.001], dtype=torch.float16)",
       [] {
         return values({65504, 70000, 0.001}, c10::kHalf);
       }},
      {"torch.tensor([1e30, -2.], dtype=torch.bfloat16)",
       [] {
         return values({1e30, -2}, c10::kBFloat16);
       }},
      // Integers and booleans.
      {"torch.arange(5, dtype=torch.int8)", [] { return at::arange(5, ofType(c10::kChar)); }},
      {"torch.arange(5, dtype=torch.int16) - 2",
       [] { return at::arange(5, ofType(c10::kShort)).sub(2); }},
      {"torch.arange(5, dtype=torch.int32) * 1000",
       [] { return at::arange(5, ofType(c10::kInt)).mul(1000); }},
      {"torch.tensor([-128, 0, 127], dtype=torch.int8)",
       [] {
         return integers({-128, 0, 127}, c10::kChar);
       }},
      {"torch.tensor([0, 255], dtype=torch.uint8)",
       [] {
         return integers({0, 255}, c10::kByte);
       }},
      {"torch.tensor([2**62, -5])",
       [] {
         return integers({std::int64_t{1} << 62, -5});
       }},
      {"torch.arange(5) * -1", [] { return at::arange(5).mul(-1); }},
      {"torch.tensor([True, False, True])",
       [] {
         return integers({1, 0, 1}, c10::kBool);
       }},
      {"torch.tensor([[True], [False]])",
       [] {
         return integers({1, 0}, c10::kBool).view({2, 1});
       }},
      // Complex numbers.
      {"torch.complex(torch.tensor([1., -2.5]), torch.tensor([0.5, -3.]))",
       [] {
         return complexOf(values({1, -2.5}), values({0.5, -3}));
       }},
      {"torch.complex(torch.tensor([1., -2.5]), torch.tensor([0.5, -3.])).to(torch.complex128)",
       [] {
         return complexOf(values({1, -2.5}), values({0.5, -3}), c10::kComplexDouble);
       }},
      {"torch.complex(torch.tensor([float('nan'), 1.]), torch.tensor([float('inf'), -0.]))",
       [] {
         return complexOf(values({kNan, 1}), values({kInf, -0.0}));
       }},
      {"torch.complex(torch.tensor([1e10, 1.]), torch.tensor([1., 2.]))",
       [] {
         return complexOf(values({1e10, 1}), values({1, 2}));
       }},
      {"torch.complex(torch.tensor([0.25, 1.]), torch.tensor([1e-7, 2.]))",
       [] {
         return complexOf(values({0.25, 1}), values({1e-7, 2}));
       }},
      {"torch.zeros(2, dtype=torch.complex64)",
       [] { return at::zeros({2}, ofType(c10::kComplexFloat)); }},
      {"torch.complex(torch.arange(2000.), torch.ones(2000))",
       [] { return complexOf(at::arange(2000.), at::ones({2000})); }},
      {"torch.complex(torch.arange(6.), -torch.arange(6.)).view(2, 3)",
       [] {
         return complexOf(at::arange(6.), at::arange(6.).neg()).view({2, 3});
       }},
      // Conjugate and negative bits are resolved before printing.
      {"torch.complex(torch.tensor([1., 2.]), torch.tensor([3., -4.])).conj()",
       [] {
         return complexOf(values({1, 2}), values({3, -4})).conj();
       }},
      {"torch.complex(torch.tensor([1., 2.]), torch.tensor([3., -4.])).conj().imag",
       [] {
         return at::imag(complexOf(values({1, 2}), values({3, -4})).conj());
       }},
      // Shapes and nesting.
      {"torch.arange(6.).view(2, 3)",
       [] {
         return at::arange(6.).view({2, 3});
       }},
      {"torch.arange(24.).view(2, 3, 4)",
       [] {
         return at::arange(24.).view({2, 3, 4});
       }},
      {"torch.arange(48).view(2, 2, 3, 4)",
       [] {
         return at::arange(48).view({2, 2, 3, 4});
       }},
      {"torch.arange(6.).view(1, 2, 3, 1)",
       [] {
         return at::arange(6.).view({1, 2, 3, 1});
       }},
      {"torch.ones(1, 1, 1)",
       [] {
         return at::ones({1, 1, 1});
       }},
      {"torch.arange(24.).view(2, 3, 4) / 7",
       [] {
         return at::arange(24.).view({2, 3, 4}).div(7);
       }},
      // Empty tensors.
      {"torch.empty(0, 3)",
       [] {
         return at::empty({0, 3});
       }},
      {"torch.empty(0)", [] { return at::empty({0}); }},
      {"torch.empty(0, dtype=torch.int64)", [] { return at::empty({0}, ofType(c10::kLong)); }},
      {"torch.empty(2, 0, dtype=torch.float64)",
       [] {
         return at::empty({2, 0}, ofType(c10::kDouble));
       }},
      {"torch.empty(0, 2, requires_grad=True)",
       [] {
         return leaf(at::empty({0, 2}));
       }},
      // Wide tensors wrap at the line width.
      {"torch.arange(40.) * 1.123", [] { return at::arange(40.).mul(1.123); }},
      {"torch.arange(100)", [] { return at::arange(100); }},
      {"torch.arange(1000.) * 1e-3", [] { return at::arange(1000.).mul(1e-3); }},
      {"torch.arange(60.).view(3, 20) - 30",
       [] {
         return at::arange(60.).view({3, 20}).sub(30);
       }},
      // Summarised tensors.
      {"torch.arange(2000)", [] { return at::arange(2000); }},
      {"torch.zeros(1001)", [] { return at::zeros({1001}); }},
      {"torch.ones(40, 40)",
       [] {
         return at::ones({40, 40});
       }},
      {"torch.arange(3000.).view(30, 100)",
       [] {
         return at::arange(3000.).view({30, 100});
       }},
      {"torch.arange(1200).view(2, 3, 200)",
       [] {
         return at::arange(1200).view({2, 3, 200});
       }},
      {"torch.arange(4096.).view(8, 8, 8, 8) / 3",
       [] {
         return at::arange(4096.).view({8, 8, 8, 8}).div(3);
       }},
      {"torch.arange(2000.) * 1e6", [] { return at::arange(2000.).mul(1e6); }},
      // Non-contiguous views.
      {"torch.arange(6.).view(2, 3).t()",
       [] {
         return at::arange(6.).view({2, 3}).t();
       }},
      {"torch.arange(10.)[::2]", [] { return at::arange(10.).slice(0, 0, 10, 2); }},
      {"torch.arange(12).view(3, 4)[:, 1::2]",
       [] {
         return at::arange(12).view({3, 4}).slice(1, 1, 4, 2);
       }},
      {"torch.arange(8.).view(2, 2, 2).permute(2, 0, 1)",
       [] {
         return at::arange(8.).view({2, 2, 2}).permute({2, 0, 1});
       }},
      {"torch.arange(20.).view(4, 5)[1:3, ::2]",
       [] {
         return at::arange(20.).view({4, 5}).slice(0, 1, 3).slice(1, 0, 5, 2);
       }},
      {"torch.tensor([1., 2.]).expand(3, 2)",
       [] {
         return values({1, 2}).expand({3, 2});
       }},
      // Autograd suffixes.
      {"torch.ones(2, requires_grad=True)", [] { return leaf(at::ones({2})); }},
      {"torch.ones(2, dtype=torch.float64, requires_grad=True)",
       [] { return leaf(at::ones({2}, ofType(c10::kDouble))); }},
      {"torch.ones(2, requires_grad=True) * 2",
       [] { return leaf(at::ones({2})).mul(pythonInt(2)); }},
      {"torch.ones(2, requires_grad=True) + 1",
       [] { return leaf(at::ones({2})).add(pythonInt(1)); }},
      {"(torch.ones(2, 3, requires_grad=True) * 2).t()",
       [] {
         return leaf(at::ones({2, 3})).mul(pythonInt(2)).t();
       }},
      {"(torch.ones(4, requires_grad=True) * 2)[1:3]",
       [] { return leaf(at::ones({4})).mul(pythonInt(2)).slice(0, 1, 3); }},
      {"(torch.ones(4, requires_grad=True) * 2).view(2, 2)",
       [] {
         return leaf(at::ones({4})).mul(pythonInt(2)).view({2, 2});
       }},
      {"(torch.ones(4, requires_grad=True) * 2)[0]",
       [] { return leaf(at::ones({4})).mul(pythonInt(2)).select(0, 0); }},
      {"torch.ones(4, requires_grad=True).sum()", [] { return leaf(at::ones({4})).sum(); }},
      {"(torch.ones(4, requires_grad=True) * 2).unsqueeze(0)",
       [] { return leaf(at::ones({4})).mul(pythonInt(2)).unsqueeze(0); }},
      {"torch.ones(2, requires_grad=True).double()",
       [] { return leaf(at::ones({2})).to(c10::kDouble); }},
      {"torch.ones(2, requires_grad=True).exp()", [] { return leaf(at::ones({2})).exp(); }},
      {"torch.ones(2, 2, requires_grad=True).mm(torch.ones(2, 2))",
       [] {
         return leaf(at::ones({2, 2})).mm(at::ones({2, 2}));
       }},
      {"((y := torch.ones(3, requires_grad=True) * 1), y[0].mul_(2), y)[2]",
       [] {
         at::Tensor y = leaf(at::ones({3})).mul(pythonInt(1));
         y.select(0, 0).mul_(2);
         return y;
       }},
      {"torch.ones(2, requires_grad=True).detach()", [] { return leaf(at::ones({2})).detach(); }},
      {"(torch.ones(2, requires_grad=True) * 2).data",
       [] { return leaf(at::ones({2})).mul(pythonInt(2)).data(); }},
      {"torch.arange(20., dtype=torch.float64, requires_grad=True) * 1.123456",
       [] { return leaf(at::arange(20., ofType(c10::kDouble))).mul(pythonFloat(1.123456)); }},
      {"torch.arange(7., dtype=torch.float64, requires_grad=True) * 1.123456",
       [] { return leaf(at::arange(7., ofType(c10::kDouble))).mul(pythonFloat(1.123456)); }},
      // Named and meta tensors.
      {"torch.zeros(2, 3, names=('N', 'C'))",
       [] {
         return at::zeros({2, 3}).refine_names({at::Dimname::fromSymbol(at::Symbol::dimname("N")),
                                                at::Dimname::fromSymbol(at::Symbol::dimname("C"))});
       }},
      {"torch.empty(2, 3, device='meta')",
       [] {
         return at::empty({2, 3}, at::TensorOptions().device(c10::kMeta));
       }},
      {"torch.empty(5, dtype=torch.int32, device='meta')",
       [] { return at::empty({5}, at::TensorOptions().device(c10::kMeta).dtype(c10::kInt)); }},
      // torch.set_printoptions.
      {"torch.tensor([1.12345, 2.5])",
       [] {
         return values({1.12345, 2.5});
       },
       options(2, 1000, 3, 80, {})},
      {"torch.tensor([0.1, 0.25])",
       [] {
         return values({0.1, 0.25});
       },
       options(10, 1000, 3, 80, {})},
      {"torch.tensor([1e-10, 1e10])",
       [] {
         return values({1e-10, 1e10});
       },
       options(4, 1000, 3, 80, false)},
      {"torch.tensor([1., 2., 3.])",
       [] {
         return values({1, 2, 3});
       },
       options(4, 1000, 3, 80, true)},
      {"torch.tensor([1.5, 2., 3.])",
       [] {
         return values({1.5, 2, 3});
       },
       options(3, 1000, 3, 80, true)},
      {"torch.zeros(3)", [] { return at::zeros({3}); }, options(4, 1000, 3, 80, true)},
      {"torch.tensor([1e-10, 1.])",
       [] {
         return values({1e-10, 1});
       },
       options(2, 1000, 3, 80, false)},
      {"torch.arange(10)", [] { return at::arange(10); }, options(4, 5, 3, 80, {})},
      {"torch.arange(10.)", [] { return at::arange(10.); }, options(4, 5, 1, 80, {})},
      {"torch.arange(30.).view(5, 6)",
       [] {
         return at::arange(30.).view({5, 6});
       },
       options(4, 5, 2, 80, {})},
      {"torch.arange(100.)", [] { return at::arange(100.); }, options(4, 1000, 3, 40, {})},
      {"torch.arange(12.).view(3, 4) * 1.5",
       [] {
         return at::arange(12.).view({3, 4}).mul(1.5);
       },
       options(4, 1000, 3, 20, {})},
      {"torch.arange(6.).view(2, 3)",
       [] {
         return at::arange(6.).view({2, 3});
       },
       options(4, 1000, 3, 10, {})},
      {"torch.arange(10)", [] { return at::arange(10); }, options(4, 5, 0, 80, {})},
      {"torch.arange(10.).view(2, 5)",
       [] {
         return at::arange(10.).view({2, 5});
       },
       options(4, 5, 0, 80, {})},
      {"torch.arange(5000)", [] { return at::arange(5000); },
       options(4, std::numeric_limits<std::int64_t>::max(), 3, 80, {})},
      {"torch.ones(3, requires_grad=True) * 1.5",
       [] { return leaf(at::ones({3})).mul(pythonFloat(1.5)); }, options(4, 1000, 3, 30, {})},
      {"torch.ones(5, 5, dtype=torch.float64, requires_grad=True) * 1.5",
       [] {
         return leaf(at::ones({5, 5}, ofType(c10::kDouble))).mul(pythonFloat(1.5));
       },
       options(2, 10, 1, 80, {})},
      {"torch.tensor([1.5, 2.5])",
       [] {
         return values({1.5, 2.5});
       },
       defaults},
  };
}

std::string outcome(const TensorCase& c) {
  try {
    return formatTensor(c.build(), c.printOptions);
  } catch (const ScriptError& error) {
    return error.type() + ": " + error.what();
  }
}

TEST(TensorFormatTest, ReprMatchesPyTorch) {
  const std::vector<TensorCase> cases = tensorCases();
  ASSERT_GE(cases.size(), 80u);
  std::vector<std::string> calls;
  for (const auto& c : cases) {
    calls.push_back(pythonOptionsCall(c.printOptions) + "; show(lambda: repr(" + c.python +
                    ")); torch.set_printoptions(profile='default')");
  }
  const std::vector<std::string> expected =
      test::runReferencePython("import torch, warnings\nwarnings.simplefilter('ignore')", calls);
  ASSERT_EQ(expected.size(), cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    EXPECT_EQ(outcome(cases[i]), expected[i])
        << "Python: " << cases[i].python << "\nwith " << pythonOptionsCall(cases[i].printOptions);
  }
}

TEST(TensorFormatTest, PrintingLeavesTheTensorUntouched) {
  at::Tensor base = leaf(at::arange(3000.)).mul(pythonFloat(1.5));
  at::Tensor view = base.slice(0, 0, 3000, 3);
  const auto version = view._version();
  const void* data = view.data_ptr();
  const auto gradFn = view.grad_fn();
  formatTensor(view);
  formatTensor(base, PrintOptions{2, 10, 1, 80, true});
  EXPECT_EQ(view._version(), version);
  EXPECT_EQ(base._version(), version);
  EXPECT_EQ(view.data_ptr(), data);
  EXPECT_EQ(view.grad_fn(), gradFn);
  EXPECT_TRUE(c10::GradMode::is_enabled());
}

TEST(TensorFormatTest, SizeDtypeAndDeviceReprs) {
  EXPECT_EQ(formatSize({2, 3}), "torch.Size([2, 3])");
  EXPECT_EQ(formatSize({}), "torch.Size([])");
  EXPECT_EQ(formatSize({5}), "torch.Size([5])");
  EXPECT_EQ(formatDtype(c10::kFloat), "torch.float32");
  EXPECT_EQ(formatDtype(c10::kBFloat16), "torch.bfloat16");
  EXPECT_EQ(formatDtype(c10::kComplexDouble), "torch.complex128");
  EXPECT_EQ(formatDtype(c10::kByte), "torch.uint8");
  EXPECT_EQ(formatDevice(c10::Device(c10::kCPU)), "device(type='cpu')");
  EXPECT_EQ(formatDevice(c10::Device(c10::kCUDA, 0)), "device(type='cuda', index=0)");
  EXPECT_EQ(formatDevice(c10::Device(c10::kMeta)), "device(type='meta')");
}

}  // namespace
}  // namespace memlens::script

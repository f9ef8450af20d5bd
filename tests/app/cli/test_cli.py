"""memlens-cli's contract (DESIGN.md): exit codes, error format, trace and report files."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

CLI = None
# The malloc the build linked in ("mimalloc"), or "" where it kept the system's.
ALLOCATOR = ""


def run(*args, stdin=None):
    return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120)


class Cli(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def script(self, text, name="script.py"):
        path = os.path.join(self.dir.name, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def test_version_and_help(self):
        result = run("--version")
        self.assertEqual(result.returncode, 0)
        self.assertRegex(result.stdout, r"^memlens-cli \d+\.\d+\.\d+ \(LibTorch \d+\.\d+")
        if ALLOCATOR:  # the malloc the build chose is the one the process runs on
            self.assertRegex(result.stdout, r", " + ALLOCATOR + r" \d+\.\d+\.\d+\)$")
        self.assertEqual(run("--help").returncode, 0)

    def test_usage_errors_exit_2(self):
        for args in [(), ("frobnicate",), ("run",), ("run", "x.py", "--bogus"),
                     ("run", "/no/such/file.py"), ("run", "x.py", "--trace")]:
            with self.subTest(args=args):
                result = run(*args)
                self.assertEqual(result.returncode, 2)
                self.assertIn("usage:", result.stderr)

    def test_success_prints_like_python(self):
        path = self.script("import torch\nx = torch.tensor(4)\nprint('x=', x.item())\n")
        result = run("run", path)
        self.assertEqual((result.returncode, result.stdout, result.stderr), (0, "x= 4\n", ""))

    def test_runtime_error_is_located_and_stops(self):
        path = self.script("import torch\nprint(1)\ny = torch.ones(2).view(3)\nprint(2)\n")
        result = run("run", path)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "1\n")
        self.assertEqual(result.stderr,
                         f"{path}:3:5: RuntimeError: shape '[3]' is invalid for input of size 2\n")

    def test_keep_going(self):
        path = self.script("print(1)\nprint(nope)\nprint(2)\n")
        result = run("run", path, "--keep-going")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "1\n2\n")
        self.assertEqual(result.stderr, f"{path}:2:7: NameError: name 'nope' is not defined\n")

    def test_syntax_error_runs_nothing(self):
        path = self.script("print(1)\nx = (1 +\n")
        result = run("run", path)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "")
        self.assertTrue(result.stderr.startswith(f"{path}:2:5: SyntaxError: "), result.stderr)

    def test_unsupported_construct(self):
        path = self.script("while True:\n    pass\n")
        result = run("run", path)
        self.assertEqual(result.returncode, 1)
        self.assertIn("NotImplementedError: 'while' loops are not supported in MemLens scripts",
                      result.stderr)

    def test_trace_and_report(self):
        path = self.script("import torch\nx = torch.ones(3)\nz = x.add_(1)\nw = x + 1\ndel w\n")
        trace = os.path.join(self.dir.name, "t.json")
        report = os.path.join(self.dir.name, "r.md")
        result = run("run", path, "--trace", trace, "--report", report)
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(trace, encoding="utf-8") as f:
            data = json.load(f)
        self.assertEqual((data["format"], data["version"]), ("memlens-trace", 1))
        self.assertEqual([s["kind"] for s in data["steps"]],
                         [["none"], ["new"], ["in-place"], ["new"], ["free"]])
        with open(report, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("# MemLens report", text)
        self.assertIn("| in-place | 1 |", text)

    def test_an_unwritable_trace_fails_before_the_script_runs(self):
        path = self.script("print('ran')\n")
        trace = os.path.join(self.dir.name, "no-such-dir", "t.json")
        result = run("run", path, "--trace", trace)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stdout, "")
        self.assertIn(f"memlens-cli: {trace}: cannot write: No such file or directory",
                      result.stderr)

    def test_steps_and_trace_together(self):
        path = self.script("import torch\nx = torch.ones(3)\ndel x\n")
        trace = os.path.join(self.dir.name, "t.json")
        result = run("run", path, "--trace", trace, "--steps")
        self.assertEqual(result.returncode, 0, result.stderr)
        with open(trace, encoding="utf-8") as f:
            self.assertEqual(len(json.load(f)["steps"]), 3)
        self.assertIn("x = torch.ones(3)", result.stderr)

    def test_unavailable_device_is_a_usage_error(self):
        path = self.script("print(1)\n")
        result = run("run", path, "--device", "tpu")
        self.assertEqual(result.returncode, 2)

    def test_cuda_without_cuda_fails_exactly_as_python(self):
        probe = run("run", self.script("import torch\nprint(torch.cuda.is_available())\n"))
        if probe.stdout != "False\n":
            self.skipTest("this LibTorch has a GPU")
        path = self.script("import torch\nx = torch.ones(2)\ny = x.to('cuda')\n")
        result = run("run", path)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr,
                         f"{path}:3:5: AssertionError: Torch not compiled with CUDA enabled\n")

    def test_ops_lists_thousands_of_operators_with_effects(self):
        result = run("ops")
        self.assertEqual(result.returncode, 0)
        lines = result.stdout.splitlines()
        self.assertGreater(len(lines), 2000)
        self.assertIn("aten::add_.Tensor(Tensor(a!) self, Tensor other, *, Scalar alpha=1) -> "
                      "Tensor(a!)  [in-place]", lines)
        filtered = run("ops", "transpose").stdout.splitlines()
        self.assertTrue(filtered and all("transpose" in line for line in filtered))


if __name__ == "__main__":
    CLI = sys.argv.pop(1)
    ALLOCATOR = sys.argv.pop(1)
    unittest.main()

"""memlens-cli's limits: --timeout, --memory-limit, Ctrl-C, the sandbox and
located errors instead of crashes."""
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

CLI = None
LOOP = "import torch\nx = torch.ones(2)\nfor i in range(10**15):\n    y = x + i\n"


class CliReliability(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def script(self, text):
        with open(self.path("script.py"), "w", encoding="utf-8") as f:
            f.write(text)
        return self.path("script.py")

    def run_cli(self, *args):
        return subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120)

    def test_timeout_stops_a_runaway_loop_and_still_writes_the_trace(self):
        path = self.script(LOOP)
        start = time.monotonic()
        result = self.run_cli("run", path, "--timeout", "0.5", "--trace", self.path("t.json"))
        self.assertLess(time.monotonic() - start, 30)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr, f"{path}:4:5: TimeoutError: the script ran longer than "
                                        "its time limit of 0.5 s and was stopped\n")
        self.assertTrue(os.path.exists(self.path("t.json")))

    def test_ctrl_c_stops_the_script_between_operators(self):
        path = self.script("import torch\nprint('started')\n" + LOOP.split("\n", 1)[1])
        process = subprocess.Popen([CLI, "run", path, "--report", self.path("r.md")],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # Interrupt once the script runs (its first output), however slow the start.
        self.assertEqual(process.stdout.readline(), "started\n")
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
        self.assertEqual(process.returncode, 1)
        self.assertRegex(stderr, r":\d+:\d+: KeyboardInterrupt: the script was stopped before "
                                 r"it finished\n$")
        self.assertTrue(os.path.exists(self.path("r.md")))

    def test_memory_limit(self):
        path = self.script("import torch\nx = torch.ones(2**20)\nprint(x.sum())\n")
        result = self.run_cli("run", path, "--memory-limit", "1M")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr, f"{path}:2:5: MemoryError: allocating 4.0 MiB would "
                                        "exceed the session's memory budget of 1.0 MiB "
                                        "(0 bytes in use)\n")
        self.assertEqual(self.run_cli("run", path, "--memory-limit", "64M").returncode, 0)

    def test_default_budget_refuses_terabytes_and_the_session_carries_on(self):
        path = self.script("import torch\nx = torch.zeros(10**12)\nprint('after')\n")
        result = self.run_cli("run", path, "--keep-going")
        self.assertEqual(result.returncode, 1)
        self.assertIn(f"{path}:2:5: MemoryError: allocating 3.6 TiB would exceed", result.stderr)
        self.assertEqual(result.stdout, "after\n")

    def test_bad_limits_are_usage_errors(self):
        path = self.script("x = 1\n")
        for args in [("--timeout", "soon"), ("--timeout", "-1"), ("--timeout",),
                     ("--memory-limit", "lots"), ("--memory-limit",)]:
            with self.subTest(args=args):
                self.assertEqual(self.run_cli("run", path, *args).returncode, 2)

    def test_sandbox_errors_are_located(self):
        path = self.script("import torch\nx = open('/etc/passwd').read()\n")
        result = self.run_cli("run", path)
        self.assertEqual(result.returncode, 1)
        self.assertEqual(result.stderr, f"{path}:2:5: PermissionError: open() is not available "
                                        "in MemLens scripts: scripts cannot touch files\n")

    def test_nothing_crashes(self):
        # Each of these once crashed or hung MemLens; now each is one located line.
        for text in ["a = []\na.append(a)\nprint(a)\n",
                     "a = []\nfor i in range(100000):\n    a = [a]\n",
                     "x = -9223372036854775807 - 1\ny = x // -1\n",
                     "s = f'{1:999999999999}'\n"]:
            with self.subTest(text=text):
                result = self.run_cli("run", self.script(text))
                self.assertEqual(result.returncode, 1)
                self.assertRegex(result.stderr, r"^[^\n]*script\.py:\d+:\d+: \w+: [^\n]*\n$")


if __name__ == "__main__":
    CLI = sys.argv.pop(1)
    unittest.main()

"""Differential test: MemLens against Python PyTorch on every script in scripts/.

For each script, memlens-cli runs it (recording a trace) and reference.py runs it in Python
PyTorch, in this one process. They must agree on the printed output, the error, and after
every statement on every named tensor's shape, strides, offset, dtype, device, version,
requires_grad, grad_fn and values, on which names share a storage and which are the same object.

usage: compare.py MEMLENS_CLI SCRIPT_DIR
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference  # noqa: E402  (imports torch once for the whole corpus)

FACTS = ("shape", "strides", "offset", "dtype", "device", "version", "requires_grad", "grad_fn",
         "values")
# Argument-parsing TypeErrors are worded by each binding layer; their type must agree.
MESSAGE_EXEMPT_TYPES = {"TypeError"}


def partition(tensors, key):
    groups = {}
    for name, record in tensors.items():
        groups.setdefault(record[key], set()).add(name)
    return sorted(sorted(g) for g in groups.values())


def memlens_states(trace):
    state = {}
    for step in trace["steps"]:
        for record in step["tensors"]:
            state[record["name"]] = record
        for name in step["unbound"]:
            state.pop(name, None)
        yield step, dict(state)


def check_script(cli, path, expected, workdir):
    problems = []
    trace_path = os.path.join(workdir, os.path.basename(path) + ".json")
    run = subprocess.run([cli, "run", path, "--trace", trace_path], capture_output=True,
                         text=True, timeout=120)
    want_stdout = "".join(step["output"] for step in expected)
    if run.stdout != want_stdout:
        problems.append(f"stdout differs:\n--- python\n{want_stdout}--- memlens\n{run.stdout}")
    want_error = expected[-1]["error"] if expected else None
    if want_error is None:
        if run.returncode != 0:
            problems.append(f"memlens failed (exit {run.returncode}): {run.stderr.strip()}")
    else:
        prefix = f"{path}:{want_error['line']}:"
        line = run.stderr.strip().splitlines()[0] if run.stderr.strip() else ""
        if run.returncode != 1 or not line.startswith(prefix):
            problems.append(f"expected an error at line {want_error['line']}, got exit "
                            f"{run.returncode}: {run.stderr.strip()}")
        else:
            kind, _, message = line.split(": ", 1)[1].partition(": ")
            if kind != want_error["type"]:
                problems.append(f"error type {kind!r}, python raised {want_error['type']!r}")
            elif kind not in MESSAGE_EXEMPT_TYPES and message != want_error["message"]:
                problems.append(f"error message {message!r}, python said "
                                f"{want_error['message']!r}")
    if not os.path.exists(trace_path):
        problems.append("no trace written")
        return problems
    with open(trace_path, encoding="utf-8") as f:
        trace = json.load(f)
    states = list(memlens_states(trace))
    if len(states) != len(expected):
        problems.append(f"{len(states)} steps, python ran {len(expected)} statements")
    for (step, got), want in zip(states, expected):
        where = f"line {want['line']}"
        if step["output"] != want["output"]:
            problems.append(f"{where}: output {step['output']!r}, python {want['output']!r}")
        want_tensors = want["tensors"]
        if sorted(got) != sorted(want_tensors):
            problems.append(f"{where}: tensors {sorted(got)}, python {sorted(want_tensors)}")
            continue
        for name, record in want_tensors.items():
            for fact in FACTS:
                if got[name][fact] != record[fact]:
                    problems.append(f"{where}: {name}.{fact} = {got[name][fact]!r}, "
                                    f"python {record[fact]!r}")
        if partition(got, "storage") != partition(want_tensors, "storage_key"):
            problems.append(f"{where}: shared storages {partition(got, 'storage')}, python "
                            f"{partition(want_tensors, 'storage_key')}")
        if partition(got, "id") != partition(want_tensors, "object_key"):
            problems.append(f"{where}: same objects {partition(got, 'id')}, python "
                            f"{partition(want_tensors, 'object_key')}")
    return problems


def runnable_here(path):
    """Scripts that need a GPU say so on their first line (`#! requires: cuda`), and those
    that show what happens without one `#! requires: no-cuda`."""
    with open(path, encoding="utf-8") as f:
        first = f.readline()
    if "requires: no-cuda" in first:
        return not reference.torch.cuda.is_available()
    return "requires: cuda" not in first or reference.torch.cuda.is_available()


def expected_error_type(path):
    """A script may end in an error on purpose (`#! expects: RuntimeError`)."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#! expects:"):
                return line.split(":", 1)[1].strip()
    return None


# ctest's SKIP_RETURN_CODE: every script here needs what this machine lacks (a GPU).
SKIPPED = 77


def main():
    cli, script_dir = sys.argv[1], sys.argv[2]
    found = sorted(glob.glob(os.path.join(script_dir, "*.py")))
    scripts = [p for p in found if runnable_here(p)]
    if found and not scripts:
        print(f"skipped: none of the {len(found)} scripts can run here (torch "
              f"{reference.torch.__version__}, CUDA available: "
              f"{reference.torch.cuda.is_available()})")
        return SKIPPED
    failed = 0
    with tempfile.TemporaryDirectory() as workdir:
        for path in scripts:
            with open(path, encoding="utf-8") as f:
                expected = reference.run_script(f.read())
            problems = check_script(cli, path, expected, workdir)
            declared = expected_error_type(path)
            raised = expected[-1]["error"]["type"] if expected and expected[-1]["error"] else None
            if declared is not None and declared != raised:
                problems.append(f"declares '#! expects: {declared}' but Python raised {raised}")
            status = "ok" if not problems else "FAILED"
            print(f"{status}: {os.path.basename(path)}")
            for problem in problems[:20]:
                print("    " + problem.replace("\n", "\n    "))
            failed += bool(problems)
    print(f"{len(scripts) - failed} passed, {failed} failed")
    return 1 if failed or not scripts else 0


if __name__ == "__main__":
    sys.exit(main())

"""Whole-program benchmarks: MemLens against Python PyTorch on the same generated workload,
plus the trace micro-benchmarks; writes docs/PERFORMANCE.md and docs/images/throughput.svg.

usage: run_benchmarks.py MEMLENS_CLI TRACE_BENCH OUTPUT_DIR BENCH_RUN GUI_START MEMLENS_GUI MAP_BENCH
BENCH_RUN is memlens-bench-run (recording on and off), GUI_START memlens-bench-gui-start,
MEMLENS_GUI the memlens binary (for `memlens export`), MAP_BENCH memlens-bench-map.
Python PyTorch is Debian's /usr/bin/python3 (the same LibTorch underneath)."""
import concurrent.futures
import contextlib
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workload  # noqa: E402

PYTHON = "/usr/bin/python3"
# The workload the targets name is 50,000 statements; 200,000 more gives the slope a lever
# well beyond the ±0.2 s by which Python's `import torch` varies from run to run.
SIZES = [10000, 50000, 200000]
TRACE_SIZE = 50000
# Runs (or rounds of runs) behind each timing: the machine may be shared, and the least, or
# the median of paired rounds, is the least disturbed figure.
RUNS = 7
OVERHEAD_SIZE = 200000
OVERHEAD_TARGET = 1.15
# Instructions are counted on a smaller workload: valgrind runs a program ~50x slower.
COUNTED_SIZE = 5000
ALIVE_COUNTS = [64, 4096]
ALIVE_STATEMENTS = 20000
EXPORT_LESSON = "resources/lessons/03-views-and-strides.py"
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAP_REPETITIONS = 3
MAP_STORAGES = [1000, 10000, 50000]
FRAME_TARGET_MS = 16
# Sections of PERFORMANCE.md written from profiles rather than by this script; kept as they are.
KEPT_SECTIONS = ("## Where recording's time goes",)


def throughput(programs, scripts):
    """Wall seconds of each program (name: command for a script's path) on each script
    (size: path), as times[name][size][round] over RUNS rounds. A round runs every program on
    every script, so a change in the machine's load hits all of them alike."""
    times = {name: {size: [] for size in scripts} for name in programs}
    for _ in range(RUNS):
        for size, path in scripts.items():
            for name, command in programs.items():
                times[name][size].append(timed(command(path))[0])
    return times


def paired_ratios(values, baselines):
    """The ratios of values to their baselines taken pair by pair (each pair measured in one
    round, seconds apart): their median, least and most."""
    ratios = [value / baseline for value, baseline in zip(values, baselines)]
    return {"median": statistics.median(ratios), "least": min(ratios), "most": max(ratios)}


def per_statement_by_round(times):
    """A program's per-statement seconds in each round: the slope of that round's times over
    the workload sizes, which removes startup however slow the round was."""
    sizes = sorted(times)
    return [slope(sizes, [times[size][r] for size in sizes]) for r in range(RUNS)]


def instructions(command):
    """Instructions the whole process executes, all threads, as valgrind counts them: the
    same on a busy machine as on an idle one. Python's hashing is seeded so it repeats too."""
    result = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no",
                             "--cachegrind-out-file=/dev/null", *command],
                            capture_output=True, text=True, env=dict(os.environ, PYTHONHASHSEED="0"))
    if result.returncode != 0:
        raise subprocess.CalledProcessError(result.returncode, command, result.stdout, result.stderr)
    return int(re.search(r"I\s+refs:\s+([\d,]+)", result.stderr).group(1).replace(",", ""))


def instructions_per_statement(programs, tiny, counted):
    """Per program (name: command prefix), the instructions a statement of the workload costs:
    (the COUNTED_SIZE-statement run - the one-statement run) / (COUNTED_SIZE - 1). Two valgrinds
    at a time: the counts do not depend on the machine being shared."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        runs = {(name, size): pool.submit(instructions, prefix(path))
                for name, prefix in programs.items() for size, path in (("tiny", tiny), ("counted", counted))}
        return {name: (runs[(name, "counted")].result() - runs[(name, "tiny")].result())
                / (COUNTED_SIZE - 1) for name in programs}


def timed(command, env=None):
    """Wall and CPU (user + system) seconds of one run, and what it printed."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               env=env, text=True)
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, command)
    return wall, usage.ru_utime + usage.ru_stime, out


def best_of(command, runs=RUNS, env=None):
    """The least wall and the least CPU time over `runs` runs, and each run's output."""
    results = [timed(command, env) for _ in range(runs)]
    return (min(r[0] for r in results), min(r[1] for r in results), [r[2] for r in results])


def allocator(cli):
    """The malloc `memlens-cli --version` says the process runs on."""
    version = subprocess.run([cli, "--version"], capture_output=True, text=True, check=True).stdout
    return version.strip().rsplit(", ", 1)[-1].rstrip(")")


def load_average():
    return os.getloadavg()[0]


def recording_overhead(bench_run, tiny, workload_path):
    """Per-statement time with recording on, off, and off with LibTorch's hooks idle: the same
    program and workload, with startup removed by subtracting a one-statement script's time.
    Runs take turns so that a change in load hits all three."""
    modes = (("on", []), ("off", ["--no-record"]), ("hooks", ["--hooks-only"]))
    times = {label: {"tiny": [], "workload": []} for label, _ in modes}
    for _ in range(RUNS):
        for label, flag in modes:
            times[label]["tiny"].append(timed([bench_run, tiny] + flag)[:2])
            times[label]["workload"].append(timed([bench_run, workload_path] + flag)[:2])
    result = {}
    for index, clock in ((0, "wall"), (1, "cpu")):
        per_round = {label: [(workload[index] - tiny_run[index]) / OVERHEAD_SIZE
                             for tiny_run, workload in zip(runs["tiny"], runs["workload"])]
                     for label, runs in times.items()}
        for label, runs in times.items():
            result[(label, clock)] = {"tiny": min(r[index] for r in runs["tiny"]),
                                      "workload": min(r[index] for r in runs["workload"]),
                                      "per": statistics.median(per_round[label])}
        result[("ratio", clock)] = paired_ratios(per_round["on"], per_round["off"])
        result[("hooks ratio", clock)] = paired_ratios(per_round["hooks"], per_round["off"])
    return result


def names_alive(bench_run, script):
    """Per statement with recording on, with few and with many untouched names alive:
    (writes script − the same script without the writes) / writes, in instructions and in CPU
    time (least of RUNS; timed after the counting, so that valgrind does not slow it)."""
    scripts = {alive: (script(f"alive{alive}-0", workload.many_alive(alive, 0)),
                       script(f"alive{alive}", workload.many_alive(alive, ALIVE_STATEMENTS)))
               for alive in ALIVE_COUNTS}
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        counts = {path: pool.submit(instructions, [bench_run, path])
                  for paths in scripts.values() for path in paths}
        counts = {path: count.result() for path, count in counts.items()}
    result = {}
    for alive, (base, full) in scripts.items():
        base_cpu = min(timed([bench_run, base])[1] for _ in range(RUNS))
        full_cpu = min(timed([bench_run, full])[1] for _ in range(RUNS))
        result[alive] = {"cpu": (full_cpu - base_cpu) / ALIVE_STATEMENTS,
                         "instructions": (counts[full] - counts[base]) / ALIVE_STATEMENTS}
    return result


@contextlib.contextmanager
def offscreen_env():
    """The environment for a Qt program run without a display, with a private runtime directory."""
    with tempfile.TemporaryDirectory() as runtime:
        yield dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=runtime)


def gui_start(gui_bench):
    """Process start to the map's first frame after the first lesson's run, offscreen."""
    with offscreen_env() as env:
        wall, cpu, outputs = best_of([gui_bench], env=env)
    inside = {}
    for out in outputs:
        for line in out.splitlines():
            key, value = line.split()
            inside.setdefault(key, []).append(float(value))
    return {"wall": wall, "cpu": cpu,
            "run_finished_ms": min(inside["run_finished_ms"]),
            "first_paint_ms": min(inside["first_paint_ms"])}


def export_time(memlens_gui, png):
    """`memlens export` of a lesson at its last step to a PNG, the whole process."""
    with offscreen_env() as env:
        wall, cpu, _ = best_of([memlens_gui, "export", os.path.join(REPO, EXPORT_LESSON),
                                "--step", "last", "--png", png], env=env)
        # What any run of the binary pays before doing anything: loading its libraries.
        version_wall, _, _ = best_of([memlens_gui, "--version"], env=env)
    return {"wall": wall, "cpu": cpu, "load_wall": version_wall}


def map_benchmarks(map_bench):
    """CPU-time medians (ms) of memlens-bench-map's benchmarks, by name, and its counters."""
    with offscreen_env() as env:
        out = subprocess.run([map_bench, "--benchmark_format=json",
                              f"--benchmark_repetitions={MAP_REPETITIONS}"],
                             capture_output=True, text=True, check=True, env=env).stdout
    medians = {}
    for b in json.loads(out)["benchmarks"]:
        if b.get("aggregate_name") == "median":
            medians[b["run_name"]] = b
    return medians


def map_section(medians):
    """The memory map's figures against the issue's targets."""
    def cell(name, storages):
        b = medians.get(f"{name}/{storages}")
        return f"{b['cpu_time']:.1f} ms" if b else "—"
    full_hd = medians["BM_StepFrameFullHd/10000"]["cpu_time"]
    jump = medians["BM_JumpToStep/100000/iterations:200"]
    lines = [
        "## The memory map",
        "",
        "`memlens-bench-map` (Google Benchmark, `bench/MapBenchmark.cpp`), offscreen, CPU time, "
        f"median of {MAP_REPETITIONS} repetitions. Scene: N storages of 8 B to 16 KiB with a "
        "tensor and a strided view on each; the next step frees one storage in the middle and "
        "binds a new one. A frame is what the workbench does when a step arrives: lay out the "
        "step (reusing the previous layout) and draw the visible part of the map.",
        "",
        "| storages | **next step laid out and a 1920×1080 view drawn** | layout of the next step "
        "| one animation frame (1600×900) | draw a 1600×900 view | layout from scratch |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for n in MAP_STORAGES:
        lines.append(f"| {n:,} | **{cell('BM_StepFrameFullHd', n)}** | {cell('BM_LayoutStep', n)} "
                     f"| {cell('BM_AnimationFrame', n)} | {cell('BM_RenderWindow', n)} "
                     f"| {cell('BM_LayoutFromScratch', n)} |")
    verdict = "met" if full_hd < FRAME_TARGET_MS else "not met"
    jump_verdict = "met" if jump["cpu_time"] < FRAME_TARGET_MS else "not met"
    lines += [
        "",
        f"Target: a frame at 10,000 storages under {FRAME_TARGET_MS} ms: **{verdict}** "
        f"({full_hd:.1f} ms).",
        "",
        "A 100,000-step session shaped like the workload (64 names, one new storage a step), "
        f"opened at its last step in {jump['open_ms'] / 1000:.1f} s (every step is laid out "
        f"once; a layout is kept every 64 steps), then 200 jumps to random steps: "
        f"**{jump['cpu_time']:.1f} ms** a jump (target under {FRAME_TARGET_MS} ms: "
        f"**{jump_verdict}**).",
    ]
    return "\n".join(lines) + "\n"


def kept_sections(path):
    """The sections of an existing PERFORMANCE.md named in KEPT_SECTIONS, verbatim."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return []
    kept, current = [], None
    for line in text.splitlines():
        if line.startswith("## "):
            current = [] if line in KEPT_SECTIONS else None
            if current is not None:
                kept.append(current)
        if current is not None:
            current.append(line)
    return ["\n".join(section).rstrip() + "\n" for section in kept]


def slope(xs, ys):
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    return (sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) /
            sum((x - mean_x) ** 2 for x in xs))


def cpu_model():
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def chart(rows, path):
    """Statements per second against workload size, both programs, as a small SVG."""
    width, height, margin = 640, 360, 60
    peak = max(max(r["python_rate"], r["memlens_rate"]) for r in rows) * 1.1
    def x(i):
        return margin + i * (width - 2 * margin) / max(1, len(rows) - 1)
    def y(rate):
        return height - margin - rate / peak * (height - 2 * margin)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             'font-family="sans-serif" font-size="14">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             f'<text x="{width/2}" y="24" text-anchor="middle" font-size="16">'
             'Statements per second (startup excluded)</text>']
    for series, colour, dash in (("python_rate", "#1f77b4", ""), ("memlens_rate", "#d62728", "6,4")):
        points = " ".join(f"{x(i):.1f},{y(r[series]):.1f}" for i, r in enumerate(rows))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="3" '
                     f'stroke-dasharray="{dash}"/>')
    for i, r in enumerate(rows):
        parts.append(f'<text x="{x(i):.1f}" y="{height - margin + 22}" text-anchor="middle">'
                     f'{r["size"]:,}</text>')
    parts.append(f'<text x="{width/2}" y="{height - 12}" text-anchor="middle">statements in workload</text>')
    for fraction in (0, 0.5, 1):
        rate = peak * fraction
        parts.append(f'<text x="{margin - 8}" y="{y(rate) + 5:.1f}" text-anchor="end">{rate/1000:.0f}k</text>')
    parts.append(f'<text x="{width - margin}" y="{margin}" text-anchor="end" fill="#1f77b4">'
                 '— Python PyTorch (records nothing)</text>')
    parts.append(f'<text x="{width - margin}" y="{margin + 20}" text-anchor="end" fill="#d62728">'
                 '- - MemLens (records every step, writes the trace)</text>')
    parts.append("</svg>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(parts) + "\n")


def main():
    cli, trace_bench, out_dir, bench_run, gui_bench, memlens_gui, map_bench = sys.argv[1:8]
    rows = []
    loads = [load_average()]
    with tempfile.TemporaryDirectory() as tmp:
        def named_script(name, text):
            path = os.path.join(tmp, f"{name}.py")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            return path

        def script(n):
            return named_script(f"w{n}", workload.generate(n))
        tiny = script(1)
        trace = os.path.join(tmp, "t.json")
        scripts = {1: tiny, **{n: script(n) for n in SIZES}}
        times = throughput({"python": lambda path: [PYTHON, path],
                            "memlens": lambda path: [cli, "run", path],
                            "memlens_trace": lambda path: [cli, "run", path, "--trace", trace]},
                           scripts)
        python_start, memlens_start = min(times["python"][1]), min(times["memlens"][1])
        totals = {name: [min(by_size[n]) for n in SIZES] for name, by_size in times.items()}
        # Per-statement cost is the slope of time over workload size (least squares), which
        # removes startup. Each round gives one per program; the figures are their medians,
        # and a ratio is the median of the rounds' ratios, so that a slow minute, which
        # slows every program in its round, moves neither.
        rounds = {name: per_statement_by_round(by_size) for name, by_size in times.items()}
        slopes = {name: statistics.median(values) for name, values in rounds.items()}
        ratios = {name: paired_ratios(values, rounds["python"]) for name, values in rounds.items()}
        trace_stats = {}
        for n in SIZES:
            peak_kb = subprocess.run(["/usr/bin/time", "-f", "%M", cli, "run", scripts[n], "--trace", trace],
                                     capture_output=True, text=True).stderr.strip().splitlines()[-1]
            trace_stats[n] = os.path.getsize(trace)
            rows.append({"size": n, "memlens_peak_mb": int(peak_kb) / 1024})
        for i, row in enumerate(rows):
            row.update({"python_total": totals["python"][i], "memlens_total": totals["memlens"][i],
                        "memlens_trace_total": totals["memlens_trace"][i],
                        # Startup excluded, as the chart says: the one-statement run's time.
                        "python_rate": row["size"] / (totals["python"][i] - python_start),
                        "memlens_rate": row["size"] / (totals["memlens_trace"][i]
                                                       - min(times["memlens_trace"][1]))})
        bench = subprocess.run([trace_bench, "--benchmark_format=json"], capture_output=True,
                               text=True, check=True)
        micro = {b["name"]: b for b in json.loads(bench.stdout)["benchmarks"]}
        loads.append(load_average())
        counted = script(COUNTED_SIZE)
        counts = instructions_per_statement({
            "python": lambda path: [PYTHON, path],
            "memlens_trace": lambda path: [cli, "run", path, "--trace", path + ".json"],
            "off": lambda path: [bench_run, path, "--no-record"],
            "hooks": lambda path: [bench_run, path, "--hooks-only"],
            "on": lambda path: [bench_run, path]}, tiny, counted)
        overhead = recording_overhead(bench_run, tiny, script(OVERHEAD_SIZE))
        alive = names_alive(bench_run, named_script)
        loads.append(load_average())
        start = gui_start(gui_bench)
        export = export_time(memlens_gui, os.path.join(tmp, "export.png"))
        loads.append(load_average())
        map_medians = map_benchmarks(map_bench)
        loads.append(load_average())

    # Instructions target 2 leaves for MemLens's own recording once LibTorch's hooks are paid.
    left = OVERHEAD_TARGET * counts["off"] - counts["hooks"]
    os.makedirs(os.path.join(out_dir, "images"), exist_ok=True)
    chart(rows, os.path.join(out_dir, "images", "throughput.svg"))
    lines = [
        "# Performance",
        "",
        f"Measured by `./dev bench` on {datetime.date.today().isoformat()}: "
        f"{cpu_model()}, {os.cpu_count()} cores, Linux {platform.release()}. "
        "Python PyTorch is Debian's `python3-torch` (the same LibTorch 1.13 underneath). "
        f"Each time is the least of {RUNS} runs of the whole program; the programs compared "
        "take turns, so a change in the machine's load hits them alike.",
        "",
        "## Script throughput",
        "",
        "The workload (`bench/workload.py`) mixes creation, in-place writes, views, out-of-place "
        "arithmetic, indexing and `del` on tensors of 16 to 4,096 elements, with up to 64 names "
        "(and their views) alive at once. MemLens runs it with `memlens-cli run --trace`, "
        "recording every step; Python runs it plainly and records nothing. Per-statement cost "
        "is the slope of total time over workload size, which excludes startup.",
        "",
        "| statements | Python | MemLens | MemLens with `--trace` | MemLens peak RSS (with trace) |",
        "|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r['size']:,} | {r['python_total']:.2f} s | {r['memlens_total']:.2f} s "
                     f"| {r['memlens_trace_total']:.2f} s | {r['memlens_peak_mb']:.0f} MiB |")
    per = {name: value * 1e6 for name, value in slopes.items()}
    lines += [
        "",
        f"Per statement: in each of the {RUNS} rounds, the slope of time over workload size "
        "(one statement, then the sizes above); the median of the rounds, and the median of "
        "the rounds' ratios to Python's, with the rounds' range beside them:",
        "",
        "| | per statement (median) | rounds | ratio to Python (median) | rounds |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, label in (("python", "Python PyTorch"), ("memlens", "MemLens, recording every step"),
                        ("memlens_trace", "MemLens, recording and writing the trace")):
        ratio = ratios[name]
        lines.append(f"| {label} | {per[name]:.1f} µs | {min(rounds[name]) * 1e6:.1f}–"
                     f"{max(rounds[name]) * 1e6:.1f} µs | {ratio['median']:.2f}× | "
                     + ("" if name == "python" else f"{ratio['least']:.2f}–{ratio['most']:.2f}×")
                     + " |")
    lines += [
        "",
        f"Target at most 1.0× Python: **{'met' if ratios['memlens_trace']['median'] <= 1.0 else 'not met'}** "
        "in time.",
        "",
        "![throughput](images/throughput.svg)",
        "",
        "## Instructions per statement",
        "",
        "Time on a shared 2-core machine moves by a third from one minute to the next; the "
        "instructions a program executes do not. Valgrind (`cachegrind`) counts every "
        "instruction of the whole process, all threads, on the same workload at "
        f"{COUNTED_SIZE:,} statements and at one; the difference over {COUNTED_SIZE - 1:,} is "
        "a statement's cost, startup excluded.",
        "",
        "| | instructions per statement | ratio |",
        "|---|---:|---:|",
        f"| Python PyTorch | {counts['python'] / 1e3:.1f}k | 1.00× |",
        f"| `memlens-cli run --trace` (recording, and writing the trace on its thread) | "
        f"{counts['memlens_trace'] / 1e3:.1f}k | {counts['memlens_trace'] / counts['python']:.2f}× "
        "Python |",
        f"| `memlens-bench-run --no-record` (recording off) | {counts['off'] / 1e3:.1f}k | |",
        f"| `memlens-bench-run --hooks-only` (recording off, LibTorch's observation hooks "
        f"installed and doing nothing) | {counts['hooks'] / 1e3:.1f}k | "
        f"{counts['hooks'] / counts['off']:.2f}× off |",
        f"| `memlens-bench-run` (recording on) | {counts['on'] / 1e3:.1f}k | "
        f"{counts['on'] / counts['off']:.2f}× off |",
        "",
        f"Target 1 in instructions (at most 1.0× Python): "
        f"**{'met' if counts['memlens_trace'] <= counts['python'] else 'not met'}**. "
        f"Target 2 in instructions (on/off at most {OVERHEAD_TARGET:.2f}×): "
        f"**{'met' if counts['on'] / counts['off'] <= OVERHEAD_TARGET else 'not met'}**.",
        "",
        "The hooks-only row is the floor of recording: LibTorch charges "
        f"{(counts['hooks'] - counts['off']) / 1e3:.1f}k instructions a statement for calling "
        "a `RecordFunction` callback around every operator and reporting every allocation, "
        "even to callbacks that do nothing. Target 2 allows "
        f"{(OVERHEAD_TARGET - 1) * counts['off'] / 1e3:.1f}k over recording off, "
        + (f"which leaves {left / 1e3:.1f}k" if left > 0 else
           f"which LibTorch's hooks alone exceed by {-left / 1e3:.1f}k, leaving nothing")
        + " for what MemLens itself records (the events, the operators, the records of the "
        "tensors that changed, the step); it spends "
        f"{(counts['on'] - counts['hooks']) / 1e3:.1f}k.",
        "",
        "## Startup",
        "",
        f"- `memlens-cli run` of a one-statement script: {memlens_start:.2f} s (loading LibTorch dominates)",
        f"- Python running the same script (`import torch` dominates): {python_start:.2f} s",
        "",
        "## Traces",
        "",
        f"- The {TRACE_SIZE:,}-step trace: {trace_stats[TRACE_SIZE]/1e6:.1f} MB, "
        f"{trace_stats[TRACE_SIZE]/TRACE_SIZE:.0f} bytes per step.",
    ]
    for name, label in (("BM_WriteTrace/50000", "write a 50,000-step trace (JSON text)"),
                        ("BM_ReadTrace/50000", "read a 50,000-step trace"),
                        ("BM_TimelineJump/100000", "jump to a random step of a 100,000-step timeline")):
        if name in micro:
            b = micro[name]
            lines.append(f"- {label}: {b['real_time']:.1f} {b['time_unit']}")
    loaded = {names: micro.get(f"BM_LoadedTimelineMemory/50000/{names}/iterations:1")
              for names in (64, 4096)}
    if all(loaded.values()):
        few, many = loaded[64], loaded[4096]
        lines.append(
            f"- a 50,000-step trace loaded as the workbench holds it (`Timeline`: the steps and "
            f"its checkpoints of the full state), heap in use: {few['bytes'] / 2**20:.0f} MiB "
            f"({few['bytes_per_step']:,.0f} bytes a step) with 64 names alive at every step, "
            f"{many['bytes'] / 2**20:.0f} MiB with 4,096: {many['bytes'] / few['bytes']:.2f}× "
            "for 64× the live tensors, because steps hold changes and a checkpoint is kept "
            "only once the changes since the last one reach the state's size.")
    on, off = overhead[("on", "cpu")], overhead[("off", "cpu")]
    on_wall, off_wall = overhead[("on", "wall")], overhead[("off", "wall")]
    hooks, hooks_wall = overhead[("hooks", "cpu")], overhead[("hooks", "wall")]
    ratio, ratio_wall = overhead[("ratio", "cpu")], overhead[("ratio", "wall")]
    hooks_ratio, hooks_ratio_wall = overhead[("hooks ratio", "cpu")], overhead[("hooks ratio", "wall")]
    verdict = "met" if ratio["median"] <= OVERHEAD_TARGET else "not met"
    lines += [
        "",
        "## Recording overhead",
        "",
        f"The {OVERHEAD_SIZE:,}-statement workload run by `memlens-bench-run` (`bench/RunScript.cpp`) "
        "with recording on, as `memlens-cli run` runs it, and with `--no-record`: a `Session` "
        "with `SessionOptions::record` off evaluates every statement and captures its output "
        "and errors, but installs no memory-reporting hook or `RecordFunction` callback, "
        "builds no `Step` state and keeps no timeline; `--hooks-only` is recording off with "
        "LibTorch's two observation hooks installed and doing nothing "
        "(`bench/IdleObservationHooks.cpp`). Per statement is (workload − "
        "one-statement script) / statements, so loading LibTorch is left out. Each of "
        f"{RUNS} rounds runs all three; the totals are the least of the rounds, "
        "per statement the median of the rounds, and on/off the median of the rounds' "
        "ratios (their range beside it). CPU time (user + system of the process) is the "
        "headline because the machine was shared; wall time beside it.",
        "",
        f"| | {OVERHEAD_SIZE:,} statements (CPU) | one statement (CPU) | per statement (CPU) "
        "| per statement (wall) |",
        "|---|---:|---:|---:|---:|",
        f"| recording off | {off['workload']:.2f} s | {off['tiny']:.2f} s | "
        f"{off['per'] * 1e6:.1f} µs | {off_wall['per'] * 1e6:.1f} µs |",
        f"| LibTorch's hooks only | {hooks['workload']:.2f} s | {hooks['tiny']:.2f} s | "
        f"{hooks['per'] * 1e6:.1f} µs | {hooks_wall['per'] * 1e6:.1f} µs |",
        f"| recording on | {on['workload']:.2f} s | {on['tiny']:.2f} s | "
        f"{on['per'] * 1e6:.1f} µs | {on_wall['per'] * 1e6:.1f} µs |",
        f"| hooks only / off | | | {hooks_ratio['median']:.2f}× ({hooks_ratio['least']:.2f}–"
        f"{hooks_ratio['most']:.2f}×) | {hooks_ratio_wall['median']:.2f}× "
        f"({hooks_ratio_wall['least']:.2f}–{hooks_ratio_wall['most']:.2f}×) |",
        f"| **on / off** | | | **{ratio['median']:.2f}×** ({ratio['least']:.2f}–"
        f"{ratio['most']:.2f}×) | {ratio_wall['median']:.2f}× ({ratio_wall['least']:.2f}–"
        f"{ratio_wall['most']:.2f}×) |",
        "",
        f"Target ≤ {OVERHEAD_TARGET:.2f}×: **{verdict}** (where the time goes: below).",
        "",
        "What a statement costs does not grow with the names it leaves alone: after each "
        "statement the memory model looks only at the names the statement bound or unbound "
        "and the tensors whose object or storage an operator received. "
        f"{ALIVE_STATEMENTS:,} in-place writes (`aI.add_(1)` on 64 names), recording on, "
        f"per statement, CPU time (least of {RUNS}) and instructions:",
        "",
        "| names alive | per statement (CPU) | instructions per statement |",
        "|---:|---:|---:|",
    ]
    lines += [f"| {count:,} | {alive[count]['cpu'] * 1e6:.1f} µs | "
              f"{alive[count]['instructions'] / 1e3:.1f}k |" for count in ALIVE_COUNTS]
    lines += [
        "",
        "## Workbench start and export",
        "",
        f"Offscreen (`QT_QPA_PLATFORM=offscreen`), least of {RUNS} runs; no target is set "
        "for either.",
        "",
        f"- Start to first frame: {start['wall']:.2f} s wall ({start['cpu']:.2f} s CPU) from "
        "launching `memlens-bench-gui-start` (`bench/GuiStartup.cpp`) to the memory map's "
        "first paint after the first lesson's run, the way `memlens` opens without a file "
        "(1600×950 window, default preferences). Of that, "
        f"{start['first_paint_ms']:.0f} ms come after `QApplication` is constructed (the run "
        f"finished at {start['run_finished_ms']:.0f} ms); the rest is the process loading "
        "LibTorch and Qt.",
        f"- `memlens export {EXPORT_LESSON} --step last --png F`: {export['wall']:.2f} s wall "
        f"({export['cpu']:.2f} s CPU), the whole process; `memlens --version` takes "
        f"{export['load_wall']:.2f} s, so running the lesson and rendering the PNG take about "
        f"{export['wall'] - export['load_wall']:.2f} s.",
        "",
        f"Load average (1 min) while measuring: {', '.join(f'{l:.1f}' for l in loads)} "
        f"on {os.cpu_count()} cores.",
    ]
    lines += ["", map_section(map_medians).rstrip()]
    for section in kept_sections(os.path.join(out_dir, "PERFORMANCE.md")):
        lines += ["", section.rstrip()]
    lines += [
        "",
        "## Method and notes",
        "",
        "- Whole-program timings come from `bench/run_benchmarks.py`; micro-benchmarks from "
        "`memlens-bench-trace` (Google Benchmark, `bench/TraceBenchmark.cpp`) and "
        "`memlens-bench-map` (`bench/MapBenchmark.cpp`); recording on and off from "
        "`memlens-bench-run`, the workbench's start from `memlens-bench-gui-start`; "
        "instructions per statement from valgrind's cachegrind on the whole process.",
        f"- The MemLens programs measured run on {allocator(cli)} as their malloc (what "
        "`memlens-cli --version` observes); Python on its own allocators.",
        "- The recording profile (callgrind instruction counts) is not measured by this script; "
        "that section is carried over from the previous PERFORMANCE.md as it is.",
        "- Per statement, MemLens evaluates the statement, calls every operator boxed through "
        "the dispatcher, records allocations and operators (a `RecordFunction` callback on "
        "every operator; the tensors the script passes are noted where it calls LibTorch), "
        "and then checks the named tensors the statement reached for changes (object, version "
        "counter, layout, and the raw bytes of tensors of up to 64 elements).",
        "",
    ]
    with open(os.path.join(out_dir, "PERFORMANCE.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()

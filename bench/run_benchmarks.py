"""Whole-program benchmarks: MemLens against Python PyTorch on the same generated workload,
plus the trace micro-benchmarks; writes docs/PERFORMANCE.md and docs/images/throughput.svg.

usage: run_benchmarks.py MEMLENS_CLI TRACE_BENCH OUTPUT_DIR
Python PyTorch is Debian's /usr/bin/python3 (the same LibTorch underneath)."""
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import workload  # noqa: E402

PYTHON = "/usr/bin/python3"
SIZES = [10000, 25000, 50000]
RUNS = 3


def best_time(command):
    best = float("inf")
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best


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
                 '- - MemLens (records every step)</text>')
    parts.append("</svg>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(parts) + "\n")


def main():
    cli, trace_bench, out_dir = sys.argv[1:4]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        def script(n):
            path = os.path.join(tmp, f"w{n}.py")
            with open(path, "w", encoding="utf-8") as f:
                f.write(workload.generate(n))
            return path
        tiny = script(1)
        trace = os.path.join(tmp, "t.json")
        python_start = best_time([PYTHON, tiny])
        memlens_start = best_time([cli, "run", tiny])
        trace_stats = {}
        totals = {"python": [], "memlens": [], "memlens_trace": []}
        for n in SIZES:
            path = script(n)
            totals["python"].append(best_time([PYTHON, path]))
            totals["memlens"].append(best_time([cli, "run", path]))
            totals["memlens_trace"].append(best_time([cli, "run", path, "--trace", trace]))
            trace_stats[n] = os.path.getsize(trace)
            peak_kb = subprocess.run(["/usr/bin/time", "-f", "%M", cli, "run", path, "--trace", trace],
                                     capture_output=True, text=True).stderr.strip().splitlines()[-1]
            rows.append({"size": n, "memlens_peak_mb": int(peak_kb) / 1024})
        # Per-statement cost is the slope of total time over workload size (least squares),
        # which removes startup and import time, however noisy, from the comparison.
        slopes = {name: slope(SIZES, values) for name, values in totals.items()}
        for i, row in enumerate(rows):
            row.update({"python_total": totals["python"][i], "memlens_total": totals["memlens"][i],
                        "memlens_trace_total": totals["memlens_trace"][i],
                        "python_rate": row["size"] / totals["python"][i],
                        "memlens_rate": row["size"] / totals["memlens_trace"][i]})
        bench = subprocess.run([trace_bench, "--benchmark_format=json"], capture_output=True,
                               text=True, check=True)
        micro = {b["name"]: b for b in json.loads(bench.stdout)["benchmarks"]}

    os.makedirs(os.path.join(out_dir, "images"), exist_ok=True)
    chart(rows, os.path.join(out_dir, "images", "throughput.svg"))
    largest = rows[-1]
    lines = [
        "# Performance",
        "",
        f"Measured by `./dev bench` on {datetime.date.today().isoformat()}: "
        f"{cpu_model()}, {os.cpu_count()} cores, Linux {platform.release()}. "
        "Python PyTorch is Debian's `python3-torch` (the same LibTorch 1.13 underneath). "
        f"Each figure is the best of {RUNS} runs of the whole program.",
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
        "Per statement (slope of total time over workload size):",
        "",
        "| | per statement | ratio to Python |",
        "|---|---:|---:|",
        f"| Python PyTorch | {per['python']:.1f} µs | 1.0× |",
        f"| MemLens, recording every step | {per['memlens']:.1f} µs | {per['memlens'] / per['python']:.1f}× |",
        f"| MemLens, recording and writing the trace | {per['memlens_trace']:.1f} µs | "
        f"{per['memlens_trace'] / per['python']:.1f}× |",
        "",
        "![throughput](images/throughput.svg)",
        "",
        "## Startup",
        "",
        f"- `memlens-cli run` of a one-statement script: {memlens_start:.2f} s (loading LibTorch dominates)",
        f"- Python running the same script (`import torch` dominates): {python_start:.2f} s",
        "",
        "## Traces",
        "",
        f"- The {largest['size']:,}-step trace: {trace_stats[largest['size']]/1e6:.1f} MB, "
        f"{trace_stats[largest['size']]/largest['size']:.0f} bytes per step.",
    ]
    for name, label in (("BM_WriteTrace/50000", "write a 50,000-step trace (JSON text)"),
                        ("BM_ReadTrace/50000", "read a 50,000-step trace"),
                        ("BM_TimelineJump/100000", "jump to a random step of a 100,000-step timeline")):
        if name in micro:
            b = micro[name]
            lines.append(f"- {label}: {b['real_time']:.1f} {b['time_unit']}")
    lines += [
        "",
        "## Method and notes",
        "",
        "- Whole-program timings come from `bench/run_benchmarks.py`; micro-benchmarks from "
        "`memlens-bench-trace` (Google Benchmark, `bench/TraceBenchmark.cpp`).",
        "- Per statement, MemLens evaluates the statement, calls every operator boxed through "
        "the dispatcher, records allocations and operators, and then checks every named tensor "
        "for changes (object, version counter, layout, and the raw bytes of tensors of up to "
        "64 elements). That last check is linear in the number of names, which is what the "
        "ratio above mostly pays for.",
        "",
    ]
    with open(os.path.join(out_dir, "PERFORMANCE.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()

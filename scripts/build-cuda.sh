#!/usr/bin/env bash
# Builds the engine, memlens-cli and the engine tests against the LibTorch of an
# installed PyTorch (a pip CUDA build on a GPU server), without Qt and without the
# network, then runs what needs a GPU: the CUDA engine tests, the CUDA lesson and
# the CUDA differential scripts against that same PyTorch. Prints a summary of
# what passed and writes everything to OUT/build-cuda.log.
#
# usage: scripts/build-cuda.sh [--python PYTHON] [--out DIR] [--build DIR] [--quick]
#   --python  the Python whose torch to build against and compare with (default: python3)
#   --out     where the log, summary and traces go (default: build/cuda-check)
#   --build   the CMake build directory (default: build/cuda)
#   --quick   skip the informative whole-corpus comparison
# Exit status: 0 when every required check passed, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD

python=python3
out=build/cuda-check
build=build/cuda
quick=0
while (($#)); do
  case $1 in
    --python) python=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    --quick) quick=1; shift ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
mkdir -p "$out"
out=$(cd "$out" && pwd)
log=$out/build-cuda.log
summary=$out/summary.txt
: >"$log"
: >"$summary"
started=$SECONDS
failed=0

say() { printf '%s\n' "$*" | tee -a "$log"; }
# One line per check: PASS / FAIL / SKIP / INFO, collected for the summary.
result() {
  local status=$1
  shift
  printf '%-5s %s\n' "$status" "$*" | tee -a "$summary" "$log"
  [[ $status == FAIL ]] && failed=1
  return 0
}
# Runs a command with its output in the log only.
logged() { "$@" >>"$log" 2>&1; }
finish() {
  say ""
  say "==> summary ($((SECONDS - started)) s; log: $log)"
  cat "$summary"
  if ((failed)); then say "RESULT: FAILED"; else say "RESULT: all required checks passed"; fi
  exit "$failed"
}

say "==> MemLens CUDA check, $(date -u '+%Y-%m-%d %H:%M UTC') on $(hostname)"
# --- what is installed ----------------------------------------------------------
for tool in cmake ninja c++; do
  if ! command -v "$tool" >/dev/null; then
    result FAIL "prerequisite: $tool not found"
    finish
  fi
done
say "cmake: $(cmake --version | head -1); ninja $(ninja --version); $(c++ --version | head -1)"
if ! torch_info=$("$python" -c '
import os, torch
print(torch.__version__)
print(torch.version.cuda or "none")
print(torch.cuda.is_available())
print(torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no GPU")
print(torch._C._GLIBCXX_USE_CXX11_ABI)
print(os.path.join(torch.utils.cmake_prefix_path, "Torch"))
' 2>>"$log"); then
  result FAIL "prerequisite: '$python' cannot import torch (pass --python)"
  finish
fi
mapfile -t info <<<"$torch_info"
torch_version=${info[0]} cuda_version=${info[1]} gpu=${info[2]} gpu_name=${info[3]}
cxx11_abi=${info[4]} torch_dir=${info[5]}
say "PyTorch $torch_version (CUDA $cuda_version, GPU available: $gpu: $gpu_name, cxx11 ABI: $cxx11_abi)"
result INFO "PyTorch $torch_version, CUDA $cuda_version, GPU: $gpu_name"
torch_args=()
if [[ -f $torch_dir/TorchConfig.cmake ]]; then
  torch_args=(-DTorch_DIR="$torch_dir")
else
  say "no TorchConfig.cmake under $torch_dir: CMake searches its default paths"
fi

# --- configure: no Qt, no benchmarks, nothing fetched ----------------------------
configure() {
  logged cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DMEMLENS_BUILD_GUI=OFF -DMEMLENS_BUILD_BENCH=OFF -DMEMLENS_BUILD_TESTS="$1" \
    -DMEMLENS_REFERENCE_PYTHON="$(command -v "$python")" -DFETCHCONTENT_FULLY_DISCONNECTED=ON \
    "${torch_args[@]}"
}
say "==> configuring $build"
tests_built=ON
if ! configure ON; then
  if grep -q "GoogleTest not found" "$log"; then
    tests_built=OFF
    result FAIL "GoogleTest missing: engine tests not built (install libgtest-dev or googletest; see the log)"
    rm -rf "$build"
    configure OFF || { result FAIL "configure failed (see the log)"; finish; }
  else
    grep -E "CMake Error|not found" "$log" | head -5 | sed 's/^/      /' | tee -a "$summary"
    result FAIL "configure failed (see the log)"
    finish
  fi
fi
grep -E "^-- MemLens:" "$log" | sed 's/^-- /      /' | tee -a "$summary"
if ! grep -q "CUDA allocator support: ON" "$log" && [[ $cuda_version != none ]]; then
  result FAIL "this LibTorch has CUDA but CMake found no c10_cuda target: no segments"
fi

# --- build ----------------------------------------------------------------------
targets=(memlens-cli)
[[ $tests_built == ON ]] && targets+=(memlens_engine_tests)
say "==> building ${targets[*]} ($(nproc) jobs)"
build_start=$SECONDS
if logged cmake --build "$build" --target "${targets[@]}" -- -j"$(nproc)"; then
  result PASS "build: ${targets[*]} in $((SECONDS - build_start)) s"
else
  grep -E "error" "$log" | head -10 | sed 's/^/      /' | tee -a "$summary"
  result FAIL "build failed (first errors above; all in the log)"
  finish
fi
cli=$build/app/cli/memlens-cli

# --- the CUDA engine tests --------------------------------------------------------
if [[ $tests_built == ON ]]; then
  engine_tests=$build/tests/engine/memlens_engine_tests
  say "==> CUDA engine tests"
  cuda_log=$out/cuda-tests.txt
  "$engine_tests" --gtest_filter='Cuda*' >"$cuda_log" 2>&1
  status=$?
  cat "$cuda_log" >>"$log"
  ran=$(grep -c '^\[       OK \]' "$cuda_log")
  skipped=$(grep -c '^\[  SKIPPED \] .*(' "$cuda_log")
  failures=$(grep -c '^\[  FAILED  \] .*(' "$cuda_log")
  if ((status != 0)); then
    result FAIL "CUDA engine tests: $failures failed, $ran passed, $skipped skipped ($cuda_log)"
  elif [[ $gpu == True ]] && grep -q "SKIPPED.*CudaSession" "$cuda_log"; then
    result FAIL "CUDA engine tests skipped although PyTorch sees a GPU ($cuda_log)"
  else
    result PASS "CUDA engine tests: $ran passed, $skipped skipped"
  fi
  # The whole engine suite on this LibTorch: informative, since a LibTorch
  # other than Debian's 1.13 may print or name things differently.
  "$engine_tests" >"$out/engine-tests.txt" 2>&1
  result INFO "engine suite on LibTorch $torch_version: $(grep -E '^\[  (PASSED|FAILED)  \] [0-9]+ test' \
    "$out/engine-tests.txt" | tr '\n' ' ')($out/engine-tests.txt)"
fi

# --- the CUDA lesson and scripts against Python PyTorch ---------------------------
# compare.py runs each script in memlens-cli and in this Python; a directory whose
# scripts all need a GPU it lacks exits 77.
compare() {
  local name=$1 dir=$2 report=$out/$1.txt
  say "==> $name"
  "$python" "$root/tests/differential/compare.py" "$cli" "$dir" >"$report" 2>&1
  local status=$?
  cat "$report" >>"$log"
  local last
  last=$(tail -1 "$report")
  case $status in
    0) result PASS "$name: $last" ;;
    77) if [[ $gpu == True ]]; then result FAIL "$name: skipped with a GPU present"; else
      result SKIP "$name: no GPU"; fi ;;
    *) result FAIL "$name: $last ($report)"
      grep -E "^(FAILED|    )" "$report" | head -8 | sed 's/^/      /' | tee -a "$summary" ;;
  esac
}
lesson_dir=$out/lesson
rm -rf "$lesson_dir" && mkdir -p "$lesson_dir"
cp "$root/resources/lessons/10-cuda-caching-allocator.py" "$lesson_dir/"
compare "lesson-10-cuda" "$lesson_dir"
compare "differential-cuda" "$root/tests/differential/cuda"

# The lesson's trace must show the segment and the recycled address.
if [[ $gpu == True ]]; then
  trace=$out/lesson-10.json
  if "$cli" run "$lesson_dir/10-cuda-caching-allocator.py" --trace "$trace" >>"$log" 2>&1 &&
    "$python" - "$trace" >>"$log" 2>&1 <<'EOF'; then
import json, sys
steps = json.load(open(sys.argv[1]))["steps"]
segments = [s for step in steps for s in step.get("segments", []) if s["device"] == "cuda:0"]
assert segments and segments[0]["segments"], "no reserved segment recorded for cuda:0"
last = steps[-1]
recycled = [s for s in last["storages"] if s["device"] == "cuda:0" and s["recycled_address"]]
assert recycled, "b is not marked as a recycled address"
assert "in-place" not in last["kind"], last["kind"]
reserved = [t["reserved_bytes"] for t in last["totals"] if t["device"] == "cuda:0"]
assert reserved and reserved[0] > 0, last["totals"]
print("lesson 10 trace: segments", segments[-1]["segments"], "totals", last["totals"])
EOF
    result PASS "lesson 10 trace: reserved segment, recycled address, not in-place ($trace)"
  else
    result FAIL "lesson 10 trace check (see the log)"
  fi
fi

# --- informative: the whole script corpus on this LibTorch ------------------------
if ((!quick)); then
  say "==> whole differential corpus (informative, at most 150 s)"
  timeout 150 "$python" "$root/tests/differential/compare.py" "$cli" \
    "$root/tests/differential/scripts" >"$out/differential-all.txt" 2>&1
  result INFO "whole corpus on LibTorch $torch_version: $(tail -1 "$out/differential-all.txt") (differential-all.txt)"
fi
finish

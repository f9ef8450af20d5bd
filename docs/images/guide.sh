#!/bin/sh
# Regenerates the screenshots of docs/USER_GUIDE.md from the built-in lessons.
# usage: docs/images/guide.sh [path/to/memlens]   (default: build/dev/app/gui/memlens)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
memlens=$(realpath "${1:-$root/build/dev/app/gui/memlens}")
lessons=$root/resources/lessons
cd "$root/docs/images"

shot() {  # shot NAME LESSON STEP [export options...]
  name=$1 lesson=$2 step=$3
  shift 3
  "$memlens" export "$lessons/$lesson.py" --step "$step" --scale 2 --png "guide-$name.png" "$@"
}
shot inplace 01-inplace-vs-normal-addition 6
shot new 01-inplace-vs-normal-addition 9
shot view 03-views-and-strides 8 --select d
shot dark 03-views-and-strides 10 --theme dark
shot copy 04-view-reshape-contiguous 10
shot free 05-augmented-assignment 9
shot index-write 06-indexing-reads-and-writes 10
shot out-resized 07-out-and-resizing 8
shot autograd 09-autograd-and-in-place 5

# The HTML report of the first lesson, as a browser shows it.
report=$(mktemp -d)
trap 'rm -rf "$report"' EXIT
"$memlens" export "$lessons/01-inplace-vs-normal-addition.py" --html "$report/report.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$report/profile" --screenshot="$PWD/guide-report.png" \
  --window-size=1280,1400 "file://$report/report.html" 2>/dev/null

# The workbench and Classroom mode, as the workbench tests leave them on a 1080p
# offscreen screen.
build=$(dirname "$(dirname "$(dirname "$memlens")")")
QT_QPA_PLATFORM="offscreen:configfile=$root/tests/ui/workbench/screen-1080p.json" \
  "$build/tests/ui/workbench/memlens_workbench_tests" --gtest_filter='WorkbenchScreenshot.*'
cp "$build/tests/ui/workbench/workbench.png" "$build/tests/ui/workbench/classroom.png" .

#!/bin/sh
# Regenerates the memory-map screenshots of docs/MEMORY_MAP.md.
# usage: docs/images/screenshots.sh path/to/memlens   (run from anywhere)
set -eu
memlens=$1
cd "$(dirname "$0")"
for theme in light dark; do
  for step in 2 3 4 5; do
    "$memlens" export tutorial.py --step "$step" --theme "$theme" --scale 2 \
      --png "tutorial-step$step-$theme.png"
  done
done
"$memlens" export tutorial.py --step 4 --motion 0.55 --scale 2 --png motion-inplace.png
"$memlens" export tutorial.py --step 5 --motion 0.7 --scale 2 --png motion-new.png
"$memlens" export views.py --step 3 --select b --scale 2 --png view-selected.png
"$memlens" export views.py --step 4 --motion 0.35 --scale 2 --png motion-copy.png
"$memlens" export views.py --step 6 --motion 0.3 --scale 2 --png motion-free.png
"$memlens" export autograd.py --scale 2 --png autograd.png
"$memlens" export recycled_trace.json --scale 2 --png recycled.png
"$memlens" export tutorial.py --step 4 --svg tutorial-step4.svg

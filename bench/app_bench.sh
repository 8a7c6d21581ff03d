#!/usr/bin/env bash
# Tablet app figures on the 100,000-children database (made by store_bench when
# missing): cold start to first frame (best of 3), CPU per frame on the
# children list and a child's profile, resident memory. Runs under Xvfb.
# Usage: bench/app_bench.sh [DB]   (after ./dev build)
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-build/bench-store.db}
[ -f "$db" ] || build/bin/store_bench --db "$db" > /dev/null
copy=$(mktemp -d)/tumbuh.db
trap 'rm -rf "$(dirname "$copy")"' EXIT
cp "$db" "$copy"
run() { xvfb-run -a -s "-screen 0 1280x800x24" build/bin/tumbuh --db "$copy" "$@"; }
for i in 1 2 3; do
  (timeout 3 xvfb-run -a -s "-screen 0 1280x800x24" build/bin/tumbuh --db "$copy" 2>&1 || true) |
    grep -o "first frame after [0-9]* ms"
done | sort -t' ' -k4 -n | head -1 | sed 's/^/cold start: /'
run --profile 600

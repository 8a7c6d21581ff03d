#!/usr/bin/env bash
# End-to-end figure for `tumbuh-cli zscore`: 1,000,000 children (all columns
# WHO Anthro reads, 2% empty cells, 1% oedema), best of 3 runs.
# Usage: bench/zscore_cli_bench.sh [ROWS]   (after ./dev build)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

awk -v n="$rows" 'BEGIN {
  srand(20261124)
  print "id,sex,age_days,weight_kg,lenhei_cm,measure,headc_cm,muac_cm,triskin_mm,subskin_mm,oedema"
  for (i = 1; i <= n; i++) {
    age = rand() * 1900; mo = age / 30.4375
    w = sprintf("%.2f", (3.3 + mo * 0.22) * (0.7 + 0.6 * rand()))
    l = sprintf("%.1f", (50 + mo * 1.05) * (0.85 + 0.3 * rand()))
    if (rand() < 0.02) w = ""
    if (rand() < 0.02) l = ""
    printf "C%d,%d,%.2f,%s,%s,%s,%.1f,%.1f,%.1f,%.1f,%s\n", i, 1 + int(rand() * 2), age, w, l,
      (mo < 24 ? "l" : "h"), 35 + mo * 0.25, 12 + 4 * rand(), 6 + 6 * rand(), 5 + 5 * rand(),
      (rand() < 0.01 ? "y" : "n")
  }
}' > "$dir/in.csv"

best=""
for run in 1 2 3; do
  rm -f "$dir/out.csv"  # a new file each time: replacing one adds the old one's deletion
  start=$(date +%s.%N)
  build/bin/tumbuh-cli zscore "$dir/in.csv" -o "$dir/out.csv"
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc -l)
  if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
done
out_rows=$(($(wc -l < "$dir/out.csv") - 1))
[ "$out_rows" -eq "$rows" ] || { echo "expected $rows rows, got $out_rows" >&2; exit 1; }
start=$(date +%s.%N)
build/bin/tumbuh-cli zscore "$dir/in.csv" -o - > /dev/null
end=$(date +%s.%N)
pipe=$(echo "$end - $start" | bc -l)
printf 'to a pipe (checks all rows before writing): %.3f s\n' "$pipe"
printf 'tumbuh-cli zscore: %d rows in %.3f s = %.0f rows/s (%.0fx the anthro R package at 35,000 rows/s)\n' \
  "$rows" "$best" "$(echo "$rows / $best" | bc -l)" "$(echo "$rows / $best / 35000" | bc -l)"

#!/usr/bin/env bash
# Cross-checks tumbuh-cli zscore against the anthro formulas in R on random
# children (tails, missing cells, oedema, both postures).
# Usage: tools/anthro_check/run.sh [ROWS] [SEED]   (after ./dev build; needs r-base-core)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
rows=${1:-100000}
seed=${2:-123}
tables=${TUMBUH_GROWTH_TABLES_DIR:-$root/../shared/who-growth-standards}
command -v Rscript >/dev/null || { echo "needs R: apt-get install r-base-core" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
awk -v rows="$rows" -v seed="$seed" -f "$here/random_children.awk" > "$dir/in.csv"
"$root/build/bin/tumbuh-cli" zscore "$dir/in.csv" -o "$dir/out.csv"
Rscript "$here/check.R" "$tables" "$dir/in.csv" "$dir/out.csv"

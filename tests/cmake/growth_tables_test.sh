#!/usr/bin/env bash
# The configure step refuses a missing or malformed WHO table, naming the file,
# the line and what is wrong; a good set of tables configures.
# Usage: growth_tables_test.sh SOURCE_DIR TABLES_DIR
set -u
src=$1
tables=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
passed=0

# expect NAME PATTERN: configure with $work/NAME as the tables folder; PATTERN
# is the message expected (empty = must succeed).
expect() {
  local name=$1 pattern=$2 out
  out=$(cmake -S "$src/tests/cmake/probe" -B "$work/build-$name" -DTUMBUH_SOURCE_DIR="$src" \
        -DTUMBUH_GROWTH_TABLES_DIR="$work/$name" 2>&1)
  local rc=$?
  if [ -z "$pattern" ]; then
    if [ $rc -eq 0 ] && grep -q "kWeightForHeight{650, 1200" "$work/build-$name/growth_tables.cpp"; then
      passed=$((passed + 1)); return
    fi
  elif [ $rc -ne 0 ] && grep -qF -- "$pattern" <<<"$out"; then
    passed=$((passed + 1)); return
  fi
  echo "FAILED: $name (exit $rc), expected '${pattern:-success}', got:"; echo "$out" | head -20
  failures=$((failures + 1))
}

fresh() { rm -rf "${work:?}/$1"; cp -r "$tables" "$work/$1"; }

fresh good;          expect good ""
fresh missing;       rm "$work/missing/weianthro.txt"
expect missing "WHO growth table weianthro.txt is missing"
fresh header;        sed -i '1s/loh/xyz/' "$work/header/lenanthro.txt"
expect header "lenanthro.txt, line 1: the header is"
fresh number;        sed -i '10s/\t[0-9.]*\t/\tabc\t/' "$work/number/hcanthro.txt"
expect number "hcanthro.txt, line 10:"
fresh gap;           sed -i '100d' "$work/gap/acanthro.txt"
expect gap "acanthro.txt, line 100: key"
fresh zero_l;        sed -i '5s/^\(1\t[0-9]*\t\)[-0-9.]*/\10/' "$work/zero_l/weianthro.txt"
expect zero_l "weianthro.txt, line 5: L is zero"
fresh negative_s;    sed -i '7s/\t\([0-9.]*\)\r$/\t-\1\r/' "$work/negative_s/tsanthro.txt"
expect negative_s "tsanthro.txt, line 7: M and S must be positive"
fresh columns;       sed -i '3s/\tH\r$/\r/' "$work/columns/wfhanthro.txt"
expect columns "wfhanthro.txt, line 3: 5 columns, expected 6"

echo "$passed passed, $failures failed"
[ $failures -eq 0 ]

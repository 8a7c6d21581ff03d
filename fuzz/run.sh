#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/CMakeLists.txt) in build-fuzz/ with clang
# and runs each for a bounded time from its seeds in fuzz/corpus/<target>/,
# after replaying the inputs under fuzz/regressions/<target>/. Exits non-zero
# on a crash, a leak, a sanitizer report or a failed check; the input that
# did it is kept in a temporary folder whose path is printed. `./dev test`
# runs this.
#   fuzz/run.sh [TARGET...]   (default: every target)
# Environment: FUZZ_SECONDS (per target, default 12), JOBS (build, default 2),
#   CC/CXX (default clang-19/clang++-19), BUILD_DIR (default build-fuzz).
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${FUZZ_SECONDS:-12}
JOBS=${JOBS:-2}
BUILD_DIR=${BUILD_DIR:-build-fuzz}
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(enrol_request push_request pull_response zscore_csv keypad)

echo "==> building the fuzz targets in $BUILD_DIR (clang)"
CC=${CC:-clang-19} CXX=${CXX:-clang++-19} cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTUMBUH_BUILD_FUZZ=ON -DTUMBUH_BUILD_APP=OFF -DTUMBUH_BUILD_TESTS=OFF \
  -DTUMBUH_BUILD_BENCH=OFF >/dev/null
cmake --build "$BUILD_DIR" -j"$JOBS" --target fuzz

work=$(mktemp -d "${TMPDIR:-/tmp}/tumbuh-fuzz.XXXXXX")
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:abort_on_error=1:suppressions=$PWD/fuzz/ubsan.supp}
# Reports with file and line: llvm-symbolizer comes with llvm-19, not clang-19.
for s in llvm-symbolizer-19 llvm-symbolizer llvm-symbolizer-14; do
  if command -v "$s" >/dev/null; then
    export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(command -v "$s")}
    break
  fi
done
failed=()
for target in "${TARGETS[@]}"; do
  bin="$BUILD_DIR/bin/fuzz_$target"
  [ -x "$bin" ] || { echo "==> fuzz_$target: not built"; failed+=("$target"); continue; }
  mkdir -p "$work/$target/corpus" "$work/$target/artifacts"
  log="$work/$target/log"
  ok=1
  # Inputs that once failed: each runs once and must pass now.
  if compgen -G "fuzz/regressions/$target/*" >/dev/null; then
    "$bin" -artifact_prefix="$work/$target/artifacts/" fuzz/regressions/"$target"/* \
      >"$log.regressions" 2>&1 || ok=0
  fi
  # New inputs go to the temporary corpus (first folder), the seeds are only read.
  if [ $ok -eq 1 ]; then
    "$bin" -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
      -artifact_prefix="$work/$target/artifacts/" "$work/$target/corpus" "fuzz/corpus/$target" \
      >"$log" 2>&1 || ok=0
  fi
  if [ $ok -eq 1 ]; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    echo "==> fuzz_$target: ${SECONDS_EACH} s, ${runs:-?} runs, $cov, nothing found"
  else
    failed+=("$target")
    echo "==> fuzz_$target FAILED: log and input in $work/$target"
    tail -n 40 "$log.regressions" "$log" 2>/dev/null | grep -v '^#[0-9]' || true
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "==> fuzzing failed: ${failed[*]} (kept $work)"
  exit 1
fi
rm -rf "$work"

#!/usr/bin/env bash
# Many tablets at once (issue 13), on both server stores: N tablets (each a
# real client store, its own kader and village, ~140 changes) sync at the same
# moment against one loopback tumbuh-server, then at random intervals for S
# seconds; latency percentiles, failures, server CPU and peak RSS, and the
# check that the server holds exactly the union of the tablets' changes.
#   bench/load.sh [TABLETS=200] [SECONDS=20]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/bin}
TABLETS=${1:-200}
SECONDS_=${2:-20}
status=0
echo "==> SQLite store"
"$BIN/load_bench" --tablets "$TABLETS" --seconds "$SECONDS_" || status=1
echo "==> PostgreSQL store"
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  "$BIN/load_bench" --tablets "$TABLETS" --seconds "$SECONDS_" --postgres || status=1
else
  echo "PostgreSQL is not installed: skipped"
fi
exit $status

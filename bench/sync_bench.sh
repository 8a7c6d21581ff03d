#!/usr/bin/env bash
# Sync figures for the README, on both server stores (SQLite, PostgreSQL):
# push a tablet of ~100,000 changes to a loopback tumbuh-server (and, in the
# same run, insert the same rows straight into SQLite in one transaction), pull
# ~1,000,000 records into a fresh supervisor tablet, and the gzip bytes per
# measurement on the wire. The SQLite push and the straight insert run three
# times each (fresh files): the VM's speed varies from one second to the next.
#   bench/sync_bench.sh [PUSH_CHILDREN=8000] [PULL_CHILDREN=80000]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-build/bin}
PUSH_CHILDREN=${1:-8000}
PULL_CHILDREN=${2:-80000}
PASSWORD=bench-password
work=$(mktemp -d /tmp/tumbuh-sync-bench-XXXXXX)
server_pid=""
pg_bin="" pg_dir=""
as=""
[ "$(id -u)" -eq 0 ] && as="runuser -u nobody --"

cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  if [ -n "$pg_dir" ]; then $as "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$work" ${pg_dir:+"$pg_dir"}
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }

start_server() {  # start_server DB
  port=$(free_port)
  "$BIN/tumbuh-server" --db "$1" --host 127.0.0.1 --port "$port" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 200); do
    curl -sf "http://127.0.0.1:$port/v1/health" >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  echo "tumbuh-server did not start" >&2
  exit 1
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

sync_tablet() {  # sync_tablet DB USER -> the CLI's report line
  echo "$PASSWORD" | "$BIN/tumbuh-cli" enrol --db "$1" --server "http://127.0.0.1:$port" \
    --user "$2" --password-stdin >/dev/null
  "$BIN/tumbuh-cli" sync --db "$1" | grep -o 'pushed.*'
}

echo "==> seeding: a tablet with ~100,000 changes, one with ~1,000,000"
"$BIN/tumbuh-cli" seed --db "$work/push.db" --children "$PUSH_CHILDREN" --months 12 2>/dev/null | grep -o "seeded.*" || true
"$BIN/tumbuh-cli" seed --db "$work/pull.db" --children "$PULL_CHILDREN" --months 12 2>/dev/null | grep -o "seeded.*" || true
sync  # the seeds' writeback would otherwise still be going on during the pushes

push_once() {  # push_once NAME DB: a copy of the seeded tablet into the server at DB
  local name=$1 db=$2
  echo "$PASSWORD" | "$BIN/tumbuh-server" --db "$db" user add bench --role supervisor --area 3322 --password-stdin >/dev/null
  start_server "$db"
  cp "$work/push.db" "$work/push-$name.db"
  local changes
  changes=$(sqlite3 "$work/push-$name.db" 'SELECT count(*) FROM outbox')
  local line
  line=$(sync_tablet "$work/push-$name.db" bench)
  local push_s
  push_s=$(echo "$line" | sed -E 's/^pushed [0-9]+ in ([0-9.]+) s.*/\1/')
  printf '%-10s push  %7d changes in %6.2f s = %8.0f changes/s   (%s)\n' "$name" "$changes" "$push_s" \
    "$(echo "$changes / $push_s" | bc -l)" "$line"
}

run_store() {  # run_store NAME DB [PUSHES]: PUSHES-1 pushes into fresh files first (SQLite)
  local name=$1 db=$2 pushes=${3:-1}
  for k in $(seq 2 "$pushes"); do
    push_once "$name" "$work/server-try$k.db"
    stop_server
    rm -f "$work/server-try$k.db"*
  done
  push_once "$name" "$db"

  cp "$work/pull.db" "$work/pull-$name.db"
  line=$(sync_tablet "$work/pull-$name.db" bench)
  echo "$name  loading the 1,000,000-record server: $line"
  rm -f "$work/fresh-$name.db"
  line=$(sync_tablet "$work/fresh-$name.db" bench)
  local pulled pull_s
  pulled=$(echo "$line" | sed -E 's/.*pulled ([0-9]+) in.*/\1/')
  pull_s=$(echo "$line" | sed -E 's/.*pulled [0-9]+ in ([0-9.]+) s.*/\1/')
  printf '%-10s pull  %7d records into a fresh supervisor tablet in %6.2f s (%.0f records/s)\n' \
    "$name" "$pulled" "$pull_s" "$(echo "$pulled / $pull_s" | bc -l)"
  stop_server
}

echo "==> SQLite store"
run_store sqlite "$work/server.db" 3  # the VM is noisy: three pushes, three inserts

# The same rows straight into SQLite in one transaction (same run, same disk).
rows=$(sqlite3 "$work/push.db" 'SELECT count(*) FROM outbox')
for k in 1 2 3; do
  rm -f "$work/direct.db"*
  sqlite3 "$work/direct.db" "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
    CREATE TABLE changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, change_id TEXT NOT NULL UNIQUE,
    area TEXT NOT NULL, body TEXT NOT NULL);" >/dev/null
  t0=$(now)
  sqlite3 "$work/direct.db" "ATTACH '$work/server.db' AS src; BEGIN;
    INSERT INTO changes(change_id, area, body) SELECT change_id, area, body FROM src.changes ORDER BY seq LIMIT $rows;
    COMMIT;"
  t1=$(now)
  printf '%-10s direct %6d rows into SQLite in one transaction in %6.2f s = %8.0f rows/s\n' "sqlite" "$rows" \
    "$(echo "$t1 - $t0" | bc -l)" "$(echo "$rows / ($t1 - $t0)" | bc -l)"
done

# Bytes on the wire per measurement: 2,000 measurement changes as a push body
# carries them (gzip level 1, what the tablet sends) and as a pull answer
# does (level 6, cpp-httplib's on the server).
sqlite3 "$work/server.db" "SELECT body FROM changes WHERE body LIKE '%\"entity\":\"measurement\"%' LIMIT 2000" >"$work/m.json"
measurements=$(wc -l <"$work/m.json")
[ "$measurements" -eq 2000 ] || { echo "expected 2000 measurement changes, found $measurements" >&2; exit 1; }
printf 'wire       %.1f bytes per measurement pushed (gzip -1), %.1f pulled (gzip -6), %.1f as plain JSON\n' \
  "$(echo "$(gzip -1 -c "$work/m.json" | wc -c) / 2000" | bc -l)" \
  "$(echo "$(gzip -6 -c "$work/m.json" | wc -c) / 2000" | bc -l)" "$(echo "$(wc -c <"$work/m.json") / 2000" | bc -l)"

echo "==> PostgreSQL store"
for v in 17 16 15 14 13; do [ -x "/usr/lib/postgresql/$v/bin/initdb" ] && pg_bin=/usr/lib/postgresql/$v/bin && break; done
if [ -z "$pg_bin" ]; then
  echo "PostgreSQL is not installed: skipped"
  exit 0
fi
pg_dir=$(mktemp -d /tmp/tumbuh-pg-bench-XXXXXX)
[ -n "$as" ] && chown nobody "$pg_dir"
pg_port=$(free_port)
$as "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U tumbuh >/dev/null
$as "$pg_bin/pg_ctl" -D "$pg_dir/data" -w -o "-k $pg_dir -p $pg_port -c listen_addresses=127.0.0.1" \
  -l "$pg_dir/log" start >/dev/null
run_store postgres "postgresql://tumbuh@127.0.0.1:$pg_port/postgres"

#!/usr/bin/env bash
# The embedded database's disk running full, on a real small filesystem (a tmpfs: needs root to mount).
#
#   sudo bash scripts/disk-full.sh          # PORT (default 3150) and MNT (default /tmp/clearinghouse-disk-full)
#
# 1. starts the server with DATA_DIR on a 160 MB tmpfs, with one table imported, and saves 3 queries (acknowledged
#    writes); 2. fills the disk: a write answers 507 naming the folder and its free space, reads and /healthz go on;
# 3. with no reserve (DISK_RESERVE_MB=0) and nothing free, a write is still refused before PostgreSQL tries it (its
#    log failing made PGlite spin at 100% CPU on every later query; that path is test/pglite-dialect.test.ts's);
# 4. a start on the full disk says why it will not start; 5. with the space freed, the server starts and the 3
#    saved queries are all there.
set -uo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-3150}
MNT=${MNT:-/tmp/clearinghouse-disk-full}
BASE="http://127.0.0.1:$PORT"
SERVER=""

cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
  umount "$MNT" 2>/dev/null
  rmdir "$MNT" 2>/dev/null
}
trap cleanup EXIT

start() { # start [ENV=VALUE…]: the server in the background; waits until it answers or exits
  env DATA_DIR="$MNT/data" SEED=none LINK_CHECK=off PORT="$PORT" "$@" node --import tsx apps/server/src/main.ts \
    >"$MNT.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 120); do
    curl -fs "$BASE/healthz" >/dev/null && return 0
    kill -0 "$SERVER" 2>/dev/null || { wait "$SERVER"; echo "server exited ($?): $(grep -v '^\s*at ' "$MNT.log" | tail -3)"; SERVER=""; return 1; }
    sleep 0.5
  done
  echo "server did not answer within 60 s"; return 1
}
stop() { [ -n "$SERVER" ] && kill "$SERVER" && wait "$SERVER" 2>/dev/null; SERVER=""; }
answer() { # answer METHOD PATH [BODY]: "status body" on one line
  curl -s -m 20 -o /tmp/disk-full-body -w '%{http_code}' -X "$1" -H 'content-type: application/json' \
    ${3:+--data "$3"} "$BASE$2"; echo " $(head -c 400 /tmp/disk-full-body)"
}
free_mb() { df -m --output=avail "$MNT" | tail -1 | tr -d ' '; }
QUERY='{"tableId":"T3","language":"en","selection":{"selection":[]}}'

mkdir -p "$MNT" && mount -t tmpfs -o size=160m tmpfs "$MNT" || { echo "cannot mount a tmpfs at $MNT (root needed)"; exit 1; }
DATA_DIR="$MNT/data" npx clearinghouse import packages/px/test/fixtures/t3-ru-utf-8.px --into demo >/dev/null

echo "== 1. the server on a 160 MB disk, $(free_mb) MB free"
start || exit 1
IDS=()
for i in 1 2 3; do
  reply=$(answer POST /api/v2/savedqueries "$QUERY")
  IDS+=("$(echo "$reply" | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')")
  echo "save $i: ${reply:0:3} id ${IDS[-1]}"
done

echo "== 2. the disk filled to $(( $(free_mb) - 40 > 0 ? 40 : 0 )) MB free (under the 64 MB reserve)"
fallocate -l "$(( ($(free_mb) - 40) * 1024 * 1024 ))" "$MNT/filler"
echo "free: $(free_mb) MB"
echo "write:   $(answer POST /api/v2/savedqueries "$QUERY")"
echo "read:    $(answer GET "/api/v2/tables/T3/data?lang=en" | cut -c1-60)"
echo "healthz: $(answer GET /healthz)"
stop

echo "== 3. no reserve (DISK_RESERVE_MB=0), the disk filled to 0"
start DISK_RESERVE_MB=0 || exit 1
fallocate -l "$(( $(free_mb) * 1024 * 1024 ))" "$MNT/filler2" 2>/dev/null
head -c 100000000 /dev/zero >>"$MNT/filler2" 2>/dev/null
echo "free: $(free_mb) MB"
for i in 1 2 3 4 5 6; do
  echo "write $i: $(answer POST /api/v2/savedqueries "$QUERY" | cut -c1-300)"
done
echo "read:    $(answer GET "/api/v2/tables/T3/data?lang=en" | cut -c1-300)"
echo "healthz: $(answer GET /healthz)"
echo "readyz:  $(answer GET /readyz | cut -c1-300)"
echo "CPU of the server: $(ps -o %cpu= -p "$SERVER")%"
stop
rm -f "$MNT/filler2"

echo "== 4. a start with $(free_mb) MB free"
start

echo "== 5. the filler removed: $(( $(rm -f "$MNT/filler"; free_mb) )) MB free"
start || exit 1
for id in "${IDS[@]}"; do echo "saved query $id: $(answer GET "/api/v2/savedqueries/$id" | cut -c1-3)"; done
echo "write:   $(answer POST /api/v2/savedqueries "$QUERY" | cut -c1-3)"

#!/usr/bin/env bash
# cpu_per_request.sh - server CPU time per request, the steadier figure on a
# shared machine: serves a fresh copy of bench/out/bench-100k.db (made by
# bench/run.sh), drives it with wrk for BENCH_DURATION (10s) after a 3 s
# warm-up, and divides the server process's user+system time over the run
# by the requests answered. Not a test.
#
#   bench/cpu_per_request.sh SPIRE_BIN [w1|w3]
#
# Prints one line: binary, workload, requests, µs of server CPU per request,
# and any non-2xx answers or socket errors wrk saw. Run two binaries
# alternately, several times, to compare them.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ] || [ ! -x "$1" ]; then
	echo "usage: bench/cpu_per_request.sh SPIRE_BIN [w1|w3]" >&2
	exit 2
fi
SPIRE=$(realpath "$1")
WORKLOAD=${2:-w1}
PORT=${BENCH_PORT:-18191}
DURATION=${BENCH_DURATION:-10s}
DB=bench/out/bench-100k.db
WORK=bench/out/cpu-100k.db
[ -f "$DB" ] || { echo "bench: run bench/run.sh first to make $DB" >&2; exit 1; }
rm -f "$WORK" "$WORK-wal" "$WORK-shm" "$WORK.audit-key" "$WORK.access" "$WORK.access-wal" "$WORK.access-shm"
cp "$DB" "$WORK"
[ -f "$DB.access" ] && cp "$DB.access" "$WORK.access"
[ -f "$DB.audit-key" ] && cp "$DB.audit-key" "$WORK.audit-key"
SPIRE_PER_IP_CONNECTION_LIMIT=0 "$SPIRE" serve --db "$WORK" --listen "127.0.0.1:$PORT" \
	--web web --threads 16 >bench/out/cpu-serve.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 500); do
	curl -s -o /dev/null "http://127.0.0.1:$PORT/index.html" && break
	sleep 0.01
done
PASSWORD=$(sed -n "s/^PASSWORD='\(.*\)'$/\1/p" bench/run.sh)
token=$(curl -s -X POST -H 'Content-Type: application/json' \
	-d "{\"username\":\"bench_manager\",\"password\":\"$PASSWORD\"}" \
	"http://127.0.0.1:$PORT/api/v1/session" | sed -n 's/.*"token": *"\([0-9a-f]*\)".*/\1/p')
[ -n "$token" ] || { echo "bench: sign-in failed" >&2; exit 1; }
export BENCH_TOKEN=$token BENCH_DIR=$PWD/bench
case $WORKLOAD in
w1) SCRIPT=w1_get_child.lua; export BENCH_IDS=bench/out/children-100k.txt ;;
w3) SCRIPT=w3_write.lua; export BENCH_IDS=bench/out/cases-100k.txt \
	BENCH_W3_PATH=/api/v1/contacts \
	BENCH_W3_BODY=$(. bench/w3_body.sh && printf '%s' "$W3_BODY") ;;
*) echo "bench: workload is w1 or w3" >&2; exit 2 ;;
esac
wrk -t2 -c64 -d3s -s "bench/$SCRIPT" "http://127.0.0.1:$PORT" >/dev/null
t0=$(awk '{print $14 + $15}' "/proc/$PID/stat")
out=$(wrk -t2 -c64 -d"$DURATION" -s "bench/$SCRIPT" "http://127.0.0.1:$PORT")
t1=$(awk '{print $14 + $15}' "/proc/$PID/stat")
n=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' <<<"$out")
bad=$(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr '\n' ' ' || true)
tick=$(getconf CLK_TCK)
awk -v a="$t0" -v b="$t1" -v n="$n" -v t="$tick" -v bin="$(basename "$SPIRE")" -v w="$WORKLOAD" -v bad="$bad" \
	'BEGIN { printf "%s %s: %d requests, %.1f us server CPU per request %s\n", bin, w, n, (b - a) * 1e6 / t / n, bad }'

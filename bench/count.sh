#!/usr/bin/env bash
# count.sh - what one request costs, counted rather than timed, so that it
# holds on a busy machine: machine instructions (valgrind's callgrind) and
# system calls (strace -c) per request, for W1 (read a child), W3 (record a
# contact) or W7 (submit a Steps to Change response). Not a test.
#
#   bench/count.sh SPIRE_BIN [w1|w3|w7]
#
# Serves a fresh copy of COUNT_DB (bench/out/bench-100k.db, made by
# bench/run.sh) with --threads 2, sends COUNT_WARM requests (50) to warm
# the caches, then COUNT_N (400) one after another over one keep-alive
# connection, and prints per request: instructions (all server threads),
# the top functions by inclusive instructions, and each system call made.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ] || [ ! -x "$1" ]; then
	echo "usage: bench/count.sh SPIRE_BIN [w1|w3|w7]" >&2
	exit 2
fi
SPIRE=$(realpath "$1")
WORKLOAD=${2:-w7}
DB=${COUNT_DB:-bench/out/bench-100k.db}
N=${COUNT_N:-400}
WARM=${COUNT_WARM:-50}
PORT=${BENCH_PORT:-18195}
OUT=bench/out
WORK=$OUT/count.db
for tool in valgrind callgrind_control callgrind_annotate strace sqlite3 node; do
	command -v $tool >/dev/null || { echo "count: $tool is missing" >&2; exit 1; }
done
[ -f "$DB" ] || { echo "count: $DB is missing: run bench/run.sh first" >&2; exit 1; }
. bench/lib.sh
fresh_copy
# The harness reads the file for ids, as bench/run.sh and w7.sh do.
case $WORKLOAD in
w1) IDS=$(sqlite3 -readonly "$WORK" "SELECT DISTINCT c.person_id FROM cases c JOIN services s
	ON s.id = c.service_id WHERE s.code = 'youth_justice' ORDER BY 1 LIMIT 2000") ;;
w3) IDS=$(sqlite3 -readonly "$WORK" "SELECT c.id FROM cases c JOIN services s ON s.id = c.service_id
	WHERE s.code = 'youth_justice' AND c.status = 'open' ORDER BY 1 LIMIT 2000") ;;
w7) IDS=$(w7_families 2000) ;;
*) echo "count: workload is w1, w3 or w7" >&2; exit 2 ;;
esac
export COUNT_IDS=$IDS COUNT_WORKLOAD=$WORKLOAD COUNT_BASE=http://127.0.0.1:$PORT

wait_up() {
	for _ in $(seq 1 3000); do
		curl -s -o /dev/null "$COUNT_BASE/index.html" && return 0
		sleep 0.02
	done
	echo "count: the server did not start" >&2
	exit 1
}
drive() { # how many requests
	COUNT_REQUESTS=$1 node bench/count_drive.mjs
}
sign_in() { # the token, once per server, outside the counted requests
	COUNT_TOKEN=$(curl -s -X POST -H 'Content-Type: application/json' \
		-d '{"username":"bench_manager","password":"bench-Manager-pass-7141"}' \
		"$COUNT_BASE/api/v1/session" | sed -n 's/.*"token": *"\([0-9a-f]*\)".*/\1/p')
	[ -n "$COUNT_TOKEN" ] || { echo "count: sign-in failed" >&2; exit 1; }
	export COUNT_TOKEN
}

# --- instructions ----------------------------------------------------------
rm -f "$OUT"/callgrind.out.*
SPIRE_PER_IP_CONNECTION_LIMIT=0 valgrind --tool=callgrind --callgrind-out-file="$OUT/callgrind.out.%p" \
	"$SPIRE" serve --db "$WORK" --listen "127.0.0.1:$PORT" --web web --threads 2 \
	>"$OUT/count-serve.log" 2>&1 &
SERVER_PID=$!
wait_up
sign_in
drive "$WARM"
callgrind_control -z "$SERVER_PID" >/dev/null
drive "$N"
callgrind_control -d "$SERVER_PID" >/dev/null
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
dump=$(ls -t "$OUT"/callgrind.out.* | grep -v '\.[0-9]*$' | head -1 || true)
dump=$(ls -S "$OUT"/callgrind.out.*.* 2>/dev/null | head -1 || echo "$dump")
total=$(callgrind_annotate "$dump" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }')
echo "## $WORKLOAD, counted: $(basename "$SPIRE"), $N requests"
echo
awk -v t="$total" -v n="$N" 'BEGIN { printf "instructions per request: %.0f\n\n", t / n }'
per_request() { # how many lines
	awk -v n="$N" -v max="$1" '/^ *[0-9][0-9,]* / && c < max { x = $1; gsub(",", "", x); $1 = "";
		sub(/ \[.*/, ""); printf "%12.0f %s\n", x / n, $0; c++ }'
}
echo "top functions (inclusive instructions per request):"
callgrind_annotate --threshold=100 --inclusive=yes "$dump" 2>/dev/null | per_request 30
echo
echo "top functions (own instructions per request):"
callgrind_annotate --threshold=100 "$dump" 2>/dev/null | per_request 25

# --- system calls ------------------------------------------------------------
fresh_copy
SPIRE_PER_IP_CONNECTION_LIMIT=0 strace -f -c -o "$OUT/count-strace.txt" \
	"$SPIRE" serve --db "$WORK" --listen "127.0.0.1:$PORT" --web web --threads 2 \
	>"$OUT/count-serve.log" 2>&1 &
SERVER_PID=$!
wait_up
sign_in
drive "$N"
# strace ends, writing its table, when the server it runs ends.
pkill -TERM -P "$SERVER_PID" || true
wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=
echo
echo "system calls per request (start-up included, $N requests):"
awk -v n="$N" '$NF ~ /^[a-z_0-9]+$/ && $4 ~ /^[0-9]+$/ && $NF != "total" {
	printf "%8.1f %s\n", $4 / n, $NF }' "$OUT/count-strace.txt" | sort -rn | head -16

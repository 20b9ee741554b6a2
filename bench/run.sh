#!/usr/bin/env bash
# run.sh - Spire's benchmarks (not part of the test suite).
#
#   bench/run.sh SPIRE_BIN
#
# Builds (or reuses) bench/out/bench-<size>.db with `spire demo`, adds a
# benchmark manager whose service covers the youth justice children, and
# for each --threads setting starts `spire serve` on a fresh copy pinned to
# CPU 0 and drives it with wrk pinned to CPU 1:
#   W1  GET /api/v1/people/{id} with a Bearer token: authenticated,
#       access-checked, audited durably (spread over every youth justice
#       child, so every answer must be 200);
#   W3  POST /api/v1/contacts on open youth justice cases: validation,
#       transaction, audit (POST /api/v1/people is the stand-in when the
#       binary has no contacts route; the table says so).
# Then start-up to first answer (median of 10) and resident memory at rest
# and with 1,000 idle keep-alive connections. Prints a Markdown table and
# exits non-zero if any request failed.
#
# Settings (environment):
#   BENCH_CHILDREN=100000   children in the generated database
#   BENCH_THREADS="8 16 32 64"  `spire serve --threads` values to try
#   BENCH_DURATION=10s      each wrk run (after a 3 s warm-up)
#   BENCH_W1_CONNS=64       wrk connections for W1
#   BENCH_W3_CONNS=64       wrk connections for W3
#   BENCH_WRK_THREADS=2     wrk threads (all on CPU 1)
#   BENCH_IDLE=1000         idle keep-alive connections
#   BENCH_PORT=18181
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
	echo "usage: bench/run.sh SPIRE_BIN" >&2
	exit 2
fi
SPIRE=$(realpath "$1")
CHILDREN=${BENCH_CHILDREN:-100000}
THREADS=${BENCH_THREADS:-"8 16 32 64"}
DURATION=${BENCH_DURATION:-10s}
W1_CONNS=${BENCH_W1_CONNS:-64}
W3_CONNS=${BENCH_W3_CONNS:-64}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
IDLE=${BENCH_IDLE:-1000}
PORT=${BENCH_PORT:-18181}
BASE=http://127.0.0.1:$PORT
PASSWORD='bench-Manager-pass-7141'
USERNAME=bench_manager

for tool in wrk taskset sqlite3 node curl; do
	command -v $tool >/dev/null || {
		echo "bench: $tool is missing (run scripts/setup.sh --bench)" >&2
		exit 1
	}
done
if [ "$(nproc)" -lt 2 ]; then
	echo "bench: needs two CPUs (server on 0, wrk on 1)" >&2
	exit 1
fi

OUT=bench/out
mkdir -p "$OUT"
if [ $((CHILDREN % 1000)) -eq 0 ]; then SIZE=$((CHILDREN / 1000))k; else SIZE=$CHILDREN; fi
DB=$OUT/bench-$SIZE.db
WORK=$OUT/work-$SIZE.db
IDS=$OUT/children-$SIZE.txt
CASES=$OUT/cases-$SIZE.txt
LOG=$OUT/serve.log

SERVER_PID=
IDLE_PID=
cleanup() {
	[ -n "$IDLE_PID" ] && kill "$IDLE_PID" 2>/dev/null || true
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
	wait 2>/dev/null || true
}
trap cleanup EXIT

# --- the database, generated once per size --------------------------------
if [ ! -f "$DB" ]; then
	echo "bench: generating $DB ($CHILDREN children)" >&2
	rm -f "$DB.tmp" "$DB.tmp-wal" "$DB.tmp-shm"
	start=$(date +%s.%N)
	"$SPIRE" demo --db "$DB.tmp" --children "$CHILDREN" >/dev/null
	team=$("$SPIRE" team list --db "$DB.tmp" |
		awk '$2 == "youth_justice" { $1 = ""; $2 = ""; sub(/^ +/, ""); print; exit }')
	if [ -z "$team" ]; then
		echo "bench: the demo data has no youth justice team" >&2
		exit 1
	fi
	printf '%s\n' "$PASSWORD" | "$SPIRE" user add --db "$DB.tmp" \
		--username "$USERNAME" --role manager --service youth_justice \
		--team "$team" --name "Benchmark Manager" >/dev/null
	sqlite3 "$DB.tmp" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
	mv "$DB.tmp" "$DB"
	rm -f "$DB.tmp-wal" "$DB.tmp-shm"
	echo "bench: generated in $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s" >&2
fi
# Who the manager may read: every child with a youth justice case (the
# manager's service); where contacts go: the open youth justice cases.
# Read straight from the file: this is the harness, not the product.
sqlite3 -readonly "$DB" "SELECT DISTINCT c.person_id FROM cases c
	JOIN services s ON s.id = c.service_id
	WHERE s.code = 'youth_justice' ORDER BY 1" >"$IDS"
sqlite3 -readonly "$DB" "SELECT c.id FROM cases c
	JOIN services s ON s.id = c.service_id
	WHERE s.code = 'youth_justice' AND c.status = 'open' ORDER BY 1" >"$CASES"
if [ ! -s "$IDS" ] || [ ! -s "$CASES" ]; then
	echo "bench: no youth justice children or open cases in $DB" >&2
	exit 1
fi

# W3: the contacts endpoint when this binary has it, else the stand-in.
if "$SPIRE" routes | tr -d ' \n' | grep -q '"method":"POST","pattern":"/api/v1/contacts"'; then
	W3_LABEL='W3 record a contact (POST /api/v1/contacts)'
	W3_PATH=/api/v1/contacts
	W3_BODY='{"case_id":{id},"contact_date":"2026-01-15T10:30","contact_type":"phone","summary":"Benchmark contact {n}: spoke with the young person about the plan."}'
	W3_IDS=$CASES
else
	W3_LABEL='W3* stand-in: POST /api/v1/people (no contacts route in this binary)'
	W3_PATH=/api/v1/people
	W3_BODY='{"given_name":"Bench","family_name":"Writer{n}","date_of_birth":"2012-03-04","postcode":"CV1 2AB","allow_duplicate":true}'
	W3_IDS=
fi

# --- helpers -----------------------------------------------------------------
fresh_copy() {
	rm -f "$WORK" "$WORK-wal" "$WORK-shm"
	cp "$DB" "$WORK"
}

# start_server [ARGS...]: serve the work copy on CPU 0 and wait for it.
start_server() {
	taskset -c 0 "$SPIRE" serve --db "$WORK" --listen "127.0.0.1:$PORT" \
		--web web "$@" >>"$LOG" 2>&1 &
	SERVER_PID=$!
	for _ in $(seq 1 500); do
		if curl -s -o /dev/null "$BASE/index.html"; then return 0; fi
		sleep 0.01
	done
	echo "bench: the server did not start (see $LOG)" >&2
	exit 1
}

stop_server() {
	kill "$SERVER_PID"
	wait "$SERVER_PID" || true
	SERVER_PID=
}

sign_in() {
	curl -s -X POST -H 'Content-Type: application/json' \
		-d "{\"username\":\"$USERNAME\",\"password\":\"$PASSWORD\"}" \
		"$BASE/api/v1/session" |
		sed -n 's/.*"token": *"\([0-9a-f]*\)".*/\1/p'
}

rss_mib() {
	awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER_PID/status"
}

# run_wrk SCRIPT CONNS DURATION: prints wrk's RESULT line.
run_wrk() {
	BENCH_DIR=$PWD/bench taskset -c 1 wrk -t"$WRK_THREADS" -c"$2" -d"$3" \
		--latency -s "bench/$1" "$BASE" | grep '^RESULT'
}

# field NAME LINE: the value of NAME=... in a RESULT line.
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }

FAILED=0
check() { # check LABEL RESULT
	local bad=0
	for k in bad_status connect_err read_err write_err timeouts; do
		bad=$((bad + $(field $k "$2")))
	done
	if [ "$bad" -ne 0 ]; then
		echo "bench: $1: $bad failed requests ($2)" >&2
		FAILED=1
	fi
}

# --- W1 and W3 for each thread count ----------------------------------------
: >"$LOG"
rows=()
best_t= best_w1=0 best_w3=0
for t in $THREADS; do
	fresh_copy
	start_server --threads "$t"
	token=$(sign_in)
	[ -n "$token" ] || { echo "bench: sign-in failed" >&2; exit 1; }
	export BENCH_TOKEN=$token BENCH_IDS=$IDS
	run_wrk w1_get_child.lua "$W1_CONNS" 3s >/dev/null # warm-up
	w1=$(run_wrk w1_get_child.lua "$W1_CONNS" "$DURATION")
	check "W1 threads=$t" "$w1"
	w3=$(BENCH_IDS=$W3_IDS BENCH_W3_PATH=$W3_PATH BENCH_W3_BODY=$W3_BODY \
		run_wrk w3_write.lua "$W3_CONNS" "$DURATION")
	check "W3 threads=$t" "$w3"
	stop_server
	w1_rps=$(field rps "$w1")
	w3_rps=$(field rps "$w3")
	rows+=("| $t | ${w1_rps%.*} | $(ms "$(field p50_us "$w1")") | $(ms "$(field p99_us "$w1")") | ${w3_rps%.*} | $(ms "$(field p50_us "$w3")") | $(ms "$(field p99_us "$w3")") |")
	if awk -v a="$w1_rps" -v b="$best_w1" 'BEGIN { exit !(a > b) }'; then
		best_t=$t best_w1=$w1_rps best_w1_p99=$(field p99_us "$w1")
	fi
	if awk -v a="$w3_rps" -v b="$best_w3" 'BEGIN { exit !(a > b) }'; then
		best_w3=$w3_rps best_w3_t=$t best_w3_p99=$(field p99_us "$w3")
	fi
	echo "bench: threads=$t W1 ${w1_rps%.*}/s W3 ${w3_rps%.*}/s" >&2
done

# --- start-up and memory -------------------------------------------------------
fresh_copy
startup=$(node bench/startup.mjs "$SPIRE" "$WORK" "$PORT" 10)
startup_ms=$(field median_ms "$startup")

fresh_copy
start_server --threads "$best_t"
rest=$(rss_mib)
token=$(sign_in)
IDLE_OUT=$OUT/idle.out
node bench/idle.mjs "$PORT" "$IDLE" "/api/v1/people/$(head -n1 "$IDS")" \
	"$token" >"$IDLE_OUT" &
IDLE_PID=$!
for _ in $(seq 1 600); do
	grep -q '^READY' "$IDLE_OUT" 2>/dev/null && break
	kill -0 "$IDLE_PID" 2>/dev/null || break
	sleep 0.1
done
sleep 1
idle_rss=$(rss_mib)
conns=$(($(ls "/proc/$SERVER_PID/fd" | wc -l)))
kill "$IDLE_PID"
wait "$IDLE_PID" || true
IDLE_PID=
if ! grep -q "^READY n=$IDLE statuses={\"200\":$IDLE}" "$IDLE_OUT" ||
	! grep -q '^CLOSED_EARLY n=0' "$IDLE_OUT"; then
	echo "bench: idle connections failed: $(tr '\n' ' ' <"$IDLE_OUT")" >&2
	FAILED=1
fi
stop_server

# --- the table -------------------------------------------------------------------
verdict() { if awk "BEGIN { exit !($1) }"; then echo met; else echo MISSED; fi; }
cat <<EOF

## Spire benchmarks

$(uname -srm), $(nproc) CPUs ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1)).
Load average at the end: $(cut -d" " -f1-3 /proc/loadavg) (other jobs share these CPUs when it is above ~2).
Database: $DB ($CHILDREN children, $(wc -l <"$IDS") with a youth justice case).
Server pinned to CPU 0 (\`taskset -c 0 spire serve --threads N\`), wrk pinned to CPU 1
(\`wrk -t$WRK_THREADS\`, W1 $W1_CONNS connections, W3 $W3_CONNS connections, $DURATION each after a 3 s warm-up).
W1 = GET /api/v1/people/{id} with a Bearer token, access-checked, audited durably.
$W3_LABEL.

| threads | W1 req/s | W1 p50 ms | W1 p99 ms | W3 writes/s | W3 p50 ms | W3 p99 ms |
|--------:|---------:|----------:|----------:|------------:|----------:|----------:|
$(printf '%s\n' "${rows[@]}")

| measure | result | target | |
|---|---:|---:|---|
| W1 best (threads=$best_t) | ${best_w1%.*} req/s, p99 $(ms "$best_w1_p99") ms | >= 20,000 req/s, p99 < 5 ms | $(verdict "$best_w1 >= 20000 && $best_w1_p99 < 5000") |
| W3 best (threads=$best_w3_t) | ${best_w3%.*} writes/s, p99 $(ms "$best_w3_p99") ms | >= 3,000 writes/s, p99 < 50 ms | $(verdict "$best_w3 >= 3000 && $best_w3_p99 < 50000") |
| start-up to first answer (median of 10) | $startup_ms ms | < 50 ms | $(verdict "$startup_ms < 50") |
| resident memory at rest (threads=$best_t) | $rest MiB | | |
| resident memory, $IDLE idle keep-alive connections | $idle_rss MiB ($conns fds) | | |
EOF
[ "$FAILED" -eq 0 ] || { echo "bench: some requests failed (see above)" >&2; exit 1; }

#!/usr/bin/env bash
# w8.sh - W8: the parent worker's home page (GET /api/v1/parenting/home:
# parents to meet, my parents, due and overdue, misses; every row shown
# audited) for a parent worker holding W8_PARENTS (200) parents. Not a
# test.
#
#   bench/w8.sh SPIRE_BIN
#
# The database (bench/out/bench-w8.db, made once, delete it after a schema
# change): `spire demo --children W8_CHILDREN` (3600), then the harness
# gives demo.parentworker (YJS North) the parenting cases of the other
# parent workers, oldest first, until they hold W8_PARENTS open supports
# (an UPDATE of cases.worker_id straight in the file, as a manager's
# reallocation would set it). Each run serves a fresh copy pinned to CPU 0
# with W8_THREADS (4) threads; wrk on CPU 1 asks the page over W8_CONNS (1)
# connection(s) for BENCH_DURATION (10s) after a 3 s warm-up, W8_RUNS (3)
# times. Server time: the server process's user+system CPU over the run
# divided by the requests answered, and wrk's wall p50/p99. Prints a
# Markdown table; exits non-zero if any request failed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 1 ] || [ ! -x "$1" ]; then
	echo "usage: bench/w8.sh SPIRE_BIN" >&2
	exit 2
fi
SPIRE=$(realpath "$1")
CHILDREN=${W8_CHILDREN:-3600}
PARENTS=${W8_PARENTS:-200}
THREADS=${W8_THREADS:-4}
CONNS=${W8_CONNS:-1}
RUNS=${W8_RUNS:-3}
DURATION=${BENCH_DURATION:-10s}
PORT=${BENCH_PORT:-18181}
BASE=http://127.0.0.1:$PORT
USERNAME=demo.parentworker
PASSWORD=spire-demo-password
OUT=bench/out
DB=${W8_DB:-$OUT/bench-w8.db}
WORK=$OUT/work-w8.db
LOG=$OUT/serve-w8.log
mkdir -p "$OUT"

SERVER_PID=
cleanup() {
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
	wait 2>/dev/null || true
}
trap cleanup EXIT

# Open supports on parenting cases allocated to the user.
held() {
	sqlite3 -readonly "$1" "SELECT count(*) FROM parent_supports s
		JOIN cases pc ON pc.id = s.case_id JOIN users u ON u.id = pc.worker_id
		WHERE u.username = '$USERNAME' AND s.closed_at IS NULL AND s.end_date IS NULL
		AND COALESCE(s.agreement, '') <> 'declined'"
}

if [ ! -f "$DB" ]; then
	echo "w8: generating $DB ($CHILDREN children)" >&2
	rm -f "$DB.tmp" "$DB.tmp-wal" "$DB.tmp-shm" "$DB.tmp.audit-key" "$DB.tmp.access" "$DB.tmp.access-wal" "$DB.tmp.access-shm"
	"$SPIRE" demo --db "$DB.tmp" --children "$CHILDREN" >/dev/null
	# Reallocate other parent workers' parenting cases (each one parent),
	# oldest first, until the user holds PARENTS open supports.
	need=$((PARENTS - $(held "$DB.tmp")))
	if [ "$need" -gt 0 ]; then
		sqlite3 "$DB.tmp" "UPDATE cases SET worker_id =
			(SELECT id FROM users WHERE username = '$USERNAME')
			WHERE id IN (SELECT pc.id FROM cases pc
			JOIN services sv ON sv.id = pc.service_id AND sv.code = 'parenting'
			JOIN users u ON u.id = pc.worker_id AND u.username <> '$USERNAME'
			JOIN parent_supports s ON s.case_id = pc.id AND s.closed_at IS NULL
			AND s.end_date IS NULL AND COALESCE(s.agreement, '') <> 'declined'
			WHERE pc.status = 'open' AND pc.closed_at IS NULL
			GROUP BY pc.id HAVING count(*) = 1 ORDER BY pc.id LIMIT $need)"
	fi
	sqlite3 "$DB.tmp" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
	sqlite3 "$DB.tmp.access" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
	mv "$DB.tmp.audit-key" "$DB.audit-key"
	mv "$DB.tmp.access" "$DB.access"
	mv "$DB.tmp" "$DB"
	rm -f "$DB.tmp-wal" "$DB.tmp-shm" "$DB.tmp.access-wal" "$DB.tmp.access-shm"
fi
"$SPIRE" init --db "$DB" >/dev/null
sqlite3 "$DB" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
HELD=$(held "$DB")
if [ "$HELD" -lt "$PARENTS" ]; then
	echo "w8: $USERNAME holds $HELD parents, fewer than $PARENTS: raise W8_CHILDREN" >&2
	exit 1
fi

fresh_copy() {
	rm -f "$WORK" "$WORK-wal" "$WORK-shm" "$WORK.audit-key" "$WORK.access" "$WORK.access-wal" "$WORK.access-shm" "$WORK-reserve"
	cp "$DB" "$WORK"
	[ -f "$DB.access" ] && cp "$DB.access" "$WORK.access"
	cp "$DB.audit-key" "$WORK.audit-key"
}

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }
ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
rows=()
cpus=()
FAILED=0
SHAPE=
: >"$LOG"
for run in $(seq 1 "$RUNS"); do
	fresh_copy
	SPIRE_PER_IP_CONNECTION_LIMIT=0 taskset -c 0 "$SPIRE" serve --db "$WORK" \
		--listen "127.0.0.1:$PORT" --web web --threads "$THREADS" >>"$LOG" 2>&1 &
	SERVER_PID=$!
	for _ in $(seq 1 500); do
		curl -s -o /dev/null "$BASE/index.html" && break
		sleep 0.01
	done
	token=$(curl -s -X POST -H 'Content-Type: application/json' \
		-d "{\"username\":\"$USERNAME\",\"password\":\"$PASSWORD\"}" \
		"$BASE/api/v1/session" | sed -n 's/.*"token": *"\([0-9a-f]*\)".*/\1/p')
	[ -n "$token" ] || { echo "w8: sign-in failed" >&2; exit 1; }
	if [ -z "$SHAPE" ]; then
		# What the page holds, and its size, once.
		SHAPE=$(curl -s -H "Authorization: Bearer $token" "$BASE/api/v1/parenting/home" |
			node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const h=JSON.parse(s);
const n=k=>h[k+"_total"]!==undefined?`${h[k].length} of ${h[k+"_total"]}`:`${h[k].length}`;
console.log(`${n("parents")} parents, ${n("to_meet")} to meet, ${n("due")} due, ${n("misses")} misses, ${(s.length/1024).toFixed(0)} KiB`)})')
	fi
	export BENCH_TOKEN=$token BENCH_PATH=/api/v1/parenting/home BENCH_DIR=$PWD/bench
	taskset -c 1 wrk -t1 -c"$CONNS" -d3s -s bench/w8_get.lua "$BASE" >/dev/null
	t0=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
	r=$(taskset -c 1 wrk -t1 -c"$CONNS" -d"$DURATION" -s bench/w8_get.lua "$BASE" | grep '^RESULT')
	t1=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
	kill "$SERVER_PID"
	wait "$SERVER_PID" || true
	SERVER_PID=
	bad=0
	for k in bad_status connect_err read_err write_err timeouts; do
		bad=$((bad + $(field $k "$r")))
	done
	if [ "$bad" -ne 0 ]; then
		echo "w8: run $run: $bad failed requests ($r)" >&2
		FAILED=1
	fi
	n=$(field requests "$r")
	cpu=$(awk -v a="$t0" -v b="$t1" -v n="$n" -v t="$(getconf CLK_TCK)" \
		'BEGIN { printf "%.1f", n ? (b - a) * 1000 / t / n : 0 }')
	cpus+=("$cpu")
	rows+=("| $run | $n | $cpu | $(ms "$(field p50_us "$r")") | $(ms "$(field p99_us "$r")") | $(cut -d" " -f1-3 /proc/loadavg) |")
	echo "w8: run $run: $n requests, $cpu ms CPU each" >&2
done
best=$(printf '%s\n' "${cpus[@]}" | sort -n | head -1)
verdict() { if awk "BEGIN { exit !($1) }"; then echo met; else echo MISSED; fi; }
cat <<EOF

## W8: the parent worker's home page

$(uname -srm), $(nproc) CPUs. \`spire demo --children $CHILDREN\`, $USERNAME holding $HELD parents
($SHAPE). Server on CPU 0 (\`--threads $THREADS\`), wrk on CPU 1 (\`-c$CONNS\`, $DURATION after a
3 s warm-up), a fresh copy per run. GET /api/v1/parenting/home, every row shown audited.

| run | requests | server CPU ms/request | wall p50 ms | wall p99 ms | load average |
|---:|---:|---:|---:|---:|---|
$(printf '%s\n' "${rows[@]}")

| measure | result | target | |
|---|---:|---:|---|
| W8 server CPU per home page (best of $RUNS) | $best ms | < 20 ms | $(verdict "$best < 20") |
EOF
[ "$FAILED" -eq 0 ] || exit 1

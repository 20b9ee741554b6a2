#!/usr/bin/env bash
# stores.sh - W1, W3 and W6 on SQLite and on PostgreSQL, side by side, on
# the same demo data (same seed and size, so the same rows and ids). Not a
# test. Run by `make bench` after the SQLite-only benchmarks.
#
#   bench/stores.sh SPIRE_BIN
#
# STORES_CHILDREN (20000): the demo's size. Loading it into PostgreSQL
# takes a few minutes (the server checks each row's foreign keys and
# updates its indexes one row at a time), so both databases are made once and kept in bench/out/ (delete
# bench/out/stores-* after a schema change). PostgreSQL runs as a
# throw-away cluster of its own in bench/out/stores-pg (scripts/
# pg-cluster.sh: a Unix socket, no TCP port, fsync on, its default
# settings otherwise; they are printed with the table). Each timed run
# gets a fresh copy: SQLite's file copied, PostgreSQL's database made
# from the loaded one as a template. Server on CPU 0, wrk on CPU 1, as
# bench/run.sh; STORES_THREADS (16), STORES_DURATION (10s), 64
# connections. W6 is `spire report --measure all` by ethnicity over a
# financial year, best of 3, wall clock including process start.
# STORES_LOAD_ONLY=1 makes the two databases and stops (no timing).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ] || [ ! -x "$1" ]; then
	echo "usage: bench/stores.sh SPIRE_BIN" >&2
	exit 2
fi
SPIRE=$(realpath "$1")
N=${STORES_CHILDREN:-20000}
THREADS=${STORES_THREADS:-16}
DURATION=${STORES_DURATION:-10s}
CONNS=64
PORT=${BENCH_PORT:-18183}
BASE="http://127.0.0.1:$PORT"
OUT=$PWD/bench/out
PGDIR=$OUT/stores-pg
LITE=$OUT/stores-$N.db
LOG=$OUT/serve-stores.log
USERNAME=bench_manager
PASSWORD='bench-Manager-pass-7141'
FROM=2025-04-01 TO=2026-03-31
for tool in wrk psql sqlite3 curl; do
	command -v $tool >/dev/null || { echo "stores: $tool is missing" >&2; exit 1; }
done
mkdir -p "$OUT"

SERVER_PID=
cleanup() {
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
	wait 2>/dev/null || true
	scripts/pg-cluster.sh stop "$PGDIR" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# The benchmark manager: every youth justice child is in scope.
add_manager() { # add_manager DB
	local db=$1 team
	team=$("$SPIRE" team list --db "$db" |
		awk '$2 == "youth_justice" { $1 = ""; $2 = ""; sub(/^ +/, ""); print; exit }')
	printf '%s\n' "$PASSWORD" | "$SPIRE" user add --db "$db" \
		--username "$USERNAME" --role manager --service youth_justice \
		--team "$team" --name "Benchmark Manager" >/dev/null
}

# --- the two databases, made once ---------------------------------------------
if [ ! -f "$LITE" ]; then
	echo "stores: loading $N children into SQLite" >&2
	rm -f "$LITE".tmp*
	s=$(date +%s)
	"$SPIRE" demo --db "$LITE.tmp" --children "$N" >/dev/null
	add_manager "$LITE.tmp"
	sqlite3 "$LITE.tmp" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
	for x in "" .access .audit-key; do
		[ -f "$LITE.tmp$x" ] && mv "$LITE.tmp$x" "$LITE$x"
	done
	rm -f "$LITE".tmp*
	echo "stores: SQLite loaded in $(($(date +%s) - s)) s" >&2
fi
PG_URL=$(scripts/pg-cluster.sh start "$PGDIR")
pg_url() { scripts/pg-cluster.sh url "$PGDIR" "$1"; }
PGKEY=$OUT/stores-pg-$N.audit-key
LOADED=stores_$N
if [ ! -f "$OUT/stores-pg-$N.done" ]; then
	echo "stores: loading $N children into PostgreSQL (several minutes)" >&2
	psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $LOADED WITH (FORCE)" >/dev/null 2>&1
	rm -f "$PGKEY"
	s=$(date +%s)
	SPIRE_AUDIT_KEY_FILE=$PGKEY "$SPIRE" demo --db "$(pg_url "$LOADED")" --children "$N" >/dev/null
	SPIRE_AUDIT_KEY_FILE=$PGKEY add_manager "$(pg_url "$LOADED")"
	psql -q "$(pg_url "$LOADED")" -c "VACUUM ANALYZE" >/dev/null
	touch "$OUT/stores-pg-$N.done"
	echo "stores: PostgreSQL loaded in $(($(date +%s) - s)) s" >&2
fi
"$SPIRE" init --db "$LITE" >/dev/null
SPIRE_AUDIT_KEY_FILE=$PGKEY "$SPIRE" init --db "$(pg_url "$LOADED")" >/dev/null
# STORES_LOAD_ONLY=1: make the databases (the slow part) and stop.
[ -z "${STORES_LOAD_ONLY:-}" ] || exit 0

# The harness reads ids straight from each store: this is not the product.
IDS=$OUT/stores-ids.txt CASES=$OUT/stores-cases.txt
Q_IDS="SELECT DISTINCT c.person_id FROM cases c JOIN services s ON s.id = c.service_id
	WHERE s.code = 'youth_justice' ORDER BY 1"
Q_CASES="SELECT c.id FROM cases c JOIN services s ON s.id = c.service_id
	WHERE s.code = 'youth_justice' AND c.status = 'open' ORDER BY 1"
. bench/w3_body.sh

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
run_wrk() { # SCRIPT DURATION
	BENCH_DIR=$PWD/bench taskset -c 1 wrk -t2 -c"$CONNS" -d"$2" --latency \
		-s "bench/$1" "$BASE" | grep '^RESULT'
}
best_ms() { # best of 3 runs of a command, wall clock in ms
	local best=
	for _ in 1 2 3; do
		local a b
		a=$(date +%s%N)
		"$@" >/dev/null
		b=$(date +%s%N)
		local t=$(((b - a) / 1000000))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
	done
	echo "$best"
}

# measure STORE DB: W1, W3 and W6 on DB; prints a table row. A
# PostgreSQL database's audit key comes from SPIRE_AUDIT_KEY_FILE.
measure() {
	local store=$1 db=$2
	SPIRE_PER_IP_CONNECTION_LIMIT=0 taskset -c 0 "$SPIRE" serve --db "$db" \
		--listen "127.0.0.1:$PORT" --web web --threads "$THREADS" >>"$LOG" 2>&1 &
	SERVER_PID=$!
	for _ in $(seq 1 1000); do
		curl -s -o /dev/null "$BASE/index.html" && break
		sleep 0.01
	done
	local token
	token=$(curl -s -X POST -H 'Content-Type: application/json' \
		-d "{\"username\":\"$USERNAME\",\"password\":\"$PASSWORD\"}" \
		"$BASE/api/v1/session" | sed -n 's/.*"token": *"\([0-9a-f]*\)".*/\1/p')
	[ -n "$token" ] || { echo "stores: sign-in failed on $store" >&2; exit 1; }
	export BENCH_TOKEN=$token
	BENCH_IDS=$IDS run_wrk w1_get_child.lua 3s >/dev/null
	local w1 w3
	w1=$(BENCH_IDS=$IDS run_wrk w1_get_child.lua "$DURATION")
	BENCH_IDS=$CASES BENCH_W3_PATH=/api/v1/contacts BENCH_W3_BODY=$W3_BODY \
		run_wrk w3_write.lua 3s >/dev/null
	w3=$(BENCH_IDS=$CASES BENCH_W3_PATH=/api/v1/contacts BENCH_W3_BODY=$W3_BODY \
		run_wrk w3_write.lua "$DURATION")
	kill "$SERVER_PID"
	wait "$SERVER_PID" || true
	SERVER_PID=
	for r in "$w1" "$w3"; do
		local bad=0
		for k in bad_status connect_err read_err write_err timeouts; do
			bad=$((bad + $(field $k "$r")))
		done
		[ "$bad" -eq 0 ] || { echo "stores: $store: $bad failed requests ($r)" >&2; exit 1; }
	done
	local w6
	w6=$(best_ms "$SPIRE" report --db "$db" --measure all --from "$FROM" --to "$TO" \
		--by ethnicity --format json)
	local w1r w3r
	w1r=$(field rps "$w1") w3r=$(field rps "$w3")
	echo "| $store | ${w1r%.*} | $(ms "$(field p99_us "$w1")") | ${w3r%.*} | $(ms "$(field p99_us "$w3")") | $w6 |"
}

: >"$LOG"
# SQLite: a fresh copy of the file and its access log.
WORK=$OUT/stores-work.db
rm -f "$WORK"*
sqlite3 "$LITE" ".backup '$WORK'"
[ -f "$LITE.access" ] && sqlite3 "$LITE.access" ".backup '$WORK.access'"
cp "$LITE.audit-key" "$WORK.audit-key"
sqlite3 -readonly "$WORK" "$Q_IDS" >"$IDS"
sqlite3 -readonly "$WORK" "$Q_CASES" >"$CASES"
row_lite=$(measure SQLite "$WORK")
# PostgreSQL: a fresh database made from the loaded one.
psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS stores_work WITH (FORCE)" >/dev/null 2>&1
psql -q "$PG_URL" -c "CREATE DATABASE stores_work TEMPLATE $LOADED" >/dev/null
PGWORK=$(pg_url stores_work)
psql -qAt "$PGWORK" -c "$Q_IDS" >"$IDS"
psql -qAt "$PGWORK" -c "$Q_CASES" >"$CASES"
row_pg=$(SPIRE_AUDIT_KEY_FILE=$PGKEY measure PostgreSQL "$PGWORK")
settings=$(psql -qAt "$PG_URL" -c "SELECT string_agg(name || ' = ' || current_setting(name), ', ' ORDER BY name)
	FROM pg_settings WHERE name IN ('max_connections', 'shared_buffers', 'work_mem',
	'synchronous_commit', 'fsync', 'wal_level', 'effective_cache_size')")

cat <<EOF

## W1, W3 and W6 on both stores ($N-child demo, same seed: the same rows and ids)

$(uname -srm), $(nproc) CPUs. Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg).
Server on CPU 0 (\`spire serve --threads $THREADS\`; the reader pool: \`readers\` in the config,
default 40, so 41 PostgreSQL connections with the writer), wrk on CPU 1
(\`wrk -t2 -c$CONNS\`, $DURATION after a 3 s warm-up), the PostgreSQL server on the same two CPUs.
W1 = GET a child's record (access-checked, audited durably); W3 = record a contact; W6 = \`spire
report --measure all --by ethnicity\` over $FROM to $TO, best of 3, process start included.
PostgreSQL 15 (a throw-away cluster on a Unix socket): $settings.

| store | W1 reads/s | W1 p99 ms | W3 writes/s | W3 p99 ms | W6 board pack ms |
|---|---:|---:|---:|---:|---:|
$row_lite
$row_pg
EOF

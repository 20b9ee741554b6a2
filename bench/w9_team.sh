#!/usr/bin/env bash
# w9_team.sh - the team's week (docs/team-week.md): server CPU time per
# request of the manager's caseload, workload and the team's due list, on a
# fresh copy of bench/out/bench-100k.db (made by bench/run.sh), signed in
# as bench_manager (YJS North, the demo's largest youth justice team).
# Not a test.
#
#   bench/w9_team.sh SPIRE_BIN [REQUESTS]
#
# Prints one line per route: µs of server CPU (user + system) per request
# over REQUESTS (default 10) sequential requests after one warm-up, and
# the wall time per request.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ] || [ ! -x "$1" ]; then
	echo "usage: bench/w9_team.sh SPIRE_BIN [REQUESTS]" >&2
	exit 2
fi
SPIRE=$(realpath "$1")
N=${2:-10}
PORT=${BENCH_PORT:-18192}
DB=bench/out/bench-100k.db
WORK=bench/out/w9-100k.db
[ -f "$DB" ] || { echo "bench: run bench/run.sh first to make $DB" >&2; exit 1; }
rm -f "$WORK" "$WORK-wal" "$WORK-shm" "$WORK.audit-key" "$WORK.access" "$WORK.access-wal" "$WORK.access-shm"
cp "$DB" "$WORK"
[ -f "$DB.access" ] && cp "$DB.access" "$WORK.access"
[ -f "$DB.audit-key" ] && cp "$DB.audit-key" "$WORK.audit-key"
"$SPIRE" init --db "$WORK" >/dev/null
"$SPIRE" serve --db "$WORK" --listen "127.0.0.1:$PORT" --threads 4 >bench/out/w9-serve.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait 2>/dev/null || true' EXIT
for _ in $(seq 50); do
	curl -s -o /dev/null "http://127.0.0.1:$PORT/index.html" && break
	sleep 0.1
done
TOKEN=$(curl -s -X POST -H 'Content-Type: application/json' \
	-d '{"username":"bench_manager","password":"bench-Manager-pass-7141"}' \
	"http://127.0.0.1:$PORT/api/v1/session" | sed -n 's/.*"token": *"\([0-9a-f]*\)".*/\1/p')
[ -n "$TOKEN" ] || { echo "bench: sign-in failed" >&2; exit 1; }
TEAM=$(curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/session" |
	sed -n 's/.*"team_id": *\([0-9]*\).*/\1/p')
TCK=$(getconf CLK_TCK)
for route in "teams/$TEAM/caseload?limit=50" "teams/$TEAM/caseload?limit=50&offset=5000" \
	"teams/$TEAM/workload" "due?scope=team&overdue=true&limit=50"; do
	url="http://127.0.0.1:$PORT/api/v1/$route"
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$url")
	[ "$code" = 200 ] || { echo "bench: $route answered $code" >&2; exit 1; }
	a=$(awk '{print $14 + $15}' /proc/$PID/stat)
	s=$(date +%s%N)
	for _ in $(seq "$N"); do curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "$url"; done
	b=$(awk '{print $14 + $15}' /proc/$PID/stat)
	e=$(date +%s%N)
	echo "$route cpu_us_per_request=$(((b - a) * 1000000 / TCK / N)) wall_ms_per_request=$(((e - s) / 1000000 / N))"
done

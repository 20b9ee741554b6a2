#!/usr/bin/env bash
# w6.sh - W6: every youth justice measure over the 100,000-child demo
# authority (about 1 million dated events) and a national-scale dataset
# (about 10 million), with `spire report` (release build). Not a test.
#
#   bench/w6.sh SPIRE_BIN
#
# bench/out/w6-authority.db: `spire demo --children 100000 --seed 6`
# (generated once; delete it after a schema change).
# bench/out/w6-national.db: the authority's youth justice children, their
# cases, contacts and every youth justice record copied W6_COPIES (12)
# times with fresh ids, in one transaction with the summary's triggers
# stood aside (measures_bulk), then `spire report --rebuild-summary`.
#
# For each database: each measure for one financial year broken down by
# ethnicity (best of W6_RUNS, default 3, wall clock of the whole command:
# process start, open, compute, print), the whole board pack (--measure
# all), and, for comparison with STACK.md's 2 s / 61 ms figures, the plain
# SQL grouping of one year's outcomes by type and ethnicity straight from
# the records (sqlite3, no summary). Prints a Markdown table.
#
# PostgreSQL (W6_PG=1, the default when psql is installed; W6_PG=0 skips
# it): the same two data sets in a throw-away cluster of its own
# (scripts/pg-cluster.sh in W6_PGDIR, default bench/out/w6-pg: a Unix
# socket, no TCP port, default settings, printed with the table).
# Database w6_authority: the same demo (`spire demo --seed 6`, the same
# rows and ids), loaded once (bench/out/w6-authority-pg.done marks it).
# Database w6_national: made from it (CREATE DATABASE ... TEMPLATE), then
# the same copies with the same portable INSERT ... SELECT texts as
# SQLite's (columns from information_schema), run with
# session_replication_role = replica (no foreign-key checks or triggers:
# the rows are copies of rows already checked; the summary is rebuilt
# after), then `spire report --rebuild-summary` and VACUUM ANALYZE. The
# table then has a column per store, and the national board pack's JSON
# is compared between the stores (they must be byte-identical).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 1 ] || [ ! -x "$1" ]; then
	echo "usage: bench/w6.sh SPIRE_BIN" >&2
	exit 2
fi
SPIRE=$(realpath "$1")
COPIES=${W6_COPIES:-12}
RUNS=${W6_RUNS:-3}
FROM=${W6_FROM:-2025-04-01}
TO=${W6_TO:-2026-03-31}
OUT=bench/out
AUTH=$OUT/w6-authority.db
NAT=$OUT/w6-national.db
mkdir -p "$OUT"
now() { date +%s.%N; }
secs() { awk -v s="$1" -v e="$2" 'BEGIN { printf "%.1f", e - s }'; }

if [ ! -f "$AUTH" ]; then
	echo "w6: generating $AUTH" >&2
	t0=$(now)
	rm -f "$AUTH.tmp.audit-key" "$AUTH.tmp.access"
	"$SPIRE" demo --db "$AUTH.tmp" --children 100000 --seed 6 >/dev/null
	mv "$AUTH.tmp.audit-key" "$AUTH.audit-key"
	[ ! -f "$AUTH.tmp.access" ] || mv "$AUTH.tmp.access" "$AUTH.access"
	mv "$AUTH.tmp" "$AUTH"
	echo "w6: authority generated in $(secs "$t0" "$(now)") s" >&2
fi
"$SPIRE" init --db "$AUTH" >/dev/null

# The columns a copy inserts (generated columns are computed).
cols() { sqlite3 "$NAT.tmp" "SELECT group_concat(name, ', ') FROM pragma_table_xinfo('$1') WHERE hidden = 0"; }
# SELECT list with id columns shifted by the copy's offset.
shifted() {
	local t=$1 off=$2
	sqlite3 "$NAT.tmp" "SELECT group_concat(CASE WHEN name IN ('id','person_id','case_id','outcome_id','offence_id','victim_id','meeting_id') THEN name || ' + $off' ELSE name END, ', ') FROM pragma_table_xinfo('$t') WHERE hidden = 0"
}

if [ ! -f "$NAT" ]; then
	echo "w6: generating $NAT ($COPIES copies of the authority's youth justice records)" >&2
	t0=$(now)
	rm -f "$NAT.tmp"
	sqlite3 "$AUTH" "VACUUM INTO '$NAT.tmp'"
	{
		echo "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -400000;"
		echo "BEGIN; INSERT INTO measures_bulk(active) VALUES (1);"
		# Only the people and cases the youth justice records name.
		echo "CREATE TEMP TABLE yj_people AS SELECT person_id AS id FROM yj_offences UNION SELECT person_id FROM yj_outcomes UNION SELECT victim_id FROM yj_victims UNION SELECT person_id FROM yj_assessments;"
		echo "CREATE TEMP TABLE yj_cases AS SELECT DISTINCT case_id AS id FROM yj_offences UNION SELECT case_id FROM yj_outcomes UNION SELECT case_id FROM yj_assessments UNION SELECT case_id FROM yj_kpi_snapshots;"
		for k in $(seq 1 $((COPIES - 1))); do
			off=$((k * 10000000))
			echo "INSERT INTO people($(cols people)) SELECT $(shifted people $off) FROM people WHERE id IN (SELECT id FROM temp.yj_people) AND id < 10000000;"
			echo "INSERT INTO cases($(cols cases)) SELECT $(shifted cases $off | sed 's/family_id/NULL/') FROM cases WHERE id IN (SELECT id FROM temp.yj_cases) AND id < 10000000;"
			echo "INSERT INTO contacts($(cols contacts)) SELECT $(shifted contacts $off) FROM contacts WHERE case_id IN (SELECT id FROM temp.yj_cases) AND id < 10000000;"
			for t in yj_offences yj_outcomes yj_outcome_offences yj_kpi_snapshots yj_victims yj_assessments; do
				echo "INSERT INTO $t($(cols $t)) SELECT $(shifted $t $off) FROM $t WHERE id < 10000000;"
			done
		done
		echo "COMMIT;"
	} >"$OUT/w6-national.sql"
	sqlite3 "$NAT.tmp" <"$OUT/w6-national.sql" >/dev/null
	t1=$(now)
	"$SPIRE" report --db "$NAT.tmp" --rebuild-summary >/dev/null
	sqlite3 "$NAT.tmp" "PRAGMA journal_mode = WAL; ANALYZE;" >/dev/null
	mv "$NAT.tmp" "$NAT"
	echo "w6: national copied in $(secs "$t0" "$t1") s, summary rebuilt in $(secs "$t1" "$(now)") s" >&2
fi

# --- PostgreSQL: the same two data sets ---------------------------------------
PG=${W6_PG:-}
if [ -z "$PG" ]; then command -v psql >/dev/null && PG=1 || PG=0; fi
PGDIR=${W6_PGDIR:-$PWD/$OUT/w6-pg}
PG_AUTH= PG_NAT=
if [ "$PG" = 1 ]; then
	trap 'scripts/pg-cluster.sh stop "$PGDIR" >/dev/null 2>&1 || true' EXIT
	PG_URL=$(scripts/pg-cluster.sh start "$PGDIR")
	PG_AUTH=$(scripts/pg-cluster.sh url "$PGDIR" w6_authority)
	PG_NAT=$(scripts/pg-cluster.sh url "$PGDIR" w6_national)
	# The audit key of both PostgreSQL databases (the authority's, copied
	# with it); SQLite's stay beside their files.
	PGKEY=$PWD/$OUT/w6-pg.audit-key
	if [ ! -f "$OUT/w6-authority-pg.done" ]; then
		echo "w6: loading the authority into PostgreSQL" >&2
		t0=$(now)
		psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS w6_national WITH (FORCE)" -c "DROP DATABASE IF EXISTS w6_authority WITH (FORCE)" >/dev/null
		rm -f "$PGKEY" "$OUT/w6-national-pg.done"
		SPIRE_AUDIT_KEY_FILE=$PGKEY "$SPIRE" demo --db "$PG_AUTH" --children 100000 --seed 6 >/dev/null
		psql -q "$PG_AUTH" -c "VACUUM ANALYZE" >/dev/null
		touch "$OUT/w6-authority-pg.done"
		echo "w6: authority loaded into PostgreSQL in $(secs "$t0" "$(now)") s" >&2
	fi
	SPIRE_AUDIT_KEY_FILE=$PGKEY "$SPIRE" init --db "$PG_AUTH" >/dev/null
	pgq() { psql -qAtX "$PG_NAT" -c "$1"; }
	# As cols and shifted above, from information_schema (generated
	# columns are computed).
	pg_cols() { pgq "SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '$1' AND is_generated = 'NEVER'"; }
	pg_shifted() { pgq "SELECT string_agg(CASE WHEN column_name IN ('id','person_id','case_id','outcome_id','offence_id','victim_id','meeting_id') THEN column_name || ' + $2' ELSE column_name END, ', ' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '$1' AND is_generated = 'NEVER'"; }
	if [ ! -f "$OUT/w6-national-pg.done" ]; then
		echo "w6: copying the national set in PostgreSQL ($COPIES copies)" >&2
		t0=$(now)
		psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS w6_national WITH (FORCE)" -c "CREATE DATABASE w6_national TEMPLATE w6_authority" >/dev/null
		{
			echo "SET session_replication_role = replica;"
			echo "BEGIN; INSERT INTO measures_bulk(active) VALUES (1);"
			echo "CREATE TEMP TABLE yj_people AS SELECT person_id AS id FROM yj_offences UNION SELECT person_id FROM yj_outcomes UNION SELECT victim_id FROM yj_victims UNION SELECT person_id FROM yj_assessments;"
			echo "CREATE TEMP TABLE yj_cases AS SELECT DISTINCT case_id AS id FROM yj_offences UNION SELECT case_id FROM yj_outcomes UNION SELECT case_id FROM yj_assessments UNION SELECT case_id FROM yj_kpi_snapshots;"
			for k in $(seq 1 $((COPIES - 1))); do
				off=$((k * 10000000))
				echo "INSERT INTO people($(pg_cols people)) SELECT $(pg_shifted people $off) FROM people WHERE id IN (SELECT id FROM yj_people) AND id < 10000000;"
				echo "INSERT INTO cases($(pg_cols cases)) SELECT $(pg_shifted cases $off | sed 's/family_id/NULL/') FROM cases WHERE id IN (SELECT id FROM yj_cases) AND id < 10000000;"
				echo "INSERT INTO contacts($(pg_cols contacts)) SELECT $(pg_shifted contacts $off) FROM contacts WHERE case_id IN (SELECT id FROM yj_cases) AND id < 10000000;"
				for t in yj_offences yj_outcomes yj_outcome_offences yj_kpi_snapshots yj_victims yj_assessments; do
					echo "INSERT INTO $t($(pg_cols $t)) SELECT $(pg_shifted $t $off) FROM $t WHERE id < 10000000;"
				done
			done
			echo "COMMIT;"
		} >"$OUT/w6-national-pg.sql"
		psql -q -v ON_ERROR_STOP=1 "$PG_NAT" -f "$OUT/w6-national-pg.sql" >/dev/null
		t1=$(now)
		SPIRE_AUDIT_KEY_FILE=$PGKEY "$SPIRE" report --db "$PG_NAT" --rebuild-summary >/dev/null
		psql -q "$PG_NAT" -c "VACUUM ANALYZE" >/dev/null
		touch "$OUT/w6-national-pg.done"
		echo "w6: national copied in PostgreSQL in $(secs "$t0" "$t1") s, summary rebuilt and analysed in $(secs "$t1" "$(now)") s" >&2
	fi
	SPIRE_AUDIT_KEY_FILE=$PGKEY "$SPIRE" init --db "$PG_NAT" >/dev/null
fi

EVENTS_SQL="SELECT (SELECT count(*) FROM yj_offences) + (SELECT count(*) FROM yj_outcomes) + (SELECT count(*) FROM yj_outcome_offences) + (SELECT count(*) FROM yj_kpi_snapshots) + (SELECT count(*) FROM yj_victims) + (SELECT count(*) FROM yj_assessments) + (SELECT count(*) FROM contacts)"
PLAIN_SQL="SELECT o.outcome_type, p.ethnicity, count(*) FROM yj_outcomes o JOIN people p ON p.id = o.person_id WHERE o.outcome_date BETWEEN '$FROM' AND '$TO' AND o.closed_at IS NULL GROUP BY 1, 2"
# sql DB TEXT: run TEXT with the store's own client.
sql() {
	case "$1" in
	postgresql:*) psql -qAtX "$1" -c "$2" ;;
	*) sqlite3 "$1" "$2" ;;
	esac
}

# spire_db DB ARGS...: spire with DB's audit key (PostgreSQL's from PGKEY).
spire_db() {
	local db=$1
	shift
	case "$db" in
	postgresql:*) SPIRE_AUDIT_KEY_FILE=$PGKEY "$SPIRE" "$@" ;;
	*) "$SPIRE" "$@" ;;
	esac
}

# Best wall-clock time in ms of running the command RUNS times.
best_ms() {
	local best=
	for _ in $(seq 1 "$RUNS"); do
		local s e ms
		s=$(date +%s%N)
		"$@" >/dev/null
		e=$(date +%s%N)
		ms=$(((e - s) / 1000000))
		if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
	done
	echo "$best"
}

declare -A T BY
MEASURES=$("$SPIRE" report --help | awk '/^  [a-z]/ { print $1 }')
# By ethnicity, or as a whole for a measure that has no such breakdown
# (marked "(no --by)" in the table).
for m in $MEASURES; do
	BY[$m]="--by ethnicity"
	"$SPIRE" report --db "$AUTH" --measure "$m" --from "$FROM" --to "$TO" --by ethnicity --format json >/dev/null 2>&1 || BY[$m]=
done
DBS=("$AUTH" "$NAT")
NAMES=("authority" "national")
STORES=("SQLite" "SQLite")
if [ "$PG" = 1 ]; then
	DBS=("$AUTH" "$PG_AUTH" "$NAT" "$PG_NAT")
	NAMES=("authority" "authority" "national" "national")
	STORES=("SQLite" "PostgreSQL" "SQLite" "PostgreSQL")
fi
for db in "${DBS[@]}"; do
	spire_db "$db" report --db "$db" --measure all --from "$FROM" --to "$TO" --format json >/dev/null # warm the cache
	for m in $MEASURES; do
		T[$db,$m]=$(best_ms spire_db "$db" report --db "$db" --measure "$m" --from "$FROM" --to "$TO" ${BY[$m]} --format json)
	done
	T[$db,all]=$(best_ms spire_db "$db" report --db "$db" --measure all --from "$FROM" --to "$TO" --by ethnicity --format json)
	T[$db,plain]=$(best_ms sql "$db" "$PLAIN_SQL")
	T[$db,events]=$(sql "$db" "$EVENTS_SQL")
done
# The national board pack from both stores: the same answer, byte for byte.
SAME=
if [ "$PG" = 1 ]; then
	spire_db "$NAT" report --db "$NAT" --measure all --from "$FROM" --to "$TO" --by ethnicity --format json >"$OUT/w6-pack-sqlite.json"
	spire_db "$PG_NAT" report --db "$PG_NAT" --measure all --from "$FROM" --to "$TO" --by ethnicity --format json >"$OUT/w6-pack-postgresql.json"
	if cmp -s "$OUT/w6-pack-sqlite.json" "$OUT/w6-pack-postgresql.json"; then
		SAME="The national board pack's JSON is byte-identical from both stores."
	else
		SAME="**The national board pack differs between the stores** (diff $OUT/w6-pack-*.json)."
	fi
fi

row() { # LABEL KEY
	local line="| $1 |"
	for db in "${DBS[@]}"; do line="$line ${T[$db,$2]} |"; done
	echo "$line"
}
echo "## W6: measures, $FROM to $TO by ethnicity (best of $RUNS, ms, wall clock of \`spire report\`)"
echo
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs"
if [ "$PG" = 1 ]; then
	echo
	echo "PostgreSQL 15 (a throw-away cluster on a Unix socket): $(psql -qAtX "$PG_URL" -c "SELECT string_agg(name || ' = ' || current_setting(name), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'max_parallel_workers_per_gather', 'jit', 'random_page_cost')"). $SAME"
fi
echo
head="| measure |" sep="|---|"
for i in "${!DBS[@]}"; do
	head="$head ${NAMES[$i]}, ${STORES[$i]} ($(printf "%'d" "${T[${DBS[$i]},events]}") events) |"
	sep="$sep---:|"
done
echo "$head"
echo "$sep"
for m in $MEASURES; do
	if [ -n "${BY[$m]}" ]; then row "$m" "$m"; else row "$m (no --by)" "$m"; fi
done
row "**board pack** (all $(echo "$MEASURES" | wc -w) measures)" all
row "plain SQL: one year's outcomes by type x ethnicity from the records (sqlite3 / psql)" plain

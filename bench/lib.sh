# lib.sh - shell pieces the benchmark scripts share (sourced, not run).
#
# Before sourcing: SPIRE (the binary), DB (the database benchmarked, never
# written), WORK (where each run's copy goes). Gives:
#   SERVER_PID    set it to the server's pid; it is stopped on exit
#   fresh_copy    WORK becomes a fresh copy of DB (and its audit key),
#                 brought to this build's schema and checkpointed
#   w7_families   the open families the benchmark manager may write
#                 about (a member on a youth justice case), one a line;
#                 optional LIMIT n as $1. The harness reads the file.
SERVER_PID=
bench_cleanup() {
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
	wait 2>/dev/null || true
}
trap bench_cleanup EXIT

fresh_copy() {
	mkdir -p "$(dirname "$WORK")"
	rm -f "$WORK" "$WORK-wal" "$WORK-shm" "$WORK.audit-key" "$WORK.access" "$WORK.access-wal" "$WORK.access-shm"
	sqlite3 "$DB" ".backup '$WORK'"
	# The access log (docs/audit.md), once the database has one.
	if [ -f "$DB.access" ]; then sqlite3 "$DB.access" ".backup '$WORK.access'"; fi
	[ -f "$DB.audit-key" ] && cp "$DB.audit-key" "$WORK.audit-key"
	"$SPIRE" init --db "$WORK" >/dev/null
	sqlite3 "$WORK" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
}

w7_families() {
	sqlite3 -readonly "$WORK" "SELECT DISTINCT fm.family_id FROM family_members fm
	JOIN families f ON f.id = fm.family_id AND f.closed_at IS NULL
	JOIN cases c ON c.person_id = fm.person_id
	JOIN services s ON s.id = c.service_id AND s.code = 'youth_justice'
	WHERE fm.closed_at IS NULL ORDER BY 1 ${1:+LIMIT $1}"
}

#!/usr/bin/env bash
# Build the demo database if it is missing, print the demo sign-ins and
# serve it.  Called by `make demo` after building:
#   scripts/demo.sh SPIRE_BIN PORT
# DEMO_CHILDREN and DEMO_SEED override the size and seed of a new database.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: scripts/demo.sh SPIRE_BIN PORT" >&2
  exit 2
fi
spire=$(realpath "$1")
port=$2
case $port in
  ''|*[!0-9]*) echo "demo: PORT must be a number, not '$port'" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
mkdir -p var
db=var/demo.db
if [ ! -f "$db" ]; then
  # Build aside and rename, so an interrupted load never leaves an empty
  # database behind that the next run would serve.
  rm -f "$db.tmp" "$db.tmp-wal" "$db.tmp-shm" "$db.tmp.audit-key" "$db.tmp.access" \
    "$db.tmp.access-wal" "$db.tmp.access-shm"
  # What it prints names the database by the name it is served under.
  "$spire" demo --db "$db.tmp" --seed "${DEMO_SEED:-1}" --children "${DEMO_CHILDREN:-1000}" \
    | sed "s|$db\.tmp|$db|g"
  # The audit key and the access log go with their database (docs/audit.md).
  mv "$db.tmp.audit-key" "$db.audit-key"
  mv "$db.tmp.access" "$db.access"
  mv "$db.tmp" "$db"
else
  echo "Using the existing $db (delete it to rebuild the demo data)."
  "$spire" demo --signins --db "$db"
fi
echo
echo "Spire demo: http://127.0.0.1:$port/"
exec "$spire" serve --db "$db" --listen "127.0.0.1:$port"

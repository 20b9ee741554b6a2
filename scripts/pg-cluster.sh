#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for tests and the demo, on a Unix socket
# only (never a TCP port).
#   scripts/pg-cluster.sh start DIR          initdb (if DIR has no cluster) and
#                                            start; prints the URL of the
#                                            database "postgres"
#   scripts/pg-cluster.sh createdb DIR NAME  create database NAME (if missing);
#                                            prints its URL
#   scripts/pg-cluster.sh url DIR [NAME]     print the URL only
#   scripts/pg-cluster.sh start-replica DIR PRIMARY_DIR
#                                            a streaming replica of the running
#                                            cluster in PRIMARY_DIR: a base
#                                            backup (pg_basebackup -R, over
#                                            PRIMARY_DIR's socket) if DIR has no
#                                            cluster, then start it (hot
#                                            standby); prints its URL
#   scripts/pg-cluster.sh stop DIR           stop it (nothing to do is fine)
# DIR holds the data (DIR/data), the server log (DIR/log) and the socket.
# Authentication is trust for local socket connections, replication
# included (initdb's pg_hba.conf: "local replication all trust"): anyone who
# can reach DIR's socket is the superuser, so DIR is for tests and demos only.
# Every cluster runs with what a replica needs (wal_level=replica,
# max_wal_senders; PostgreSQL 15's defaults, said here so that no setting
# in a config file can take them away) and hot_standby for its replicas.
# As root, initdb refuses to run: the cluster then belongs to the user
# "postgres" (Debian's postgresql package makes it) and DIR is given to it.
# PG_BIN names the server's binaries (default: PostgreSQL 15's, or PATH).
set -euo pipefail

usage() { echo "usage: $0 start DIR | start-replica DIR PRIMARY_DIR | stop DIR | createdb DIR NAME | url DIR [NAME]" >&2; exit 2; }
[ $# -ge 2 ] || usage
cmd=$1
dir=$2
case "$dir" in /*) ;; *) dir="$(pwd)/$dir" ;; esac

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
[ -x "$PG_BIN/initdb" ] || PG_BIN=$(dirname "$(command -v initdb)")

# Run a server command as the cluster's owner.
owner=$(id -un)
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd "$dir" && setpriv --reuid=postgres --regid=postgres --init-groups -- "$@")
  else
    "$@"
  fi
}
[ "$(id -u)" -eq 0 ] && owner=postgres

url() { # NAME
  echo "postgresql:///$1?host=$dir&user=$owner"
}

# Start the cluster in $dir/data unless it runs (on $dir's socket only).
run_server() {
  if ! as_owner "$PG_BIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 start \
      -o "-c listen_addresses='' -k '$dir' -c fsync=on -c wal_level=replica -c max_wal_senders=10 -c hot_standby=on" >/dev/null ||
      { cat "$dir/log" >&2; exit 1; }
  fi
}

new_dir() {
  mkdir -p "$dir"
  # The socket's path must fit in sun_path (107 bytes).
  if [ ${#dir} -gt 90 ]; then echo "pg-cluster: $dir is too long for a socket path" >&2; exit 1; fi
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  return 0
}

case "$cmd" in
start)
  new_dir
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    # --no-sync: initdb's own files only; the server runs with fsync=on.
    as_owner "$PG_BIN/initdb" -D "$dir/data" --auth=trust --encoding=UTF8 \
      --locale=C --username="$owner" --no-sync >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  run_server
  url postgres
  ;;
start-replica)
  [ $# -ge 3 ] || usage
  primary=$3
  case "$primary" in /*) ;; *) primary="$(pwd)/$primary" ;; esac
  new_dir
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    # -R writes standby.signal and primary_conninfo (PRIMARY_DIR's
    # socket); -X stream copies the log written during the backup.
    as_owner "$PG_BIN/pg_basebackup" -h "$primary" -U "$owner" \
      -D "$dir/data" -R -X stream -c fast --no-sync >"$dir/basebackup.log" 2>&1 ||
      { cat "$dir/basebackup.log" >&2; exit 1; }
  fi
  run_server
  url postgres
  ;;
stop)
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  ;;
createdb)
  [ $# -ge 3 ] || usage
  name=$3
  out=$("$PG_BIN/createdb" -h "$dir" -U "$owner" -- "$name" 2>&1) ||
    case "$out" in *"already exists"*) ;; *) echo "$out" >&2; exit 1 ;; esac
  url "$name"
  ;;
url)
  url "${3:-postgres}"
  ;;
*) usage ;;
esac

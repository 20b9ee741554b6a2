#!/usr/bin/env bash
# make lint: formatting, static analysis and banned functions.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
files=$(find src tests/unit -name '*.[ch]' | sort)
echo "clang-format (check)"
clang-format --dry-run --Werror $files || status=1
echo "banned functions"
if grep -nE '\b(atoi|atol|sprintf|vsprintf|strcpy|strcat|strtok|gets)\s*\(' $files; then status=1; fi
echo "layering: SQL only in src/store, MHD only in http_mhd.c, sqlite3 only in db_sqlite.c"
grep -nE 'sqlite3_' $(echo "$files" | grep -v 'src/store/db_sqlite.c' | grep -v tests/) && status=1
grep -nE 'MHD_' $(echo "$files" | grep -v 'src/http/http_mhd.c' | grep -v tests/) && status=1

# Includes point down the layers only: cli and http -> service -> store ->
# core (cli may start the http server). A front end that needs the store
# asks a service for it. The demo generator (src/demo) is a layer of its
# own beside the product: it may call the service and store functions the
# product uses, and nothing in the product includes it but the one CLI
# subcommand that runs it (src/cli/demo.c).
echo "include direction: cli/http -> service -> store -> core; demo outside"
layer_includes() { # DIR BANNED-DIRS...: no file under src/DIR includes them
  local dir=$1; shift
  local banned; banned=$(IFS='|'; echo "$*")
  local in_dir; in_dir=$(echo "$files" | grep "^src/$dir/")
  [ -n "$in_dir" ] || return 0
  if grep -HnE "^[[:space:]]*#[[:space:]]*include[[:space:]]+\"($banned)/" $in_dir; then
    echo "  ^ src/$dir must not include $*" >&2
    status=1
  fi
}
layer_includes http store cli demo
layer_includes cli store
layer_includes service http cli demo
layer_includes store service http cli demo
layer_includes core service store http cli demo
layer_includes demo http cli
cli_demo=$(echo "$files" | grep '^src/cli/' | grep -v '^src/cli/demo\.c$')
if [ -n "$cli_demo" ] && grep -HnE '^[[:space:]]*#[[:space:]]*include[[:space:]]+"demo/' $cli_demo; then
  echo "  ^ only src/cli/demo.c runs the demo generator" >&2
  status=1
fi

# SQL is written only in src/store: a string literal that opens with an
# SQL statement, or holds SELECT ... FROM, INSERT INTO, UPDATE ... SET or
# DELETE FROM, anywhere else is SQL outside the store.
echo "SQL text only in src/store"
outside_store=$(echo "$files" | grep '^src/' | grep -v '^src/store/')
sql_start='"[[:space:]]*(SELECT|INSERT|UPDATE|DELETE|REPLACE|UPSERT|CREATE|ALTER|DROP|PRAGMA|WITH|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|VACUUM|ANALYZE|ATTACH)[[:space:]]'
sql_inside='"[^"]*(SELECT[[:space:]].*[[:space:]]FROM[[:space:]]|INSERT[[:space:]]+INTO[[:space:]]|UPDATE[[:space:]]+[a-z_]+[[:space:]]+SET[[:space:]]|DELETE[[:space:]]+FROM[[:space:]])'
if grep -HnE "$sql_start|$sql_inside" $outside_store; then
  echo "  ^ SQL belongs in src/store" >&2
  status=1
fi
if command -v cppcheck >/dev/null; then
  echo "cppcheck"
  cppcheck --quiet --error-exitcode=1 --enable=warning,portability --std=c11 \
    --suppress=missingIncludeSystem -Isrc src || status=1
fi
if command -v clang-tidy >/dev/null; then
  echo "clang-tidy (bugprone-*, cert-*)"
  for f in $(find src -name '*.c'); do
    clang-tidy --quiet -checks='-*,bugprone-*,cert-*,-bugprone-easily-swappable-parameters,-cert-err33-c,-bugprone-reserved-identifier,-cert-dcl37-c,-cert-dcl51-cpp' \
      "$f" -- -std=c17 -D_GNU_SOURCE -Isrc $(pkg-config --cflags jansson libmicrohttpd) 2>/dev/null | grep -E 'warning|error' && status=1
  done
fi
exit $status

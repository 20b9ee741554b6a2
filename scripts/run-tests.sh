#!/usr/bin/env bash
# Run every suite and print one summary line: "N passed, N failed".
#   SPIRE_BIN  the spire binary under test (ASan + UBSan build)
#   UNIT_BINS  the cmocka unit-test binaries
#   FUZZ_BINS  libFuzzer targets, each run FUZZ_SECONDS (one test each)
#   SUITE_TIMEOUT, PG_SUITE_TIMEOUT  seconds a suite may take (1200; the
#              api suite on PostgreSQL 1800)
#   TEST_CONCURRENCY, PG_TEST_CONCURRENCY, BROWSER_TEST_CONCURRENCY  test
#              files run at once (2, 2 and 2: each file starts its own
#              server on its own port and database, and a file's client
#              mostly waits on its server, so two keep both CPUs of CI's
#              2-core machine busy)
set -uo pipefail
cd "$(dirname "$0")/.."
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:halt_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export SPIRE_BIN="$(realpath "$SPIRE_BIN")"
mkdir -p build/test-logs
passed=0; failed=0; broken=()
# The fixtures' template databases (tests/api/lib.mjs), shared by every
# test file of the run; on PostgreSQL they go with the throw-away cluster.
SPIRE_TEST_TEMPLATES=$(mktemp -d /tmp/spire-templates-XXXXXX)
export SPIRE_TEST_TEMPLATES
cleanup() {
  if [ -n "${pg_dir:-}" ]; then
    scripts/pg-cluster.sh stop "$pg_dir"; rm -rf "$pg_dir"
  elif [ -n "${SPIRE_TEST_PG:-}" ]; then # a cluster of the caller's: drop the templates made in it
    for f in "$SPIRE_TEST_TEMPLATES"/*/database; do
      [ -f "$f" ] && psql -qX -d "$SPIRE_TEST_PG" -c "DROP DATABASE IF EXISTS \"$(cat "$f")\"" >/dev/null 2>&1
    done
  fi
  rm -rf "$SPIRE_TEST_TEMPLATES"
}
trap cleanup EXIT

# A throw-away PostgreSQL cluster (Unix socket in a temp dir, no TCP port)
# for the suites that run on both stores; stopped and removed on exit.
# SPIRE_TEST_PG set beforehand names a cluster to use instead.
if [ -z "${SPIRE_TEST_PG:-}" ]; then
  pg_dir=$(mktemp -d /tmp/spire-pg-XXXXXX)
  if SPIRE_TEST_PG=$(scripts/pg-cluster.sh start "$pg_dir"); then
    export SPIRE_TEST_PG
  else
    echo "PostgreSQL: the test cluster did not start; its suites fail" >&2
    failed=$((failed + 1)); broken+=("postgresql-cluster")
  fi
fi

count() { # file pass-pattern fail-pattern
  local p f
  p=$(grep -Eo "$2" "$1" | grep -Eo '[0-9]+' | tail -1); f=$(grep -Eo "$3" "$1" | grep -Eo '[0-9]+' | tail -1)
  echo "${p:-0} ${f:-0}"
}

for bin in $UNIT_BINS; do
  name=$(basename "$bin"); log="build/test-logs/$name.log"
  "$bin" >"$log" 2>&1; rc=$?
  read -r p f < <(count "$log" '\[  PASSED  \] [0-9]+' '\[  FAILED  \] [0-9]+')
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
  [ "$f" -gt 0 ] && { broken+=("$name"); cat "$log"; }
  echo "unit  $name: $p passed, $f failed"
done

# The fuzzers run two at a time (each is one process on one CPU), each for
# its own FUZZ_SECONDS; their lines are printed in order after.
fuzz_out=$(mktemp -d)
fuzz_bins=(${FUZZ_BINS:-})
for ((i = 0; i < ${#fuzz_bins[@]}; i++)); do
  (scripts/fuzz.sh "${FUZZ_SECONDS:-15}" "${fuzz_bins[$i]}" >"$fuzz_out/$i.out"; echo $? >"$fuzz_out/$i.rc") &
  if (((i + 1) % 2 == 0)); then wait; fi
done
wait
for ((i = 0; i < ${#fuzz_bins[@]}; i++)); do
  if [ "$(cat "$fuzz_out/$i.rc")" = 0 ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); broken+=("$(basename "${fuzz_bins[$i]}")")
  fi
  cat "$fuzz_out/$i.out"
done
rm -rf "$fuzz_out"

# Each run: its name, its suite, the store (the api suite runs on both),
# and optionally only some of the suite's files. On PostgreSQL each server
# gets its own database in the cluster above. The store suite's files look
# at SQLite files; those with PostgreSQL cases of their own (tampering with
# a PostgreSQL trail, an operator's settings) run again on PostgreSQL.
runs=("api|api|sqlite" "api (postgresql)|api|postgresql" "store|store|sqlite"
  "store (postgresql)|store|postgresql|tests/store/attack_s20_trail.test.mjs tests/store/services_summary.test.mjs tests/store/libpq_lazy.test.mjs"
  "browser|browser|sqlite")
for run in "${runs[@]}"; do
  IFS='|' read -r name suite store only <<<"$run"
  files=${only:-$(ls tests/$suite/*.test.mjs 2>/dev/null || true)}
  [ -z "$files" ] && continue
  log="build/test-logs/$suite.log"
  limit=${SUITE_TIMEOUT:-1200}; jobs=${TEST_CONCURRENCY:-2}
  [ "$suite" = browser ] && jobs=${BROWSER_TEST_CONCURRENCY:-2}
  if [ "$store" = postgresql ]; then
    # Its files are independent (a database each); its own limit, as it
    # takes longer.
    log="build/test-logs/$suite-pg.log"
    limit=${PG_SUITE_TIMEOUT:-1800}; jobs=${PG_TEST_CONCURRENCY:-2}
    if [ -z "${SPIRE_TEST_PG:-}" ]; then
      echo "$name: no PostgreSQL cluster; not run"
      failed=$((failed + 1)); broken+=("$name"); continue
    fi
  fi
  # A suite that hangs (a server left running by a failed test keeps its
  # file's process alive) is stopped and counted as failed, well inside
  # CI's limit.
  start=$SECONDS
  SPIRE_TEST_STORE=$store timeout -k 10 "$limit" \
    node --test --test-reporter=tap --test-concurrency="$jobs" $files >"$log" 2>&1; rc=$?
  [ "$rc" -eq 124 ] && echo "$name: stopped after $limit s (hung)" >>"$log"
  read -r p f < <(count "$log" '^# pass [0-9]+' '^# fail [0-9]+')
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$f" -gt 0 ]; then broken+=("$name"); grep -E -B2 -A30 '^not ok|^    not ok|^        not ok' "$log" | head -300; fi
  echo "$name: $p passed, $f failed ($((SECONDS - start)) s)"
done

[ ${#broken[@]} -gt 0 ] && echo "failing suites: ${broken[*]} (logs in build/test-logs/)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]

#!/usr/bin/env bash
# Run libFuzzer targets for a fixed time each, from their seed corpora.
#   scripts/fuzz.sh SECONDS BIN...
# Seeds: tests/fuzz/corpus/<target>/ (read only). New inputs found go to
# build/fuzz/corpus/<target>/, crashing inputs to build/fuzz/findings/.
# Prints one line per target: "fuzz <target>: <runs> runs in <s> s, ok"
# (or "FAILED"), and exits non-zero if any target found a fault.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=$1; shift
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:halt_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
mkdir -p build/fuzz/findings build/test-logs
status=0
for bin in "$@"; do
  name=$(basename "$bin")
  seeds="tests/fuzz/corpus/${name#fuzz_}"
  work="build/fuzz/corpus/${name#fuzz_}"
  log="build/test-logs/$name.log"
  mkdir -p "$work"
  "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="build/fuzz/findings/$name-" "$work" "$seeds" >"$log" 2>&1
  rc=$?
  runs=$(grep -Eo '^stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' | tail -1)
  if [ "$rc" -eq 0 ]; then
    echo "fuzz $name: ${runs:-?} runs in $seconds s, ok"
  else
    status=1
    echo "fuzz $name: ${runs:-?} runs, FAILED (log $log)"
    grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -5
  fi
done
exit $status

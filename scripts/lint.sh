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

#!/usr/bin/env bash
# Install what Spire needs on Debian 12, only what is missing.
#   scripts/setup.sh          build and run (demo)
#   scripts/setup.sh --test   also the test tools (Chromium, node packages)
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
want() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed" || need+=("$1"); }
for p in build-essential pkgconf libmicrohttpd-dev libjansson-dev libsqlite3-dev \
         libpq-dev postgresql-15 libsodium-dev libssl-dev libinih-dev libcsv-dev uuid-dev sqlite3 curl \
         libutf8proc-dev libhttp-parser-dev libcrack2-dev libxlsxwriter-dev libjemalloc-dev cracklib-runtime wamerican john-data tzdata; do want "$p"; done
if [ "${1:-}" = "--test" ] || [ "${1:-}" = "--bench" ]; then
  for p in libcmocka-dev chromium clang libclang-rt-14-dev faketime; do want "$p"; done
fi
if [ "${1:-}" = "--bench" ]; then want wrk; fi
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)

if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  # Debian's postgresql package would create and start a cluster on TCP
  # port 5432; Spire's tests start their own on a Unix socket instead
  # (scripts/pg-cluster.sh), so ask for no default cluster.
  if [[ " ${need[*]} " == *" postgresql-15 "* ]] && [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    $SUDO mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" | $SUDO tee /etc/postgresql-common/createcluster.conf >/dev/null
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# The password policy reads cracklib's packed dictionary (built by
# cracklib-runtime's install from /usr/share/dict) and the word lists.
if [ ! -f /var/cache/cracklib/cracklib_dict.pwd ]; then
  echo "setup: building the cracklib dictionary"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO update-cracklib >/dev/null
fi

# Front-end and browser-test packages, pinned in package-lock.json.
# Every package package.json names must be there, not only the first few.
missing_pkg() {
  node -e 'const p = require("./package.json"); const fs = require("fs");
    const all = Object.keys({ ...p.dependencies, ...p.devDependencies });
    process.exit(all.every((n) => fs.existsSync(`node_modules/${n}/package.json`)) ? 1 : 0);'
}
if [ ! -d node_modules ] || missing_pkg \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
# GOV.UK Frontend and the UI's other vendored modules, served from web/vendor.
mkdir -p web/vendor
if [ ! -f web/vendor/govuk/govuk-frontend.min.css ] || [ package-lock.json -nt web/vendor/.stamp ]; then
  rm -rf web/vendor/govuk && mkdir -p web/vendor/govuk
  cp -r node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css \
        node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js \
        node_modules/govuk-frontend/dist/govuk/assets web/vendor/govuk/
  touch web/vendor/.stamp
fi

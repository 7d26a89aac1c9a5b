#!/usr/bin/env bash
# The real-browser quality gate (issue 5) in one command, locally and from .ci/run:
#
#   tests/browser/run.sh                   install what is missing, build the example, run every test
#   tests/browser/run.sh --no-build        same, on the public/ already there
#   tests/browser/run.sh a11y.test.mjs     only the named test files (relative to tests/browser)
#
# Besides the example, the gate builds a second site, tests/fixtures/attachments
# (photos, drawings, pdf's, raw HTML images, links between pages, a base URL
# with a path), into target/browser-fixture/ and runs FIXTURE_TESTS on it (also
# with --no-build: it is small). Named test files run on it when they are
# among FIXTURE_TESTS.
#   tests/browser/run.sh --install-only    only install what is missing (also jq and the
#                                          workflow validator that `cargo test` uses)
#
# Idempotent: Chromium via apt only if /usr/bin/chromium is missing, Java only
# if `java` is missing, `npm ci` only if node_modules is missing or older than
# package-lock.json, the Python venv (<repo>/.venv) only if missing or its
# requirements changed. Screenshots land in <repo>/target/screenshots/.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BUILD=1
INSTALL_ONLY=0
if [ "${1:-}" = "--no-build" ]; then BUILD=0; shift; fi
if [ "${1:-}" = "--install-only" ]; then INSTALL_ONLY=1; shift; fi

log() { printf '==> %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
  log "apt-get install $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" \
    || { as_root apt-get update && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@"; }
}
stamp_of() { sha256sum "$@" | sha256sum | cut -d' ' -f1; }

# --- system packages ---------------------------------------------------------
[ -x /usr/bin/chromium ] || apt_install chromium
command -v java >/dev/null 2>&1 || apt_install default-jre-headless
# jq runs the shell steps of the GitHub workflow `init` writes (tests/suite/workflows.rs).
command -v jq >/dev/null 2>&1 || apt_install jq
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 \
  || { echo "node and npm are needed (Node 20 or newer)" >&2; exit 1; }

# --- npm: playwright-core, axe-core, vnu-jar, @action-validator/cli -------------
NPM_STAMP="$HERE/node_modules/.wijkverhaal-lock-stamp"
want="$(stamp_of "$HERE/package.json" "$HERE/package-lock.json")"
if [ ! -f "$NPM_STAMP" ] || [ "$(cat "$NPM_STAMP")" != "$want" ]; then
  log "npm ci in tests/browser"
  # --ignore-scripts: vnu-jar's postinstall would try to download a JDK; we use the installed Java.
  (cd "$HERE" && npm ci --ignore-scripts --no-audit --no-fund)
  echo "$want" > "$NPM_STAMP"
fi

# --- Python venv: feedparser, icalendar ----------------------------------------
VENV="$ROOT/.venv"
PY_STAMP="$VENV/.wijkverhaal-requirements-stamp"
want="$(stamp_of "$HERE/requirements.txt")"
if [ ! -x "$VENV/bin/python" ] || [ ! -f "$PY_STAMP" ] || [ "$(cat "$PY_STAMP")" != "$want" ]; then
  if [ ! -x "$VENV/bin/python" ]; then
    log "python3 -m venv $VENV"
    python3 -m venv "$VENV" || { rm -rf "$VENV"; apt_install python3-venv; python3 -m venv "$VENV"; }
  fi
  log "pip install -r tests/browser/requirements.txt"
  "$VENV/bin/pip" install --disable-pip-version-check -q -r "$HERE/requirements.txt"
  echo "$want" > "$PY_STAMP"
fi

if [ "$INSTALL_ONLY" = 1 ]; then exit 0; fi

# --- build the example site ------------------------------------------------------
if [ "$BUILD" = 1 ]; then
  log "cargo run --release -- build"
  (cd "$ROOT" && cargo run --release -- build)
fi

# --- the second site: images, documents and links ---------------------------------
FIXTURE_TESTS=(a11y.test.mjs validate.test.mjs attachments.test.mjs csp.test.mjs)
FIXTURE="$ROOT/target/browser-fixture"
BIN="${WIJKVERHAAL_BIN:-$ROOT/target/release/wijkverhaal}"
[ -x "$BIN" ] || (cd "$ROOT" && cargo build --release)
log "build tests/fixtures/attachments into $FIXTURE/public"
# A fresh copy of the content each run; the image cache beside it is kept.
mkdir -p "$FIXTURE/site"
rm -rf "$FIXTURE/site/content" "$FIXTURE/site/site.toml"
cp -r "$ROOT/tests/fixtures/attachments/content" "$ROOT/tests/fixtures/attachments/site.toml" "$FIXTURE/site/"
"$BIN" build --root "$FIXTURE/site" --output "$FIXTURE/public" --today 2027-03-01

# --- the tests ---------------------------------------------------------------------
cd "$HERE"
status=0
if [ "$#" -gt 0 ]; then
  log "node --test $* (site: $ROOT/public)"
  SITE_DIR="$ROOT/public" node --test --test-concurrency=1 --test-reporter=spec "$@" || status=$?
  wanted=()
  for file in "$@"; do
    for fixture_test in "${FIXTURE_TESTS[@]}"; do [ "$file" = "$fixture_test" ] && wanted+=("$file"); done
  done
else
  log "npm test (site: $ROOT/public)"
  SITE_DIR="$ROOT/public" npm test || status=$?
  wanted=("${FIXTURE_TESTS[@]}")
fi
if [ "${#wanted[@]}" -gt 0 ]; then
  log "node --test ${wanted[*]} (site: $FIXTURE/public)"
  SITE_DIR="$FIXTURE/public" node --test --test-concurrency=1 --test-reporter=spec "${wanted[@]}" || status=$?
fi
exit "$status"

#!/usr/bin/env bash
# Every .html under the given folders through the W3C Nu Html Checker in one
# Java run (errors only); exits non-zero on any error. Used by .ci/run for the
# hostile fixture and the fuzz sample (issue 10). Needs `npm ci` in
# tests/browser (tests/browser/run.sh does it) and Java.
#
#   scripts/nu_check.sh target/fuzz/hostile target/fuzz/sample
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VNU="$ROOT/tests/browser/node_modules/vnu-jar/build/dist/vnu.jar"
[ -f "$VNU" ] || { echo "vnu.jar missing: run tests/browser/run.sh (npm ci) first" >&2; exit 1; }
mapfile -t FILES < <(find "$@" -name '*.html' -type f | sort)
[ "${#FILES[@]}" -gt 0 ] || { echo "no .html files under $*" >&2; exit 1; }
echo "Nu checker: ${#FILES[@]} pages under $*" >&2
java -jar "$VNU" --errors-only "${FILES[@]}"

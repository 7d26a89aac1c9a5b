#!/usr/bin/env bash
# Proves that a change to the checks leaves what they print unchanged: runs
# `check` (text and --format json) and `build` with two binaries on the same
# sites and compares what they print (for `build`: its summary with the number
# of warnings, its seconds left out).
#
#   scripts/same_checks.sh OLD_BINARY [NEW_BINARY]
#
# NEW_BINARY defaults to target/release/wijkverhaal. The sites: the example at
# the repository root, every site under tests/fixtures, and generated corpora
# (5 wijken x 200 and one wijk of 2,000, seed 1, each also with --findings:
# jargon, second contacts and long sentences), all for --today 2027-03-15.
# Prints "same" per site or the first lines that differ, and exits 1 when
# anything differs. Works in /dev/shm when it exists; cleans up afterwards.
set -euo pipefail

case "${1:-}" in ""|-h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;; esac
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OLD=$(realpath "$1")
NEW=$(realpath "${2:-$REPO/target/release/wijkverhaal}")
if [ -d /dev/shm ] && [ -w /dev/shm ]; then BASE=/dev/shm/wijkverhaal-checks.$$; else BASE="$REPO/target/same-checks.$$"; fi
mkdir -p "$BASE/sites"
trap 'rm -rf "$BASE"' EXIT INT TERM

gen() { python3 "$REPO/scripts/gen_corpus.py" --seed 1 --out "$BASE/sites/$1" "${@:2}" 2>/dev/null >/dev/null; }
gen corpus-5x200 --wijken 5 --per-wijk 200
gen corpus-5x200-findings --wijken 5 --per-wijk 200 --findings
gen corpus-1x2000 --wijken 1 --per-wijk 2000
gen corpus-1x2000-findings --wijken 1 --per-wijk 2000 --findings
mkdir "$BASE/sites/example"
cp -r "$REPO/site.toml" "$REPO/content" "$BASE/sites/example/"
for fixture in "$REPO"/tests/fixtures/*/; do
    cp -r "$fixture" "$BASE/sites/fixture-$(basename "$fixture")"
done

DIFFER=0
for site in "$BASE"/sites/*/; do
    name=$(basename "$site")
    for which in old new; do
        bin=$OLD; [ $which = new ] && bin=$NEW
        out="$BASE/$name-$which"
        # Exit codes count too: a site with errors fails in both.
        { "$bin" check --root "$site" --today 2027-03-15; echo "exit $?"; } >"$out.check" 2>&1 || true
        { "$bin" check --root "$site" --today 2027-03-15 --format json; echo "exit $?"; } >"$out.json" 2>&1 || true
        { "$bin" build --root "$site" --output "$BASE/out-$name-$which" --today 2027-03-15; echo "exit $?"; } 2>&1 \
            | sed -e "s|$BASE/out-$name-$which|OUTPUT|g" -e 's/, in [0-9,]* seconden/, in N seconden/' >"$out.build" || true
    done
    same=1
    for kind in check json build; do
        if ! cmp -s "$BASE/$name-old.$kind" "$BASE/$name-new.$kind"; then
            same=0
            echo "$name: $kind output DIFFERS:"
            diff "$BASE/$name-old.$kind" "$BASE/$name-new.$kind" | head -6 | sed 's/^/  /' || true
        fi
    done
    if [ $same = 1 ]; then
        echo "$name: same ($(grep -c '"code"' "$BASE/$name-new.json" || true) findings; $(tail -2 "$BASE/$name-new.build" | head -1))"
    else
        DIFFER=1
    fi
done
exit $DIFFER

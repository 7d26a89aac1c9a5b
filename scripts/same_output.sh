#!/usr/bin/env bash
# Proves that a change to the renderer leaves the output byte-identical: builds
# the same sites with two binaries and compares the output folders file by file.
#
#   scripts/same_output.sh OLD_BINARY [NEW_BINARY]
#
# NEW_BINARY defaults to target/release/wijkverhaal. The sites: the example at the
# repository root, the test fixture `complete`, and generated corpora (6 wijken x 80
# contributions, and one wijk of 600), each built for the same day (--today) with
# the same --base-url. Prints "identical" per site or the differing files, and exits
# 1 when any output differs. Works in /dev/shm when it exists; cleans up afterwards.
set -euo pipefail

case "${1:-}" in ""|-h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;; esac
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OLD=$(realpath "$1")
NEW=$(realpath "${2:-$REPO/target/release/wijkverhaal}")
if [ -d /dev/shm ] && [ -w /dev/shm ]; then BASE=/dev/shm/wijkverhaal-same.$$; else BASE="$REPO/target/same-output.$$"; fi
mkdir -p "$BASE"
trap 'rm -rf "$BASE"' EXIT INT TERM

python3 "$REPO/scripts/gen_corpus.py" --wijken 6 --per-wijk 80 --seed 7 --out "$BASE/corpus" >/dev/null
python3 "$REPO/scripts/gen_corpus.py" --wijken 1 --per-wijk 600 --seed 3 --out "$BASE/big-wijk" >/dev/null
cp -r "$REPO/tests/fixtures/complete" "$BASE/complete"
mkdir "$BASE/example"
# Without the repository's themes/ folder: that is the built-in theme itself, and
# each binary must use the templates it was built with.
cp -r "$REPO/site.toml" "$REPO/content" "$BASE/example/"

DIFFER=0
for site in example complete corpus big-wijk; do
    for which in old new; do
        bin=$OLD; [ $which = new ] && bin=$NEW
        "$bin" build --root "$BASE/$site" --output "$BASE/out-$site-$which" \
            --today 2027-03-15 --base-url https://wijken.example.nl/ >"$BASE/log-$site-$which" 2>&1 \
            || { echo "$site: the $which binary failed:"; head -5 "$BASE/log-$site-$which"; DIFFER=1; }
    done
    if diff -r -q "$BASE/out-$site-old" "$BASE/out-$site-new" >"$BASE/diff" 2>&1; then
        echo "$site: identical ($(find "$BASE/out-$site-new" -type f | wc -l) files)"
    else
        DIFFER=1
        echo "$site: DIFFERENT in $(wc -l <"$BASE/diff") files, for example:"
        head -5 "$BASE/diff" | sed 's/^/  /'
        first=$(sed -n 's/^Files \(.*\) and .* differ$/\1/p' "$BASE/diff" | head -1)
        if [ -n "$first" ]; then diff "$first" "${first/-$site-old/-$site-new}" | head -10 | sed 's/^/  /' || true; fi
    fi
done
exit $DIFFER

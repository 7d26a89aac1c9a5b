#!/usr/bin/env bash
# What a build costs besides its templates (issue 15): builds a generated site
# with the built-in theme and again with every template replaced by an empty
# one (and macros.html by empty macros), alternating, and prints the medians
# of wall, user and system seconds of both. The second build still reads,
# checks and renders every Markdown body, makes the letters, QR codes,
# calendars, feeds and open data, and writes every file of the first: it is
# the floor that no faster way of filling in templates can go below.
#
#   scripts/bench_floor.sh                 10,000 contributions (50 x 200), 5 runs
#   WIJKEN=1000 PER_WIJK=100 RUNS=3 scripts/bench_floor.sh
#
# Works in /dev/shm when it exists; cleans up afterwards.
set -euo pipefail

case "${1:-}" in -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
W=${WIJKEN:-50}
C=${PER_WIJK:-200}
RUNS=${RUNS:-5}
command -v /usr/bin/time >/dev/null || { echo "bench_floor.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
cargo build --release --manifest-path "$REPO/Cargo.toml" >/dev/null 2>&1
BIN="$REPO/target/release/wijkverhaal"
if [ -d /dev/shm ] && [ -w /dev/shm ]; then BASE=/dev/shm/wijkverhaal-floor.$$; else BASE="$REPO/target/floor.$$"; fi
mkdir -p "$BASE"
trap 'rm -rf "$BASE"' EXIT INT TERM

python3 "$REPO/scripts/gen_corpus.py" --wijken "$W" --per-wijk "$C" --seed 1 --out "$BASE/full" >/dev/null
cp -r "$BASE/full" "$BASE/empty"
THEME="$BASE/empty/themes/default/templates"
mkdir -p "$THEME"
for template in "$REPO"/themes/default/templates/*.html; do
    name=$(basename "$template")
    if [ "$name" = macros.html ]; then
        grep -o '{% macro [a-z_]*([^)]*)' "$template" | sed 's/$/ %}{% endmacro %}/' >"$THEME/$name"
    else
        : >"$THEME/$name"
    fi
done

for run in $(seq "$RUNS"); do
    for site in full empty; do
        rm -rf "$BASE/out"
        /usr/bin/time -f "%e %U %S" -o "$BASE/$site.run" \
            "$BIN" build --root "$BASE/$site" --output "$BASE/out" --today 2027-03-15 >/dev/null 2>"$BASE/log" ||
            { echo "build of the $site site failed:" >&2; tail -5 "$BASE/log" >&2; exit 1; }
        cat "$BASE/$site.run" >>"$BASE/$site.times"
        [ "$run" = 1 ] && du -sb "$BASE/out" | cut -f1 >"$BASE/$site.bytes" &&
            find "$BASE/out" -type f | wc -l >"$BASE/$site.files"
    done
done
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
echo "== $((W * C)) contributions ($W x $C), medians of $RUNS runs, $(nproc) cores"
printf '%-32s %7s %7s %7s %7s %8s %9s\n' "build" "wall s" "user s" "sys s" "CPU s" "files" "MB"
for site in full empty; do
    wall=$(cut -d' ' -f1 "$BASE/$site.times" | median)
    user=$(cut -d' ' -f2 "$BASE/$site.times" | median)
    sys=$(cut -d' ' -f3 "$BASE/$site.times" | median)
    cpu=$(awk '{print $2 + $3}' "$BASE/$site.times" | median)
    label=$([ $site = full ] && echo "built-in theme" || echo "every template empty (floor)")
    printf '%-32s %7.3f %7.2f %7.2f %7.2f %8d %9.1f\n' "$label" "$wall" "$user" "$sys" "$cpu" \
        "$(cat "$BASE/$site.files")" "$(awk '{print $1 / 1e6}' "$BASE/$site.bytes")"
done

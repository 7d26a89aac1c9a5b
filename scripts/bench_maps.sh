#!/usr/bin/env bash
# What maps cost (issue 12): build time of a 10,000-contribution corpus (50 wijken x 200)
# whose wijken each have a kaart.geojson with a boundary and 40 streets of geometry, next
# to the same corpus without geometry (gen_corpus.py --geometry 40 changes nothing else).
# Target: maps add at most 25 %. Also the SVG bytes per map (median, max) over every page
# with a map. Runs interleaved (without, with, without, ...) so background load hits both.
#
#   scripts/bench_maps.sh            5 runs each
#   RUNS=3 scripts/bench_maps.sh
#
# Prints wall and CPU seconds (user + system, less sensitive to a busy machine) per run
# and their medians. Works in /dev/shm when it exists, else in target/bench-maps.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
RUNS=${RUNS:-5}
BIN="$REPO/target/release/wijkverhaal"
echo "== building (cargo build --release)"
cargo build --release

if [ -d /dev/shm ] && [ -w /dev/shm ]; then BASE=/dev/shm/wijkverhaal-bench-maps; else BASE="$REPO/target/bench-maps"; fi
rm -rf "$BASE"
mkdir -p "$BASE"
trap 'rm -rf "$BASE"' EXIT INT TERM

echo "== corpus: 50 wijken x 200 contributions, with and without 40 streets of geometry per wijk"
python3 scripts/gen_corpus.py --wijken 50 --per-wijk 200 --seed 1 --out "$BASE/plain" >/dev/null
python3 scripts/gen_corpus.py --wijken 50 --per-wijk 200 --seed 1 --out "$BASE/maps" --geometry 40 >/dev/null
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), wijkverhaal $(git rev-parse --short HEAD 2>/dev/null || echo '?')"

# timed NAME: one build of $BASE/NAME; appends wall and CPU seconds to $BASE/NAME.wall/.cpu.
timed() {
    local name=$1 t0 t1
    rm -rf "$BASE/out-$name"
    t0=$(date +%s%N)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%U %S' -o "$BASE/$name.tv" "$BIN" build --root "$BASE/$name" --output "$BASE/out-$name" >"$BASE/$name.log" 2>&1
        awk '{printf "%.2f\n", $1 + $2}' "$BASE/$name.tv" >>"$BASE/$name.cpu"
    else
        "$BIN" build --root "$BASE/$name" --output "$BASE/out-$name" >"$BASE/$name.log" 2>&1
    fi
    t1=$(date +%s%N)
    awk -v ns=$((t1 - t0)) 'BEGIN {printf "%.3f\n", ns / 1e9}' >>"$BASE/$name.wall"
}
median() { sort -g "$1" | awk '{a[NR]=$1} END {if (NR==0) print "n/a"; else if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

for i in $(seq "$RUNS"); do
    timed plain
    timed maps
    printf '  run %d: without maps %ss, with maps %ss\n' "$i" "$(tail -1 "$BASE/plain.wall")" "$(tail -1 "$BASE/maps.wall")"
done

pw=$(median "$BASE/plain.wall"); mw=$(median "$BASE/maps.wall")
echo
echo "== build (median of $RUNS runs)"
printf '%-16s %8s %8s\n' "" "wall s" "cpu s"
printf '%-16s %8s %8s\n' "without maps" "$pw" "$( [ -s "$BASE/plain.cpu" ] && median "$BASE/plain.cpu" || echo n/a)"
printf '%-16s %8s %8s\n' "with maps" "$mw" "$( [ -s "$BASE/maps.cpu" ] && median "$BASE/maps.cpu" || echo n/a)"
added=$(awk -v a="$pw" -v b="$mw" 'BEGIN {printf "%.1f", (b / a - 1) * 100}')
echo "maps add ${added} % to the wall time (target: at most 25 %): $(awk -v x="$added" 'BEGIN {print (x <= 25) ? "MET" : "MISSED"}')"
if [ -s "$BASE/plain.cpu" ]; then
    echo "maps add $(awk -v a="$(median "$BASE/plain.cpu")" -v b="$(median "$BASE/maps.cpu")" 'BEGIN {printf "%.1f", (b / a - 1) * 100}') % to the CPU time"
fi

echo
echo "== SVG bytes per map (every page with a map in the last build)"
find "$BASE/out-maps" -name index.html -print0 \
    | xargs -0 awk 'FNR == 1 {inside = 0} /<svg xmlns="http:\/\/www.w3.org\/2000\/svg" class="kaart-svg"/ {inside = 1; n = 0}
        inside {n += length($0) + 1} inside && /<\/svg>/ {print n; inside = 0}' >"$BASE/svg.bytes"
sort -g "$BASE/svg.bytes" | awk '{a[NR]=$1; s+=$1} END {if (NR == 0) {print "no maps found"; exit}
    m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2
    printf "maps: %d, median %.0f bytes, max %d bytes (bound: 40960)\n", NR, m, a[NR]}'
echo "werk.geojson files: $(find "$BASE/out-maps" -name werk.geojson | wc -l)"

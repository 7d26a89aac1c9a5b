#!/usr/bin/env bash
# Benchmark `wijkverhaal letters` (issue 13): a PDF letter for every street of
# a 10,000-contribution corpus (50 wijken x 200 contributions, 40 streets per
# wijk = 2,000 streets). Targets: all letters in under 60 s on the 2-core
# machine, each PDF under 150 KB (fonts subset).
#
#   scripts/bench_letters.sh              50 x 200, 40 streets per wijk, 3 runs
#   scripts/bench_letters.sh 10 200       another size (wijken, contributions per wijk)
#   RUNS=N scripts/bench_letters.sh       another number of runs
#
# Prints every run's wall and CPU seconds and peak RSS, then the median, PDFs
# per second, the letters written and skipped, the median, largest and total
# PDF size, and MET or MISSED per target. Works in /dev/shm when it exists
# (else target/bench-letters) and cleans up afterwards. Exits 1 when a run
# fails or a target is missed (targets are checked for 50 x 200 only).
set -euo pipefail

case "${1:-}" in -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
W=${1:-50}
C=${2:-200}
RUNS=${RUNS:-3}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
BIN="$REPO/target/release/wijkverhaal"

cargo build --release --quiet
if [ -d /dev/shm ] && [ -w /dev/shm ]; then BASE=/dev/shm/wijkverhaal-bench-letters; else BASE="$REPO/target/bench-letters"; fi
rm -rf "$BASE"
mkdir -p "$BASE"
trap 'rm -rf "$BASE"' EXIT INT TERM

python3 scripts/gen_corpus.py --wijken "$W" --per-wijk "$C" --streets 40 --seed 1 --out "$BASE/site" >/dev/null
echo "corpus: $W wijken x $C = $((W * C)) contributions, $((W * 40)) streets, in $BASE/site"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
strip -o "$BASE/stripped" "$BIN" 2>/dev/null || cp "$BIN" "$BASE/stripped"
echo "wijkverhaal: $(git rev-parse --short HEAD 2>/dev/null || echo '?'), binary $(du -h "$BIN" | cut -f1) ($(du -h "$BASE/stripped" | cut -f1) stripped)"
rm -f "$BASE/stripped"

TIMEV=""
[ -x /usr/bin/time ] && TIMEV=/usr/bin/time
: >"$BASE/wall"
: >"$BASE/cpu"
for i in $(seq "$RUNS"); do
    t0=$(date +%s%N)
    if [ -n "$TIMEV" ]; then
        "$TIMEV" -v -o "$BASE/tv" "$BIN" letters --root "$BASE/site" --today 2027-01-15 \
            --output "$BASE/letters" 2>"$BASE/log"
    else
        "$BIN" letters --root "$BASE/site" --today 2027-01-15 --output "$BASE/letters" 2>"$BASE/log"
    fi
    t1=$(date +%s%N)
    wall=$(echo "$(( (t1 - t0) / 1000000 ))" | awk '{printf "%.2f", $1/1000}')
    echo "$wall" >>"$BASE/wall"
    if [ -n "$TIMEV" ]; then
        cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {printf "%.2f", s}' "$BASE/tv")
        rss=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$BASE/tv" | awk '{printf "%.0f", $1/1024}')
        echo "$cpu" >>"$BASE/cpu"
        echo "run $i: ${wall} s wall, ${cpu} s CPU, peak ${rss} MB"
    else
        echo "run $i: ${wall} s wall"
    fi
done
median() { sort -g "$1" | awk '{a[NR]=$1} END {if (NR==0) print "n/a"; else if (NR%2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'; }
WALL=$(median "$BASE/wall")
PDFS=$(find "$BASE/letters" -name '*.pdf' | wc -l)
find "$BASE/letters" -name '*.pdf' -printf '%s\n' | sort -n >"$BASE/sizes"
echo
tail -n 1 "$BASE/log"
echo "letters: $PDFS PDFs; $(grep -o 'Geen brief voor [^(]*' "$BASE/log" || echo 'no streets skipped')"
echo "time: median ${WALL} s wall, $(median "$BASE/cpu") s CPU; $(awk -v n="$PDFS" -v t="$WALL" 'BEGIN {printf "%.1f", n / t}') PDFs per second"
echo "size: median $(median "$BASE/sizes" | awk '{printf "%.1f", $1/1024}') KB, largest $(tail -1 "$BASE/sizes" | awk '{printf "%.1f", $1/1024}') KB, total $(du -sh "$BASE/letters" | cut -f1)"
if command -v pdfinfo >/dev/null 2>&1; then
    # sed, not head: head would close the pipe early (SIGPIPE under pipefail).
    pages=$(find "$BASE/letters" -name '*.pdf' | sort | sed -n '1,200p' | xargs -n1 pdfinfo 2>/dev/null \
        | awk '/^Pages:/ {print $2}' | sort -n | tail -1)
    echo "pages: at most $pages (pdfinfo on the first 200)"
fi
STATUS=0
if [ "$W" = 50 ] && [ "$C" = 200 ]; then
    if awk -v t="$WALL" 'BEGIN {exit !(t < 60)}'; then echo "MET: all letters in ${WALL} s (< 60 s)"; else echo "MISSED: ${WALL} s (target < 60 s)"; STATUS=1; fi
    largest=$(tail -1 "$BASE/sizes")
    if [ "$largest" -lt 153600 ]; then echo "MET: every PDF under 150 KB"; else echo "MISSED: a PDF of $((largest / 1024)) KB (target < 150 KB)"; STATUS=1; fi
fi
exit $STATUS

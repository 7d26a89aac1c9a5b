#!/usr/bin/env bash
# The cost of publishing features (issue 14) on a generated site: `build`
# against `build --compress` (.gz and .br beside every text file over 1 KB),
# interleaved in the same run, and what the hashed stylesheet name adds.
#
#   scripts/bench_publish.sh               50 x 200 = 10,000 contributions, 5 runs each
#   scripts/bench_publish.sh 1000 100      another size (wijken, contributions per wijk)
#   RUNS=N scripts/bench_publish.sh        another number of runs
#
# Each run builds plainly, with --compress and an empty compression cache
# (cold: every file compressed), and again with the cache filled (warm: the
# nightly rebuild of a site where little changed).
# Prints each run's wall and CPU seconds, the medians, the output's files and
# bytes with and without compression, the compressed share, and the bytes the
# hashed asset name adds over all pages. Works in /dev/shm when it exists (else
# target/bench-publish) and cleans up afterwards. Exits 1 if a build fails or a
# compressed file does not decompress to the file beside it.
set -euo pipefail

case "${1:-}" in -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
W=${1:-50}
C=${2:-200}
RUNS=${RUNS:-5}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
BIN="$REPO/target/release/wijkverhaal"

cargo build --release --quiet
if [ -d /dev/shm ] && [ -w /dev/shm ]; then BASE=/dev/shm/wijkverhaal-bench-publish; else BASE="$REPO/target/bench-publish"; fi
rm -rf "$BASE"
mkdir -p "$BASE"
trap 'rm -rf "$BASE"' EXIT INT TERM

python3 scripts/gen_corpus.py --wijken "$W" --per-wijk "$C" --seed 1 --out "$BASE/site" >/dev/null
echo "corpus: $W wijken x $C = $((W * C)) contributions in $BASE/site"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wijkverhaal: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"

TIMEV=""
[ -x /usr/bin/time ] && TIMEV=/usr/bin/time
# one NAME ARGS...: a build into $BASE/NAME; appends wall and CPU seconds.
one() {
    local name=$1; shift
    local t0 t1 cpu="n/a"
    t0=$(date +%s%N)
    if [ -n "$TIMEV" ]; then
        "$TIMEV" -f '%U %S' -o "$BASE/$name.tv" "$BIN" build --root "$BASE/site" --output "$BASE/$name" --today 2027-01-15 "$@" >/dev/null 2>&1
        cpu=$(awk '{printf "%.2f", $1 + $2}' "$BASE/$name.tv")
    else
        "$BIN" build --root "$BASE/site" --output "$BASE/$name" --today 2027-01-15 "$@" >/dev/null 2>&1
    fi
    t1=$(date +%s%N)
    local wall
    wall=$(echo "$(( (t1 - t0) / 1000000 ))" | awk '{printf "%.3f", $1/1000}')
    echo "$wall" >>"$BASE/$name.wall"
    echo "$cpu" >>"$BASE/$name.cpu"
    printf '  %-9s run: %6s s wall, %6s s cpu\n' "$name" "$wall" "$cpu"
}
median() { sort -g "$1" | awk '{a[NR]=$1} END {if (NR==0) print "n/a"; else if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

for _ in $(seq "$RUNS"); do
    one plain
    rm -rf "$BASE/site/.wijkverhaal-cache/gecomprimeerd"
    one cold --compress
    one compress --compress
done

bytes() { find "$1" -type f "${@:2}" -printf '%s\n' | awk '{s+=$1} END {print s+0}'; }
files() { find "$1" -type f "${@:2}" | wc -l; }
P="$BASE/plain"; Z="$BASE/compress"
echo
printf '%-22s %8s %8s %8s %14s\n' "" "wall s" "cpu s" "files" "bytes"
printf '%-22s %8s %8s %8s %14s\n' "build" "$(median "$BASE/plain.wall")" "$(median "$BASE/plain.cpu")" "$(files "$P")" "$(bytes "$P")"
printf '%-22s %8s %8s\n' "--compress, cold cache" "$(median "$BASE/cold.wall")" "$(median "$BASE/cold.cpu")"
printf '%-22s %8s %8s %8s %14s\n' "--compress, warm cache" "$(median "$BASE/compress.wall")" "$(median "$BASE/compress.cpu")" "$(files "$Z")" "$(bytes "$Z")"
gz=$(bytes "$Z" -name '*.gz'); br=$(bytes "$Z" -name '*.br')
src=$(find "$Z" -type f -name '*.br' | sed 's/\.br$//' | xargs -r stat -c %s | awk '{s+=$1} END {print s+0}')
echo "compressed: $(files "$Z" -name '*.br') files of $src bytes; .gz $gz bytes ($(awk -v a="$gz" -v b="$src" 'BEGIN {printf "%.1f", 100*a/b}') %), .br $br bytes ($(awk -v a="$br" -v b="$src" 'BEGIN {printf "%.1f", 100*a/b}') %)"

# Every companion decompresses to the file beside it (a sample of 200, and all the .css).
bad=0
while IFS= read -r f; do
    cmp -s <(gzip -dc "$f.gz") "$f" || { echo "!! $f.gz differs" >&2; bad=1; }
    if command -v brotli >/dev/null 2>&1; then
        cmp -s <(brotli -dc "$f.br") "$f" || { echo "!! $f.br differs" >&2; bad=1; }
    fi
done < <({ find "$Z" -name '*.br' | sed 's/\.br$//' | sort | awk 'NR % 50 == 1' | head -200; find "$Z" -name '*.css.br' | sed 's/\.br$//'; })
[ $bad = 0 ] && echo "decompression: sampled files match the originals$(command -v brotli >/dev/null 2>&1 || echo ' (.gz only: no brotli command)')"

pages=$(files "$P" -name '*.html')
name=$(cd "$P" && ls assets/wijkverhaal.*.css)
plain_name="assets/wijkverhaal.css"
extra=$(( ${#name} - ${#plain_name} ))
echo "hashed asset name: $name, +$extra bytes in each of $pages pages = $((extra * pages)) bytes; the hash is one FNV-1a pass over $(stat -c %s "$P/$name") bytes per build"
exit $bad

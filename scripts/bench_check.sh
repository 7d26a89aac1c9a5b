#!/usr/bin/env bash
# Benchmark `wijkverhaal check` on a generated site (issue 3: under 1 s for
# 10,000 contributions, 50 wijken x 200, on the 2-core machine).
#
#   scripts/bench_check.sh                 50 x 200, 11 runs
#   scripts/bench_check.sh 1000 100        another size (wijken, contributions per wijk)
#   RUNS=N scripts/bench_check.sh          another number of runs
#
# Prints every run's wall and CPU seconds and peak RSS, then the median, the
# fastest run, the findings by code, and MET or MISSED against the 1 s target
# (10,000 contributions only). Works in /dev/shm when it exists (else
# target/bench-check) and cleans up afterwards. Exits 1 if check fails on the
# valid corpus or the target is missed.
set -euo pipefail

case "${1:-}" in -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
W=${1:-50}
C=${2:-200}
RUNS=${RUNS:-11}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
BIN="$REPO/target/release/wijkverhaal"

cargo build --release --quiet
if [ -d /dev/shm ] && [ -w /dev/shm ]; then BASE=/dev/shm/wijkverhaal-bench-check; else BASE="$REPO/target/bench-check"; fi
rm -rf "$BASE"
mkdir -p "$BASE"
trap 'rm -rf "$BASE"' EXIT INT TERM

python3 scripts/gen_corpus.py --wijken "$W" --per-wijk "$C" --seed 1 --out "$BASE/site" >/dev/null
N=$((W * C))
echo "corpus: $W wijken x $C = $N contributions in $BASE/site"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wijkverhaal: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"

TIMEV=""
[ -x /usr/bin/time ] && TIMEV=/usr/bin/time
: >"$BASE/wall"
for i in $(seq "$RUNS"); do
    t0=$(date +%s%N)
    if [ -n "$TIMEV" ]; then
        "$TIMEV" -f '%U %S %M' -o "$BASE/tv" "$BIN" check --root "$BASE/site" >"$BASE/out" 2>"$BASE/err" || rc=$?
    else
        "$BIN" check --root "$BASE/site" >"$BASE/out" 2>"$BASE/err" || rc=$?
    fi
    t1=$(date +%s%N)
    if [ "${rc:-0}" != 0 ]; then
        echo "check failed (exit status $rc) on the generated corpus:" >&2
        head -20 "$BASE/out" "$BASE/err" >&2
        exit 1
    fi
    wall=$(awk -v ns=$((t1 - t0)) 'BEGIN {printf "%.3f", ns / 1e9}')
    echo "$wall" >>"$BASE/wall"
    if [ -n "$TIMEV" ]; then
        read -r user sys rss <"$BASE/tv"
        printf 'run %2d: %s s wall, %s s user + %s s system, peak %d MB\n' "$i" "$wall" "$user" "$sys" $((rss / 1024))
    else
        printf 'run %2d: %s s wall\n' "$i" "$wall"
    fi
done

median=$(sort -g "$BASE/wall" | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
fastest=$(sort -g "$BASE/wall" | head -1)
echo
echo "findings: $(grep -oE '^[^ ]+: (warning|error)\[[a-z-]+\]' "$BASE/out" | sed -E 's/.*: //' | sort | uniq -c | awk '{printf "%s %s, ", $2, $1}' | sed 's/, $//')"
tail -n 1 "$BASE/err"
echo "check, $N contributions: median ${median} s, fastest ${fastest} s over $RUNS runs"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$N" = 10000 ]; then
    if awk -v m="$median" 'BEGIN {exit !(m < 1)}'; then
        echo "target (issue 3): check under 1 s on 10,000 contributions: MET"
    else
        echo "target (issue 3): check under 1 s on 10,000 contributions: MISSED"
        exit 1
    fi
fi

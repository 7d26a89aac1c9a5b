#!/usr/bin/env bash
# Counts the instructions a build executes, for comparing two binaries on a
# shared or busy machine, where wall and CPU seconds of a small change drown in
# the noise: valgrind's callgrind counts every instruction of a one-thread build,
# the same count on every run.
#
#   scripts/bench_instructions.sh BINARY [BINARY ...]
#
# Builds a generated site of 1,000 contributions (5 wijken x 200, seed 1) with
# each binary (RAYON_NUM_THREADS=1, --today 2027-03-15) and prints its
# instruction count and its change against the first binary. Instructions are
# not time (a cache miss costs more than an add), so confirm a real gain with
# scripts/bench.sh; but a change that runs fewer instructions without more
# memory traffic is faster. Needs valgrind (apt-get install valgrind); about a
# minute per binary. WIJKEN and PER_WIJK override the corpus shape.
set -euo pipefail

case "${1:-}" in ""|-h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;; esac
command -v valgrind >/dev/null || { echo "bench_instructions.sh: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ -d /dev/shm ] && [ -w /dev/shm ]; then BASE=/dev/shm/wijkverhaal-instr.$$; else BASE="$REPO/target/instr.$$"; fi
mkdir -p "$BASE"
trap 'rm -rf "$BASE"' EXIT INT TERM

W=${WIJKEN:-5}
C=${PER_WIJK:-200}
python3 "$REPO/scripts/gen_corpus.py" --wijken "$W" --per-wijk "$C" --seed 1 --out "$BASE/site" >/dev/null
echo "== instructions of one build of $((W * C)) contributions ($W x $C), one thread"
FIRST=""
for bin in "$@"; do
    rm -rf "$BASE/out"
    RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$BASE/cg.out" \
        "$(realpath "$bin")" build --root "$BASE/site" --output "$BASE/out" --today 2027-03-15 \
        >/dev/null 2>"$BASE/log" || { echo "build failed with $bin:" >&2; tail -5 "$BASE/log" >&2; exit 1; }
    n=$(grep -oE 'refs: +[0-9,]+' "$BASE/log" | tr -dc '0-9')
    if [ -z "$FIRST" ]; then
        FIRST=$n
        printf '%-40s %6.3f G instructions\n' "$bin" "$(echo "$n / 1000000000" | bc -l)"
    else
        printf '%-40s %6.3f G instructions (%+.1f %%)\n' "$bin" "$(echo "$n / 1000000000" | bc -l)" \
            "$(echo "($n - $FIRST) * 100 / $FIRST" | bc -l)"
    fi
done

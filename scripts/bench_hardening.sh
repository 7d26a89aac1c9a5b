#!/usr/bin/env bash
# What hostile input costs (issue 10): build time of a site whose one contribution has a
# 1 MB hostile body, and of a wijk with 10,000 streets that one works item lists whole.
#
#   scripts/bench_hardening.sh          5 runs per case
#   RUNS=3 scripts/bench_hardening.sh
#
# Cases (each a small site of its own, built with the release binary):
#   bypass 1 MB     '<div></x>' x 116,509: `</x>` closes nothing, so this nests 116,509 deep
#                   (before the fix: 10.6 s at 40,000, 63.5 s at 100,000). Refused: too-deep.
#   divs 1 MB       '<div>' x 209,716. Refused: too-deep.
#   quotes 1 MB     '> ' x 524,288 (block quotes in Markdown). Refused: too-deep.
#   closed 1 MB     '<div></x></div>' x 69,906: hostile but shallow, so it is built and
#                   tidied (stray end tags dropped) to valid HTML.
#   streets 10k     one works item listing all 10,000 streets of its wijk (before the fix
#                   quadratic: 2,000 streets 23 s, 10,003 killed after 10 minutes).
#   streets 2x10k   two works items, each listing all 10,000 streets.
#   mapped 2k       one works item on all 2,000 streets of a wijk with a kaart.geojson
#                   (gen_corpus.py's geometry): every street page and letter draws the
#                   map (before the fix cubic: 1,000 streets 16.7 s, 2,000 streets 243 s).
# Targets: each 1 MB body under 1 s; the street cases a few seconds.
#
# Every run checks the outcome (refused with error[too-deep], or built), so the figures
# never time a different failure. Prints wall and CPU seconds (user + system, less
# sensitive to a busy machine) per run and their medians. Works in /dev/shm when it
# exists, else in target/bench-hardening.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
RUNS=${RUNS:-5}
BIN="$REPO/target/release/wijkverhaal"
echo "== building (cargo build --release)"
cargo build --release

if [ -d /dev/shm ] && [ -w /dev/shm ]; then BASE=/dev/shm/wijkverhaal-bench-hardening; else BASE="$REPO/target/bench-hardening"; fi
rm -rf "$BASE"
mkdir -p "$BASE"
trap 'rm -rf "$BASE"' EXIT INT TERM

# site NAME STREETS: a site with one wijk of STREETS streets (Straat 1 ..), no contributions yet.
site() {
    local dir="$BASE/$1"
    mkdir -p "$dir/content/groot"
    printf 'title = "Gemeente Proef"\nbase_url = "https://wijken.proef.nl"\naccessibility = { status = "A", evaluated = 2026-06-01 }\n' >"$dir/site.toml"
    python3 - "$dir/content/groot/_index.md" "$2" <<'PY'
import json, sys
streets = json.dumps([f"Straat {i}" for i in range(1, int(sys.argv[2]) + 1)], ensure_ascii=False)
open(sys.argv[1], "w").write(
    f'+++\nname = "Groot"\nsummary = "Een grote wijk."\nstreets = {streets}\n'
    '[contact]\nname = "C"\nemail = "c@proef.nl"\n+++\nVerhaal.\n')
PY
}

# geometry NAME STREETS: a kaart.geojson for site NAME with a line per street (gen_corpus.py).
geometry() {
    python3 - "$BASE/$1/content/groot/kaart.geojson" "$2" "$REPO/scripts/gen_corpus.py" <<'PY'
import importlib.util, sys
spec = importlib.util.spec_from_file_location("gen_corpus", sys.argv[3])
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)
names = [f"Straat {i}" for i in range(1, int(sys.argv[2]) + 1)]
open(sys.argv[1], "w").write(gen.kaart_geojson(1, 1, "groot", names))
PY
}

# body NAME FRAGMENT BYTES: a news item in site NAME whose body is FRAGMENT repeated to BYTES.
body() {
    python3 - "$BASE/$1/content/groot/bericht.md" "$2" "$3" <<'PY'
import sys
path, fragment, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
times = -(-size // len(fragment))
open(path, "w").write(
    '+++\ntitle = "Bericht"\ndepartment = "D"\nkind = "news"\ndate = 2027-01-10\n+++\n'
    + fragment * times + "\n")
print(f"  {sys.argv[2]!r} x {times:,} = {len(fragment) * times:,} bytes")
PY
}

# works NAME N STREETS: N works items in site NAME, each listing streets 1..STREETS.
works() {
    python3 - "$BASE/$1/content/groot" "$2" "$3" <<'PY'
import json, sys
folder, n, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
streets = json.dumps([f"Straat {i}" for i in range(1, count + 1)], ensure_ascii=False)
for k in range(1, n + 1):
    open(f"{folder}/werk-{k}.md", "w").write(
        f'+++\ntitle = "Overal werk {k}"\ndepartment = "D"\nkind = "works"\n'
        f'start = 2027-03-01\nstreets = {streets}\n+++\nTekst.\n')
PY
}

echo "== sites"
site bypass 3 && body bypass '<div></x>' 1048576
site divs 3 && body divs '<div>' 1048576
site quotes 3 && body quotes '> ' 1048576
site closed 3 && body closed '<div></x></div>' 1048576
site streets 10000 && works streets 1 10000
site streets2 10000 && works streets2 2 10000
site mapped 2000 && works mapped 1 2000 && geometry mapped 2000
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), wijkverhaal $(git rev-parse --short HEAD 2>/dev/null || echo '?')"

# timed NAME EXPECT: one build of $BASE/NAME; EXPECT is "built" or "refused" (too-deep).
# Appends wall and CPU seconds to $BASE/NAME.wall and $BASE/NAME.cpu.
timed() {
    local name=$1 expect=$2 t0 t1 rc=0
    rm -rf "$BASE/out-$name"
    t0=$(date +%s%N)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%U %S' -o "$BASE/$name.tv" "$BIN" build --root "$BASE/$name" --output "$BASE/out-$name" --today 2027-01-15 >"$BASE/$name.log" 2>&1 || rc=$?
    else
        "$BIN" build --root "$BASE/$name" --output "$BASE/out-$name" --today 2027-01-15 >"$BASE/$name.log" 2>&1 || rc=$?
    fi
    t1=$(date +%s%N)
    case "$expect" in
        built) [ "$rc" -eq 0 ] || { echo "$name: build failed (exit $rc):"; head -20 "$BASE/$name.log"; exit 1; } ;;
        refused) { [ "$rc" -ne 0 ] && grep -q 'error\[too-deep\]' "$BASE/$name.log"; } \
            || { echo "$name: expected error[too-deep] (exit $rc):"; head -20 "$BASE/$name.log"; exit 1; } ;;
    esac
    awk -v ns=$((t1 - t0)) 'BEGIN {printf "%.3f\n", ns / 1e9}' >>"$BASE/$name.wall"
    if [ -s "$BASE/$name.tv" ]; then tail -1 "$BASE/$name.tv" | awk '{printf "%.2f\n", $1 + $2}' >>"$BASE/$name.cpu"; fi
}
median() { sort -g "$1" | awk '{a[NR]=$1} END {if (NR==0) print "n/a"; else if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }

CASES="bypass:refused divs:refused quotes:refused closed:built streets:built streets2:built mapped:built"
for i in $(seq "$RUNS"); do
    line="  run $i:"
    for c in $CASES; do
        timed "${c%%:*}" "${c#*:}"
        line="$line ${c%%:*} $(tail -1 "$BASE/${c%%:*}.wall")s"
    done
    echo "$line"
done

echo
echo "== build time (median of $RUNS runs)"
printf '%-34s %8s %8s  %s\n' "case" "wall s" "cpu s" "target"
verdict() { awk -v x="$1" -v t="$2" 'BEGIN {print (x < t) ? "MET" : "MISSED"}'; }
row() {
    local name=$1 label=$2 target=$3 wall cpu
    wall=$(median "$BASE/$name.wall")
    cpu=$([ -s "$BASE/$name.cpu" ] && median "$BASE/$name.cpu" || echo n/a)
    printf '%-34s %8s %8s  under %s s: %s\n' "$label" "$wall" "$cpu" "$target" "$(verdict "$wall" "$target")"
}
row bypass "1 MB '<div></x>' (refused)" 1
row divs "1 MB '<div>' (refused)" 1
row quotes "1 MB '> ' (refused)" 1
row closed "1 MB '<div></x></div>' (built)" 1
row streets "1 item on 10,000 streets (built)" 5
row streets2 "2 items on 10,000 streets (built)" 5
row mapped "1 item on 2,000 mapped streets" 10
echo "street pages written (2 items): $(find "$BASE/out-streets2/groot/straten" -mindepth 2 -maxdepth 2 -name index.html | wc -l), largest $(find "$BASE/out-streets2/groot/straten" -mindepth 2 -maxdepth 2 -name index.html -printf '%s\n' | sort -g | tail -1) bytes"

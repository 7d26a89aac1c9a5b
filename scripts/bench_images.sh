#!/usr/bin/env bash
# Images in a build (issue 9): a 10,000-contribution corpus (50 wijken x 200)
# where 10 % of the contributions carry one 1600 x 1200 JPEG.
#
#   scripts/bench_images.sh                 builds as below, RUNS=3 each
#   RUNS=N scripts/bench_images.sh
#   W=2 C=20 BIN=target/debug/wijkverhaal scripts/bench_images.sh   a quick try
#
# Prints wall and CPU seconds of: the text-only build (the same corpus without
# the photos), the cold build (empty image cache: every photo decoded, resized
# and encoded) and the warm build (cache filled: photos measured and linked
# from the cache), with the warm build's overhead over text-only against the
# 15 % target; then the preview's rebuild time for a body edit on a page with
# 10 photos (cargo bench --bench images). Works in /dev/shm when it exists.
set -euo pipefail

case "${1:-}" in -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
RUNS=${RUNS:-3}
W=${W:-50}
C=${C:-200}
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
if [ -z "${BIN:-}" ]; then BIN="$REPO/target/release/wijkverhaal"; cargo build --release --quiet; fi
BIN=$(realpath "$BIN")
command -v /usr/bin/convert >/dev/null || { echo "needs ImageMagick: apt-get install -y imagemagick" >&2; exit 1; }
if [ -d /dev/shm ] && [ -w /dev/shm ]; then BASE=/dev/shm/wijkverhaal-bench-images; else BASE="$REPO/target/bench-images"; fi
rm -rf "$BASE"
mkdir -p "$BASE"
trap 'rm -rf "$BASE"' EXIT INT TERM

python3 scripts/gen_corpus.py --wijken "$W" --per-wijk "$C" --seed 1 --out "$BASE/text" >/dev/null
cp -r "$BASE/text" "$BASE/photos"
# One photo-like JPEG; each contribution gets its own copy with a distinct
# comment, so every photo has its own content hash (and is encoded on its own).
/usr/bin/convert -size 1600x1200 -seed 1 plasma: -blur 0x2 -quality 85 "$BASE/photo.jpg"
python3 - "$BASE/photos/content" "$BASE/photo.jpg" <<'PY'
import os, sys
content, photo = sys.argv[1], open(sys.argv[2], "rb").read()
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(content) for f in fs if f.endswith(".md") and f != "_index.md")
for n, path in enumerate(files[::10]):
    comment = f"foto {n}".encode()
    jpeg = photo[:2] + b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment + photo[2:]
    name = f"foto-{n}.jpg"
    open(os.path.join(os.path.dirname(path), name), "wb").write(jpeg)
    with open(path, "a") as f:
        f.write(f"\n\n![Foto van het werk, nummer {n}]({name})\n")
print(f"{len(files)} contributions, {len(files[::10])} with a photo of {len(photo) // 1000} kB", file=sys.stderr)
PY

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wijkverhaal $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
# timed NAME SITE: one build; prints and records wall and CPU seconds.
timed() {
    local name=$1 site=$2 t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -f '%U %S' -o "$BASE/tv" "$BIN" build --root "$site" --output "$BASE/out-$name" --today 2027-01-15 >/dev/null 2>"$BASE/err" \
        || { echo "build failed:" >&2; head -20 "$BASE/err" >&2; exit 1; }
    t1=$(date +%s%N)
    read -r user sys <"$BASE/tv"
    local wall cpu
    wall=$(awk -v ns=$((t1 - t0)) 'BEGIN {printf "%.2f", ns / 1e9}')
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')
    echo "$wall $cpu" >>"$BASE/$name.t"
    printf '  %-9s %6s s wall %6s s CPU\n' "$name" "$wall" "$cpu"
}
median() { sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

echo "cold build (empty cache), once:"
timed cold "$BASE/photos"
for i in $(seq "$RUNS"); do
    echo "run $i:"
    timed text "$BASE/text"
    timed warm "$BASE/photos"
done
for name in text warm; do
    awk '{print $1}' "$BASE/$name.t" | median >"$BASE/$name.wall"
    awk '{print $2}' "$BASE/$name.t" | median >"$BASE/$name.cpu"
done
awk -v tw="$(cat "$BASE/text.wall")" -v ww="$(cat "$BASE/warm.wall")" -v tc="$(cat "$BASE/text.cpu")" -v wc="$(cat "$BASE/warm.cpu")" \
    -v cw="$(awk '{print $1}' "$BASE/cold.t")" -v cc="$(awk '{print $2}' "$BASE/cold.t")" 'BEGIN {
    printf "medians: text-only %.2f s wall / %.2f s CPU; warm %.2f s / %.2f s; cold %.2f s / %.2f s\n", tw, tc, ww, wc, cw, cc
    over = (ww / tw - 1) * 100; overc = (wc / tc - 1) * 100
    printf "warm over text-only: %+.1f %% wall, %+.1f %% CPU (target: within 15 %%): %s\n", over, overc, (over <= 15 ? "MET" : "MISSED")
}'
echo "output with photos: $(find "$BASE/out-warm" -type f | wc -l) files, $(du -sm "$BASE/out-warm" | cut -f1) MB"
echo
echo "preview:"
[ -n "${SKIP_PREVIEW:-}" ] || cargo bench --quiet --bench images 2>/dev/null | grep preview

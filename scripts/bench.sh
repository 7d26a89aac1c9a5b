#!/usr/bin/env bash
# Benchmark wijkverhaal against Hugo (and Zola, when installed) on generated sites
# (issues 6 and 15).
#
#   scripts/bench.sh            10,000 (50 x 200), 5,000 (25 x 200), 5,000 in one wijk
#                               (1 x 5,000), 50,000 (500 x 100) and 100,000 (1,000 x 100)
#   scripts/bench.sh --quick    only the 10,000 and the two 5,000 cases
#   SIZES="50x200 1x5000"       any list of WIJKENxPER_WIJK instead
#   scripts/bench.sh --sizes-only   the sizes only, without the features' own scripts
#                               (maps, publishing, images, letters, hostile input)
#
# For each size: full-build wall time (median of 5 runs for 10k, 3 for 100k), pages per
# second, peak RSS (/usr/bin/time -v), output files and bytes; `check` time; Hugo on the
# equivalent site, interleaved with our builds in the same run; and the plain
# "reading + copying the Markdown" baseline (cp -r content). Works in /dev/shm when it
# exists (the disk is noisy), else in target/bench; cleans up afterwards.
# Hugo and Zola get minimal sites from the same Markdown (baseof/base + single/page + list/
# section templates, `.Pages` only, HTML only, buildFuture). Zola is the `zola` on the PATH,
# else target/zola/bin/zola (scripts/install_zola.sh puts npm's Zola 0.22 there); without
# either the Zola rows say "not installed". That npm Zola starts Node first: its start time
# is measured and the Zola target is judged against Zola's time without it (the stricter
# reading). Our output bytes are printed next to theirs.
# Env: RUNS=N overrides the run count; HUGO_FEEDS=1 lets Hugo keep its RSS feeds and sitemap.
set -euo pipefail

usage() { sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; }
QUICK=0
EXTRAS=1
for arg in "$@"; do
    case "$arg" in
        --quick) QUICK=1 ;;
        --sizes-only) EXTRAS=0 ;;
        -h|--help) usage; exit 0 ;;
        *) echo "bench.sh: unknown argument $arg" >&2; usage >&2; exit 2 ;;
    esac
done

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
BIN="$REPO/target/release/wijkverhaal"
FAILED=0
loud() { printf '\n!!!!!!!! %s\n' "$*" >&2; FAILED=1; }

echo "== building (cargo build --release)"
cargo build --release

if [ -d /dev/shm ] && [ -w /dev/shm ]; then BASE=/dev/shm/wijkverhaal-bench; else BASE="$REPO/target/bench"; fi
rm -rf "$BASE"
mkdir -p "$BASE"
KEPT="$BASE.kept"   # figures one size hands to another (the 1 x 5,000 case compares with 25 x 200)
rm -rf "$KEPT"; mkdir -p "$KEPT"
trap 'rm -rf "$BASE" "$KEPT"' EXIT INT TERM

TIMEV=""
if [ -x /usr/bin/time ]; then TIMEV=/usr/bin/time; else
    echo "note: /usr/bin/time not found, peak memory not measured (apt-get install -y time)"; fi
HUGO=""
if command -v hugo >/dev/null 2>&1; then HUGO=$(command -v hugo); fi
ZOLA=""
if command -v zola >/dev/null 2>&1; then ZOLA=$(command -v zola)
elif [ -x "$REPO/target/zola/bin/zola" ]; then ZOLA="$REPO/target/zola/bin/zola"; fi
ZOLA_START=0   # seconds Zola takes to start (zola --version, median of 5)

echo
echo "== machine"
echo "nproc: $(nproc)"
echo "cpu: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
echo "memory: $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo)"
echo "os: $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"), $(uname -srm)"
echo "work dir: $BASE"
echo "wijkverhaal: $(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(rustc --version 2>/dev/null)"
if [ -n "$HUGO" ]; then echo "hugo: $($HUGO version | cut -d' ' -f1-2)"; else
    echo "hugo: not installed, Hugo comparison skipped (install it with: apt-get install -y hugo)"; fi
if [ -n "$ZOLA" ]; then
    ZOLA_START=$(for _ in 1 2 3 4 5; do
        t0=$(date +%s%N); "$ZOLA" --version >/dev/null; t1=$(date +%s%N)
        awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f\n", (b - a) / 1e9}'
    done | sort -n | sed -n 3p)
    echo "zola: $($ZOLA --version) ($ZOLA; starting it takes ${ZOLA_START}s)"
else
    echo "zola: NOT INSTALLED on this machine, so there is no Zola row (scripts/install_zola.sh, or a zola binary on the PATH, adds it)"; fi
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# run_timed NAME CMD... : runs CMD, appends its wall seconds to $BASE/NAME.t, its
# peak RSS (kB) to $BASE/NAME.m and its CPU seconds (user + system) to $BASE/NAME.c; returns CMD's exit status. Output goes to $BASE/NAME.log.
run_timed() {
    local name=$1; shift
    local t0 t1 rc=0
    t0=$(date +%s%N)
    if [ -n "$TIMEV" ]; then
        "$TIMEV" -v -o "$BASE/$name.tv" "$@" >"$BASE/$name.log" 2>&1 || rc=$?
    else
        "$@" >"$BASE/$name.log" 2>&1 || rc=$?
    fi
    t1=$(date +%s%N)
    echo "$(( (t1 - t0) / 1000000 ))" | awk '{printf "%.3f\n", $1/1000}' >>"$BASE/$name.t"
    if [ -n "$TIMEV" ]; then
        sed -n 's/.*Maximum resident set size (kbytes): *//p' "$BASE/$name.tv" >>"$BASE/$name.m"
        awk -F': ' '/User time|System time/ {s+=$2} END {printf "%.2f\n", s}' "$BASE/$name.tv" >>"$BASE/$name.c"
    fi
    return $rc
}
median() { sort -g "$1" | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else printf "%.3f\n", (a[NR/2]+a[NR/2+1])/2}'; }
cpu_med() { if [ -s "$1" ]; then median "$1"; else echo "n/a"; fi; }
peak_mb() { if [ -s "$1" ]; then sort -g "$1" | tail -1 | awk '{printf "%.0f", $1/1024}'; else echo "n/a"; fi; }
# paired OURS OTHER [START]: each run's ratio of our time to the other tool's (less START
# seconds) in that same run, as "median (lowest-highest)": a machine that slows down
# between runs moves both times of a run alike, so this drifts less than medians' ratio.
paired() {
    paste "$1" "$2" | awk -v s="${3:-0}" 'NF == 2 {print $1 / ($2 - s)}' | sort -g |
        awk '{a[NR]=$1} END {if (NR==0) {print "n/a"; exit}
            m = (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2
            printf "%.2fx (%.2fx-%.2fx)", m, a[1], a[NR]}'
}
count_html() { { find "$1" -type f -name '*.html' 2>/dev/null || true; } | wc -l; }
count_files() { { find "$1" -type f 2>/dev/null || true; } | wc -l; }
count_bytes() { { find "$1" -type f -printf '%s\n' 2>/dev/null || true; } | awk '{s+=$1} END {printf "%.0f", s}'; }
human() { awk -v b="$1" 'BEGIN {if (b>=1e9) printf "%.2f GB", b/1e9; else printf "%.1f MB", b/1e6}'; }

ROWS=()   # table rows, printed at the end
row() { ROWS+=("$(printf '%-16s %-22s %8s %8s %9s %8s %8s %11s' "$@")"); }

bench_size() {
    local W=$1 C=$2 RUNS=$3
    local N=$((W * C)) label
    label=$(echo "$N" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta')
    local shape="$label ($W x $C)"
    local SITE="$BASE/site" HSITE="$BASE/hugo" OUT="$BASE/public" HOUT="$BASE/hugo-public"
    local ZSITE="$BASE/zola" ZOUT="$BASE/zola-public"
    rm -rf "$BASE"/*
    echo
    echo "== $label contributions ($W wijken x $C), $RUNS runs each"
    local feeds=()
    [ "${HUGO_FEEDS:-0}" = 1 ] && feeds=(--hugo-feeds)
    [ -n "$ZOLA" ] && feeds+=(--zola "$ZSITE")
    python3 scripts/gen_corpus.py --wijken "$W" --per-wijk "$C" --seed 1 \
        --out "$SITE" --hugo "$HSITE" "${feeds[@]}"

    # Baseline: read and copy the Markdown.
    for _ in $(seq "$RUNS"); do
        rm -rf "$BASE/copy"
        run_timed cp cp -r "$SITE/content" "$BASE/copy"
    done
    rm -rf "$BASE/copy"

    # check: must exit 0 (warnings only) on a valid corpus.
    local check_ok=1
    for i in $(seq "$RUNS"); do
        if ! run_timed check "$BIN" check --root "$SITE"; then
            check_ok=0
            loud "wijkverhaal check --root SITE failed (exit status non-zero) on the generated $label corpus; first lines:"
            grep -v -i 'warning' "$BASE/check.log" | head -20 >&2 || true
            break
        fi
    done
    if [ $check_ok = 1 ]; then
        local findings
        findings=$(grep -oE '(warning|error)\[[a-z-]+\]' "$BASE/check.log" | sort | uniq -c | awk '{printf "%s %s, ", $2, $1}' | sed 's/, $//' || true)
        echo "check findings: ${findings:-none counted (text output has no 'warning[code]' lines)}"
        tail -n 3 "$BASE/check.log" | sed 's/^/  check: /'
    fi

    # build and Hugo, interleaved so that background load hits both alike.
    local build_ok=1
    for i in $(seq "$RUNS"); do
        rm -rf "$OUT"
        if ! run_timed build "$BIN" build --root "$SITE" --output "$OUT"; then
            build_ok=0
            loud "wijkverhaal build failed on the generated $label corpus; first lines:"
            head -20 "$BASE/build.log" >&2
            break
        fi
        if [ -n "$HUGO" ]; then
            rm -rf "$HOUT"
            if ! run_timed hugo "$HUGO" --quiet -s "$HSITE" -d "$HOUT" --cacheDir "$BASE/hugo-cache"; then
                echo "hugo failed:" >&2; head -20 "$BASE/hugo.log" >&2
                HUGO_FAILED=1
            fi
        fi
        if [ -n "$ZOLA" ]; then
            rm -rf "$ZOUT"
            # npm's Zola exits 0 when the build fails, so its output is checked too.
            if ! run_timed zola "$ZOLA" --root "$ZSITE" build --output-dir "$ZOUT" || [ "$(count_html "$ZOUT")" -eq 0 ]; then
                echo "zola failed:" >&2; head -20 "$BASE/zola.log" >&2
                ZOLA_FAILED=1
            fi
        fi
        printf '  run %d: build %ss%s%s\n' "$i" "$(tail -1 "$BASE/build.t")" \
            "$([ -n "$HUGO" ] && echo ", hugo $(tail -1 "$BASE/hugo.t")s")" \
            "$([ -n "$ZOLA" ] && [ -s "$BASE/zola.t" ] && echo ", zola $(tail -1 "$BASE/zola.t")s")"
    done

    if [ $build_ok = 1 ] && [ "$(count_html "$OUT")" -eq 0 ]; then
        build_ok=0
        loud "wijkverhaal build exited 0 but wrote no .html page to $OUT"
    fi

    local t pages
    t=$(median "$BASE/cp.t")
    row "$shape" "cp -r content" "$t" "$(cpu_med "$BASE/cp.c")" "" "$(peak_mb "$BASE/cp.m")" "$(count_files "$SITE/content")" "$(human "$(count_bytes "$SITE/content")")"
    if [ $build_ok = 1 ]; then
        t=$(median "$BASE/build.t"); pages=$(count_html "$OUT")
        row "$shape" "wijkverhaal build" "$t" "$(cpu_med "$BASE/build.c")" "$(awk -v p="$pages" -v t="$t" 'BEGIN {printf "%.0f", p/t}')" \
            "$(peak_mb "$BASE/build.m")" "$(count_files "$OUT")" "$(human "$(count_bytes "$OUT")")"
        echo "  output: $pages .html pages"
    else
        row "$shape" "wijkverhaal build" "FAILED" "" "" "" "" ""
    fi
    if [ $check_ok = 1 ]; then
        row "$shape" "wijkverhaal check" "$(median "$BASE/check.t")" "$(cpu_med "$BASE/check.c")" "" "$(peak_mb "$BASE/check.m")" "" ""
    else
        row "$shape" "wijkverhaal check" "FAILED" "" "" "" "" ""
    fi
    local ht=""
    if [ -n "$HUGO" ] && [ -s "$BASE/hugo.t" ] && [ -z "${HUGO_FAILED:-}" ]; then
        ht=$(median "$BASE/hugo.t"); pages=$(count_html "$HOUT")
        row "$shape" "hugo$([ "${HUGO_FEEDS:-0}" = 1 ] && echo ' (+rss, sitemap)')" "$ht" "$(cpu_med "$BASE/hugo.c")" \
            "$(awk -v p="$pages" -v t="$ht" 'BEGIN {printf "%.0f", p/t}')" \
            "$(peak_mb "$BASE/hugo.m")" "$(count_files "$HOUT")" "$(human "$(count_bytes "$HOUT")")"
    elif [ -z "$HUGO" ]; then
        row "$shape" "hugo (skipped)" "-" "" "" "" "" ""
    fi
    local zt=""
    if [ -n "$ZOLA" ] && [ -s "$BASE/zola.t" ] && [ -z "${ZOLA_FAILED:-}" ]; then
        zt=$(median "$BASE/zola.t"); pages=$(count_html "$ZOUT")
        row "$shape" "zola" "$zt" "$(cpu_med "$BASE/zola.c")" \
            "$(awk -v p="$pages" -v t="$zt" 'BEGIN {printf "%.0f", p/t}')" \
            "$(peak_mb "$BASE/zola.m")" "$(count_files "$ZOUT")" "$(human "$(count_bytes "$ZOUT")")"
    elif [ -z "$ZOLA" ]; then
        row "$shape" "zola (not installed)" "-" "" "" "" "" ""
    fi

    # Targets of issue 15 (which tighten those of issue 6).
    if [ $build_ok = 1 ]; then
        local bt bc mem
        bt=$(median "$BASE/build.t"); bc=$(cpu_med "$BASE/build.c"); mem=$(peak_mb "$BASE/build.m")
        echo "$bc" >"$KEPT/cpu-$W-$C" 2>/dev/null || true
        met() { awk "BEGIN {print ($1) ? \"MET\" : \"MISSED\"}"; }
        case "$W x $C" in
        "50 x 200")
            local vs_hugo="no Hugo" vs_zola="no Zola (not installed)"
            [ -n "$ht" ] && vs_hugo="$(awk -v b="$bt" -v h="$ht" 'BEGIN {printf "%.2f", b/h}')x Hugo's ${ht}s: $(met "$bt <= $ht / 2")"
            if [ -n "$zt" ]; then
                local zs; zs=$(awk -v z="$zt" -v s="$ZOLA_START" 'BEGIN {printf "%.3f", z - s}')
                vs_zola="$(awk -v b="$bt" -v z="$zs" 'BEGIN {printf "%.2f", b/z}')x Zola's ${zs}s without its ${ZOLA_START}s start (${zt}s with it): $(met "$bt <= $zs / 2")"
            fi
            TARGETS+=("$label: build ${bt}s wall, ${vs_hugo} (target <= 0.5x); ${vs_zola}")
            local pairs="run by run (median, range):"
            [ -n "$ht" ] && pairs+=" $(paired "$BASE/build.t" "$BASE/hugo.t") Hugo's"
            [ -n "$zt" ] && pairs+=" $(paired "$BASE/build.t" "$BASE/zola.t" "$ZOLA_START") Zola's (without its start)"
            [ -n "$ht$zt" ] && TARGETS+=("$label: $pairs")
            TARGETS+=("$label: build ${bc} CPU s vs <= 1.2: $(met "$bc <= 1.2"); peak ${mem} MB vs < 60 MB: $(met "$mem < 60")")
            if [ $check_ok = 1 ]; then
                local ct; ct=$(median "$BASE/check.t")
                TARGETS+=("$label: check ${ct}s vs < 1 s (issue 3): $(met "$ct < 1")")
            fi ;;
        "1 x 5000")
            local per_big per_spread
            per_big=$(awk -v c="$bc" 'BEGIN {printf "%.3f", c / 5000 * 1000}')
            if [ -s "$KEPT/cpu-25-200" ]; then
                per_spread=$(awk -v c="$(cat "$KEPT/cpu-25-200")" 'BEGIN {printf "%.3f", c / 5000 * 1000}')
                TARGETS+=("$label in one wijk: ${per_big} CPU ms per contribution vs ${per_spread} spread over 25 wijken (target within 1.3x): $(met "$per_big <= 1.3 * $per_spread"); peak ${mem} MB")
            else
                TARGETS+=("$label in one wijk: ${per_big} CPU ms per contribution (run the 25 x 200 case first to compare)")
            fi
            if [ $check_ok = 1 ]; then
                local ct cm; ct=$(median "$BASE/check.t"); cm=$(peak_mb "$BASE/check.m")
                TARGETS+=("$label in one wijk: check ${ct}s vs < 1 s: $(met "$ct < 1"); ${cm} MB vs < 100 MB: $(met "$cm < 100")")
            fi ;;
        "1000 x 100")
            TARGETS+=("$label: build ${bt}s vs < 8 s: $(met "$bt < 8"); peak ${mem} MB vs < 100 MB: $(met "$mem < 100")") ;;
        *)
            TARGETS+=("$label ($W x $C): build ${bt}s wall, ${bc} CPU s, peak ${mem} MB (no target)") ;;
        esac
    fi
    rm -rf "${BASE:?}"/*
}

TARGETS=()
if [ -n "${SIZES:-}" ]; then
    for size in $SIZES; do bench_size "${size%x*}" "${size#*x}" "${RUNS:-5}"; done
else
    bench_size 50 200 "${RUNS:-5}"
    bench_size 25 200 "${RUNS:-5}"
    bench_size 1 5000 "${RUNS:-5}"
    if [ $QUICK = 0 ]; then
        bench_size 500 100 "${RUNS:-3}"
        bench_size 1000 100 "${RUNS:-3}"
    fi
fi

# What maps cost, in its own script (issue 12).
if [ $EXTRAS = 1 ]; then
    "$REPO/scripts/bench_maps.sh" || loud "scripts/bench_maps.sh failed"
fi

echo
echo "== results (medians of the runs: wall and CPU (user + system) seconds; peak RSS: highest of the runs)"
printf '%-16s %-22s %8s %8s %9s %8s %8s %11s\n' "contributions" "what" "wall s" "cpu s" "pages/s" "peak MB" "files" "bytes"
printf '%s\n' "${ROWS[@]}"
echo
echo "== targets (issue 15)"
if [ ${#TARGETS[@]} -eq 0 ]; then echo "nothing measured"; else printf '%s\n' "${TARGETS[@]}"; fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ $EXTRAS = 0 ]; then
    [ $FAILED = 0 ] || { echo "!!!!!!!! wijkverhaal failed on a generated corpus: see the messages above" >&2; exit 1; }
    exit 0
fi
echo; echo "== publishing: build --compress and hashed assets (issue 14)"; "$REPO/scripts/bench_publish.sh" || loud "scripts/bench_publish.sh failed"
echo; echo "== images (issue 9)"; "$REPO/scripts/bench_images.sh" || loud "scripts/bench_images.sh failed"
echo
echo "== letters (issue 13): scripts/bench_letters.sh"
RUNS=1 "$REPO/scripts/bench_letters.sh" || FAILED=1
echo; echo "== hostile input (issue 10): scripts/bench_hardening.sh"; RUNS=3 "$REPO/scripts/bench_hardening.sh" || loud "scripts/bench_hardening.sh failed"
if [ $FAILED = 1 ]; then
    echo
    echo "!!!!!!!! wijkverhaal failed on a generated corpus: see the messages above" >&2
    exit 1
fi

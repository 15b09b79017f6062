#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tools/build-busybox.sh - build a static riscv64 BusyBox with the musl
# sysroot of tools/build-musl.sh, for the `busybox` boot test suite.
#
# The sources are Debian's busybox package (apt-get source busybox, with
# Debian's patches applied by dpkg-source), so the build is reproducible
# from the archive the machine already uses. The configuration is
# `make allnoconfig` plus the applets listed in APPLETS below (a small
# shell userland), so the build stays short. The result lives in a cache
# OUTSIDE the source tree:
#
#   ${RACHO_CACHE:-$HOME/.cache/racho}/busybox/busybox        (the binary)
#   ${RACHO_CACHE:-$HOME/.cache/racho}/busybox/busybox.links  (applet paths)
#   ${RACHO_CACHE:-$HOME/.cache/racho}/busybox/.racho-stamp
#
# Idempotent: when the stamp matches, it exits at once.
# Usage: tools/build-busybox.sh [--force]

set -eu

CACHE=${RACHO_CACHE:-$HOME/.cache/racho}
SYSROOT=$CACHE/musl-riscv64
CC_WRAPPER=$SYSROOT/bin/riscv64-racho-musl-cc
OUT=$CACHE/busybox
SRCDIR=$CACHE/src
JOBS=$(nproc 2>/dev/null || echo 2)
FORCE=0

# CONFIG_ names turned on over allnoconfig. Keep in sync with the stamp.
APPLETS="STATIC LONG_OPTS SHOW_USAGE BUSYBOX FEATURE_INSTALLER
ASH SH_IS_ASH BASH_IS_NONE ASH_ECHO ASH_PRINTF ASH_TEST ASH_GETOPTS
ASH_CMDCMD ASH_ALIAS ASH_BASH_COMPAT ASH_EXPAND_PRMT
FEATURE_SH_MATH FEATURE_SH_MATH_64 FEATURE_SH_MATH_BASE
ECHO FEATURE_FANCY_ECHO LS FEATURE_LS_FILETYPES FEATURE_LS_FOLLOWLINKS
FEATURE_LS_RECURSIVE FEATURE_LS_SORTFILES FEATURE_LS_TIMESTAMPS
FEATURE_LS_USERNAME CAT MKDIR RM RMDIR MV CP LN PS FREE UNAME SLEEP
FEATURE_FANCY_SLEEP FLOAT_DURATION TRUE FALSE TEST TEST1 TEST2 PRINTF WC HEAD TAIL
FEATURE_FANCY_HEAD FEATURE_FANCY_TAIL GREP EGREP FGREP SED SEQ MOUNT
UMOUNT POWEROFF HALT REBOOT KILL ENV ID PWD TOUCH DATE SORT UNIQ CUT TR
XARGS FIND BASENAME DIRNAME YES EXPR MKNOD STAT DF DU CHMOD CHOWN
HOSTNAME DMESG TEE PRINTENV WHICH USLEEP SYNC MKTEMP READLINK REALPATH
TIMEOUT NPROC UPTIME KILLALL PIDOF"
STAMP_VERSION="busybox-1.35.0 racho-1 $(echo "$APPLETS" | cksum)"

log() { printf 'build-busybox: %s\n' "$*"; }
die() { printf 'build-busybox: error: %s\n' "$*" >&2; exit 1; }
run() { log "+ $*"; "$@" || die "command failed: $*"; }

case "${1:-}" in
--force) FORCE=1 ;;
"") ;;
*) die "usage: $0 [--force]" ;;
esac

if [ $FORCE = 0 ] && [ -x "$OUT/busybox" ] &&
	[ "$(cat "$OUT/.racho-stamp" 2>/dev/null)" = "$STAMP_VERSION" ]; then
	log "up to date: $OUT/busybox"
	exit 0
fi
[ -x "$CC_WRAPPER" ] || die "no $CC_WRAPPER: run tools/build-musl.sh first"

# --- 1. sources (the deb-src entry is tools/build-musl.sh's) ----------------
mkdir -p "$SRCDIR"
src=$(ls -d "$SRCDIR"/busybox-1.* 2>/dev/null | head -1 || true)
if [ -z "$src" ]; then
	(cd "$SRCDIR" && run apt-get source busybox) >"$SRCDIR/busybox-source.log" 2>&1 ||
		die "apt-get source busybox failed (see $SRCDIR/busybox-source.log; tools/build-musl.sh adds the deb-src entry)"
	src=$(ls -d "$SRCDIR"/busybox-1.* | head -1)
fi
log "sources: $src"

# --- 2. configure: allnoconfig + APPLETS, out of tree ------------------------
build=$CACHE/busybox-build
rm -rf "$build"
mkdir -p "$build"
# BusyBox makes its built-in.o files with `$(CC) -nostdlib -r`: a partial
# link must not get musl's start files, which the sysroot wrapper adds.
cat >"$build/cc" <<WRAP
#!/bin/sh
for a in "\$@"; do
	[ "\$a" = -r ] && exec clang-22 --target=riscv64-linux-musl \\
		-march=rv64gc -mabi=lp64d -fuse-ld=lld "\$@"
done
exec "$CC_WRAPPER" "\$@"
WRAP
chmod +x "$build/cc"
MAKEARGS="-C $src O=$build CC=$build/cc HOSTCC=cc AR=llvm-ar-22
	STRIP=llvm-strip-22 OBJCOPY=llvm-objcopy-22 NM=llvm-nm-22 SKIP_STRIP=y"
# shellcheck disable=SC2086 # MAKEARGS is a word list
run make $MAKEARGS allnoconfig >/dev/null
for opt in $APPLETS; do
	sed -i "s/^# CONFIG_$opt is not set\$/CONFIG_$opt=y/" "$build/.config"
	grep -q "^CONFIG_$opt=y" "$build/.config" ||
		echo "CONFIG_$opt=y" >>"$build/.config"
done
# shellcheck disable=SC2086
yes "" | make $MAKEARGS oldconfig >/dev/null 2>&1 || die "make oldconfig failed"

# --- 3. build ---------------------------------------------------------------
# clang warns about much that gcc does not; none of it is ours to fix.
# shellcheck disable=SC2086
run make $MAKEARGS -j"$JOBS" EXTRA_CFLAGS="-w -Wno-error" busybox \
	>"$build/make.log" 2>&1 || { tail -40 "$build/make.log"; die "make failed"; }
file "$build/busybox" | grep -q 'statically linked' || die "busybox is not static"

mkdir -p "$OUT"
cp "$build/busybox" "$OUT/busybox.new"
llvm-strip-22 "$OUT/busybox.new"
mv "$OUT/busybox.new" "$OUT/busybox"
# shellcheck disable=SC2086
make $MAKEARGS busybox.links >/dev/null 2>&1 || die "make busybox.links failed"
cp "$build/busybox.links" "$OUT/busybox.links"
echo "$STAMP_VERSION" >"$OUT/.racho-stamp"
log "built $OUT/busybox ($(wc -l <"$OUT/busybox.links") applets)"

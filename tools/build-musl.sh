#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# tools/build-musl.sh - build a static musl 1.2.3 sysroot for riscv64 user
# programs (the initramfs test suite), with the project's clang-22/lld-22.
#
# The sources are Debian's musl package (apt-get source musl), so the build
# is reproducible from the archive the machine already uses. The result
# lives in a cache OUTSIDE the source tree:
#
#   ${RACHO_CACHE:-$HOME/.cache/racho}/musl-riscv64/
#       include/  lib/{libc.a,crt1.o,crti.o,crtn.o,...}   (musl, --prefix)
#       lib/libgcc.a lib/crtbeginT.o lib/crtend.o          (from GCC, see below)
#       bin/riscv64-racho-musl-cc                          (compile+link wrapper)
#       .racho-stamp                                       (built-and-tested marker)
#
# Debian 12 ships no riscv64 compiler-rt builtins, so the runtime helpers
# (128-bit long double soft-float __addtf3 & co.) and crtbeginT.o/crtend.o
# come from libgcc-12-dev-riscv64-cross.
#
# Idempotent: when the stamp exists, it only re-checks the wrapper and exits.
# Prints every step; exits non-zero on any failure.
#
# Usage: tools/build-musl.sh [--force]
# Then:  meson setup build-x ... -Dmusl_sysroot=$HOME/.cache/racho/musl-riscv64

set -eu

MUSL_VERSION=1.2.3
STAMP_VERSION="musl-$MUSL_VERSION racho-1"
CACHE=${RACHO_CACHE:-$HOME/.cache/racho}
SYSROOT=$CACHE/musl-riscv64
SRCDIR=$CACHE/src
CLANG=clang-22
GCCLIB=/usr/lib/gcc-cross/riscv64-linux-gnu/12
TARGET_FLAGS="--target=riscv64-linux-musl -march=rv64gc -mabi=lp64d"
JOBS=$(nproc 2>/dev/null || echo 2)
FORCE=0

log() { printf 'build-musl: %s\n' "$*"; }
die() { printf 'build-musl: error: %s\n' "$*" >&2; exit 1; }
run() { log "+ $*"; "$@" || die "command failed: $*"; }

case "${1:-}" in
--force) FORCE=1 ;;
"") ;;
*) die "usage: $0 [--force]" ;;
esac

# --- 1. host packages -------------------------------------------------------
need_pkgs() {
	missing=""
	for spec in clang-22:clang-22 ld.lld-22:lld-22 llvm-ar-22:llvm-22 \
		    dpkg-source:dpkg-dev make:make file:file; do
		cmd=${spec%%:*}
		pkg=${spec#*:}
		command -v "$cmd" >/dev/null 2>&1 || missing="$missing $pkg"
	done
	[ -f "$GCCLIB/libgcc.a" ] || missing="$missing libgcc-12-dev-riscv64-cross"
	if [ -n "$missing" ]; then
		if [ "$(id -u)" = 0 ]; then
			# shellcheck disable=SC2086 # a list of package names
			run apt-get install -y $missing
		else
			die "missing packages; run: sudo apt-get install -y$missing"
		fi
	fi
}

# --- 2. deb-src entry for the archive the machine already uses ---------------
SRC_LIST=/etc/apt/sources.list.d/racho-src.sources
ensure_deb_src() {
	if apt-cache showsrc musl 2>/dev/null | grep -q "^Version: $MUSL_VERSION-"; then
		return 0
	fi
	[ "$(id -u)" = 0 ] ||
		die "no deb-src entry for musl; as root, add $SRC_LIST (see this script) and run apt-get update"
	log "adding $SRC_LIST (deb-src for bookworm, bookworm-updates, bookworm-security)"
	cat >"$SRC_LIST" <<'EOF'
# Added by racho tools/build-musl.sh: source packages (apt-get source musl).
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
	run apt-get update
}

# --- 3. sources ---------------------------------------------------------------
fetch_source() {
	if [ -f "$SRCDIR/musl-$MUSL_VERSION/configure" ]; then
		log "using sources in $SRCDIR/musl-$MUSL_VERSION"
		return 0
	fi
	ensure_deb_src
	run mkdir -p "$SRCDIR"
	log "+ (cd $SRCDIR && apt-get source musl) (log: $SRCDIR/apt-get-source.log)"
	(cd "$SRCDIR" && apt-get source musl >apt-get-source.log 2>&1) ||
		{ cat "$SRCDIR/apt-get-source.log" >&2; die "apt-get source musl failed"; }
	[ -f "$SRCDIR/musl-$MUSL_VERSION/configure" ] ||
		die "apt-get source did not produce $SRCDIR/musl-$MUSL_VERSION"
}

# --- 4. configure, build, install into a fresh sysroot ------------------------
build_sysroot() {
	bdir=$CACHE/musl-build
	tmp=$SYSROOT.tmp
	run rm -rf "$bdir" "$tmp"
	run mkdir -p "$bdir"
	log "configuring musl $MUSL_VERSION in $bdir"
	(cd "$bdir" && "$SRCDIR/musl-$MUSL_VERSION/configure" \
		--prefix="$tmp" --target=riscv64-linux-musl \
		--disable-shared \
		CC="$CLANG $TARGET_FLAGS" \
		AR=llvm-ar-22 RANLIB=llvm-ranlib-22 \
		LIBCC="$GCCLIB/libgcc.a" >configure.log 2>&1) ||
		{ cat "$bdir/configure.log" >&2; die "musl configure failed"; }
	start=$(date +%s)
	log "+ make -C $bdir -j$JOBS (log: $bdir/make.log)"
	make -C "$bdir" -j"$JOBS" >"$bdir/make.log" 2>&1 ||
		{ tail -40 "$bdir/make.log" >&2; die "musl build failed"; }
	make -C "$bdir" install >>"$bdir/make.log" 2>&1 ||
		{ tail -40 "$bdir/make.log" >&2; die "musl install failed"; }
	log "musl built and installed in $(( $(date +%s) - start )) s"
	for f in libgcc.a crtbeginT.o crtend.o; do
		run cp "$GCCLIB/$f" "$tmp/lib/$f"
	done
	run rm -rf "$SYSROOT"
	run mv "$tmp" "$SYSROOT"
}

# --- 5. the compiler wrapper ---------------------------------------------------
write_wrapper() {
	run mkdir -p "$SYSROOT/bin"
	w=$SYSROOT/bin/riscv64-racho-musl-cc
	cat >"$w.tmp" <<'EOF'
#!/bin/sh
# riscv64-racho-musl-cc: compile and/or link a static riscv64 musl program.
# Generated by racho tools/build-musl.sh. The sysroot is this script's
# parent directory, so the cache can be moved (but its path must not
# contain spaces).
# With -c/-S/-E/-M/-MM/-fsyntax-only it only compiles; otherwise it links
# statically: crt1.o crti.o crtbeginT.o <objects> -lc libgcc.a crtend.o crtn.o.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
res=$(clang-22 -print-resource-dir)
cflags="--target=riscv64-linux-musl -march=rv64gc -mabi=lp64d
	-fno-pie --sysroot=$here -nostdinc -isystem $here/include -isystem $res/include"
link=1
for a in "$@"; do
	case "$a" in
	-c|-S|-E|-M|-MM|-fsyntax-only) link=0 ;;
	esac
done
if [ $link = 0 ]; then
	# shellcheck disable=SC2086 # cflags is a word list
	exec clang-22 $cflags "$@"
fi
L=$here/lib
# shellcheck disable=SC2086
exec clang-22 $cflags -static -nostdlib -fuse-ld=lld \
	"$L/crt1.o" "$L/crti.o" "$L/crtbeginT.o" \
	"$@" \
	-L"$L" -Wl,--start-group -lc "$L/libgcc.a" -Wl,--end-group \
	"$L/crtend.o" "$L/crtn.o"
EOF
	chmod 755 "$w.tmp"
	if cmp -s "$w.tmp" "$w"; then
		rm -f "$w.tmp"
		log "wrapper up to date: $w"
	else
		mv "$w.tmp" "$w"
		log "wrapper written: $w"
	fi
}

# --- 6. smoke test: a static hello world ----------------------------------------
smoke_test() {
	t=$CACHE/musl-smoke
	run rm -rf "$t"
	run mkdir -p "$t"
	cat >"$t/hello.c" <<'EOF'
#include <stdio.h>
int main(void)
{
	volatile long double v = 1.5L;	/* not constant-folded: */
	long double x = v * v + 0.25L;	/* __multf3/__addtf3 from libgcc */
	printf("hello from musl riscv64: %d\n", (int)x);
	return 0;
}
EOF
	run "$SYSROOT/bin/riscv64-racho-musl-cc" -O2 -Wall -c -o "$t/hello.o" "$t/hello.c"
	run "$SYSROOT/bin/riscv64-racho-musl-cc" -o "$t/hello" "$t/hello.o"
	llvm-nm-22 "$t/hello" | grep -qE ' [tT] __multf3$' ||
		die "hello does not link __multf3 from libgcc.a"
	desc=$(file -b "$t/hello")
	log "file: $desc"
	case "$desc" in
	*RISC-V*statically\ linked*) ;;
	*) die "hello is not a static RISC-V executable" ;;
	esac
	if command -v qemu-riscv64 >/dev/null 2>&1; then
		out=$(qemu-riscv64 "$t/hello") || die "hello failed under qemu-riscv64"
		log "qemu-riscv64: $out"
		[ "$out" = "hello from musl riscv64: 2" ] || die "unexpected output"
	else
		log "qemu-riscv64 not installed; skipping the run test"
	fi
}

need_pkgs
if [ $FORCE = 0 ] && [ -f "$SYSROOT/.racho-stamp" ] &&
   [ "$(cat "$SYSROOT/.racho-stamp")" = "$STAMP_VERSION" ]; then
	log "sysroot up to date: $SYSROOT"
	write_wrapper
	exit 0
fi
log "building musl $MUSL_VERSION sysroot in $SYSROOT"
fetch_source
build_sysroot
write_wrapper
smoke_test
echo "$STAMP_VERSION" >"$SYSROOT/.racho-stamp"
log "done: configure with -Dmusl_sysroot=$SYSROOT"

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""tools/check_hot_text.py - the system-call path stays in one page.

Usage: tools/check_hot_text.py NM RACHO_ELF HOT_TEXT_LIST

Every function named in HOT_TEXT_LIST (tools/hot-text.txt, which the link
passes to lld as --symbol-ordering-file) that is still a symbol of
RACHO_ELF must lie, start and end, in the same 4 KiB page as
ostd_trap_vector. Names ThinLTO inlined away are fine (they are inside
their caller); a name that is in neither the image nor an inlined caller
is reported as stale, so that a renamed function cannot silently drop out
of the page. Under QEMU's TCG a jump within a page is chained, a jump to
another page is a lookup (docs/performance.md).
Exit status: 0 ok, 1 a listed function outside the page or stale, 2 usage.
"""
import subprocess
import sys

PAGE = 4096


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    nm, elf, listing = sys.argv[1:]
    out = subprocess.run([nm, "-S", elf], check=True, capture_output=True,
                         text=True).stdout
    syms = {}
    for line in out.splitlines():
        f = line.split()
        if len(f) == 4 and f[2] in "tT":
            syms[f[3]] = (int(f[0], 16), int(f[1], 16))
    if "ostd_trap_vector" not in syms:
        print("check_hot_text: no ostd_trap_vector in", elf)
        return 1
    page = syms["ostd_trap_vector"][0] // PAGE
    dwarf = subprocess.run([nm.replace("llvm-nm", "llvm-dwarfdump"),
                            "--debug-info", elf], capture_output=True,
                           text=True).stdout
    bad = 0
    names = [n.strip() for n in open(listing) if n.strip()
             and not n.startswith("#")]
    for name in names:
        if name in syms:
            start, size = syms[name]
            end = start + max(size, 1) - 1
            ok = start // PAGE == page and end // PAGE == page
            print(f"{'ok ' if ok else 'BAD'} {name}: {start:#x}+{size:#x}")
            bad += not ok
        elif f'DW_AT_name\t("{name}")' in dwarf or f'("{name}")' in dwarf:
            print(f"ok  {name}: inlined")
        else:
            print(f"BAD {name}: not in the image (stale name?)")
            bad += 1
    print(f"check_hot_text: {len(names)} names, {bad} bad")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

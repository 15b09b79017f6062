#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""tools/mkcpio.py - write a newc ("070701") cpio archive, e.g. an initramfs.

Deterministic: entries are written in command-line order, inode numbers
count from 1, uid/gid are 0 and every mtime is $SOURCE_DATE_EPOCH (0 if
unset), so the same inputs always give the same bytes. Missing parent
directories are added (mode 0755) before their first child.

Usage:
  mkcpio.py -o OUT [entry ...]
entries (repeatable, in any order you want them in the archive):
  --dir PATH MODE               a directory
  --file PATH MODE SRC          a regular file with SRC's contents
  --file-into DIR MODE SRC      the same as DIR/NAME, NAME being SRC's file
                                name without a ".elf" suffix
  --symlink PATH TARGET         a symbolic link (mode 0777)
  --cdev PATH MODE MAJOR MINOR  a character device node (e.g. /dev/console)
MODE is octal permission bits (e.g. 0755). Paths are stored without the
leading '/', as the Linux kernel and GNU cpio expect ("init", "tests/x").

Example:
  mkcpio.py -o tests.cpio --cdev /dev/console 0600 5 1 \\
      --file /init 0755 build/runner --file /tests/time 0755 build/time
"""

import os
import sys

S_IFDIR = 0o040000
S_IFREG = 0o100000
S_IFLNK = 0o120000
S_IFCHR = 0o020000


def pad4(n):
    return (4 - n % 4) % 4


class Writer:
    def __init__(self, mtime):
        self.out = bytearray()
        self.ino = 0
        self.mtime = mtime
        self.seen = set()

    def entry(self, name, mode, data=b"", rdev=(0, 0), nlink=1):
        if name != "TRAILER!!!":
            self.ino += 1
        raw = name.encode() + b"\0"
        fields = [self.ino if name != "TRAILER!!!" else 0, mode, 0, 0, nlink,
                  self.mtime, len(data), 0, 0, rdev[0], rdev[1], len(raw), 0]
        for v in fields:
            if not 0 <= v <= 0xFFFFFFFF:
                raise ValueError(f"{name}: field {v} does not fit newc")
        self.out += b"070701" + b"".join(b"%08X" % v for v in fields)
        self.out += raw + b"\0" * pad4(110 + len(raw))
        self.out += data + b"\0" * pad4(len(data))

    def parents(self, name):
        parts = name.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            d = "/".join(parts[:i])
            if d not in self.seen:
                self.seen.add(d)
                self.entry(d, S_IFDIR | 0o755, nlink=2)

    def add(self, name, mode, data=b"", rdev=(0, 0)):
        name = name.strip("/")
        if not name or name in self.seen:
            raise ValueError(f"bad or duplicate path {name!r}")
        self.parents(name)
        self.seen.add(name)
        nlink = 2 if mode & 0o170000 == S_IFDIR else 1
        self.entry(name, mode, data, rdev, nlink)

    def finish(self):
        self.entry("TRAILER!!!", 0)
        self.out += b"\0" * ((512 - len(self.out) % 512) % 512)
        return bytes(self.out)


NARGS = {"--dir": 2, "--file": 3, "--file-into": 3, "--symlink": 2,
         "--cdev": 4}


def parse(argv):
    """Returns (output, [(kind, args), ...]) in command-line order."""
    output, ops, i = None, [], 0
    while i < len(argv):
        a = argv[i]
        if a in ("-h", "--help"):
            print(__doc__)
            sys.exit(0)
        if a in ("-o", "--output") and i + 1 < len(argv):
            output, i = argv[i + 1], i + 2
        elif a in NARGS and i + NARGS[a] < len(argv):
            ops.append((a[2:], argv[i + 1:i + 1 + NARGS[a]]))
            i += 1 + NARGS[a]
        else:
            sys.exit(f"mkcpio: bad or incomplete argument {a!r} (see --help)")
    if output is None:
        sys.exit("mkcpio: -o OUT is required (see --help)")
    return output, ops


def main(argv):
    output, ops = parse(argv)
    w = Writer(int(os.environ.get("SOURCE_DATE_EPOCH", "0")))
    try:
        for kind, op in ops:
            if kind == "dir":
                w.add(op[0], S_IFDIR | int(op[1], 8))
            elif kind in ("file", "file-into"):
                path = op[0]
                if kind == "file-into":
                    name = os.path.basename(op[2])
                    if name.endswith(".elf"):
                        name = name[:-4]
                    path = path.rstrip("/") + "/" + name
                with open(op[2], "rb") as f:
                    w.add(path, S_IFREG | int(op[1], 8), f.read())
            elif kind == "symlink":
                w.add(op[0], S_IFLNK | 0o777, op[1].encode())
            else:
                w.add(op[0], S_IFCHR | int(op[1], 8),
                      rdev=(int(op[2]), int(op[3])))
    except (OSError, ValueError) as e:
        sys.exit(f"mkcpio: {e}")
    data = w.finish()
    tmp = output + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, output)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

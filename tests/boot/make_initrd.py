#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Makes the broken initramfs images of the negative boot tests.

Usage: make_initrd.py KIND OUT
  empty    a zero-byte file (QEMU passes it as start == end)
  corrupt  a newc archive whose second header has a bad magic, at
           offset 116 (the first entry is the directory "etc")
  gzip     a valid archive, gzip-compressed (racho does not decompress)
  noinit   a valid archive with no /init (and nothing init= could run)
  noexec   a valid archive whose /init is an executable text file that
           is neither ELF nor a #! script
  noperm   a valid archive whose /init has no x bit (EACCES even for root)
  contents an archive with every kind of entry and attribute under /t,
           and INIT (user/init/unpack_check.c) as /init, which checks
           them: make_initrd.py contents OUT INIT
Archives are written with tools/mkcpio.py's writer, so they are
deterministic.
"""
import gzip
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    'mkcpio', os.path.join(HERE, '..', '..', 'tools', 'mkcpio.py'))
mkcpio = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mkcpio)


def archive(entries):
    w = mkcpio.Writer(0)
    for name, mode, data in entries:
        w.add(name, mode, data)
    return w.finish()


def basic():
    return archive([('etc/hello', mkcpio.S_IFREG | 0o644, b'hello\n')])


def corrupt():
    data = bytearray(basic())
    # Entry 1, the directory "etc": header (110) + "etc\0" (4), padded to
    # a multiple of 4, and no data: the second header is at 116.
    second = data.index(b'070701', 1)
    data[second:second + 6] = b'070799'
    if second != 116:
        sys.exit(f'make_initrd: second header at {second}, tests expect 116')
    return bytes(data)


def newc(entries):
    """Raw newc entries (name, mode, data, uid, gid, mtime, ino, nlink,
    rdev), for what mkcpio's writer does not make: owners, mtimes, hard
    links sharing an inode, FIFOs, repeated names."""
    out = bytearray()
    for name, mode, data, uid, gid, mtime, ino, nlink, rdev in entries + [
            ('TRAILER!!!', 0, b'', 0, 0, 0, 0, 1, (0, 0))]:
        raw = name.encode() + b'\0'
        fields = [ino, mode, uid, gid, nlink, mtime, len(data), 0, 0,
                  rdev[0], rdev[1], len(raw), 0]
        out += b'070701' + b''.join(b'%08X' % v for v in fields)
        out += raw + b'\0' * ((4 - (110 + len(raw)) % 4) % 4)
        out += data + b'\0' * ((4 - len(data) % 4) % 4)
    return bytes(out)


def contents(init_path):
    S_IFIFO = 0o010000
    reg, dr, lnk = mkcpio.S_IFREG, mkcpio.S_IFDIR, mkcpio.S_IFLNK
    chr_ = mkcpio.S_IFCHR
    with open(init_path, 'rb') as f:
        init = f.read()
    e = [
        # name, mode, data, uid, gid, mtime, ino, nlink, rdev
        ('t', dr | 0o755, b'', 0, 0, 1, 100, 2, (0, 0)),
        ('t/dir', dr | 0o700, b'', 1000, 100, 1234567890, 101, 2, (0, 0)),
        ('t/dir/file', reg | 0o4755, b'hello\n', 0, 0, 1000000000, 102, 1,
         (0, 0)),
        ('t/empty', reg | 0o600, b'', 0, 0, 1, 103, 1, (0, 0)),
        # GNU cpio's hard links: every name, the data with the last one
        ('t/link1', reg | 0o644, b'', 0, 0, 1, 104, 2, (0, 0)),
        ('t/link2', reg | 0o644, b'data\n', 0, 0, 1, 104, 2, (0, 0)),
        ('t/sym', lnk | 0o777, b'dir/file', 1000, 100, 1111111111, 105, 1,
         (0, 0)),
        ('t/fifo', S_IFIFO | 0o644, b'', 0, 0, 1, 106, 1, (0, 0)),
        ('t/null', chr_ | 0o666, b'', 0, 0, 1, 107, 1, (1, 3)),
        # no t/nodir entry: Linux does not create the parent
        ('t/nodir/file', reg | 0o644, b'x', 0, 0, 1, 108, 1, (0, 0)),
        ('t/replaced', reg | 0o644, b'old', 0, 0, 1, 109, 1, (0, 0)),
        ('t/replaced', dr | 0o755, b'', 0, 0, 1, 110, 2, (0, 0)),
        ('t/again', dr | 0o755, b'', 0, 0, 1, 111, 2, (0, 0)),
        ('t/again', dr | 0o711, b'', 0, 0, 1, 111, 2, (0, 0)),
        ('init', reg | 0o755, init, 0, 0, 1, 112, 1, (0, 0)),
    ]
    return newc(e)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == 'contents':
        with open(sys.argv[2], 'wb') as f:
            f.write(contents(sys.argv[3]))
        return 0
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    kind, out = sys.argv[1], sys.argv[2]
    if kind == 'empty':
        data = b''
    elif kind == 'corrupt':
        data = corrupt()
    elif kind == 'gzip':
        data = gzip.compress(basic(), mtime=0)
    elif kind == 'noinit':
        data = basic()
    elif kind == 'noperm':
        data = archive([('init', mkcpio.S_IFREG | 0o644,
                         b'#!/bin/sh\necho no x bit\n')])
    elif kind == 'noexec':
        data = archive([('init', mkcpio.S_IFREG | 0o755,
                         b'this is not a program\n')])
    else:
        sys.exit(f'make_initrd: unknown kind {kind!r}')
    with open(out, 'wb') as f:
        f.write(data)
    return 0


if __name__ == '__main__':
    sys.exit(main())
